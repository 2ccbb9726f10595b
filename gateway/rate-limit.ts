import type { Redis } from 'ioredis';

/** Fixed-window request counters; shared by gateway replicas through Redis, or kept in memory. */
export interface QuotaCounter {
  /** Counts one request of `key` in the current window; returns the count and ms until the window ends. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /** The count of `key` in the current window, without counting. */
  peek(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
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
