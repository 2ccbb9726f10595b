import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { connect, createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAgencyConfig } from '../../subgraphs/agency/config';
import { startAgencySubgraph, type RunningAgency } from '../../subgraphs/agency/server';
import { loadGatewayConfig } from '../../gateway/config';
import { TEST_SECRETS } from '../support/secrets';
import { ApiKeyStore } from '../../gateway/api-keys';
import { writeRegistry } from '../../schema/contracts/shard-registry';
import { startGateway } from '../../gateway/server';
import type { DetailedHealth } from '../../gateway/operator';
import { composeSupergraph } from '../../tools/compose';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { freshDatabase } from '../support/databases';
import { startHub, type TestHub } from '../support/hub-harness';

const CODES = ['fjdrc', 'fjczt', 'fjamr'];
const OPERATOR_TOKEN = 'operator-token-for-tests-0123456789abcdef';
const PAGE = `query Page($filter: DocumentFilter, $first: Int, $after: String) {
  documents(filter: $filter, first: $first, after: $after) { totalCount edges { node { id } } }
}`;

const seed = (agency: RunningAgency) =>
  seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 12, penalties: 2, requests: 0, today: '2026-11-27' }).then(() => undefined);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function detailedHealth(hub: TestHub): Promise<DetailedHealth> {
  return (await (await fetch(`${hub.gateway.internal!.url}/health`)).json()) as DetailedHealth;
}

function codesOf(errors: { extensions?: { code?: string } }[] | undefined): string[] {
  return (errors ?? []).map((e) => e.extensions?.code ?? '');
}

/** Polls `check` every 50 ms until it holds; returns the milliseconds it took, or throws after `withinMs`. */
async function waitFor(check: () => Promise<boolean>, withinMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < withinMs) {
    if (await check()) return Date.now() - start;
    await sleep(50);
  }
  throw new Error(`not within ${withinMs} ms`);
}

/** A TCP relay to `target` (on `listenPort`, 0 for any), holding each connection's first bytes `delayMs`; `cut()` drops every connection and refuses new ones. */
async function relay(target: { host: string; port: number }, delayMs = 0, listenPort = 0): Promise<{ port: number; connections: () => number; cut(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: TcpServer = createTcpServer((client) => {
    connections += 1;
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const pipe = () => { client.pipe(upstream); upstream.pipe(client); };
    if (delayMs) {
      client.pause();
      setTimeout(() => { client.resume(); pipe(); }, delayMs);
    } else pipe();
    for (const s of [client, upstream]) {
      s.on('error', () => { client.destroy(); upstream.destroy(); });
      s.on('close', () => { sockets.delete(s); client.destroy(); upstream.destroy(); });
    }
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const cut = async () => {
    await new Promise<void>((resolve) => { server.close(() => resolve()); for (const s of sockets) s.destroy(); });
  };
  return { port, connections: () => connections, cut, close: () => (server.listening ? cut() : Promise.resolve()) };
}

describe('issue 9 finding 2: bad input never opens a breaker', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startHub({
      agencies: CODES, seed,
      gateway: { shardCalls: { timeoutMs: 2000, breakerThreshold: 3, breakerCooldownMs: 60_000 }, internalPort: 0, internalHost: '127.0.0.1', operatorToken: OPERATOR_TOKEN },
    });
  });
  afterAll(() => hub?.stop());

  it('100 requests with invalid dates, ids with "socket" and crafted cursors leave every breaker closed and a legitimate page complete', async () => {
    const editor = await hub.token(['editor'], 'fjdrc');
    const craftedCursor = Buffer.from('[9e15,"x"]').toString('base64');
    const attacks: (() => Promise<string[]>)[] = [
      // A bare date where a date-time is expected, inline and as a variable.
      async () => codesOf((await hub.query('{ documents(filter: { updatedSince: "2026-11-01" }, first: 5) { totalCount } }')).errors),
      async () => codesOf((await hub.query(PAGE, { filter: { updatedSince: '2026-11-01' }, first: 5 })).errors),
      // A date that does not exist.
      async () => codesOf((await hub.query(PAGE, { filter: { publishedFrom: '2026-02-30' }, first: 5 })).errors),
      async () => codesOf((await hub.query('{ documents(filter: { publishedTo: "2026-02-30" }) { totalCount } }')).errors),
      // Ids whose text reads like a transport failure, routed to one chosen agency.
      async () => codesOf((await hub.query('mutation { updateDocument(id: "fjdrc:socket", input: { title: "关于套接字的通知" }) { id } }', {}, editor)).errors),
      async () => codesOf((await hub.query('{ document(id: "fjczt:socket hang up ECONNREFUSED fetch failed") { id } }')).errors),
      async () => codesOf((await hub.query('mutation { updateDocument(id: "fjamr:socket", input: { title: "t" }) { id } }')).errors),
      // A crafted cursor.
      async () => codesOf((await hub.query(PAGE, { first: 5, after: craftedCursor })).errors),
      // The same bad date-time through the export.
      async () => {
        const response = await fetch(hub.gateway.url.replace('/graphql', '/export/documents.ndjson?since=2026-11-01'));
        const text = await response.text();
        return text.includes('AGENCY_UNAVAILABLE') ? ['AGENCY_UNAVAILABLE'] : [];
      },
    ];
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) for (const code of await attacks[i % attacks.length]()) seen.add(code);
    expect(seen.has('AGENCY_UNAVAILABLE')).toBe(false);
    // The shard's own verdict reaches the client.
    expect(codesOf((await hub.query(PAGE, { filter: { publishedFrom: '2026-02-30' }, first: 5 })).errors)
      .every((code) => code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED')).toBe(true);

    const health = await detailedHealth(hub);
    expect(health.agencies.map((a) => [a.code, a.state, a.consecutiveFailures])).toEqual(CODES.slice().sort().map((code) => [code, 'closed', 0]));
    expect(health.status).toBe('ok');

    const page = await hub.query(PAGE, { first: 50 });
    expect(page.errors).toBeUndefined();
    let sum = 0;
    for (const code of CODES) {
      const own = await hub.query(PAGE, { filter: { agencies: [code] }, first: 0 });
      expect(own.errors).toBeUndefined();
      expect(own.data.documents.totalCount).toBeGreaterThan(0);
      sum += own.data.documents.totalCount;
    }
    expect(page.data.documents.totalCount).toBe(sum);
  });

  it('public /health is the breakers\' aggregate: no URLs, no call to any deployment', async () => {
    const healthCalls: string[] = [];
    const count = (req: IncomingMessage) => { if (req.url?.startsWith('/health')) healthCalls.push(req.url); };
    for (const agency of hub.agencies.values()) agency.server.on('request', count);
    try {
      for (let i = 0; i < 20; i++) {
        const response = await fetch(hub.gateway.url.replace('/graphql', '/health'));
        expect(response.status).toBe(200);
        const text = await response.text();
        expect(text).not.toMatch(/https?:|127\.0\.0\.1|url/i);
        expect(JSON.parse(text)).toEqual({ status: 'ok', agencies: CODES.slice().sort().map((code) => ({ code, state: 'closed' })) });
      }
      expect(healthCalls).toEqual([]);
    } finally {
      for (const agency of hub.agencies.values()) agency.server.off('request', count);
    }
  });

  it('/metrics and detailed health only on the internal port or with the operator token; the path label is bounded', async () => {
    const base = hub.gateway.url.replace('/graphql', '');
    for (let i = 0; i < 5; i++) await fetch(`${base}/invented-path-${i}?x=${i}`);
    await fetch(`${base}/export/whatever-${Date.now()}.csv`);

    const refused = await fetch(`${base}/metrics`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer not-the-operator-token-at-all-0123456789' } })).status).toBe(403);

    const internal = await fetch(`${hub.gateway.internal!.url}/metrics`);
    expect(internal.status).toBe(200);
    const metrics = await internal.text();
    expect(metrics).toContain('hub_http_requests_total');
    const paths = new Set([...metrics.matchAll(/hub_http_requests_total\{path="([^"]*)"/g)].map((m) => m[1]));
    expect(paths.size).toBeGreaterThan(0);
    for (const path of paths) expect(['/graphql', '/export/*', '/health', '/metrics', 'other']).toContain(path);
    expect(metrics).not.toContain('invented-path');

    const withToken = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
    expect(withToken.status).toBe(200);
    expect(await withToken.text()).toContain('hub_subgraph_call_duration_seconds');

    const detailed = (await (await fetch(`${base}/health`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })).json()) as DetailedHealth;
    expect(detailed.agencies[0]).toMatchObject({ code: 'fjamr', url: hub.agencies.get('fjamr')!.url, state: 'closed', consecutiveFailures: 0 });
    expect(detailed.agencies[0].lastSuccessAt).toEqual(expect.any(String));
    // Only the operators' two endpoints on the internal port.
    expect((await fetch(`${hub.gateway.internal!.url}/graphql`)).status).toBe(404);
  });
});

describe('issue 9 finding 8: breaker and lifecycle', () => {
  describe('half-open', () => {
    let hub: TestHub;
    let hung: HttpServer;
    const reached: string[] = [];

    beforeAll(async () => {
      hub = await startHub({ agencies: ['fjdrc', 'fjczt'], seed, gateway: { shardCalls: { timeoutMs: 1500, breakerThreshold: 2, breakerCooldownMs: 400, probeIntervalMs: 60_000 } } });
      // A deployment that accepts and never answers, as a SIGSTOPped process does.
      hung = createHttpServer((req) => { if (req.url === '/graphql') reached.push(req.url); });
      await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      hung?.closeAllConnections();
      hung?.close();
      await hub?.stop();
    });

    it('admits exactly one trial call to a hung deployment; the other callers fail fast', async () => {
      const hungUrl = `http://127.0.0.1:${(hung.address() as AddressInfo).port}/graphql`;
      hub.gateway.registry.set(hub.gateway.registry.all().map((e) => (e.code === 'fjczt' ? { ...e, url: hungUrl } : e)));
      for (let i = 0; i < 2; i++) {
        const answer = await hub.query(PAGE, { first: 5 });
        expect(answer.errors[0].extensions).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'fjczt', reason: 'timeout' });
      }
      expect(reached).toHaveLength(2);
      await sleep(500);
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 8 }, async () => {
        const answer = await hub.query(PAGE, { first: 5 });
        return { ms: Date.now() - started, reason: answer.errors?.[0]?.extensions?.reason, documents: answer.data.documents.edges.length };
      }));
      expect(reached).toHaveLength(3);
      expect(answers.filter((a) => a.reason === 'timeout')).toHaveLength(1);
      const fast = answers.filter((a) => a.reason === 'circuit-open');
      expect(fast).toHaveLength(7);
      // Answered without waiting for the trial's 1.5 s deadline.
      for (const a of fast) expect(a.ms).toBeLessThan(1000);
      // The other agency answered every one of them.
      for (const a of answers) expect(a.documents).toBe(5);
    });
  });

  describe('recovery and shutdown', () => {
    let hub: TestHub;
    let dir: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'hub-breakers-'));
      hub = await startHub({
        agencies: ['fjdrc', 'fjczt'], seed, databaseDir: dir,
        gateway: { shardCalls: { timeoutMs: 1000, breakerThreshold: 3, breakerCooldownMs: 60_000, probeIntervalMs: 1000 }, internalPort: 0, internalHost: '127.0.0.1' },
      });
    });
    afterAll(async () => {
      await hub?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('a restarted deployment answers within about a second of coming back, long before the cool-down', async () => {
      const total = (await hub.query(PAGE, { filter: { agencies: ['fjczt'] }, first: 0 })).data.documents.totalCount;
      await hub.stopAgency('fjczt');
      for (let i = 0; i < 3; i++) {
        const answer = await hub.query(PAGE, { filter: { agencies: ['fjczt'] }, first: 0 });
        expect(answer.errors[0].extensions).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'fjczt', reason: 'connection' });
      }
      let health = await detailedHealth(hub);
      expect(health.agencies.find((a) => a.code === 'fjczt')).toMatchObject({ state: 'open', consecutiveFailures: 3, lastFailure: { reason: 'connection' } });
      expect(health.status).toBe('degraded');
      await sleep(1500);
      await hub.restartAgency('fjczt');
      const ms = await waitFor(async () => {
        const answer = await hub.query(PAGE, { filter: { agencies: ['fjczt'] }, first: 0 });
        return answer.errors === undefined && answer.data.documents.totalCount === total;
      }, 5000);
      expect(ms).toBeLessThan(1600);
      health = await detailedHealth(hub);
      expect(health.agencies.find((a) => a.code === 'fjczt')).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
    });

    it('stop() lets a slow in-flight request finish while new connections are refused', async () => {
      const agency = hub.agencies.get('fjdrc')!;
      // The deployment's answers held 1.2 s on the wire: a slow request in flight.
      const slow = await relay({ host: '127.0.0.1', port: Number(new URL(agency.url).port) }, 1200);
      const config = {
        ...loadGatewayConfig({ ...TEST_SECRETS, PORT: '0', HUB_SUPERGRAPH: join(dir, 'supergraph.graphql'), HUB_LOG_LEVEL: 'warn', HUB_SHUTDOWN_GRACE_MS: '5000' }),
      };
      writeFileSync(config.supergraphPath, composeSupergraph());
      const registryPath = join(dir, 'drain-registry.json');
      writeRegistry(registryPath, [{ code: 'fjdrc', url: `http://127.0.0.1:${slow.port}/graphql` }]);
      const gateway = await startGateway({ ...config, registryPath }, { apiKeys: new ApiKeyStore() });
      try {
        const inFlight = fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: PAGE, variables: { first: 3 } }) });
        await waitFor(async () => slow.connections() > 0, 10_000);
        const stopped = gateway.stop();
        await sleep(100);
        await expect(fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })).rejects.toThrow();
        const response = await inFlight;
        expect(response.status).toBe(200);
        const body = (await response.json()) as any;
        expect(body.errors).toBeUndefined();
        expect(body.data.documents.edges).toHaveLength(3);
        await stopped;
      } finally {
        await gateway.stop();
        await slow.close();
      }
    });

    it('the registry file: an empty then an invalid file are refused with the last good registry kept, and the watcher goes on', async () => {
      const registryPath = join(dir, 'watched-registry.json');
      const config = loadGatewayConfig({ ...TEST_SECRETS, PORT: '0', HUB_SUPERGRAPH: join(dir, 'supergraph.graphql'), HUB_LOG_LEVEL: 'fatal', HUB_REGISTRY: registryPath });
      writeFileSync(config.supergraphPath, composeSupergraph());
      writeFileSync(registryPath, '{ "agencies": [] }\n');
      await expect(startGateway(config, { apiKeys: new ApiKeyStore() })).rejects.toThrow(/lists no agency deployment/);

      const fjdrc = { code: 'fjdrc', url: hub.agencies.get('fjdrc')!.url };
      const fjczt = { code: 'fjczt', url: hub.agencies.get('fjczt')!.url };
      writeRegistry(registryPath, [fjdrc]);
      const gateway = await startGateway(config, { apiKeys: new ApiKeyStore() });
      const query = async () => {
        const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: PAGE, variables: { first: 50 } }) });
        return (await response.json()) as any;
      };
      try {
        const before = await query();
        expect(before.errors).toBeUndefined();
        writeFileSync(registryPath, '{ "agencies": [] }\n');
        await sleep(1600);
        writeFileSync(registryPath, '{ "agencies": [ {"code": "fjdrc", "url": ');
        await sleep(1600);
        writeFileSync(registryPath, 'not json at all');
        await sleep(1600);
        expect(gateway.registry.all()).toEqual([fjdrc]);
        const during = await query();
        expect(during.errors).toBeUndefined();
        expect(during.data.documents.totalCount).toBe(before.data.documents.totalCount);
        writeRegistry(registryPath, [fjdrc, fjczt]);
        await waitFor(async () => gateway.registry.all().length === 2, 4000);
        const after = await query();
        expect(after.errors).toBeUndefined();
        expect(after.data.documents.totalCount).toBeGreaterThan(before.data.documents.totalCount);
      } finally {
        await gateway.stop();
      }
    });
  });

  describe('a deployment whose database is down', () => {
    let hub: TestHub;
    let agency: RunningAgency | undefined;
    let database: { url: string; drop: () => Promise<void> };
    let cable: Awaited<ReturnType<typeof relay>>;

    beforeAll(async () => {
      hub = await startHub({
        agencies: ['fjdrc'], seed,
        gateway: { shardCalls: { timeoutMs: 2000, breakerThreshold: 3, breakerCooldownMs: 60_000, probeIntervalMs: 300 }, internalPort: 0, internalHost: '127.0.0.1' },
      });
      database = await freshDatabase('postgresql');
      const pg = new URL(database.url);
      // The deployment reaches PostgreSQL through a cable the test can cut.
      cable = await relay({ host: pg.hostname, port: Number(pg.port || 5432) });
      const throughCable = new URL(database.url);
      throughCable.port = String(cable.port);
      agency = await startAgencySubgraph(loadAgencyConfig({ ...TEST_SECRETS, HUB_AGENCY_CODE: 'fjczt', HUB_DATABASE_URL: throughCable.toString(), PORT: '0', HUB_CLOCK: '2026-11-27T10:00:00+08:00' }));
      await seed(agency);
      hub.gateway.registry.set([...hub.gateway.registry.all(), { code: 'fjczt', url: agency.url }]);
    });
    afterAll(async () => {
      await hub?.stop();
      await cable?.close();
      await agency?.stop().catch(() => undefined);
      await database?.drop();
    });

    it('answers AGENCY_UNAVAILABLE {agency, reason: "database"}, counts it, and is back once the database is', async () => {
      const healthy = await hub.query(PAGE, { filter: { agencies: ['fjczt'] }, first: 0 });
      expect(healthy.errors).toBeUndefined();
      const total = healthy.data.documents.totalCount;
      expect(total).toBeGreaterThan(0);

      await cable.cut();
      // The pool notices its dropped connections; from then on every connection attempt is refused.
      await sleep(200);
      const direct = await fetch(agency!.url.replace('/graphql', '/health'));
      expect(direct.status).toBe(503);
      for (let i = 0; i < 3; i++) {
        const answer = await hub.query(PAGE, { first: 5 });
        const down = answer.errors.filter((e: any) => e.extensions.agency === 'fjczt');
        expect(down).toHaveLength(1);
        expect(down[0].extensions).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'fjczt', reason: 'database' });
        expect(codesOf(answer.errors)).not.toContain('INTERNAL_SERVER_ERROR');
        // The other agency is unaffected.
        expect(answer.data.documents.edges).toHaveLength(5);
      }
      expect((await detailedHealth(hub)).agencies.find((a) => a.code === 'fjczt')).toMatchObject({ state: 'open', lastFailure: { reason: 'database' } });

      const pg = new URL(database.url);
      // The cable plugged back in, on the port the deployment knows.
      cable = await relay({ host: pg.hostname, port: Number(pg.port || 5432) }, 0, cable.port);
      await waitFor(async () => {
        const answer = await hub.query(PAGE, { filter: { agencies: ['fjczt'] }, first: 0 });
        return answer.errors === undefined && answer.data.documents.totalCount === total;
      }, 5000);
    });
  });
});
