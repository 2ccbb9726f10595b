import { THEMES } from '../../subgraphs/shared/taxonomy';
import type { SeededRandom } from '../../tools/demo/random';

/** A random `DocumentFilter` over `codes` (some agencies, a theme, a publication window) and an order, for exactness tests. */
export function randomDocumentQuery(rng: SeededRandom, codes: readonly string[]): { filter: Record<string, unknown>; orderBy: string } {
  const themes = THEMES.map((t) => t.name);
  const filter: Record<string, unknown> = {};
  if (rng.chance(0.5)) filter.agencies = rng.shuffle([...codes]).slice(0, rng.int(1, 3));
  if (rng.chance(0.3)) filter.theme = rng.pick(themes.slice(0, 10));
  if (rng.chance(0.4)) filter.publishedFrom = `2025-0${rng.int(1, 9)}-01`;
  if (rng.chance(0.3)) filter.publishedTo = `2026-0${rng.int(1, 9)}-15`;
  return { filter, orderBy: rng.pick(['PUBLISHED_AT_DESC', 'PUBLISHED_AT_ASC']) };
}
