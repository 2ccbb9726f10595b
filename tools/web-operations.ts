import { join } from 'node:path';
import {
  buildSchema, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, Kind, parse, typeFromAST,
  type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLInputType, type GraphQLNamedType, type GraphQLOutputType,
  type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode, isObjectType, isInterfaceType,
} from 'graphql';
import { composePublicSchema } from './compose';
import { operationsSource, persistedDocumentsOf, type OperationsFile } from './persisted-documents';

const WEB_API_DIR = join(__dirname, '..', ...(__dirname.includes('dist') ? ['..'] : []), 'web', 'src', 'api');

/** Where the web app's typed operations live, per operations file of schema/ (committed; a test checks they are current). */
export const WEB_OPERATIONS_FILES = {
  'portal-operations.graphql': join(WEB_API_DIR, 'operations.generated.ts'),
  'staff-operations.graphql': join(WEB_API_DIR, 'staff-operations.generated.ts'),
} as const;

/** The portal's typed operations. */
export const WEB_OPERATIONS_FILE = WEB_OPERATIONS_FILES['portal-operations.graphql'];

/** Scalars as JSON carries them: dates and instants are strings in the API's documented formats. */
const SCALARS: Record<string, string> = { ID: 'string', String: 'string', Int: 'number', Float: 'number', Boolean: 'boolean', Date: 'string', DateTime: 'string' };

function scalarType(name: string): string {
  return SCALARS[name] ?? 'unknown';
}

/**
 * The TypeScript of one operations file's persisted operations (the portal's by default), for the web app's one GraphQL client:
 * per operation its variables and result types and a `{ name, hash }` constant typed by both,
 * the hash being the persisted document's (schema/persisted-documents.json). Enum and input types
 * used by the variables are emitted once each.
 */
export function webOperationsSource(schema: GraphQLSchema = buildSchema(composePublicSchema()), file: OperationsFile = 'portal-operations.graphql', source = operationsSource(file)): string {
  const document = parse(source);
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const hashes = new Map(Object.entries(persistedDocumentsOf(source)).map(([hash, text]) => [(parse(text).definitions[0] as OperationDefinitionNode).name!.value, hash]));
  const named = new Map<string, string>();

  const namedInput = (type: GraphQLNamedType): string => {
    if (isScalarType(type)) return scalarType(type.name);
    if (!named.has(type.name)) {
      named.set(type.name, '');
      if (isEnumType(type)) {
        named.set(type.name, `/** ${firstLine(type.description)} */\nexport type ${type.name} = ${type.getValues().map((v) => `'${v.name}'`).join(' | ')};`);
      } else if (isInputObjectType(type)) {
        const fields = Object.values(type.getFields()).map((f) => `  ${f.name}${isNonNullType(f.type) && f.defaultValue === undefined ? '' : '?'}: ${inputType(f.type)};`);
        named.set(type.name, `/** ${firstLine(type.description)} */\nexport interface ${type.name} {\n${fields.join('\n')}\n}`);
      }
    }
    return type.name;
  };
  const inputType = (type: GraphQLInputType): string => {
    if (isNonNullType(type)) return inputType(type.ofType);
    if (isListType(type)) return `Array<${inputType(type.ofType)}>`;
    return namedInput(type);
  };
  const nullable = (type: GraphQLInputType | GraphQLOutputType, text: string) => (isNonNullType(type) ? text : `${text} | null`);

  const outputType = (type: GraphQLOutputType, selection: SelectionSetNode | undefined, indent: string): string => {
    if (isNonNullType(type)) return outputType(type.ofType, selection, indent);
    if (isListType(type)) return `Array<${nullable(type.ofType, outputType(type.ofType, selection, indent))}>`;
    if (isScalarType(type)) return scalarType(type.name);
    if (isEnumType(type)) return namedInput(type);
    return objectType(type as GraphQLCompositeType, selection!, indent);
  };
  const objectType = (parent: GraphQLCompositeType, selection: SelectionSetNode, indent: string): string => {
    const lines: string[] = [];
    const visit = (set: SelectionSetNode) => {
      for (const node of set.selections) {
        if (node.kind === Kind.FRAGMENT_SPREAD) visit(fragments.get(node.name.value)!.selectionSet);
        else if (node.kind === Kind.INLINE_FRAGMENT) visit(node.selectionSet);
        else lines.push(fieldLine(parent, node, indent + '  '));
      }
    };
    visit(selection);
    return `{\n${lines.join('\n')}\n${indent}}`;
  };
  const fieldLine = (parent: GraphQLCompositeType, node: FieldNode, indent: string): string => {
    const key = node.alias?.value ?? node.name.value;
    if (node.name.value === '__typename') return `${indent}${key}: string;`;
    if (!isObjectType(parent) && !isInterfaceType(parent)) throw new Error(`cannot select ${key} on union ${parent.name}`);
    const field = parent.getFields()[node.name.value];
    if (!field) throw new Error(`${parent.name}.${node.name.value} is not in the public schema`);
    return `${indent}${key}: ${nullable(field.type, outputType(field.type, node.selectionSet, indent))};`;
  };

  const operations: string[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
    const name = definition.name.value;
    const root = definition.operation === 'mutation' ? schema.getMutationType()! : schema.getQueryType()!;
    const variables = (definition.variableDefinitions ?? []).map((v) => {
      const type = typeFromAST(schema, v.type as never) as GraphQLInputType;
      const optional = !isNonNullType(type) || v.defaultValue !== undefined;
      return `  ${v.variable.name.value}${optional ? '?' : ''}: ${inputType(type)}${isNonNullType(type) ? '' : ' | null'};`;
    });
    operations.push([
      `/** Variables of ${name}. */`,
      `export interface ${name}Variables {${variables.length ? `\n${variables.join('\n')}\n` : ''}}`,
      `/** The data of ${name}'s answer. */`,
      `export type ${name}Result = ${objectType(root, definition.selectionSet, '')};`,
      `/** ${name}, sent by its persisted-document hash. */`,
      `export const ${name}: PersistedOperation<${name}Result, ${name}Variables> = { name: '${name}', hash: '${hashes.get(name)}' };`,
    ].join('\n'));
  }
  return [
    `// Generated by \`npm run persisted-documents\` (tools/web-operations.ts) from schema/${file}`,
    '// and the public schema. Do not edit: change the operations and run it again.',
    '',
    '/** A persisted operation: its name and hash, typed by its result and its variables. */',
    'export interface PersistedOperation<TResult, TVariables> { name: string; hash: string; readonly __types?: [TResult, TVariables] }',
    '',
    ...[...named.values()].filter(Boolean).map((text) => `${text}\n`),
    operations.join('\n\n'),
    '',
  ].join('\n');
}

function firstLine(description: string | null | undefined): string {
  return (description ?? '').split('\n')[0].replace(/\*\//g, '*\\/') || 'See the public schema.';
}
