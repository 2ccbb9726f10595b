import { parse } from 'graphql';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GATEWAY_CLAIMS_HEADER, signGatewayClaims } from '../../schema/contracts/claims';
import { loadAgencyConfig } from '../../subgraphs/agency/config';
import { startAgencySubgraph, type RunningAgency } from '../../subgraphs/agency/server';
import { ShardClients, ShardUnavailable, type ShardClient } from './shard-client';

const SECRET = 'test-secret-of-the-gateway';
const OPTIONS = { timeoutMs: 2000, breakerThreshold: 3, breakerCooldownMs: 60_000, probeIntervalMs: 60_000 };

/** What a call through the client ended as: its codes, or the reason it was unavailable. */
async function outcome(client: ShardClient, query: string, variables: Record<string, unknown>, secret = SECRET): Promise<string[] | string> {
  try {
    const result = await client.execute({
      document: parse(query), variables,
      extensions: { headers: { [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims({ roles: [] }, secret) } },
    });
    return (result.errors ?? []).map((e) => String(e.extensions?.code));
  } catch (error) {
    if (error instanceof ShardUnavailable) return error.reason;
    throw error;
  }
}

describe('issue 9 finding 2: a deployment\'s breaker counts only calls without a GraphQL answer', () => {
  let agency: RunningAgency;
  let proxyError: Server;
  let clients: ShardClients;

  beforeAll(async () => {
    agency = await startAgencySubgraph(loadAgencyConfig({ HUB_AGENCY_CODE: 'fjdrc', HUB_DATABASE_URL: ':memory:', PORT: '0', HUB_GATEWAY_SECRET: SECRET, HUB_CALENDAR_SYNC_SECONDS: '0' }));
    // What a reverse proxy answers when the deployment behind it is gone: a 502 page, not GraphQL.
    proxyError = createServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>502 Bad Gateway</body></html>');
    });
    await new Promise<void>((resolve) => proxyError.listen(0, '127.0.0.1', resolve));
  });
  beforeEach(() => { clients = new ShardClients(OPTIONS); });
  afterEach(() => clients.dispose());
  afterAll(async () => {
    proxyError?.close();
    await agency?.stop();
  });

  it('passes the deployment\'s HTTP 400 answers (bad dates, bad variables) on as they are and never counts them', async () => {
    const client = clients.get('fjdrc', agency.url);
    const page = 'query($f: DocumentFilter) { documents(filter: $f) { totalCount } }';
    for (let i = 0; i < 10; i++) {
      expect(await outcome(client, page, { f: { updatedSince: '2026-11-01' } })).toEqual(['BAD_USER_INPUT']);
      expect(await outcome(client, page, { f: { publishedFrom: '2026-02-30' } })).toEqual(['BAD_USER_INPUT']);
      expect(await outcome(client, '{ documents(filter: { publishedTo: "2026-02-30" }) { totalCount } }', {})).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(await outcome(client, 'mutation { updateDocument(id: "fjdrc:socket", input: { title: "t" }) { id } }', {})).toEqual(['NOT_FOUND']);
    }
    expect(client.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 0, lastFailure: null });
  });

  it('counts a refused signature: a gateway without the deployment\'s secret fails every call alike', async () => {
    const client = clients.get('fjdrc', agency.url);
    for (let i = 0; i < 3; i++) expect(await outcome(client, '{ documents { totalCount } }', {}, 'not-the-secret')).toBe('signature');
    expect(client.state).toBe('open');
    expect(await outcome(client, '{ documents { totalCount } }', {})).toBe('circuit-open');
  });

  it('counts an HTTP 5xx without a GraphQL body, and a refused connection', async () => {
    const behindProxy = clients.get('behind-proxy', `http://127.0.0.1:${(proxyError.address() as AddressInfo).port}/graphql`);
    expect(await outcome(behindProxy, '{ documents { totalCount } }', {})).toBe('http-5xx');
    expect(behindProxy.snapshot()).toMatchObject({ consecutiveFailures: 1, lastFailure: { reason: 'http-5xx' } });
    const closed = clients.get('closed-port', 'http://127.0.0.1:9/graphql');
    expect(await outcome(closed, '{ documents { totalCount } }', {})).toBe('connection');
    expect(closed.snapshot().consecutiveFailures).toBe(1);
  });

  it('tells an HTTP answer that is not GraphQL by its status: a 200 page is a bad response, not a 5xx', async () => {
    const page = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>502 Bad Gateway, upstream timed out</body></html>');
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    try {
      const client = clients.get('captive-portal', `http://127.0.0.1:${(page.address() as AddressInfo).port}/graphql`);
      expect(await outcome(client, '{ documents { totalCount } }', {})).toBe('bad-response');
    } finally {
      page.close();
    }
  });

  it('a client stops probing once its deployment leaves the registry', async () => {
    const probes: string[] = [];
    const down = createServer((req, res) => {
      probes.push(req.url ?? '');
      res.writeHead(502);
      res.end();
    });
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    try {
      const pool = new ShardClients({ ...OPTIONS, breakerThreshold: 1, probeIntervalMs: 100 });
      const client = pool.get('gone', `http://127.0.0.1:${(down.address() as AddressInfo).port}/graphql`);
      expect(await outcome(client, '{ documents { totalCount } }', {})).toBe('http-5xx');
      await new Promise((resolve) => setTimeout(resolve, 450));
      const probed = probes.filter((p) => p === '/health').length;
      expect(probed).toBeGreaterThanOrEqual(2);
      pool.retain([]);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(probes.filter((p) => p === '/health').length).toBeLessThanOrEqual(probed + 1);
      expect(pool.all()).toEqual([]);
    } finally {
      down.close();
    }
  });

  it('gives a long poll the wait it asked for on top of the deadline, and only that', async () => {
    // A deployment that answers 500 ms late, as a change-log read asked to wait would.
    const late = createServer((_req, res) => setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":{"publicChanges":null}}');
    }, 500));
    await new Promise<void>((resolve) => late.listen(0, '127.0.0.1', resolve));
    const short = new ShardClients({ ...OPTIONS, timeoutMs: 300 });
    try {
      const client = short.get('fjlate', `http://127.0.0.1:${(late.address() as AddressInfo).port}/graphql`);
      const request = { document: parse('{ publicChanges(agency: "fjlate", after: 0, waitMs: 400) { lastSeq } }') };
      await expect(client.execute(request, 400)).resolves.toEqual({ data: { publicChanges: null } });
      expect(client.snapshot().consecutiveFailures).toBe(0);
      await expect(client.execute(request)).rejects.toMatchObject({ reason: 'timeout' });
      expect(client.snapshot().consecutiveFailures).toBe(1);
    } finally {
      short.dispose();
      late.closeAllConnections();
      late.close();
    }
  });
});
