import { BadUserInputError } from './errors';

/**
 * Keyset cursors carry the sort key itself (e.g. [publishedAt ms, id]) so that the same `after`
 * means the same position on every agency deployment and the gateway can merge pages exactly.
 */
export type SortKey = (string | number)[];

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key a cursor carries, unchecked: for cursors the hub itself issued (a shard's answer being merged). */
export function sortKeyOf(cursor: string): SortKey {
  return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as SortKey;
}

/** Orders two sort keys ascending, position by position; a key that is a prefix of the other comes first. */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Every number a hub cursor carries (an instant in ms, a search rank) lies within a JavaScript Date's range. */
const MAX_CURSOR_NUMBER = 8.64e15;

/**
 * Decodes a cursor of `shape`; a cursor from elsewhere is a BAD_USER_INPUT on `after` — including
 * one whose number no instant has, which would otherwise reach the database as NaN.
 */
export function decodeCursor(cursor: string, shape: ('string' | 'number')[]): SortKey {
  let key: unknown;
  try {
    key = sortKeyOf(cursor);
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== shape.length || key.some((v, i) => typeof v !== shape[i] || (typeof v === 'number' && !(Math.abs(v) <= MAX_CURSOR_NUMBER)))) {
    throw new BadUserInputError('after', '分页游标无效，请使用上一页返回的 endCursor', 'Invalid cursor: pass the endCursor of the previous page');
  }
  return key as SortKey;
}

/**
 * Page size of every connection when the client gives no `first`: the default each subgraph
 * declares on its `first` arguments and the one the gateway merges shard pages to.
 */
export const DEFAULT_PAGE_SIZE = 20;

/** Largest page a client may ask for. */
export const MAX_PAGE_SIZE = 100;

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError('first', `每页数量须在 0 到 ${MAX_PAGE_SIZE} 之间`, `first must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}
