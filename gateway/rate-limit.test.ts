import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { MemoryQuotaCounter, RedisQuotaCounter, type QuotaCounter } from './rate-limit';

/** The Redis every test run has at hand (as for the quota tests of the harness). */
const REDIS_URL = 'redis://127.0.0.1:6379';

/** Concurrency slots (issue 9 finding 3: concurrent exports per caller), in memory and in the real Redis. */
describe.each([
  ['memory', () => new MemoryQuotaCounter()],
  ['redis', () => new RedisQuotaCounter(new Redis(REDIS_URL, { maxRetriesPerRequest: 1 }))],
])('issue 9 finding 3: concurrency slots (%s)', (_name, make: () => QuotaCounter) => {
  let counter: QuotaCounter;
  beforeEach(() => { counter = make(); });
  afterEach(() => counter.close());

  it('grants `limit` slots per key, refuses the next, and grants again once one is released', async () => {
    const key = `test:${randomBytes(6).toString('hex')}`;
    expect(await counter.acquire(key, 2, 10_000)).toBe(true);
    expect(await counter.acquire(key, 2, 10_000)).toBe(true);
    expect(await counter.acquire(key, 2, 10_000)).toBe(false);
    expect(await counter.acquire(`${key}:other`, 2, 10_000)).toBe(true);
    await counter.release(key);
    expect(await counter.acquire(key, 2, 10_000)).toBe(true);
    expect(await counter.acquire(key, 2, 10_000)).toBe(false);
    await counter.release(key);
    await counter.release(key);
    await counter.release(`${key}:other`);
  });
});

it('issue 9 finding 3: a Redis slot whose holder died frees itself after its expiry', async () => {
  const counter = new RedisQuotaCounter(new Redis(REDIS_URL, { maxRetriesPerRequest: 1 }));
  try {
    const key = `test:${randomBytes(6).toString('hex')}`;
    expect(await counter.acquire(key, 1, 300)).toBe(true);
    expect(await counter.acquire(key, 1, 300)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await counter.acquire(key, 1, 300)).toBe(true);
    await counter.release(key);
  } finally {
    await counter.close();
  }
});
