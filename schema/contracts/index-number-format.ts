/**
 * 索引号's format alone — parsing, normalising and building it — with no import, so that the web
 * portal reads an index number with the very code the gateway and the agencies use
 * (index-number.ts re-exports it with the error a malformed one is answered with).
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
