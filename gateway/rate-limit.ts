import type { Redis } from 'ioredis';

/** Fixed-window request counters; shared by gateway replicas through Redis, or kept in memory. */
export interface QuotaCounter {
  /** Counts one request of `key` in the current window; returns the count and ms until the window ends. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /** The count of `key` in the current window, without counting. */
  peek(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /**
   * Takes one of `limit` concurrent slots of `key` (false when all are taken). A slot held longer
   * than `ttlMs` without `refresh` is given back, so a replica that dies holding one frees it.
   */
  acquire(key: string, limit: number, ttlMs: number): Promise<boolean>;
  /** Keeps the slots of `key` alive for another `ttlMs`. */
  refresh(key: string, ttlMs: number): Promise<void>;
  /** Gives one slot of `key` back. */
  release(key: string): Promise<void>;
  close(): Promise<void>;
}

/** In-memory counters (one replica, or tests). */
export class MemoryQuotaCounter implements QuotaCounter {
  private windows = new Map<string, { start: number; count: number }>();

  async hit(key: string, windowMs: number) {
    const now = Date.now();
    const start = now - (now % windowMs);
    let w = this.windows.get(key);
    if (!w || w.start !== start) {
      if (this.windows.size > 100_000) this.sweep(start);
      w = { start, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return { count: w.count, resetInMs: start + windowMs - now };
  }

  async peek(key: string, windowMs: number) {
    const now = Date.now();
    const start = now - (now % windowMs);
    const w = this.windows.get(key);
    return { count: w?.start === start ? w.count : 0, resetInMs: start + windowMs - now };
  }

  private sweep(currentStart: number): void {
    for (const [key, w] of this.windows) if (w.start !== currentStart) this.windows.delete(key);
  }

  private slots = new Map<string, number>();

  async acquire(key: string, limit: number) {
    const held = this.slots.get(key) ?? 0;
    if (held >= limit) return false;
    this.slots.set(key, held + 1);
    return true;
  }

  // In one process a slot cannot outlive its holder, so there is nothing to expire.
  async refresh() {}

  async release(key: string) {
    const held = (this.slots.get(key) ?? 1) - 1;
    if (held > 0) this.slots.set(key, held);
    else this.slots.delete(key);
  }

  async close() {}
}

/** Redis counters: INCR on a key named after the window, expiring with it, so all replicas share one count. */
export class RedisQuotaCounter implements QuotaCounter {
  constructor(private readonly redis: Redis) {}

  async hit(key: string, windowMs: number) {
    const now = Date.now();
    const start = now - (now % windowMs);
    const name = `hub:quota:${key}:${start}`;
    const [[, count]] = (await this.redis.multi().incr(name).pexpire(name, windowMs + 1000).exec()) as [[null, number], [null, number]];
    return { count, resetInMs: start + windowMs - now };
  }

  /** INCR then, over the limit, DECR back: the count never stays above `limit` for long. */
  async acquire(key: string, limit: number, ttlMs: number) {
    const name = `hub:slots:${key}`;
    const [[, held]] = (await this.redis.multi().incr(name).pexpire(name, ttlMs).exec()) as [[null, number], [null, number]];
    if (held <= limit) return true;
    await this.redis.decr(name);
    return false;
  }

  async refresh(key: string, ttlMs: number) {
    await this.redis.pexpire(`hub:slots:${key}`, ttlMs);
  }

  async release(key: string) {
    const name = `hub:slots:${key}`;
    // Not below zero: the key may have expired (and restarted at 0) while the export ran.
    if ((await this.redis.decr(name)) < 0) await this.redis.set(name, 0, 'PX', 1000);
  }

  async peek(key: string, windowMs: number) {
    const now = Date.now();
    const start = now - (now % windowMs);
    const count = Number(await this.redis.get(`hub:quota:${key}:${start}`)) || 0;
    return { count, resetInMs: start + windowMs - now };
  }

  async close() {
    this.redis.disconnect();
  }
}
