import type { AgencyFreshness } from '../../../schema/contracts/catalogue-freshness';
import type { AgencyRuntime } from '../../agency/context';
import type { ShardRegistry } from '../../../schema/contracts/shard-registry';
import { CatalogueFeedEntity } from '../entities/feed-state.entity';
import { applyFeedPage, type FeedChange } from './apply';

/** Reads one page of an agency's public change log (through the gateway, in production). */
export type FeedReader = (agency: string, after: number, first: number, waitMs: number) => Promise<{ lastSeq: number; changes: FeedChange[] }>;

/** How far one agency's log is applied, as /health and the CATALOGUE_STALE notice report it. */
export interface FeedFreshness {
  agency: string;
  /** Highest sequence applied. */
  appliedSeq: number;
  /** Highest sequence the agency reported at the last read. */
  knownSeq: number;
  /** When the log was last read successfully; undefined before the first read. */
  readAt?: Date;
  /** True when the last read found nothing newer than what was applied. */
  caughtUp: boolean;
  /** True once the catalogue has been caught up with this agency at least once (the back-fill is done), in this process or before a restart. */
  backfilled: boolean;
  /** Why the last read failed, while it fails. */
  error?: string;
}

/**
 * One agency's freshness as /health and `catalogueFreshness` report it: the lag in entries and in
 * time since the agency's log was last read, and whether answers including it carry CATALOGUE_STALE.
 */
export interface FreshnessReport extends AgencyFreshness {
  backfilled: boolean;
}

export interface ReplicatorOptions {
  /** Entries per read. @default 200 */
  pageSize: number;
  /** Longest wait of a long-polling read. @default 15000 */
  waitMs: number;
  /** Pause after a failed read, doubled up to 1 s (a recovered agency is read again within a second). @default 250 */
  retryMs?: number;
  /** Wall-clock time of freshness (never the domain clock, which demos and tests fix). @default () => new Date() */
  now?: () => Date;
}

/** What a catalogue answer needs to know of the replication: whether it is ready, and how fresh each agency is. */
export interface ReplicationState {
  ready(): boolean;
  report(staleAfterMs: number): FreshnessReport[];
  stale(staleAfterMs: number, agencies?: readonly string[]): string[];
}

/** The replication's state as the replicating process sends it to its readers: readiness and every registered agency's freshness. */
export interface ReplicationSnapshot {
  ready: boolean;
  feeds: FeedFreshness[];
}

/** Each agency's freshness with its lag and stale flag, as of `nowMs`. */
export function freshnessReport(feeds: FeedFreshness[], nowMs: number, staleAfterMs: number): FreshnessReport[] {
  const stale = new Set(staleFeeds(feeds, nowMs, staleAfterMs));
  return feeds.map((f) => ({
    agency: f.agency, appliedSeq: f.appliedSeq, knownSeq: f.knownSeq,
    lagEntries: Math.max(0, f.knownSeq - f.appliedSeq),
    msSinceRead: f.readAt ? nowMs - f.readAt.getTime() : null,
    stale: stale.has(f.agency), backfilled: f.backfilled,
    ...(f.error ? { error: f.error } : {}),
  }));
}

/**
 * The agencies among `agencies` (all when undefined) not back-filled yet or whose log was not read
 * within `staleAfterMs` of `nowMs`. Run on every answer of the catalogue: no copies, no sort (the
 * notice sorts what it names).
 */
export function staleFeeds(
  feeds: Iterable<FeedFreshness>, nowMs: number, staleAfterMs: number, agencies?: readonly string[], registered: (code: string) => boolean = () => true,
): string[] {
  const stale: string[] = [];
  for (const f of feeds) {
    if (agencies && !agencies.includes(f.agency)) continue;
    if (!registered(f.agency)) continue;
    if (!f.backfilled || !f.readAt || nowMs - f.readAt.getTime() > staleAfterMs) stale.push(f.agency);
  }
  return stale;
}

/**
 * Pulls every registered agency's public change log from its last applied sequence and applies
 * each page in one transaction with the new high-water mark: exactly once, whatever was down.
 * Each agency has its own loop, so a hung agency only holds its own feed. A caught-up loop long-
 * polls (the agency answers at its next commit), so normal lag is one commit, not a poll interval.
 */
export class Replicator implements ReplicationState {
  private readonly feeds = new Map<string, FeedFreshness & { running: boolean }>();
  private stopped = false;
  private initialAgencies?: Set<string>;
  private readonly loops = new Set<Promise<void>>();
  private readonly now: () => Date;
  /** Called after each applied page (tests wait on it). */
  onApplied?: (agency: string, releasedPlans: string[]) => void;

  constructor(private readonly runtime: AgencyRuntime, private readonly registry: ShardRegistry, private readonly read: FeedReader, private readonly options: ReplicatorOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Starts a loop per registered agency, and one for each agency registered later. */
  async start(): Promise<void> {
    const em = this.runtime.orm.em.fork();
    for (const row of await em.find(CatalogueFeedEntity, {})) {
      this.feeds.set(row.agency, { agency: row.agency, appliedSeq: row.appliedSeq, knownSeq: row.appliedSeq, caughtUp: false, backfilled: Boolean(row.backfilledAt), running: false });
    }
    this.initialAgencies = new Set(this.registry.all().map((e) => e.code));
    this.sync();
    this.registry.onChange(() => this.sync());
  }

  private sync(): void {
    if (this.stopped) return;
    const codes = new Set(this.registry.all().map((e) => e.code));
    for (const code of codes) {
      const feed = this.feeds.get(code) ?? { agency: code, appliedSeq: 0, knownSeq: 0, caughtUp: false, backfilled: false, running: false };
      this.feeds.set(code, feed);
      if (!feed.running) {
        feed.running = true;
        const loop = this.loop(feed).finally(() => {
          feed.running = false;
          this.loops.delete(loop);
        });
        this.loops.add(loop);
      }
    }
  }

  private async loop(feed: FeedFreshness & { running: boolean }): Promise<void> {
    let pause = this.options.retryMs ?? 250;
    while (!this.stopped && this.registry.get(feed.agency)) {
      try {
        const page = await this.read(feed.agency, feed.appliedSeq, this.options.pageSize, feed.caughtUp ? this.options.waitMs : 0);
        if (this.stopped) return;
        // Freshness is when the agency last answered, not when its page was applied.
        const readAt = this.now();
        // A long poll that ended without a commit changes nothing: no transaction, so the idle
        // feeds of a province (one answer per agency every waitMs) cost the catalogue no writes.
        const released = page.changes.length ? await applyFeedPage(this.runtime, feed.agency, page.changes, readAt) : [];
        const last = page.changes.at(-1)?.seq;
        if (last !== undefined) feed.appliedSeq = Math.max(feed.appliedSeq, last);
        feed.knownSeq = Math.max(page.lastSeq, feed.appliedSeq);
        feed.readAt = readAt;
        feed.caughtUp = feed.appliedSeq >= page.lastSeq;
        if (feed.caughtUp && !feed.backfilled) {
          await this.markBackfilled(feed.agency, feed.appliedSeq, readAt);
          feed.backfilled = true;
        }
        feed.error = undefined;
        pause = this.options.retryMs ?? 250;
        this.onApplied?.(feed.agency, released);
      } catch (error) {
        feed.error = (error as Error).message;
        await new Promise((resolve) => setTimeout(resolve, pause).unref());
        pause = Math.min(pause * 2, 1000);
      }
    }
  }

  /** Records that the catalogue has caught up with `agency` once (one write per agency, ever). */
  private async markBackfilled(agency: string, appliedSeq: number, at: Date): Promise<void> {
    await this.runtime.orm.em.fork().transactional(async (tx) => {
      const row = await tx.findOne(CatalogueFeedEntity, { agency });
      if (row) row.backfilledAt ??= at;
      else tx.create(CatalogueFeedEntity, { agency, appliedSeq, backfilledAt: at });
    });
  }

  /** Every replicated agency's freshness. */
  freshness(): FeedFreshness[] {
    return [...this.feeds.values()]
      .filter((f) => this.registry.get(f.agency))
      .map(({ running: _running, ...f }) => f)
      .sort((a, b) => (a.agency < b.agency ? -1 : 1));
  }

  /** Every replicated agency's freshness with its lag and stale flag, by agency code. */
  report(staleAfterMs: number): FreshnessReport[] {
    return freshnessReport(this.freshness(), this.now().getTime(), staleAfterMs);
  }

  /**
   * True once the first back-fill is done for the agencies registered at start (in this process or
   * before a restart, so one agency down when the catalogue restarts does not send the whole
   * province back to the live fan-out); until then the gateway keeps the live fan-out. An agency
   * registered later is back-filled while the rest is served.
   */
  ready(): boolean {
    return this.initialAgencies !== undefined && [...this.initialAgencies].every((code) => !this.registry.get(code) || this.feeds.get(code)?.backfilled);
  }

  /** Agencies among `agencies` (all when undefined) not back-filled yet or whose log was not read within `staleAfterMs`. */
  stale(staleAfterMs: number, agencies?: readonly string[]): string[] {
    return staleFeeds(this.feeds.values(), this.now().getTime(), staleAfterMs, agencies, (code) => Boolean(this.registry.get(code)));
  }

  /** What the catalogue's reader processes are told of the replication (see ReplicationMirror). */
  snapshot(): ReplicationSnapshot {
    return { ready: this.ready(), feeds: this.freshness() };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.loops]);
  }
}
