/** A page of a keyset connection, before GraphQL shapes it. */
export interface Page<E extends { cursor: string }> {
  edges: E[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when the client asks for it (a getter the GraphQL field reads). */
  readonly totalCount: Promise<number>;
}

/**
 * Builds a page whose total is counted only if the client selects `totalCount`: counting is the
 * costly part of a page and most pages (the portal's, the gateway's merges) do not ask for it.
 */
export function keysetPage<E extends { cursor: string }>(edges: E[], hasNextPage: boolean, count: () => Promise<number>): Page<E> {
  let counted: Promise<number> | undefined;
  return {
    edges,
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    get totalCount() {
      return (counted ??= count());
    },
  };
}

/** The empty page (a filter nothing can match). */
export function emptyPage<E extends { cursor: string }>(): Page<E> {
  return keysetPage<E>([], false, async () => 0);
}
