import type { CoordinationRuntime } from '../context';
import { NEWEST_DOCUMENT } from './agency-operations';
import { checkPlan, runFullScan } from './consistency-scan.service';
import { runReleaseCycle } from './coordinated-release.service';
import { ReleasePlanEntity } from '../entities/release-plan.entity';
import { ReleasePlanStatus } from '../entities/enums';

/** The coordination process's timers, stopped together. */
export interface Scheduler {
  stop(): void;
}

function log(error: unknown): void {
  console.error('[coordination]', error instanceof Error ? error.message : error);
}

/**
 * Starts the timers of the coordination process: the release cycle (due releases, commits to
 * finish, embargoes to resend), the periodic full consistency scan, and the change watch — a
 * one-document probe of the newest publication that starts a scan when the province changed. A
 * plan that changes state gets its release checks at once. The first release cycle runs at once,
 * so a restart resumes plans that were committing. Besides the periodic cycle, a timer is armed
 * for the next confirmed plan's release time, so a release starts at its time, not at a tick.
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
  let cycling: Promise<unknown> | undefined;
  let releaseTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  /** One release cycle at a time; each is followed by arming the timer for the next release. */
  const releaseCycle = (): Promise<unknown> => {
    cycling ??= runReleaseCycle(runtime).finally(() => { cycling = undefined; void armNextRelease(); });
    return cycling;
  };
  const armNextRelease = async () => {
    if (stopped || runtime.config.releaseIntervalSeconds <= 0) return;
    const [next] = await runtime.orm.em.fork().find(ReleasePlanEntity, { status: ReleasePlanStatus.CONFIRMED }, { orderBy: { releaseAt: 'asc' }, limit: 1 });
    clearTimeout(releaseTimer);
    if (!next || stopped) return;
    // Past due plans were handled by the cycle just run; a later one gets its own timer (at most one interval ahead: the tick re-arms).
    const delay = next.releaseAt.getTime() - runtime.clock.now().getTime();
    if (delay <= 0 || delay > runtime.config.releaseIntervalSeconds * 1000) return;
    releaseTimer = setTimeout(() => void releaseCycle().catch(log), delay);
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
