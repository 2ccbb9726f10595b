import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { seedAgency } from '../../tools/demo/seed-agency';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { CHROMIUM_PATH } from './browser';
import { persistedDocuments } from '../../tools/persisted-documents';
import { startHub, type GatewayAnswer, type HubOptions, type TestHub } from './hub-harness';

/** Whether the browser suite runs, as test/global-setup.ts decided (always in CI, where a missing browser fails the run). */
export function browserAvailable(): boolean {
  return process.env.HUB_TEST_BROWSER === '1';
}

/** `describe` when the browser suite runs, `describe.skip` on a machine without chromium (never in CI). */
export const describeBrowser: jest.Describe = browserAvailable() ? describe : describe.skip;

export interface TestPortal {
  hub: TestHub;
  /** The gateway's origin, where the portal is served: `${origin}/`. */
  origin: string;
  browser: Browser;
  /** Runs one of the web app's persisted operations by name, as the web app sends it (the gateway runs in safelist mode), as the holder of `token` when given. */
  persisted(name: string, variables?: Record<string, unknown>, token?: string): Promise<GatewayAnswer>;
  /** A fresh browser context (empty cache and storage) and its page; `viewport` defaults to a desktop. */
  page(options?: { viewport?: { width: number; height: number }; locale?: string }): Promise<Page>;
  stop(): Promise<void>;
}

/** Demo agencies the portal tests deploy (each seeded through the real workflow). */
export const PORTAL_AGENCIES = ['fjgov', 'fjdrc', 'fjczt'];

/**
 * The hub's real services on ephemeral ports (demo agencies seeded, directory and coordination)
 * with the gateway serving the built web app in safelist mode (HUB_SAFELIST_ONLY: the portal must
 * run on its persisted documents alone), and chromium to open its pages.
 */
export async function startPortal(options: Partial<HubOptions> & { documents?: number } = {}): Promise<TestPortal> {
  const hub = await startHub({
    agencies: PORTAL_AGENCIES,
    withDirectory: true,
    withCoordination: true,
    seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, {
      documents: options.documents ?? 24, penalties: 4, requests: 2, today: '2026-11-27',
    }).then(() => undefined),
    ...options,
    gateway: { safelistOnly: true, ...options.gateway },
  });
  const hashes = new Map(Object.entries(persistedDocuments()).map(([hash, text]) => [/^(?:query|mutation) (\w+)/.exec(text)![1], hash]));
  const contexts: BrowserContext[] = [];
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  } catch (error) {
    await hub.stop();
    throw error;
  }
  return {
    hub,
    origin: new URL(hub.gateway.url).origin,
    browser,
    async persisted(name, variables = {}, token) {
      const hash = hashes.get(name);
      if (!hash) throw new Error(`no persisted operation ${name} in schema/portal-operations.graphql or schema/staff-operations.graphql`);
      const response = await fetch(hub.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ operationName: name, variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
      return { data: body.data ?? null, errors: body.errors, status: response.status };
    },
    async page(pageOptions = {}) {
      const context = await browser.newContext({ viewport: pageOptions.viewport ?? { width: 1280, height: 900 }, locale: pageOptions.locale ?? 'zh-CN' });
      contexts.push(context);
      return context.newPage();
    },
    async stop() {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await browser.close().catch(() => undefined);
      await hub.stop();
    },
  };
}
