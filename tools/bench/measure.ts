/** Waits `ms` milliseconds (none when negative): a benchmark's pacing. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** The `p`th percentile of `sorted` (ascending), nearest rank; NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
