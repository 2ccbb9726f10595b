/** One value of a facet (an agency, theme, year, genre or validity) and the number of matching items that have it. */
export interface FacetCount { value: string; count: number }

/**
 * The published order of a facet list: count descending, then value ascending. A subgraph sorts
 * its counts this way and the gateway's merge of shard facets re-sorts by it, so one database and
 * a fan-out answer alike.
 */
export function compareFacetCounts(a: FacetCount, b: FacetCount): number {
  return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}
