import { BadUserInputError } from './errors';

/**
 * 索引号 — the index number every agency gives its documents:
 * `<agency prefix>-<theme code>-<year>-<serial>`, e.g. `FJ00201-0200-2026-00012`. The prefix names
 * the agency (the directory's `indexPrefix`, the shard registry's `indexPrefix`), so the gateway can
 * route a lookup by index number to its owner; the agencies build and parse it with the same code.
 */

/** An agency's prefix: upper-case letters and digits, hyphens inside (a registry code upper-cased may hold one). */
const PREFIX = '[A-Z0-9](?:[A-Z0-9-]{0,30}[A-Z0-9])?';
const INDEX_NUMBER = new RegExp(`^(${PREFIX})-(\\d{4})-(\\d{4})-(\\d{5,9})$`);

/** The parts of an index number. */
export interface IndexNumberParts {
  prefix: string;
  themeCode: string;
  year: string;
  serial: number;
}

/** True when `prefix` can start an index number that {@link parseIndexNumber} reads back. */
export function isIndexPrefix(prefix: string): boolean {
  return new RegExp(`^${PREFIX}$`).test(prefix);
}

/** An agency's prefix when it is configured with none: its registry code in upper case ("fjdrc" → "FJDRC"). */
export function defaultIndexPrefix(agencyCode: string): string {
  return agencyCode.toUpperCase();
}

/** The index number of a document: the serial counts per agency, theme and year, five digits at least. */
export function formatIndexNumber(prefix: string, themeCode: string, year: string, serial: number): string {
  return `${prefix}-${themeCode}-${year}-${String(serial).padStart(5, '0')}`;
}

/** An index number as typed (surrounding spaces, any case), written as the agencies store it. */
export function normalizeIndexNumber(text: string): string {
  return text.trim().toUpperCase();
}

/** The parts of an index number as typed, or null when it is not one. */
export function parseIndexNumber(text: string): IndexNumberParts | null {
  const match = INDEX_NUMBER.exec(normalizeIndexNumber(text));
  if (!match) return null;
  return { prefix: match[1], themeCode: match[2], year: match[3], serial: Number(match[4]) };
}

/** The BAD_USER_INPUT a lookup answers for text that is not an index number, wherever it is refused (gateway or agency). */
export function malformedIndexNumber(field: string, text: string): BadUserInputError {
  // The text is repeated so a reader sees the slip, unless it is far longer than any index number.
  const shown = text.length <= 64 ? `"${text}"` : '';
  return new BadUserInputError(
    field,
    `索引号${shown}格式不正确，应为"机关前缀-主题分类代码-年份-序号"，如 FJ00201-0200-2026-00012`,
    `${shown || 'The text'} is not an index number: expected <agency prefix>-<theme code>-<year>-<serial>, e.g. FJ00201-0200-2026-00012`,
  );
}
