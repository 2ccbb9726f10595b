import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  getNamedType, getNullableType, GraphQLError, isInputObjectType, isListType, isNonNullType, isObjectType, Kind, TypeInfo, visit, visitWithTypeInfo,
  type ASTNode, type DocumentNode, type GraphQLField, type GraphQLInputObjectType, type GraphQLInputType, type GraphQLSchema, type ValidationRule, type ValueNode,
} from 'graphql';
import { decodeCursor } from '../schema/contracts/cursor';
import { HUB_SCALARS } from '../subgraphs/shared/scalars';

/**
 * Client input the gateway can judge itself — the hub's own scalars (Date, DateTime) and the
 * `after` cursors of connections — checked with the subgraphs' own rules before any shard is
 * called, so a bad date or a forged cursor is the caller's BAD_USER_INPUT naming the field,
 * never a deployment's failure.
 */

/** Every cursor the hub issues: base64url of [number, string] (see schema/contracts/cursor.ts). */
const CURSOR_SHAPE: ('string' | 'number')[] = ['number', 'string'];

function badInput(field: string, cause: string, nodes?: ASTNode): GraphQLError {
  return new GraphQLError(`${field}：${cause}`, { nodes, extensions: { code: 'BAD_USER_INPUT', field } });
}

/**
 * Checks one client value of a hub scalar with the scalar's own parse function; the error names
 * `field`. Undefined when the value is valid or the type is no hub scalar.
 */
export function hubScalarError(typeName: string, value: unknown, field: string): GraphQLError | undefined {
  const scalar = HUB_SCALARS[typeName];
  if (!scalar) return undefined;
  try {
    scalar.parseValue(value);
    return undefined;
  } catch (error) {
    return badInput(field, (error as Error).message);
  }
}

function cursorError(value: unknown, field: string, nodes?: ASTNode): GraphQLError | undefined {
  if (value === null || value === undefined) return undefined;
  try {
    decodeCursor(String(value), CURSOR_SHAPE);
    return undefined;
  } catch (error) {
    return badInput(field, (error as Error).message, nodes);
  }
}

/** A connection's `after` argument: the field returns a type with `edges` and `pageInfo`. */
function isCursorArgument(name: string, field: GraphQLField<unknown, unknown> | null | undefined): boolean {
  if (name !== 'after' || !field) return false;
  const type = getNamedType(field.type);
  return isObjectType(type) && 'edges' in type.getFields() && 'pageInfo' in type.getFields();
}

type Ancestry = readonly (ASTNode | readonly ASTNode[])[];

/** The argument, input field or variable a value node belongs to (graphql-js lists its ancestors without its parent). */
function fieldNameOf(parent: ASTNode | readonly ASTNode[] | undefined, ancestors: Ancestry): string {
  const chain = parent ? [...ancestors, parent] : ancestors;
  for (let i = chain.length - 1; i >= 0; i--) {
    const node = chain[i] as ASTNode;
    if (node.kind === Kind.OBJECT_FIELD || node.kind === Kind.ARGUMENT) return node.name.value;
    if (node.kind === Kind.VARIABLE_DEFINITION) return node.variable.name.value;
  }
  return 'input';
}

const LITERALS = new Set<string>([Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOLEAN, Kind.ENUM, Kind.OBJECT, Kind.LIST]);

/**
 * Validation rule: literals of hub scalars and literal cursors are checked as the subgraphs will
 * check them; a subscription (the hub has none) is refused with a code rather than failing in
 * execution. Runs in the engine's validation, so its result is cached per document.
 */
export const HubInputRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription' && !context.getSchema().getSubscriptionType()) {
      context.reportError(new GraphQLError('本服务不支持订阅操作 / Subscriptions are not supported by this service', {
        nodes: node, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }));
    }
  },
  Argument(node) {
    if (node.value.kind === Kind.STRING && isCursorArgument(node.name.value, context.getFieldDef())) {
      const error = cursorError(node.value.value, node.name.value, node.value);
      if (error) context.reportError(error);
    }
  },
  enter(node, _key, parent, _path, ancestors) {
    if (!LITERALS.has(node.kind)) return;
    // A list literal's own position type is the parent's; its items are visited one by one.
    const type = getNullableType(node.kind === Kind.LIST ? context.getParentInputType() : context.getInputType());
    if (!type || isListType(type)) return;
    const scalar = HUB_SCALARS[getNamedType(type).name];
    if (!scalar) return;
    try {
      scalar.parseLiteral(node as ValueNode, undefined);
    } catch (error) {
      context.reportError(badInput(fieldNameOf(parent, ancestors), (error as Error).message, node));
    }
  },
});

/** Where a variable is used: the type expected there, the input it fills, whether it is a cursor. */
interface VariableUse { variable: string; type: GraphQLInputType; field: string; cursor: boolean }

/** Per input object type, its fields that hold a hub scalar somewhere inside (computed once per type). */
const scalarFieldsOf = new WeakMap<GraphQLInputObjectType, [string, GraphQLInputType][]>();

/** Input types that hold a hub scalar somewhere inside, so a variable's value is walked only where it can matter. */
function holdsHubScalar(type: GraphQLInputType): boolean {
  const named = getNamedType(type);
  return Boolean(HUB_SCALARS[named.name]) || (isInputObjectType(named) && scalarFields(named).length > 0);
}

function scalarFields(type: GraphQLInputObjectType): [string, GraphQLInputType][] {
  let fields = scalarFieldsOf.get(type);
  if (!fields) {
    // Provisionally none, so a recursive input type terminates.
    scalarFieldsOf.set(type, []);
    fields = Object.values(type.getFields()).filter((f) => holdsHubScalar(f.type)).map((f): [string, GraphQLInputType] => [f.name, f.type]);
    scalarFieldsOf.set(type, fields);
  }
  return fields;
}

/** The variable uses worth checking in a document (computed once per document object). */
function variableUses(schema: GraphQLSchema, document: DocumentNode): VariableUse[] {
  const typeInfo = new TypeInfo(schema);
  const uses: VariableUse[] = [];
  let argumentName: string | undefined;
  visit(document, visitWithTypeInfo(typeInfo, {
    Argument: { enter(node) { argumentName = node.name.value; }, leave() { argumentName = undefined; } },
    Variable(node, _key, parent, _path, ancestors) {
      const type = typeInfo.getInputType();
      // The declaration `$d: Date` is no use; the positions that use `$d` name the input.
      if (!type || (parent as ASTNode | undefined)?.kind === Kind.VARIABLE_DEFINITION) return;
      const field = fieldNameOf(parent, ancestors);
      const cursor = argumentName === 'after' && field === 'after' && isCursorArgument('after', typeInfo.getFieldDef());
      if (cursor || holdsHubScalar(type)) uses.push({ variable: node.name.value, type, field, cursor });
    },
  }));
  return uses;
}

/** The first hub-scalar value in `value` (shaped by `type`) that its scalar refuses. */
function valueError(type: GraphQLInputType, value: unknown, field: string): GraphQLError | undefined {
  if (value === null || value === undefined) return undefined;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const error = valueError(inner.ofType, item, field);
      if (error) return error;
    }
    return undefined;
  }
  if (isInputObjectType(inner)) {
    if (typeof value !== 'object') return undefined;
    for (const [name, fieldType] of scalarFields(inner)) {
      const error = valueError(fieldType, (value as Record<string, unknown>)[name], name);
      if (error) return error;
    }
    return undefined;
  }
  return hubScalarError(inner.name, value, field);
}

/**
 * The gateway's input validation: literals in the engine's (cached) validation, variable values
 * before execution plans anything, both with the subgraphs' own scalar and cursor rules.
 */
export function useInputValidation(): GatewayPlugin {
  const usesByDocument = new WeakMap<DocumentNode, VariableUse[]>();
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(HubInputRule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const variables = args.variableValues as Record<string, unknown> | null | undefined;
      if (!variables) return;
      let uses = usesByDocument.get(args.document);
      if (!uses) {
        uses = variableUses(args.schema, args.document);
        usesByDocument.set(args.document, uses);
      }
      for (const use of uses) {
        const value = variables[use.variable];
        const error = use.cursor ? cursorError(value, use.field) : valueError(use.type, value, use.field);
        if (error) return setResultAndStopExecution({ errors: [error] });
      }
    },
  };
}
