import {
  Kind, visit, valueFromASTUntyped,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';

/**
 * Taking a subgraph operation apart, one root field at a time. The planner may batch several root
 * fields (aliased) into one operation; each may go to other shards, so each becomes an operation of
 * its own that carries only the variables and fragments it uses (a shard rejects unused ones).
 * Plans are cached per operation document, so the per-request work is resolving arguments.
 */

/** One root field as an operation of its own. */
export interface RootFieldPlan {
  /** Where its value goes in the response: the alias, or the field name. */
  responseKey: string;
  field: FieldNode;
  /** A document holding just this root field, its fragments and its variable definitions. */
  document: DocumentNode;
  variableNames: string[];
  /** The same with the selection `rewrite` made, built once per rewrite (merge fields injected). */
  rewritten(key: string, rewrite: (field: FieldNode) => FieldNode): RootFieldPlan;
}

export interface OperationPlan {
  fragments: Map<string, FragmentDefinitionNode>;
  calls: RootFieldPlan[];
  /** Root `__typename` selections, answered by the gateway itself. */
  typenameKeys: string[];
}

/** A root field call of one request: its plan, its variables and its argument values. */
export interface RootFieldCall {
  plan: RootFieldPlan;
  responseKey: string;
  field: FieldNode;
  document: DocumentNode;
  variables: Record<string, unknown>;
  args: Record<string, unknown>;
}

const plans = new WeakMap<DocumentNode, OperationPlan>();

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

function planRootField(operation: OperationDefinitionNode, field: FieldNode, fragments: Map<string, FragmentDefinitionNode>, responseKey: string): RootFieldPlan {
  const used = usage(field, fragments);
  const rewrites = new Map<string, RootFieldPlan>();
  const plan: RootFieldPlan = {
    responseKey,
    field,
    document: {
      kind: Kind.DOCUMENT,
      definitions: [
        {
          ...operation,
          variableDefinitions: operation.variableDefinitions?.filter((v) => used.variables.has(v.variable.name.value)),
          selectionSet: { kind: Kind.SELECTION_SET, selections: [field] },
        },
        ...[...used.fragments].map((name) => fragments.get(name)!).filter(Boolean),
      ],
    },
    variableNames: [...used.variables],
    rewritten(key, rewrite) {
      let done = rewrites.get(key);
      if (!done) {
        done = planRootField(operation, rewrite(field), fragments, responseKey);
        rewrites.set(key, done);
      }
      return done;
    },
  };
  return plan;
}

/** The cached plan of a subgraph operation. */
export function planOperation(document: DocumentNode, operationName?: string): OperationPlan {
  let plan = plans.get(document);
  if (plan) return plan;
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  if (!operation) throw new Error('no operation in subgraph request');
  const fragments = fragmentsOf(document);
  const calls: RootFieldPlan[] = [];
  const typenameKeys: string[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) throw new Error('fragments on the root type are not supported by the sharded transport');
    const responseKey = selection.alias?.value ?? selection.name.value;
    if (selection.name.value === '__typename') typenameKeys.push(responseKey);
    else calls.push(planRootField(operation, selection, fragments, responseKey));
  }
  plan = { fragments, calls, typenameKeys };
  plans.set(document, plan);
  return plan;
}

/** Resolves a field's argument values, variables included. */
export function argumentValues(field: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of field.arguments ?? []) args[arg.name.value] = valueFromASTUntyped(arg.value, variables);
  return args;
}

/** A planned root field bound to one request's variables. */
export function bindCall(plan: RootFieldPlan, variables: Record<string, unknown>): RootFieldCall {
  const subset: Record<string, unknown> = {};
  for (const name of plan.variableNames) if (name in variables) subset[name] = variables[name];
  return { plan, responseKey: plan.responseKey, field: plan.field, document: plan.document, variables: subset, args: argumentValues(plan.field, variables) };
}
