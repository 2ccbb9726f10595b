import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ProcessGroup } from '../../tools/bench/processes';
import { loadCatalogueConfig } from '../../subgraphs/catalogue/config';
import { catalogueGatewayClient, createCatalogueRuntime } from '../../subgraphs/catalogue/server';
import { verifyCatalogue } from '../../subgraphs/catalogue/services/verify';
import { CatalogueFeedEntity } from '../../subgraphs/catalogue/entities/feed-state.entity';
import { DocumentEntity } from '../../subgraphs/agency/entities/document.entity';
import { PublicChangeEntity } from '../../subgraphs/agency/entities/public-change.entity';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { startHub, type TestHub } from '../support/hub-harness';
import { TEST_SECRETS } from '../support/secrets';
import { freePort } from '../support/free-port';

/**
 * Issue 11: the catalogue as a real process killed with SIGKILL while it back-fills an agency's
 * hundreds of documents, then restarted on the same database, holds exactly what the agency
 * publishes: nothing lost, duplicated or stale (the verify comparison equal).
 */
const CODE = 'fjdrc';
const CLOCK = '2026-11-27T10:00:00+08:00';

interface CatalogueHealthBody { status: string; agencies?: { agency: string; appliedSeq: number; knownSeq: number; lagEntries: number; stale: boolean }[] }

describe('the provincial catalogue killed mid back-fill (issue 11)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-catalogue-kill-'));
  const processes = new ProcessGroup();
  const databaseUrl = join(dir, 'catalogue.sqlite');
  let hub: TestHub;
  let lastSeq: number;
  let launchCatalogue: () => Promise<ChildProcess>;
  let health: () => Promise<CatalogueHealthBody>;

  beforeAll(async () => {
    hub = await startHub({
      agencies: [CODE], databaseDir: dir, clock: CLOCK,
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === CODE)!, { documents: 300, penalties: 0, requests: 0, today: '2026-11-27' }).then(() => undefined),
    });
    const agency = hub.agencies.get(CODE)!;
    lastSeq = (await agency.runtime.orm.em.fork().find(PublicChangeEntity, {}, { orderBy: { seq: 'desc' }, limit: 1 }))[0].seq;
    const registryPath = join(dir, 'registry.json');
    writeFileSync(registryPath, JSON.stringify({ agencies: [{ code: CODE, url: agency.url }] }));
    const port = await freePort();
    health = async () => (await fetch(`http://127.0.0.1:${port}/health`)).json() as Promise<CatalogueHealthBody>;
    // A real process, so that SIGKILL ends it wherever it is, as in production.
    launchCatalogue = () => processes.launch('subgraphs/catalogue/main.ts', {
      NODE_OPTIONS: `--require ${resolve(__dirname, '../../tools/swc-register.js')}`,
      ...TEST_SECRETS, HUB_CATALOGUE_DATABASE_URL: databaseUrl, HUB_REGISTRY: registryPath, HUB_GATEWAY_URL: hub.gateway.url,
      // Small pages: the back-fill is dozens of transactions, so a kill soon after the first lands while it is incomplete.
      HUB_CATALOGUE_FEED_PAGE: '7', HUB_CATALOGUE_FEED_WAIT_MS: '500', PORT: String(port), HUB_CLOCK: CLOCK, APOLLO_TELEMETRY_DISABLED: '1',
    });
  }, 180_000);
  afterAll(async () => {
    await processes.stopAll();
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restarted on the same database after SIGKILL mid back-fill, holds every document once and fresh', async () => {
    expect(lastSeq).toBeGreaterThan(200);
    const first = await launchCatalogue();
    // Wait until the back-fill has applied something, then kill it at once, before it is done.
    let seen: number | undefined;
    for (let tries = 0; tries < 2000 && seen === undefined; tries++) {
      const feed = (await health().catch(() => undefined))?.agencies?.find((a) => a.agency === CODE);
      if (feed && feed.appliedSeq > 0) seen = feed.appliedSeq;
      else await new Promise((r) => setTimeout(r, 5));
    }
    first.kill('SIGKILL');
    await new Promise((done) => (first.signalCode !== null ? done(undefined) : first.once('exit', done)));
    expect(first.signalCode).toBe('SIGKILL');
    expect(seen).toBeDefined();

    // What the killed process left committed: strictly between the start and the end of the back-fill.
    const config = loadCatalogueConfig({ ...TEST_SECRETS, HUB_CATALOGUE_DATABASE_URL: databaseUrl });
    const left = await createCatalogueRuntime(config);
    const appliedAtKill = (await left.orm.em.fork().findOne(CatalogueFeedEntity, { agency: CODE }))?.appliedSeq ?? 0;
    await left.orm.close(true);
    expect(appliedAtKill).toBeGreaterThan(0);
    expect(appliedAtKill).toBeLessThan(lastSeq);

    const second = await launchCatalogue();
    let caughtUp: CatalogueHealthBody | undefined;
    for (let tries = 0; tries < 600 && !caughtUp; tries++) {
      const body = await health().catch(() => undefined);
      const feed = body?.agencies?.find((a) => a.agency === CODE);
      if (body?.status === 'ok' && feed && feed.appliedSeq === lastSeq && feed.lagEntries === 0 && !feed.stale) caughtUp = body;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(caughtUp).toBeDefined();
    await processes.stop(second);

    const runtime = await createCatalogueRuntime(config);
    try {
      const [report] = await verifyCatalogue(runtime, catalogueGatewayClient(config, hub.gateway.url), [CODE]);
      expect({ missing: report.missing, extra: report.extra, different: report.different }).toEqual({ missing: [], extra: [], different: [] });
      expect(report.catalogueChecksum).toBe(report.agencyChecksum);
      expect(report.catalogueCount).toBe(report.agencyCount);
      expect(report.agencyCount).toBeGreaterThan(200);
      // Every document row is one the agency publishes: none held twice, none left over.
      const em = runtime.orm.em.fork();
      expect(await em.count(DocumentEntity, { agencyCode: CODE })).toBe(report.catalogueCount);
      expect((await em.findOne(CatalogueFeedEntity, { agency: CODE }))!.appliedSeq).toBe(lastSeq);
    } finally {
      await runtime.orm.close(true);
    }
  }, 180_000);
});
