import { existsSync } from 'node:fs';

/** Debian's chromium (apt-get install chromium; `.ci/run` installs it): the only browser the tests drive. */
export const CHROMIUM_PATH = process.env.HUB_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** Decides whether the browser suite runs: chromium present, or in CI an error. */
export function decideBrowser(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') throw new Error(`CI requires chromium at ${CHROMIUM_PATH} (apt-get install chromium) for the browser tests`);
  console.warn(`chromium not found at ${CHROMIUM_PATH}: the browser suite (test/web) is skipped on this machine.`);
  return false;
}
