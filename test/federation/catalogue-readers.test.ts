import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cpuSeconds, ProcessGroup } from '../../tools/bench/processes';
import { ANONYMOUS, GATEWAY_CLAIMS_HEADER, signGatewayClaims } from '../../schema/contracts/claims';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { startHub, type TestHub } from '../support/hub-harness';
import { TEST_SECRETS } from '../support/secrets';
import { freePort } from '../support/free-port';
import { until } from '../support/until';

/**
 * Issue 11: the catalogue with several reader processes (HUB_CATALOGUE_READERS) — one process
 * replicates, the readers answer on one port. Every reader answers what the live fan-out does,
 * sees a publication, names a down agency stale; a killed reader is replaced while the other
 * serves; stopping the catalogue stops them all.
 */
const CLOCK = '2026-11-27T10:00:00+08:00';
const AGENCIES = ['fjdrc', 'fjczt'];
const PAGE = `query($first: Int!) { documents(first: $first) { totalCount edges { cursor node { id } } } }`;

/** The process ids of `pid`'s children (the cluster's readers). */
function childrenOf(pid: number): number[] {
  const tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return tasks ? tasks.split(/\s+/).map(Number) : [];
}

describe('the catalogue with two reader processes (issue 11)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-catalogue-readers-'));
  const processes = new ProcessGroup();
  let hub: TestHub;
  let catalogue: ChildProcess;
  let port: number;
  let claims: string;

  /**
   * POSTs to the catalogue on a connection of its own (the cluster hands each new connection to the
   * next reader); an answer not there in 10 s fails the test as such rather than at the test's own timeout.
   */
  const ask = (query: string, variables: Record<string, unknown>) => new Promise<{ status: number; body: any }>((done, fail) => {
    const payload = JSON.stringify({ query, variables });
    const req = request({
      host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent: false, timeout: 10_000,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), [GATEWAY_CLAIMS_HEADER]: claims },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; }).on('end', () => done({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('timeout', () => req.destroy(new Error('the catalogue did not answer within 10 s'))).on('error', fail).end(payload);
  });
  /** The page the gateway's live fan-out answers the public (this hub's gateway has no catalogue). */
  const livePage = async (first: number) => (await hub.query(PAGE, { first })).data;

  beforeAll(async () => {
    hub = await startHub({
      agencies: AGENCIES, databaseDir: dir, clock: CLOCK,
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 30, penalties: 0, requests: 0, today: '2026-11-27' }).then(() => undefined),
    });
    const registryPath = join(dir, 'registry.json');
    writeFileSync(registryPath, JSON.stringify({ agencies: AGENCIES.map((code) => ({ code, url: hub.agencies.get(code)!.url })) }));
    port = await freePort();
    claims = await signGatewayClaims(ANONYMOUS, TEST_SECRETS.HUB_GATEWAY_SECRET, 3600);
    catalogue = await processes.launch('subgraphs/catalogue/main.ts', {
      NODE_OPTIONS: `--require ${resolve(__dirname, '../../tools/swc-register.js')}`,
      ...TEST_SECRETS, HUB_CATALOGUE_DATABASE_URL: join(dir, 'catalogue.sqlite'), HUB_REGISTRY: registryPath, HUB_GATEWAY_URL: hub.gateway.url,
      HUB_CATALOGUE_READERS: '2', HUB_CATALOGUE_FEED_WAIT_MS: '500', HUB_CATALOGUE_STALE_MS: '2000', PORT: String(port), HUB_CLOCK: CLOCK, APOLLO_TELEMETRY_DISABLED: '1',
    });
    await until('the catalogue ready', async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.status === 200, { timeoutMs: 60_000 });
  }, 180_000);
  afterAll(async () => {
    await processes.stopAll();
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers from both readers, each page the live fan-out\'s', async () => {
    const readers = childrenOf(catalogue.pid!);
    expect(readers).toHaveLength(2);
    const live = await livePage(25);
    expect(live.documents.totalCount).toBeGreaterThan(25);
    const before = readers.map(cpuSeconds);
    for (let i = 0; i < 20; i++) {
      const answer = await ask(PAGE, { first: 25 });
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toEqual(live);
    }
    // Both readers worked: each new connection went to the next one.
    readers.forEach((pid, i) => expect(cpuSeconds(pid)).toBeGreaterThan(before[i]));
  }, 60_000);

  it('shows a publication in every reader, and names a down agency stale in every reader', async () => {
    const editor = await hub.token(['editor'], 'fjczt');
    const reviewer = await hub.token(['reviewer'], 'fjczt');
    const created = await hub.query(`mutation { createDocument(input: { title: "关于多进程目录测试的通知", body: "多进程目录测试正文", theme: "综合政务", formedOn: "2026-11-20", disclosure: PROACTIVE }) { id } }`, {}, editor);
    const id = created.data.createDocument.id;
    await hub.query(`mutation($id: ID!) { reviewDocument(id: $id, approve: true) { id } }`, { id }, reviewer);
    await hub.query(`mutation($id: ID!) { publishDocument(id: $id) { id } }`, { id }, editor);
    const listed = async () => (await ask(PAGE, { first: 100 })).body.data.documents.edges.map((e: any) => e.node.id) as string[];
    await until('the publication replicated', async () => (await listed()).includes(id), { timeoutMs: 10_000 });
    // Four connections in a row: two to each reader.
    for (let i = 0; i < 4; i++) expect(await listed()).toContain(id);

    await hub.stopAgency('fjczt');
    await until('fjczt named stale', async () => (await ask(PAGE, { first: 1 })).body.errors?.[0]?.extensions?.code === 'CATALOGUE_STALE', { timeoutMs: 15_000 });
    for (let i = 0; i < 4; i++) {
      const answer = await ask(PAGE, { first: 100 });
      expect(answer.body.errors.map((e: any) => [e.extensions.code, e.extensions.agencies])).toEqual([['CATALOGUE_STALE', ['fjczt']]]);
      // The down agency's published documents stay listed.
      expect(answer.body.data.documents.edges.map((e: any) => e.node.id)).toContain(id);
    }
    await hub.restartAgency('fjczt');
    await until('fjczt fresh again', async () => (await ask(PAGE, { first: 1 })).body.errors === undefined, { timeoutMs: 15_000 });
  }, 60_000);

  it('replaces a killed reader while the other answers, and stops every reader when stopped', async () => {
    const [killed, survivor] = childrenOf(catalogue.pid!);
    process.kill(killed, 'SIGKILL');
    // A connection the replicating process hands to a reader in the instant it dies is lost with
    // it (Node's cluster; the gateway's shard timeout ends such a call): new connections are asked
    // for once that process has seen the death (it reaps the reader, which leaves its children).
    await until('the killed reader reaped', () => !childrenOf(catalogue.pid!).includes(killed), { timeoutMs: 10_000 });
    const live = await livePage(5);
    // While one reader is gone or starting again, every new connection is answered.
    for (let i = 0; i < 10; i++) expect((await ask(PAGE, { first: 5 })).body.data).toEqual(live);
    await until('a reader started again', async () => childrenOf(catalogue.pid!).length === 2 && (await fetch(`http://127.0.0.1:${port}/health`)).status === 200, { timeoutMs: 30_000 });
    const readers = childrenOf(catalogue.pid!);
    expect(readers).toContain(survivor);
    expect(readers).not.toContain(killed);
    for (let i = 0; i < 4; i++) expect((await ask(PAGE, { first: 5 })).body.data).toEqual(live);

    await processes.stop(catalogue);
    const gone = (pid: number) => { try { process.kill(pid, 0); return false; } catch { return true; } };
    await until('every reader stopped', () => readers.every(gone), { timeoutMs: 15_000 });
  }, 90_000);
});
