import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  GraphQLError, Kind, getNamedType, getNullableType, isCompositeType, isListType, isObjectType, isInterfaceType,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField,
  type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { MAX_PAGE_SIZE } from '../schema/contracts/cursor';
import type { RootFieldRule, ShardRouting } from '../schema/contracts/shard-routing';

/**
 * Demand control: what a request would make the deployments produce, estimated before any of
 * them is called. Rule (docs/security.md): every object in the answer costs 1; a field with a
 * `first` (or `last`) argument returns as many items as it asks for — the schema's default page
 * size when absent, at most the subgraphs' page limit (a larger one is their BAD_USER_INPUT) —
 * counted on its `edges` for a connection, and the page itself costs as many again (a deployment
 * reads it even when only `totalCount` is selected, and the gateway merges it); any other list is
 * assumed `listSize` long; fragments count where they are spread; each facet group selected (a
 * field of `DocumentFacets`: `agencies`, `themes`, `years`, `genres`, `validities`, every alias counted) costs
 * {@link FACET_GROUP_COST} besides its items, since it counts every match however few the page
 * shows; and a root field the sharded transport fans out costs once per deployment it reaches
 * (those its `agenciesArgument` names, or all) — once when the provincial catalogue answers it,
 * facets included, since one index then counts every match once.
 *
 * Hive Gateway's own `demandControl` is not used: it counts a named fragment once, outside the
 * lists it is spread in, and the query planner folds repeated selections into fragments — 30
 * aliased `search(first: 100)` were estimated at 330 instead of 9,060.
 */

const SLICING_ARGUMENTS = ['first', 'last'];

/** Types whose every field is a facet group, counted over all matches rather than one page. */
const FACET_TYPES = new Set(['DocumentFacets']);

/**
 * What one facet group costs a deployment besides its listed values: what a page of the largest
 * size costs (its items and the page read again), since the group reads one row per match and a
 * search can match every document the deployment holds.
 */
export const FACET_GROUP_COST = 2 * MAX_PAGE_SIZE;

/** Settings of the estimate. */
export interface DemandControlOptions {
  /** Highest estimated cost of an accepted operation. */
  maxCost: number;
  /** Assumed length of a list without a page-size argument. @default 20 */
  listSize?: number;
  /** The sharded subgraph's routing rules (which root fields fan out). */
  routing: ShardRouting;
  /** How many deployments a fan-out without an agency filter reaches (the registry's size now). */
  deployments: () => number;
  /** Requests the gateway sends itself (export pages, metered by rows instead). */
  isInternal: (request: Request) => boolean;
  /**
   * True when the provincial catalogue answers this caller's province-wide read in one call
   * (`answeredByReplica`): it then costs once, not once per deployment.
   */
  answeredByCatalogue?: (context: unknown, rule: RootFieldRule, named: unknown) => boolean;
}

/** Reads a dotted path ("filter.agencies") out of resolved arguments. */
function at(args: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), args);
}

class CostEstimate {
  private readonly fragmentCosts = new Map<string, number>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly listSize: number,
  ) {}

  /**
   * Cost of a selection on `type`, per item; `sized` is the item count its `edges` get from the
   * enclosing connection's page size. Costs are linear in the multiplier, so a fragment is
   * costed once per (fragment, sized) and scaled where it is spread — no exponential expansion.
   */
  selection(selectionSet: SelectionSetNode, type: GraphQLCompositeType, sized?: number): number {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) cost += this.field(selection, type, sized);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : type;
        if (on && isCompositeType(on)) cost += this.selection(selection.selectionSet, on, sized);
      } else {
        const key = `${selection.name.value}:${sized ?? ''}`;
        let fragmentCost = this.fragmentCosts.get(key);
        if (fragmentCost === undefined) {
          const fragment = this.fragments.get(selection.name.value);
          const on = fragment && this.schema.getType(fragment.typeCondition.name.value);
          // Seeded with 0 so that a cycle (already refused by validation) cannot recurse forever.
          this.fragmentCosts.set(key, 0);
          fragmentCost = fragment && on && isCompositeType(on) ? this.selection(fragment.selectionSet, on, sized) : 0;
          this.fragmentCosts.set(key, fragmentCost);
        }
        cost += fragmentCost;
      }
    }
    return cost;
  }

  field(node: FieldNode, parent: GraphQLCompositeType, sized?: number): number {
    const definition = this.definitionOf(parent, node.name.value);
    if (!definition) return 0;
    const returnType = getNamedType(definition.type);
    const isList = isListType(getNullableType(definition.type));
    const pageSize = this.pageSize(definition, node);
    let count = 1;
    let childSized: number | undefined;
    if (sized !== undefined && node.name.value === 'edges') count = sized;
    else if (pageSize !== undefined && isList) count = pageSize;
    else if (pageSize !== undefined) childSized = pageSize;
    else if (isList) count = this.listSize;
    const own = (isCompositeType(returnType) ? 1 : 0) + (childSized ?? 0);
    const children = node.selectionSet && isCompositeType(returnType) ? this.selection(node.selectionSet, returnType, childSized) : 0;
    // A facet group is counted once per occurrence, over every match, however many values it lists.
    const scan = FACET_TYPES.has(parent.name) ? FACET_GROUP_COST : 0;
    return count * (own + children) + scan;
  }

  /** The items a paginated field asks for: its `first`/`last` argument, or that argument's default. */
  private pageSize(definition: GraphQLField<unknown, unknown>, node: FieldNode): number | undefined {
    const slicing = definition.args.filter((a) => SLICING_ARGUMENTS.includes(a.name));
    if (!slicing.length) return undefined;
    const values = getArgumentValues(definition, node, this.variables);
    const sizes = slicing.map((a) => values[a.name]).filter((v): v is number => typeof v === 'number' && v > 0);
    return sizes.length ? Math.min(MAX_PAGE_SIZE, Math.max(...sizes)) : 0;
  }

  private definitionOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
    if (name.startsWith('__')) return undefined;
    return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
  }
}

/** Estimated cost of an operation (see the rule above). */
export function estimateCost(
  schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>,
  options: Pick<DemandControlOptions, 'routing' | 'deployments' | 'listSize'> & { oneCall?: (rule: RootFieldRule, named: unknown) => boolean },
): number {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return 0;
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const estimate = new CostEstimate(schema, fragments, variables, options.listSize ?? 20);
  const rootFields: { node: FieldNode; times: number }[] = [];
  const collect = (selectionSet: SelectionSetNode, times: number) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) rootFields.push({ node: selection, times });
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, times);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet, times);
      }
    }
  };
  collect(operation.selectionSet, 1);
  let cost = 0;
  for (const { node } of rootFields) {
    const rule = options.routing.rootFields[node.name.value];
    const definition = root.getFields()[node.name.value];
    let reach = 1;
    if (rule?.route === 'fanOut' && definition) {
      const named = rule.agenciesArgument ? at(getArgumentValues(definition, node, variables), rule.agenciesArgument) : undefined;
      const agencies = Array.isArray(named) && named.length ? [...new Set(named as string[])] : undefined;
      reach = options.oneCall?.(rule, named) ? 1 : agencies ? agencies.length : Math.max(1, options.deployments());
    }
    cost += reach * estimate.field(node, root);
  }
  return cost;
}

/**
 * Refuses an operation whose estimated cost exceeds `maxCost` before any subgraph is called:
 * `COST_ESTIMATED_TOO_EXPENSIVE` with `extensions.cost { estimated, max }`.
 */
export function useDemandControl(options: DemandControlOptions): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (request && options.isInternal(request)) return;
      const answered = options.answeredByCatalogue;
      const oneCall = answered && ((rule: RootFieldRule, named: unknown) => answered(args.contextValue, rule, named));
      const estimated = estimateCost(args.schema, args.document, args.operationName, (args.variableValues ?? {}) as Record<string, unknown>, { ...options, oneCall });
      if (estimated <= options.maxCost) return;
      setResultAndStopExecution({
        errors: [new GraphQLError(
          `查询代价过高（估算 ${estimated}，上限 ${options.maxCost}）：请减少别名、first 或所查机关 / `
          + `Query too expensive (estimated cost ${estimated}, max ${options.maxCost}): use fewer aliases, a smaller \`first\` or fewer agencies`,
          { extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: { estimated, max: options.maxCost } } },
        )],
      });
    },
  };
}
