import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GATEWAY_CLAIMS_HEADER, signGatewayClaims } from '../../schema/contracts/claims';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { startHub, type TestHub } from '../support/hub-harness';
import { canMakeNetworkHosts, NetworkHost, startDelayProxy, type DelayProxy } from '../support/network-hosts';
import { TEST_SECRETS } from '../support/secrets';
import { until } from '../support/until';

/**
 * Issue 15: agency deployments on hosts apart — each a process in a network namespace of its own,
 * reached over a veth link — and the gateway and the catalogue outside. Added latency (through a
 * delaying proxy), a partition (the link taken down) and a hung host (the process stopped) each
 * give partial answers within the deadline, naming exactly the agency that is cut off, and full
 * answers once it is back; the catalogue catches up with a change made during the partition.
 */
const ROOT = resolve(__dirname, '../..');
const TIMEOUT_MS = 1500;
/** Room above the per-deployment deadline for the gateway's own work on a busy CI machine. */
const SLACK_MS = 1500;
const AGENCIES = ['fjdrc', 'fjczt'];
const STAFF_VIEW = 'query { documents(first: 50, filter: { status: [DRAFT, IN_REVIEW, PUBLISHED] }) { totalCount } }';
const PUBLIC_VIEW = 'query ($agencies: [ID!]) { documents(first: 100, filter: { agencies: $agencies }) { edges { node { id validity } } } }';

const available = canMakeNetworkHosts();
if (!available && process.env.CI === 'true') {
  throw new Error('CI requires network namespaces (root and iproute2) for the hosts-apart tests');
}

(available ? describe : describe.skip)('issue 15: agency deployments on hosts apart', () => {
  let hub: TestHub;
  let dir: string;
  let supervisor: string;
  let proxy: DelayProxy;
  const hosts: NetworkHost[] = [];
  const processes = new Map<string, ChildProcess>();

  /** The demo agency's deployment, seeded, as a process in its own namespace. */
  function startAgency(code: string, host: NetworkHost): Promise<ChildProcess> {
    const agency = DEMO_AGENCIES.find((a) => a.code === code)!;
    const child = host.spawnNode(['--require', join(ROOT, 'tools/swc-register.js'), join(ROOT, 'tools/demo/agency-main.ts')], {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HUB_'))), ...TEST_SECRETS,
      NODE_OPTIONS: '', APOLLO_TELEMETRY_DISABLED: '1', HUB_LOG_LEVEL: 'warn',
      HUB_AGENCY_CODE: code, HUB_AGENCY_INDEX_PREFIX: agency.indexPrefix, HOST: host.address, PORT: '4101',
      HUB_DATABASE_URL: join(dir, `${code}.sqlite`), HUB_DEMO_DOCUMENTS: '20', HUB_DEMO_REQUESTS: '0', HUB_CLOCK: '2026-11-27T10:00:00+08:00',
    });
    processes.set(code, child);
    return new Promise((ready, failed) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); if (/ready at/.test(output)) ready(child); });
      child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      child.once('exit', (code) => failed(new Error(`the agency in its namespace exited (${code}):\n${output.slice(-3000)}`)));
    });
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-hosts-'));
    hosts.push(new NetworkHost(1), new NetworkHost(2));
    await Promise.all(AGENCIES.map((code, i) => startAgency(code, hosts[i])));
    // fjczt is reached through the delaying proxy, fjdrc over its link directly.
    proxy = await startDelayProxy(hosts[1].address, 4101);
    hub = await startHub({
      agencies: [], withDirectory: true, withCatalogue: { staleAfterMs: 5000 },
      gateway: { shardCalls: { timeoutMs: TIMEOUT_MS, breakerThreshold: 3, breakerCooldownMs: 10_000, probeIntervalMs: 300 } },
    });
    hub.gateway.registry.set([
      { code: 'fjdrc', url: `http://${hosts[0].address}:4101/graphql`, indexPrefix: DEMO_AGENCIES.find((a) => a.code === 'fjdrc')!.indexPrefix },
      { code: 'fjczt', url: `http://127.0.0.1:${proxy.port}/graphql`, indexPrefix: DEMO_AGENCIES.find((a) => a.code === 'fjczt')!.indexPrefix },
    ]);
    supervisor = await hub.token(['supervisor']);
    // The catalogue has replicated both once the public view lists documents of each.
    await until('the catalogue back-filled', async () => {
      const edges = (await hub.query(PUBLIC_VIEW, {})).data?.documents.edges ?? [];
      return AGENCIES.every((code) => edges.some((e: { node: { id: string } }) => e.node.id.startsWith(`${code}:`))) ? true : undefined;
    }, { timeoutMs: 60_000, intervalMs: 200 });
  }, 180_000);

  afterAll(async () => {
    for (const child of processes.values()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGCONT');
      await new Promise((done) => { child.once('exit', done); child.kill('SIGTERM'); setTimeout(() => child.kill('SIGKILL'), 5000).unref(); });
    }
    await proxy?.stop();
    await hub?.stop();
    for (const host of hosts) host.destroy();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** The supervisor's province-wide staff view (always the live fan-out), timed. */
  async function staffView(): Promise<{ ms: number; missing: string[]; reasons: string[] }> {
    const started = Date.now();
    const answer = await hub.query(STAFF_VIEW, {}, supervisor);
    const ms = Date.now() - started;
    const errors = (answer.errors ?? []) as { extensions?: { code?: string; agency?: string; reason?: string } }[];
    expect(errors.every((e) => e.extensions?.code === 'AGENCY_UNAVAILABLE')).toBe(true);
    return { ms, missing: errors.map((e) => e.extensions!.agency!).sort(), reasons: errors.map((e) => e.extensions!.reason!) };
  }
  const fullAgain = () => until('full answers again', async () => (await staffView()).missing.length === 0, { timeoutMs: 20_000, intervalMs: 200 });

  it('answers in full over the links', async () => {
    expect((await staffView()).missing).toEqual([]);
  });

  it('added latency: complete and slower under the deadline, partial within it above, full again after', async () => {
    proxy.delayMs = 200;
    const slow = await staffView();
    expect(slow.missing).toEqual([]);
    // The request and the answer each wait 200 ms.
    expect(slow.ms).toBeGreaterThanOrEqual(400);
    proxy.delayMs = TIMEOUT_MS + 1000;
    const cut = await staffView();
    expect(cut.missing).toEqual(['fjczt']);
    expect(cut.reasons).toEqual(['timeout']);
    expect(cut.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    proxy.delayMs = 0;
    await fullAgain();
  }, 60_000);

  it('a partition: partial within the deadline, full after, and the catalogue catches up with what changed meanwhile', async () => {
    const published = ((await hub.query(PUBLIC_VIEW, { agencies: ['fjdrc'] })).data.documents.edges as { node: { id: string; validity: string } }[])
      .find((e) => e.node.validity === 'EFFECTIVE')!.node.id;
    hosts[0].link('down');
    try {
      const cut = await staffView();
      expect(cut.missing).toEqual(['fjdrc']);
      expect(cut.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      // The department goes on working on its side of the partition (its own staff, on its own network).
      const claims = await signGatewayClaims({ sub: 'admin@fjdrc', agency: 'fjdrc', roles: ['editor', 'admin'] }, TEST_SECRETS.HUB_GATEWAY_SECRET);
      const mutation = `mutation { changeDocumentValidity(id: "${published}", validity: REPEALED, reason: "已被新规定替代") { id validity } }`;
      const script = `fetch(${JSON.stringify(`http://${hosts[0].address}:4101/graphql`)}, { method: 'POST', headers: { 'content-type': 'application/json', ${JSON.stringify(GATEWAY_CLAIMS_HEADER)}: ${JSON.stringify(claims)} }, body: ${JSON.stringify(JSON.stringify({ query: mutation }))} }).then((r) => r.text()).then((t) => { console.log(t); process.exit(/"REPEALED"/.test(t) ? 0 : 1); }, (e) => { console.error(e); process.exit(2); });`;
      const inside = hosts[0].spawnNode(['-e', script], { PATH: process.env.PATH });
      let said = '';
      inside.stdout!.on('data', (c: Buffer) => { said += c.toString(); });
      inside.stderr!.on('data', (c: Buffer) => { said += c.toString(); });
      const code = await new Promise((done) => inside.once('exit', done));
      expect({ code, said }).toMatchObject({ code: 0 });
      // Still listed from the catalogue meanwhile, as it was.
      const during = (await hub.query(PUBLIC_VIEW, { agencies: ['fjdrc'] })).data.documents.edges as { node: { id: string; validity: string } }[];
      expect(during.find((e) => e.node.id === published)?.node.validity).toBe('EFFECTIVE');
    } finally {
      hosts[0].link('up');
    }
    await fullAgain();
    await until('the catalogue caught up', async () => {
      const edges = (await hub.query(PUBLIC_VIEW, { agencies: ['fjdrc'] })).data?.documents.edges as { node: { id: string; validity: string } }[] | undefined;
      return edges?.find((e) => e.node.id === published)?.node.validity === 'REPEALED';
    }, { timeoutMs: 40_000, intervalMs: 200 });
  }, 120_000);

  it('a hung host: partial within the deadline, full once it runs again', async () => {
    const child = processes.get('fjczt')!;
    child.kill('SIGSTOP');
    try {
      const cut = await staffView();
      expect(cut.missing).toEqual(['fjczt']);
      expect(cut.reasons).toEqual(['timeout']);
      expect(cut.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    } finally {
      child.kill('SIGCONT');
    }
    await fullAgain();
  }, 60_000);
});
