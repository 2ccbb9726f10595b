/**
 * A tiny seeded pseudo-random generator for demo data. Demo data must be reproducible on every
 * machine (tests compare generated data deep-equal, and a re-seeded demo database must carry the
 * same ids and numbers), so `Math.random` is never used: mulberry32 relies only on 32-bit integer
 * arithmetic (`Math.imul`, shifts), which JavaScript defines bit-exactly on every platform.
 */
export class SeededRandom {
  private state: number;

  /** @param seed any number; it is reduced to an unsigned 32-bit state. */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Derives an independent generator for one purpose, so adding draws in one place does not shift another. */
  static derive(seed: number, ...labels: string[]): SeededRandom {
    let mixed = seed >>> 0;
    for (const label of labels) mixed = hashString(label, mixed);
    return new SeededRandom(mixed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max}): max is below min`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty array');
    return items[Math.floor(this.next() * items.length)];
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One value chosen with probability proportional to its weight; weights need not sum to 1. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
    if (total <= 0) throw new RangeError('weighted() needs at least one positive weight');
    let r = this.next() * total;
    for (const [value, w] of choices) {
      r -= Math.max(0, w);
      if (r < 0) return value;
    }
    // Floating-point rounding can leave r at exactly 0 after the loop; the last positive choice is then right.
    for (let i = choices.length - 1; ; i--) if (choices[i][1] > 0) return choices[i][0];
  }

  /** A shuffled copy (Fisher–Yates); the input is left as it is. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/** FNV-1a over UTF-16 code units, continuing from `basis`: a stable way to turn labels into seeds. */
export function hashString(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
