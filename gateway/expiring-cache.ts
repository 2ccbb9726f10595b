/**
 * A map of values that expire, holding at most `maxEntries` (the oldest set goes first): what the
 * gateway keeps instead of redoing per request — verified tokens and signed claims (identity.ts),
 * the directory's agencies (entity-cache.ts).
 */
export class ExpiringCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(private readonly maxEntries: number) {}

  /** The value kept under `key`, unless it expired by `now`. */
  get(key: string, now: number): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Keeps `value` under `key` until `until` (epoch ms), as the newest entry. */
  set(key: string, value: T, until: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, until });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
