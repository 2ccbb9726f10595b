import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { IncomingMessage } from 'node:http';
import type { ApiKeyStore } from './api-keys';
import { callerOf, jsonError, type Quotas } from './protection';
import type { QuotaCounter } from './rate-limit';

/**
 * Exports cost what they read: a caller's export pages count against the caller's per-minute
 * quota (one unit per page of rows, the request itself being the first), and each caller (API
 * key, staff token or anonymous address) runs at most `maxConcurrent` exports at once. Both live
 * in the quota store, so with Redis they hold across gateway replicas. And all exports of a
 * gateway process together read at most `pagesInFlight` pages at a time, so that however many
 * callers export, interactive requests keep the rest of the process.
 */

/** Rows per export page, and so per quota unit. */
export const EXPORT_PAGE = 100;

/** How long a concurrency slot outlives its last page: a replica that dies mid-export frees its slots after this. */
const SLOT_TTL_MS = 120_000;
/** Retry-After of a refused concurrent export; an export of the whole province takes about this long. */
const BUSY_RETRY_SECONDS = 30;

/** Why an export stopped before its end: an error in the stream, with where to resume. */
export interface ExportStop {
  code: 'RATE_LIMITED';
  message: string;
  retryAfter: number;
}

/** One running export of one caller. */
export interface ExportSession {
  /** Meters the next page before it is read; an ExportStop when the caller's quota ran out. */
  nextPage(): Promise<ExportStop | undefined>;
  /**
   * Meters `pages` pages at once (a catalogue page of several export pages): how many the quota
   * grants, and the ExportStop when it granted fewer.
   */
  nextPages(pages: number): Promise<{ granted: number; stop?: ExportStop }>;
  /** Reads a page in the process's export lane (waiting for a free one). */
  read<T>(page: () => Promise<T>): Promise<T>;
  /** Gives the caller's concurrency slot back (idempotent). */
  end(): Promise<void>;
}

/**
 * Interactive requests in flight (everything but exports, the gateway's own export pages and
 * service identities' calls): an export only yields to them, so a lone researcher's export runs
 * at full speed on an idle gateway. The services' calls are background work themselves — the
 * catalogue keeps one long poll per agency in flight at all times, which would otherwise make
 * every export yield for ever.
 */
export class InteractiveLoad {
  private inFlight = 0;
  private readonly counted = new WeakSet<Request>();

  constructor(private readonly isInternal: (request: Request) => boolean, private readonly isService: (request: Request) => Promise<boolean>) {}

  plugin(): GatewayPlugin {
    return {
      onRequest: async ({ request, url }) => {
        if (this.isInternal(request) || url.pathname.startsWith('/export/')) return;
        if (request.headers.has('authorization') && (await this.isService(request))) return;
        this.counted.add(request);
        this.inFlight++;
      },
      onResponse: ({ request }) => {
        if (this.counted.delete(request)) this.inFlight--;
      },
    };
  }

  busy(): boolean {
    return this.inFlight > 0;
  }
}

/**
 * A counting semaphore: at most `size` pieces of work at once, the others in arrival order. With
 * `pace`, while interactive requests are in flight a lane rests `pace` × the time its work took
 * before the next page may use it, so bulk exports take at most 1 / (1 + pace) of the lane's time
 * and interactive requests keep the rest.
 */
class Lanes {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number, private readonly pace: number, private readonly contended: () => boolean) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.busy >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.busy++;
    const started = performance.now();
    try {
      return await work();
    } finally {
      // The lane passes to the next in line (or is freed) after its rest; the caller goes on at once.
      const pass = () => {
        const next = this.waiting.shift();
        if (next) next();
        else this.busy--;
      };
      const rest = this.contended() ? (performance.now() - started) * this.pace : 0;
      if (rest > 0) setTimeout(pass, rest).unref();
      else pass();
    }
  }
}

export class ExportMeter {
  private readonly lanes: Lanes;

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly counter: QuotaCounter,
    private readonly quotas: Quotas,
    private readonly limits: { maxConcurrent: number; pagesInFlight: number; pacing: number; contended: () => boolean },
  ) {
    this.lanes = new Lanes(Math.max(1, limits.pagesInFlight), limits.pacing, limits.contended);
  }

  /** Starts an export for the caller of `request`, or the response refusing it (429 when the caller already runs `maxConcurrent`). */
  async begin(request: Request, req: IncomingMessage | undefined): Promise<ExportSession | { refused: Response }> {
    const caller = callerOf(request, req, this.keys, this.quotas);
    if ('refused' in caller) return caller;
    const slotKey = `export:${caller.key}`;
    let acquired: boolean;
    try {
      acquired = await this.counter.acquire(slotKey, this.limits.maxConcurrent, SLOT_TTL_MS);
    } catch (error) {
      // Like the quotas: a quota store that is down must not take exports down with it.
      console.error(`quota counter unavailable, export allowed: ${(error as Error).message}`);
      return withNextPages({ nextPage: async () => undefined, read: (page) => this.lanes.run(page), end: async () => undefined });
    }
    if (!acquired) {
      return {
        refused: jsonError(429, 'RATE_LIMITED',
          `同时进行的导出已达上限（${this.limits.maxConcurrent} 个），请 ${BUSY_RETRY_SECONDS} 秒后再试 / Too many concurrent exports (max ${this.limits.maxConcurrent} per caller), retry in ${BUSY_RETRY_SECONDS} s`,
          { 'retry-after': String(BUSY_RETRY_SECONDS) }),
      };
    }
    let pages = 0;
    let ended = false;
    return withNextPages({
      nextPage: async () => {
        // The first page is the export request itself, already counted by the quotas.
        if (pages++ === 0) return undefined;
        try {
          const [{ count, resetInMs }] = await Promise.all([this.counter.hit(caller.key, 60_000), this.counter.refresh(slotKey, SLOT_TTL_MS)]);
          if (count <= caller.perMinute) return undefined;
          const retryAfter = Math.max(1, Math.ceil(resetInMs / 1000));
          return {
            code: 'RATE_LIMITED',
            retryAfter,
            message: `导出超出配额（每分钟 ${caller.perMinute} 个单位，每 ${EXPORT_PAGE} 行计 1 个），请 ${retryAfter} 秒后用 resumeAfter 续传 / `
              + `Export quota exceeded (${caller.perMinute} units per minute, one per ${EXPORT_PAGE} rows): resume with after=resumeAfter in ${retryAfter} s`,
          };
        } catch (error) {
          console.error(`quota counter unavailable, export page allowed: ${(error as Error).message}`);
          return undefined;
        }
      },
      read: (page) => this.lanes.run(page),
      end: async () => {
        if (ended) return;
        ended = true;
        await this.counter.release(slotKey).catch((error: Error) => console.error(`quota counter unavailable, export slot not released: ${error.message}`));
      },
    });
  }
}

/** A session whose `nextPages` meters page by page, stopping at the first page the quota refuses. */
function withNextPages(session: Omit<ExportSession, 'nextPages'>): ExportSession {
  return {
    ...session,
    async nextPages(pages) {
      for (let granted = 0; granted < pages; granted++) {
        const stop = await session.nextPage();
        if (stop) return { granted, stop };
      }
      return { granted: pages };
    },
  };
}
