import type { Claims } from './claims';

/**
 * How the gateway spreads calls for a sharded subgraph over its deployments. The rules are
 * declared next to the subgraph's contract (e.g. schema/contracts/agency-routing.ts) and read by the
 * gateway's sharded transport, so a new root field needs a rule here, never a gateway change.
 */

/** Finds the shard key (an agency code) of an entity representation. */
export type EntityKeyRule =
  /** The key field holds the shard key itself (Agency.code). */
  | { field: string; holds: 'shardKey' }
  /** The key field is an id whose prefix before ":" is the shard key ("fjdrc:00000012"). */
  | { field: string; holds: 'prefixedId' };

/** Which way a keyset connection runs along its sort key. */
export type SortDirection = 'asc' | 'desc';

/** Sort order of a merged connection, as the cursor encodes it. */
export interface MergeOrder {
  /** Argument choosing the order, if any, and the direction each of its values sorts in. */
  argument?: string;
  directions?: Readonly<Record<string, SortDirection>>;
  /** Default when there is no such argument or it is absent. */
  defaultDirection: SortDirection;
}

export type RootFieldRule =
  /**
   * One shard, named by an argument holding a prefixed id (document(id:)); dotted paths reach into
   * inputs. With `replicaFallback`, a public caller is answered by the provincial catalogue when
   * the owner is unreachable.
   */
  | { route: 'byId'; argument: string; replicaFallback?: boolean }
  /**
   * One shard, named by an argument holding the agency code itself (submitDisclosureRequest(input: { agency })).
   * With `longPoll`, the field may wait up to the milliseconds its `argument` asks (at most `maxMs`)
   * before answering: that wait is added to the shard deadline, so a long poll that answers
   * late because it was asked to wait is neither cut nor counted against the deployment.
   */
  | { route: 'byAgencyArgument'; argument: string; longPoll?: { argument: string; maxMs: number } }
  /** One shard: the caller's own agency (createDocument). */
  | { route: 'byCallerAgency' }
  /**
   * One shard, named by the prefix of an index number (索引号) in `argument`, through the
   * registry's `indexPrefix` (documentByIndexNumber). Malformed text is BAD_USER_INPUT, answered
   * by the gateway; a prefix no registered agency has is asked of every shard, the first document
   * found answering. With `replica`, a caller who may see only the public projection is answered
   * by the provincial catalogue (the owner when the catalogue gives no answer).
   */
  | { route: 'byIndexNumber'; argument: string; replica?: boolean }
  /**
   * The provincial catalogue alone, for every caller (catalogueFreshness: only the replica knows how
   * far it is); without a catalogue, or with it unreachable, the field is null with CATALOGUE_UNAVAILABLE.
   */
  | { route: 'replicaOnly' }
  /**
   * Every shard (or those an argument names), merging keyset connections by the sort key that the
   * edges' cursors carry, and summing totalCount.
   */
  | {
      route: 'fanOut';
      merge: 'connection';
      /** Dotted path of an argument listing agency codes that limits the fan-out ("filter.agencies"). */
      agenciesArgument?: string;
      /** Page size argument and its default. */
      pageSize: { argument: string; default: number };
      order: MergeOrder;
      /**
       * The field is among the agency contract's public reads that the provincial catalogue serves:
       * a caller who may only see the public projection gets one call to the catalogue instead of
       * the fan-out (see {@link readsPublicProjection}).
       */
      replica?: boolean;
    }
  /**
   * Every shard (or those named), summing every number in the answer position by position, except
   * fields named in `keep` (e.g. "year"), taken as the first shard has them.
   */
  | { route: 'fanOut'; merge: 'sum'; agenciesArgument?: string; keep?: string[] };

export interface ShardRouting {
  /** Subgraph name in the supergraph. */
  subgraph: string;
  /** Entity types and where their shard key is. */
  entities: Record<string, EntityKeyRule>;
  /** Rules for Query and Mutation root fields, by field name. */
  rootFields: Record<string, RootFieldRule>;
}

/**
 * True when everything the caller may see of a province-wide read is the public projection, so the
 * provincial catalogue can answer it: anonymous callers, API keys, coordinators, and agency staff
 * whose read names only other agencies. Supervisors, service identities (the news office's scans)
 * and staff reading their own agency keep the authoritative fan-out.
 */
export function readsPublicProjection(claims: Claims, namedAgencies: readonly string[] | undefined): boolean {
  if (claims.roles.includes('supervisor') || claims.roles.includes('service')) return false;
  if (!claims.agency) return true;
  return namedAgencies !== undefined && !namedAgencies.includes(claims.agency);
}

/**
 * True when the provincial catalogue answers this root field for this caller: a replicated public
 * read (`replica`) by someone who may see only the public projection. `named` is the value of the
 * rule's agencies argument, as the call has it. The one place the gateway decides (transport and
 * demand control alike).
 */
export function answeredByReplica(rule: RootFieldRule, claims: Claims, named: unknown): boolean {
  return rule.route === 'fanOut' && rule.merge === 'connection' && Boolean(rule.replica)
    && readsPublicProjection(claims, Array.isArray(named) ? [...new Set(named as string[])] : undefined);
}

/** The shard key of a prefixed id ("fjdrc:00000012" → "fjdrc"); undefined when it has none. */
export function shardOfId(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  const at = id.indexOf(':');
  return at > 0 ? id.slice(0, at) : undefined;
}
