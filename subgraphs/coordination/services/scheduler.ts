import type { CoordinationRuntime } from '../context';
import { NEWEST_DOCUMENT } from './agency-operations';
import { checkPlan, runFullScan } from './consistency-scan.service';
import { runReleaseCycle } from './coordinated-release.service';

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
 * so a restart resumes plans that were committing.
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
  runtime.onPlanChanged = (planId) => void checkPlan(runtime, planId).catch(log);
  every(runtime.config.releaseIntervalSeconds, () => runReleaseCycle(runtime), true);
  every(runtime.config.scanIntervalMinutes * 60, () => runFullScan(runtime));
  let newest: string | undefined;
  every(runtime.config.changeWatchSeconds, async () => {
    const { documents } = await runtime.gateway.request<{ documents: { edges: { cursor: string }[] } }>(NEWEST_DOCUMENT);
    const top = documents.edges[0]?.cursor;
    if (newest !== undefined && top !== newest) await runFullScan(runtime);
    newest = top;
  });
  return { stop: () => timers.forEach(clearInterval) };
}
