import { Kind, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { compareSortKeys, sortKeyOf, type SortKey } from '../../schema/contracts/cursor';
import { compareFacetCounts } from '../../schema/contracts/facets';

/**
 * Merging the answers of several shards into the one a single database would have given.
 * Connections are merged on the sort key their cursors carry (the codec in schema/contracts/cursor.ts).
 */

/** Aliases of the fields the gateway adds for merging: not valid GraphQL names a client would pick by accident, and not "__". */
export const MERGE_EDGES = 'hubMergeEdges_';
export const MERGE_PAGE_INFO = 'hubMergePageInfo_';
/** Aliases added to each facet list item so shards can be summed per value whatever the client selected. */
export const MERGE_FACET_VALUE = 'hubMergeFacetValue_';
export const MERGE_FACET_COUNT = 'hubMergeFacetCount_';

function field(name: string, alias?: string, selections?: FieldNode[]): FieldNode {
  return {
    kind: Kind.FIELD,
    name: { kind: Kind.NAME, value: name },
    alias: alias ? { kind: Kind.NAME, value: alias } : undefined,
    selectionSet: selections ? { kind: Kind.SELECTION_SET, selections } : undefined,
  };
}

/** The connection field as sent to each shard: the client's selection plus the cursors and next-page flag merging needs. */
export function withMergeFields(connection: FieldNode): FieldNode {
  const selections = (connection.selectionSet?.selections ?? []).map((s) =>
    s.kind === Kind.FIELD && s.name.value === 'facets' ? withFacetMergeFields(s) : s);
  selections.push(field('edges', MERGE_EDGES, [field('cursor')]), field('pageInfo', MERGE_PAGE_INFO, [field('hasNextPage')]));
  return { ...connection, selectionSet: { kind: Kind.SELECTION_SET, selections } };
}

/** The client's facets selection with each list also asking for value and count under the merge aliases. */
function withFacetMergeFields(facets: FieldNode): FieldNode {
  const lists = (facets.selectionSet?.selections ?? []).map((s) => {
    if (s.kind !== Kind.FIELD || s.name.value === '__typename') return s;
    const inner = [...(s.selectionSet?.selections ?? []), field('value', MERGE_FACET_VALUE), field('count', MERGE_FACET_COUNT)];
    return { ...s, selectionSet: { kind: Kind.SELECTION_SET as const, selections: inner } } as FieldNode;
  });
  return { ...facets, selectionSet: { kind: Kind.SELECTION_SET, selections: lists } };
}

/** The fields of a selection set by response key, inline fragments and spreads expanded. */
export function fieldsByResponseKey(set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, into = new Map<string, FieldNode>()): Map<string, FieldNode> {
  for (const s of set?.selections ?? []) {
    if (s.kind === Kind.FIELD) into.set(s.alias?.value ?? s.name.value, s);
    else if (s.kind === Kind.INLINE_FRAGMENT) fieldsByResponseKey(s.selectionSet, fragments, into);
    else fieldsByResponseKey(fragments.get(s.name.value)?.selectionSet, fragments, into);
  }
  return into;
}

type Conn = Record<string, unknown>;
interface Entry { key: SortKey; cursor: string; conn: Conn; index: number }

/**
 * Merges shard pages of one connection: the first `pageSize` edges over all shards in sort order,
 * totals summed, pageInfo recomputed; only the client's fields are kept.
 */
export function mergeConnections(
  connection: FieldNode, fragments: Map<string, FragmentDefinitionNode>, pages: Conn[], pageSize: number, direction: 'asc' | 'desc',
): Conn {
  const entries: Entry[] = [];
  let anyMore = false;
  for (const conn of pages) {
    const edges = (conn[MERGE_EDGES] as { cursor: string }[] | null) ?? [];
    edges.forEach((edge, index) => entries.push({ key: sortKeyOf(edge.cursor), cursor: edge.cursor, conn, index }));
    anyMore ||= Boolean((conn[MERGE_PAGE_INFO] as { hasNextPage?: boolean } | null)?.hasNextPage);
  }
  const sign = direction === 'asc' ? 1 : -1;
  entries.sort((a, b) => sign * compareSortKeys(a.key, b.key));
  const winners = entries.slice(0, pageSize);
  const hasNextPage = anyMore || entries.length > pageSize;
  const endCursor = winners.at(-1)?.cursor ?? null;

  const merged: Conn = {};
  for (const [key, f] of fieldsByResponseKey(connection.selectionSet, fragments)) {
    switch (f.name.value) {
      case 'totalCount':
        merged[key] = pages.reduce((sum, conn) => sum + Number(conn[key] ?? 0), 0);
        break;
      case 'facets':
        merged[key] = mergeFacets(f, fragments, pages.map((conn) => conn[key] as Conn | null));
        break;
      case 'edges':
        merged[key] = winners.map((w) => (w.conn[key] as unknown[])[w.index]);
        break;
      case 'pageInfo': {
        const info: Conn = {};
        for (const [infoKey, infoField] of fieldsByResponseKey(f.selectionSet, fragments)) {
          if (infoField.name.value === 'hasNextPage') info[infoKey] = hasNextPage;
          else if (infoField.name.value === 'endCursor') info[infoKey] = endCursor;
          else if (infoField.name.value === '__typename') info[infoKey] = 'PageInfo';
          else info[infoKey] = null;
        }
        merged[key] = info;
        break;
      }
      default:
        merged[key] = pages[0]?.[key] ?? null;
    }
  }
  return merged;
}

/** A facet value and its count, as each shard answers it (under the client's aliases). */
type FacetAnswer = Record<string, unknown>;

/**
 * Adds the shards' facet counts per value: each facet list (agencies, themes, years, genres, validities) is
 * the union of the shards' values, counts summed, sorted by count descending then value — what
 * one database holding every shard's documents would answer.
 */
function mergeFacets(facets: FieldNode, fragments: Map<string, FragmentDefinitionNode>, answers: (Conn | null)[]): Conn | null {
  const present = answers.filter((a): a is Conn => a != null);
  if (present.length === 0) return null;
  const out: Conn = {};
  for (const [listKey, listField] of fieldsByResponseKey(facets.selectionSet, fragments)) {
    if (listField.name.value === '__typename') {
      out[listKey] = present[0][listKey];
      continue;
    }
    const fields = fieldsByResponseKey(listField.selectionSet, fragments);
    // The gateway needs value and count whatever the client aliased them to.
    const valueKey = [...fields].find(([, f]) => f.name.value === 'value')?.[0];
    const countKey = [...fields].find(([, f]) => f.name.value === 'count')?.[0];
    const byValue = new Map<unknown, { count: number; item: FacetAnswer }>();
    for (const answer of present) {
      for (const item of (answer[listKey] as FacetAnswer[] | null) ?? []) {
        const value = valueKey ? item[valueKey] : item[MERGE_FACET_VALUE];
        const count = Number((countKey ? item[countKey] : item[MERGE_FACET_COUNT]) ?? 0);
        const seen = byValue.get(value);
        if (seen) seen.count += count;
        else byValue.set(value, { count, item: { ...item } });
      }
    }
    const merged = [...byValue].map(([value, { count, item }]) => {
      if (countKey) item[countKey] = count;
      delete item[MERGE_FACET_VALUE];
      delete item[MERGE_FACET_COUNT];
      return { value: String(value), count, item };
    });
    merged.sort(compareFacetCounts);
    out[listKey] = merged.map((m) => m.item);
  }
  return out;
}

/**
 * Adds up shard answers of the same shape: numbers summed position by position, fields named in
 * `keep` and anything not a number taken from the first answer.
 */
export function sumAnswers(answers: unknown[], keep: ReadonlySet<string> = new Set()): unknown {
  const [first] = answers;
  if (typeof first === 'number') return answers.reduce<number>((s, a) => s + (typeof a === 'number' ? a : 0), 0);
  if (Array.isArray(first)) return first.map((_, i) => sumAnswers(answers.map((a) => (Array.isArray(a) ? a[i] : undefined)), keep));
  if (first && typeof first === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(first)) {
      out[key] = keep.has(key) ? value : sumAnswers(answers.map((a) => (a as Record<string, unknown> | null)?.[key]), keep);
    }
    return out;
  }
  return first ?? null;
}
