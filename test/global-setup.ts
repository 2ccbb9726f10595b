import { Client } from 'pg';
import { PG_ADMIN_URL } from './support/databases';
import { decideBrowser } from './support/browser';
// tools/build-web.js is the build's own script (plain CommonJS, no types).
const { buildWeb } = require('../tools/build-web') as { buildWeb(options: { quiet: boolean }): Promise<boolean> };

/**
 * Decides once, before any test file loads, whether the PostgreSQL suite runs: always when the
 * server answers; never silently skipped in CI (CI=true), where its absence fails the run. The
 * browser suite likewise (chromium), with the web app built first (skipped when unchanged).
 */
export default async function globalSetup(): Promise<void> {
  const client = new Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    process.env.HUB_TEST_ENGINES = 'sqlite,postgresql';
  } catch (error) {
    if (process.env.CI === 'true') throw new Error(`CI requires PostgreSQL at ${PG_ADMIN_URL}: ${(error as Error).message}`);
    console.warn(`PostgreSQL not reachable at ${PG_ADMIN_URL}: the PostgreSQL suite is skipped on this machine.`);
    process.env.HUB_TEST_ENGINES = 'sqlite';
  }
  if (decideBrowser()) {
    await buildWeb({ quiet: true });
    process.env.HUB_TEST_BROWSER = '1';
  } else {
    process.env.HUB_TEST_BROWSER = '';
  }
}
