import {
  Kind, visit, valueFromASTUntyped,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';

/**
 * Taking a subgraph operation apart, one root field at a time. The planner may batch several root
 * fields (aliased) into one operation; each may go to other shards, so each becomes an operation of
 * its own that carries only the variables and fragments it uses (a shard rejects unused ones).
 */

export interface RootFieldCall {
  /** Where its value goes in the response: the alias, or the field name. */
  responseKey: string;
  field: FieldNode;
  /** A document holding just this root field, its fragments and its variables. */
  document: DocumentNode;
  variables: Record<string, unknown>;
  /** Argument values, variables resolved. */
  args: Record<string, unknown>;
}

export interface SplitOperation {
  operation: OperationDefinitionNode;
  calls: RootFieldCall[];
  /** Root `__typename` selections, answered by the gateway itself. */
  typenameKeys: string[];
}

const cache = new Map<DocumentNode, OperationDefinitionNode>();

function operationOf(document: DocumentNode, operationName?: string): OperationDefinitionNode {
  let op = cache.get(document);
  if (!op) {
    op = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
    );
    if (!op) throw new Error('no operation in subgraph request');
    if (cache.size > 1000) cache.clear();
    cache.set(document, op);
  }
  return op;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
}

/** Names of the variables and fragments a selection uses, following fragment spreads. */
function usage(node: FieldNode | SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>) {
  const variables = new Set<string>();
  const used = new Set<string>();
  const walk = (n: FieldNode | SelectionSetNode | FragmentDefinitionNode) => {
    visit(n, {
      Variable(v) { variables.add(v.name.value); },
      FragmentSpread(s) {
        const name = s.name.value;
        if (used.has(name)) return;
        used.add(name);
        const fragment = fragments.get(name);
        if (fragment) walk(fragment);
      },
    });
  };
  walk(node);
  return { variables, fragments: used };
}

/** Resolves an argument's value, variables included. */
export function argumentValues(field: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of field.arguments ?? []) args[arg.name.value] = valueFromASTUntyped(arg.value, variables);
  return args;
}

/** Splits a subgraph operation into one call per root field. */
export function splitOperation(document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string): SplitOperation {
  const operation = operationOf(document, operationName);
  const fragments = fragmentsOf(document);
  const calls: RootFieldCall[] = [];
  const typenameKeys: string[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) throw new Error('fragments on the root type are not supported by the sharded transport');
    const responseKey = selection.alias?.value ?? selection.name.value;
    if (selection.name.value === '__typename') {
      typenameKeys.push(responseKey);
      continue;
    }
    calls.push(rootFieldCall(operation, selection, fragments, variables));
  }
  return { operation, calls, typenameKeys };
}

/** One root field as an operation of its own, with a new selection set if given (merge fields injected). */
export function rootFieldCall(
  operation: OperationDefinitionNode, field: FieldNode, fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>, replaceField?: FieldNode,
): RootFieldCall {
  const target = replaceField ?? field;
  const used = usage(target, fragments);
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        ...operation,
        variableDefinitions: operation.variableDefinitions?.filter((v) => used.variables.has(v.variable.name.value)),
        selectionSet: { kind: Kind.SELECTION_SET, selections: [target] },
      },
      ...[...used.fragments].map((name) => fragments.get(name)!).filter(Boolean),
    ],
  };
  const subset: Record<string, unknown> = {};
  for (const name of used.variables) if (name in variables) subset[name] = variables[name];
  return { responseKey: field.alias?.value ?? field.name.value, field, document, variables: subset, args: argumentValues(field, variables) };
}

export { fragmentsOf };
