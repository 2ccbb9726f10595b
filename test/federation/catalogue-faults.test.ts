import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyCatalogue } from '../../subgraphs/catalogue/services/verify';
import type { GatewayClient } from '../../subgraphs/shared/gateway-client';
import { catalogueGatewayClient } from '../../subgraphs/catalogue/server';
import { loadCatalogueConfig } from '../../subgraphs/catalogue/config';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { startHub, type TestHub } from '../support/hub-harness';
import { TEST_SECRETS } from '../support/secrets';
import { freshDatabase, testEngines } from '../support/databases';

/**
 * Issue 11: the catalogue after faults — a deployment killed and restarted, the catalogue stopped
 * and restarted, a feed unreachable for a while, the catalogue rebuilt from nothing — holds exactly
 * what the agencies publish (the verify command's comparison equal), withdrawals and new versions included.
 */
const CODES = ['fjdrc', 'fjczt', 'fjamr'];

describe.each(testEngines())('the provincial catalogue on %s after faults (issue 11)', (engine) => {
  let hub: TestHub;
  let dir: string;
  let gateway: GatewayClient;
  let database: { url: string; drop: () => Promise<void> } | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-catalogue-faults-'));
    database = engine === 'postgresql' ? await freshDatabase('postgresql') : undefined;
    hub = await startHub({
      agencies: CODES, databaseDir: dir, withCatalogue: { databaseUrl: database?.url },
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 40, penalties: 4, today: '2026-11-27' }).then(() => undefined),
      gateway: { shardCalls: { timeoutMs: 3000, breakerThreshold: 1000, breakerCooldownMs: 0 } },
    });
    gateway = catalogueGatewayClient(loadCatalogueConfig({ ...TEST_SECRETS }), hub.gateway.url);
    await hub.catalogueCaughtUp();
  });
  afterAll(async () => {
    await hub?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function expectEqual(): Promise<void> {
    await hub.catalogueCaughtUp();
    const report = await verifyCatalogue(hub.catalogue!.runtime, gateway, CODES);
    for (const r of report) {
      expect({ agency: r.agency, missing: r.missing, extra: r.extra, different: r.different }).toEqual({ agency: r.agency, missing: [], extra: [], different: [] });
      expect(r.catalogueChecksum).toBe(r.agencyChecksum);
      expect(r.catalogueCount).toBe(r.agencyCount);
      expect(r.agencyCount).toBeGreaterThan(0);
    }
  }

  async function publish(agency: string, title: string): Promise<string> {
    const editor = await hub.token(['editor'], agency);
    const { data } = await hub.query(`mutation($t: String!) { createDocument(input: { title: $t, body: "正文", theme: "综合政务", formedOn: "2026-11-20", disclosure: PROACTIVE }) { id } }`, { t: title }, editor);
    const id = data.createDocument.id;
    await hub.query(`mutation($id: ID!) { reviewDocument(id: $id, approve: true) { id } }`, { id }, await hub.token(['reviewer'], agency));
    const published = await hub.query(`mutation($id: ID!) { publishDocument(id: $id) { status } }`, { id }, editor);
    expect(published.data.publishDocument.status).toBe('PUBLISHED');
    return id;
  }

  async function publicHealth(): Promise<{ status: string; catalogue?: { status: string; agencies: Record<string, unknown>[] } }> {
    const response = await fetch(hub.gateway.url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
    return response.json() as Promise<{ status: string; catalogue?: { status: string; agencies: Record<string, unknown>[] } }>;
  }

  it('starts equal to the agencies', async () => {
    await expectEqual();
  });

  it("shows each agency's freshness at the gateway's public /health, without read errors", async () => {
    await hub.catalogueCaughtUp();
    const { catalogue } = await publicHealth();
    expect(catalogue?.status).toBe('ok');
    expect(catalogue!.agencies.map((a) => a.agency)).toEqual([...CODES].sort());
    for (const feed of catalogue!.agencies) {
      expect(Object.keys(feed).sort()).toEqual(['agency', 'appliedSeq', 'knownSeq', 'lagEntries', 'msSinceRead', 'stale']);
      expect(feed).toMatchObject({ lagEntries: 0, stale: false });
      expect(feed.appliedSeq).toBe(feed.knownSeq);
      expect(feed.appliedSeq as number).toBeGreaterThan(0);
      expect(feed.msSinceRead as number).toBeGreaterThanOrEqual(0);
    }
  });

  it('reports the same freshness to anonymous callers through the public catalogueFreshness query', async () => {
    await hub.catalogueCaughtUp();
    const { data, errors } = await hub.query('{ catalogueFreshness { agency appliedSeq knownSeq lagEntries msSinceRead stale } }');
    expect(errors).toBeUndefined();
    const { catalogue } = await publicHealth();
    const sequences = (feeds: Record<string, unknown>[]) => feeds.map(({ agency, appliedSeq, knownSeq, lagEntries, stale }) => ({ agency, appliedSeq, knownSeq, lagEntries, stale }));
    expect(sequences(data.catalogueFreshness)).toEqual(sequences(catalogue!.agencies));
    expect(data.catalogueFreshness.map((f: { agency: string }) => f.agency)).toEqual([...CODES].sort());
  });

  it('catches up after the catalogue was down while agencies published and withdrew', async () => {
    await hub.catalogue!.stop();
    // The catalogue down is reported, not a failing /health: the live fan-out answers meanwhile.
    expect(await publicHealth()).toMatchObject({ status: 'ok', catalogue: { status: 'unreachable', agencies: [] } });
    const unavailable = await hub.query('{ catalogueFreshness { agency } }');
    expect(unavailable.data).toEqual({ catalogueFreshness: null });
    expect(unavailable.errors?.map((e: { extensions?: { code?: string } }) => e.extensions?.code)).toEqual(['CATALOGUE_UNAVAILABLE']);
    const fresh = await publish('fjdrc', '关于目录停机期间发布的通知');
    const reviewer = await hub.token(['reviewer'], 'fjczt');
    const withdrawn = (await hub.query(`{ documents(first: 1, filter: { agencies: ["fjczt"] }) { edges { node { id } } } }`, {}, reviewer)).data.documents.edges[0].node.id;
    expect((await hub.query(`mutation($id: ID!) { withdrawDocument(id: $id, reason: "测试撤回") { status } }`, { id: withdrawn }, reviewer)).data.withdrawDocument.status).toBe('WITHDRAWN');
    await hub.restartCatalogue();
    await expectEqual();
    const byId = await hub.query(`query($a: ID!, $b: ID!) { a: document(id: $a) { status } b: document(id: $b) { status } }`, { a: fresh, b: withdrawn });
    expect(byId.data).toEqual({ a: { status: 'PUBLISHED' }, b: { status: 'WITHDRAWN' } });
  });

  it('catches up after a deployment was down (its feed unreachable) and restarted', async () => {
    await hub.stopAgency('fjamr');
    await new Promise((r) => setTimeout(r, 1500));
    await hub.restartAgency('fjamr');
    await publish('fjamr', '关于部门恢复后发布的通知');
    await expectEqual();
  });

  it('rebuilds from nothing to the same content', async () => {
    const before = await verifyCatalogue(hub.catalogue!.runtime, gateway, CODES);
    await hub.restartCatalogue({ empty: true });
    await expectEqual();
    const after = await verifyCatalogue(hub.catalogue!.runtime, gateway, CODES);
    expect(after.map((r) => r.catalogueChecksum)).toEqual(before.map((r) => r.catalogueChecksum));
  });
});
