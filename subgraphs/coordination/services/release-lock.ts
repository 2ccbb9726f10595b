/**
 * One release action at a time in this process: plan changes by coordinators and the scheduler's
 * cycle never interleave, so a hold sync cannot mark done what a newer change made pending. The
 * coordination subgraph is a singleton; the participants' own records make each step idempotent
 * should two processes ever run.
 */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task queued before it; its failure does not block the next. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/** The process's lock over release work. */
export const releaseLock = new SerialLock();
