import type { CoordinationRuntime } from '../context';
import { NEWEST_DOCUMENT } from './agency-operations';
import { checkPlan, runFullScan } from './consistency-scan.service';
import { runReleaseCycle, type ReleaseCycleResult } from './coordinated-release.service';
import { ReleasePlanEntity } from '../entities/release-plan.entity';
import { ReleasePlanStatus } from '../entities/enums';

/** The coordination process's timers, stopped together. */
export interface Scheduler {
  stop(): void;
}

/** The first retry of a release a cycle could not finish comes this soon; each further one waits twice as long, up to the cycle interval. */
const FIRST_RETRY_MS = 250;

function log(error: unknown): void {
  console.error('[coordination]', error instanceof Error ? error.message : error);
}

/**
 * Starts the timers of the coordination process: the release cycle (due releases, commits to
 * finish, embargoes to resend), the periodic full consistency scan, and the change watch — a
 * one-document probe of the newest publication that starts a scan when the province changed. A
 * plan that changes state gets its release checks at once. The first release cycle runs at once,
 * so a restart resumes plans that were committing. Besides the periodic cycle, a timer is armed
 * for the next confirmed plan's release time, so a release starts at its time, not at a tick, and
 * a release left unfinished (an agency down at prepare or commit) is retried within a second
 * rather than at the next tick.
 */
export function startScheduler(runtime: CoordinationRuntime): Scheduler {
  const timers: NodeJS.Timeout[] = [];
  const every = (seconds: number, task: () => Promise<unknown>, runNow = false) => {
    if (seconds <= 0) return;
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      task().catch(log).finally(() => { busy = false; });
    };
    timers.push(setInterval(tick, seconds * 1000));
    if (runNow) tick();
  };
  const intervalMs = runtime.config.releaseIntervalSeconds * 1000;
  let cycling: Promise<unknown> | undefined;
  let releaseTimer: NodeJS.Timeout | undefined;
  let arming = 0;
  let retryMs = FIRST_RETRY_MS;
  let stopped = false;
  /** One release cycle at a time; when it ends the release timer is armed from what it left. */
  const releaseCycle = (): Promise<unknown> => {
    cycling ??= (async () => {
      let outcome: ReleaseCycleResult | 'threw' = 'threw';
      try {
        outcome = await runReleaseCycle(runtime);
      } finally {
        cycling = undefined;
        void armNextRelease(outcome).catch(log);
      }
    })();
    return cycling;
  };
  /**
   * Arms the release timer for the soonest of: a due plan the last cycle did not see (it became
   * due while the cycle ran, or a plan changed), at once; a release the cycle could not finish (an
   * agency unreachable at prepare or commit, or the cycle failed), after a retry delay starting at
   * {@link FIRST_RETRY_MS} and doubling up to the interval; the next confirmed plan's release time.
   * Anything further than one interval is left to the periodic cycle, which arms again.
   */
  const armNextRelease = async (after?: ReleaseCycleResult | 'threw') => {
    if (stopped || intervalMs <= 0) return;
    // A change made during a cycle (the cycle's own plan changes among them) is seen by the arming at its end.
    if (!after && cycling) return;
    const generation = ++arming;
    const em = runtime.orm.em.fork();
    const now = runtime.clock.now();
    const [due, [next], committing] = await Promise.all([
      em.find(ReleasePlanEntity, { status: ReleasePlanStatus.CONFIRMED, failure: null, releaseAt: { $lte: now } }, { fields: ['id'] }),
      em.find(ReleasePlanEntity, { status: ReleasePlanStatus.CONFIRMED, releaseAt: { $gt: now } }, { orderBy: { releaseAt: 'asc' }, limit: 1, fields: ['releaseAt'] }),
      em.count(ReleasePlanEntity, { status: ReleasePlanStatus.COMMITTING }),
    ]);
    // A newer arming (after a later cycle or change) read a newer state.
    if (stopped || generation !== arming) return;
    const attempted = typeof after === 'object' ? new Set([...after.released, ...after.failed, ...after.committing]) : new Set<string>();
    const unseen = due.some((plan) => !attempted.has(plan.id));
    const unfinished = after === 'threw' || committing > 0 || due.length > 0;
    let delay = next ? next.releaseAt.getTime() - now.getTime() : Infinity;
    if (unseen && after !== 'threw') delay = 0;
    else if (unfinished) {
      delay = Math.min(delay, retryMs);
      if (after) retryMs = Math.min(retryMs * 2, intervalMs);
    } else if (after) retryMs = FIRST_RETRY_MS;
    clearTimeout(releaseTimer);
    releaseTimer = undefined;
    if (delay > intervalMs) return;
    releaseTimer = setTimeout(() => void releaseCycle().catch(log), Math.max(0, delay));
    releaseTimer.unref();
  };
  runtime.onPlanChanged = (planId) => {
    void checkPlan(runtime, planId).catch(log);
    void armNextRelease().catch(log);
  };
  every(runtime.config.releaseIntervalSeconds, releaseCycle, true);
  every(runtime.config.scanIntervalMinutes * 60, () => runFullScan(runtime));
  let newest: string | undefined;
  every(runtime.config.changeWatchSeconds, async () => {
    const { documents } = await runtime.gateway.request<{ documents: { edges: { cursor: string }[] } }>(NEWEST_DOCUMENT);
    const top = documents.edges[0]?.cursor;
    if (newest !== undefined && top !== newest) await runFullScan(runtime);
    newest = top;
  });
  return {
    stop: () => {
      stopped = true;
      clearTimeout(releaseTimer);
      timers.forEach(clearInterval);
    },
  };
}
