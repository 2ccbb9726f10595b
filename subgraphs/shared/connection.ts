import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { findPlain } from './plain-rows';
import { checkPageSize, decodeCursor, encodeCursor } from '../../schema/contracts/cursor';
import { compareFacetCounts, type FacetCount } from '../../schema/contracts/facets';

/** A page of a keyset connection, before GraphQL shapes it. */
export interface Page<E extends { cursor: string }> {
  edges: E[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when the client asks for it (a getter the GraphQL field reads). */
  readonly totalCount: Promise<number>;
}

/** Counts items per value, in the facets' published order (`compareFacetCounts`). */
export function facetCounts(values: Iterable<string>): FacetCount[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort(compareFacetCounts);
}

/** `compute`, run at most once and only when first read: the lazy getter behind costly fields. */
export function lazily<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= compute());
}

/**
 * Builds a page whose total is counted only if the client selects `totalCount`: counting is the
 * costly part of a page and most pages (the portal's, the gateway's merges) do not ask for it.
 */
export function keysetPage<E extends { cursor: string }>(edges: E[], hasNextPage: boolean, count: () => Promise<number>): Page<E> {
  const counted = lazily(count);
  return {
    edges,
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    get totalCount() {
      return counted();
    },
  };
}

/** The empty page (a filter nothing can match). */
export function emptyPage<E extends { cursor: string }>(): Page<E> {
  return keysetPage<E>([], false, async () => 0);
}

/** `where` narrowed to the rows after the cursor `after` in the order (`column`, id) `direction`: the keyset condition of every list. */
export function afterCursor<T>(where: FilterQuery<T>, column: string, direction: 'asc' | 'desc', after?: string | null): FilterQuery<T> {
  if (!after) return where;
  const [ms, id] = decodeCursor(after, ['number', 'string']) as [number, string];
  const at = new Date(ms);
  const op = direction === 'desc' ? '$lt' : '$gt';
  return { $and: [where, { $or: [{ [column]: { [op]: at } }, { [column]: at, id: { [op]: id } }] }] } as FilterQuery<T>;
}

/** What `findKeysetPage` needs of an entity: an id and the timestamp it is listed by. */
interface Listed { id: string }

/**
 * One page of `entity` rows matching `where`, ordered by (`column`, id) in `direction`, after the
 * cursor `after`: the query every list of the hub runs, with cursors `[column ms, id]` that the
 * gateway merges across deployments and a total counted only when asked. `where` may be a
 * function building the filter afresh for each query, as a filter holding a raw SQL fragment
 * must be (a fragment is consumed by the query it is used in). `plain` reads the rows as plain
 * objects (plain-rows.ts) for a page only read, never written through.
 */
export async function findKeysetPage<T extends Listed>(
  em: EntityManager, entity: EntityClass<T>, filter: FilterQuery<T> | (() => FilterQuery<T>),
  options: { column: keyof T & string; direction: 'asc' | 'desc'; first: number; after?: string | null; plain?: boolean },
): Promise<Page<{ cursor: string; node: T }>> {
  const { column, direction, first, after } = options;
  checkPageSize(first);
  const whereOf = typeof filter === 'function' ? filter : () => filter;
  const pageWhere = afterCursor(whereOf(), column, direction, after);
  const query = { orderBy: { [column]: direction, id: direction } as never, limit: first + 1 };
  const rows = options.plain ? await findPlain(em, entity, pageWhere, query) : await em.find(entity, pageWhere, query);
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor([(node[column] as unknown as Date).getTime(), node.id]), node }));
  return keysetPage(edges, rows.length > first, () => em.count(entity, whereOf()));
}
