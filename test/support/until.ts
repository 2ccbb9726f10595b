/** Options of {@link until}. */
export interface UntilOptions {
  /** How long to keep trying, in milliseconds. @default 60000 */
  timeoutMs?: number;
  /** Pause between tries, in milliseconds. @default 20 */
  intervalMs?: number;
  /** More to say when it gives up (what a service printed, what was seen). */
  detail?: () => string;
}

/**
 * Polls `check` until it gives a value (anything but undefined or false) and returns it, or fails
 * naming `what` after `timeoutMs`: the tests that wait for something to happen wait on progress,
 * never on a fixed pause a loaded machine may not honour.
 */
export async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, options: UntilOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${options.detail ? `\n${options.detail()}` : ''}`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 20));
  }
}
