import { raw } from '@mikro-orm/core';

/**
 * Substring matches in SQL without wildcards from the caller: in LIKE, `%` and `_` are
 * wildcards, so a user's "%" would match every row and "_" any character. Every LIKE whose
 * pattern holds user input goes through here. SQLite has no default escape character, so the
 * clause names one on both engines; "!" rather than a backslash, which PostgreSQL reads
 * differently under `standard_conforming_strings = off`.
 */

/** The escape character every LIKE built here declares. */
export const LIKE_ESCAPE = '!';

/** `text` with `%`, `_` and the escape character escaped, to put inside a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (ch) => LIKE_ESCAPE + ch);
}

/**
 * A MikroORM filter condition: `column` (its SQL name, snake_case) contains `text` literally.
 * Spread it into a `where` object built for one query: the raw fragment inside is consumed by
 * the query that uses it, so a page and its count each need their own (see `findKeysetPage`).
 */
export function containsText(column: string, text: string): Record<string, unknown> {
  if (!/^[a-z_][a-z0-9_]*$/.test(column)) throw new RangeError(`not a column name: ${column}`);
  return { [raw((alias: string) => `${alias}.${column} like ? escape '${LIKE_ESCAPE}'`, [`%${escapeLike(text)}%`])]: [] };
}
