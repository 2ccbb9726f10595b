import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import type { RunningAgency } from '../../subgraphs/agency/server';
import { startHub, type TestHub } from '../support/hub-harness';

const seed = (agency: RunningAgency) =>
  seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 6, penalties: 0, requests: 0, today: '2026-11-27' }).then(() => undefined);

const PAGE = 'query($agencies: [ID!]) { documents(filter: { agencies: $agencies }, first: 5) { totalCount edges { node { id } } } }';

/** Text every timeout matcher would fall for: the test proves none is used. */
const LOOKS_LIKE_A_TIMEOUT = 'ETIMEDOUT: upstream request timed out (timeout of 800 ms exceeded, socket hang up)';

type Extensions = Record<string, unknown>;
// `serviceName` is the gateway runtime's own mark on every subgraph error; the hub's shape is the rest.
const extensionsOf = (errors: { extensions?: Extensions }[] | undefined) => (errors ?? []).map((e) => e.extensions ?? {});

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

describe('issue 10: one error shape for every service that gives no answer, classified without reading message text', () => {
  let hub: TestHub;
  let hung: Awaited<ReturnType<typeof listen>>;
  let proxy504: Awaited<ReturnType<typeof listen>>;
  let graphqlTimeoutText: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    // Accepts and never answers, as a SIGSTOPped process does.
    hung = await listen(() => undefined);
    // A reverse proxy whose page talks of a timeout: an HTTP 504 that is not GraphQL.
    proxy504 = await listen((_req, res) => {
      res.writeHead(504, { 'content-type': 'text/html' });
      res.end(`<html><body>504 Gateway Time-out: ${LOOKS_LIKE_A_TIMEOUT}</body></html>`);
    });
    // A deployment that answers in time, in GraphQL, with an error whose text talks of a timeout.
    graphqlTimeoutText = await listen((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { documents: null }, errors: [{ message: LOOKS_LIKE_A_TIMEOUT, path: ['documents'], extensions: { code: 'CONFLICT' } }] }));
      });
    });
    hub = await startHub({
      agencies: ['fjdrc', 'fjczt'], seed, withDirectory: true,
      // No breaker in the way: every call here is sent, so each answer shows the call's own failure.
      gateway: { shardCalls: { timeoutMs: 800, breakerThreshold: 1000, breakerCooldownMs: 60_000, probeIntervalMs: 60_000 }, coordinationUrl: hung.url },
    });
    hub.gateway.registry.set([
      ...hub.gateway.registry.all(),
      { code: 'fjedu', url: hung.url }, { code: 'fjamr', url: proxy504.url }, { code: 'fjgat', url: graphqlTimeoutText.url },
    ]);
  });
  afterAll(async () => {
    await hub?.stop();
    for (const s of [hung, proxy504, graphqlTimeoutText]) {
      s?.server.closeAllConnections();
      s?.server.close();
    }
  });

  it('directory down: SERVICE_UNAVAILABLE with service "directory" and a reason, the agencies\' data still there', async () => {
    await hub.directory!.stop();
    const answer = await hub.query('{ documents(filter: { agencies: ["fjdrc"] }, first: 2) { edges { node { id agency { code name } } } } }');
    expect(answer.data.documents.edges).toHaveLength(2);
    const directory = extensionsOf(answer.errors).filter((e) => e.service === 'directory');
    expect(directory.length).toBeGreaterThan(0);
    for (const e of directory) expect(e).toEqual({ code: 'SERVICE_UNAVAILABLE', service: 'directory', serviceName: 'directory', reason: 'connection' });
  });

  it('coordination hung: SERVICE_UNAVAILABLE with service "coordination" and reason "timeout"', async () => {
    const answer = await hub.query('{ releasePlans(first: 1) { edges { cursor } } }');
    expect(extensionsOf(answer.errors)).toEqual([{ code: 'SERVICE_UNAVAILABLE', service: 'coordination', serviceName: 'coordination', reason: 'timeout' }]);
  });

  it('agency down or hung: AGENCY_UNAVAILABLE with agency, service and reason; the other agencies answered', async () => {
    await hub.stopAgency('fjczt');
    const answer = await hub.query(PAGE, { agencies: ['fjdrc', 'fjczt', 'fjedu'] });
    expect(extensionsOf(answer.errors).sort((a, b) => String(a.agency).localeCompare(String(b.agency)))).toEqual([
      { code: 'AGENCY_UNAVAILABLE', service: 'agency', serviceName: 'agency', agency: 'fjczt', reason: 'connection' },
      { code: 'AGENCY_UNAVAILABLE', service: 'agency', serviceName: 'agency', agency: 'fjedu', reason: 'timeout' },
    ]);
    expect(answer.data.documents.edges.length).toBeGreaterThan(0);
    for (const edge of answer.data.documents.edges) expect(edge.node.id).toMatch(/^fjdrc:/);
  });

  it('a failure whose text reads like a timeout is not classified as one', async () => {
    // An HTTP 504 page full of timeout words is what its status says: an HTTP 5xx without GraphQL.
    const proxied = await hub.query(PAGE, { agencies: ['fjamr'] });
    expect(extensionsOf(proxied.errors)).toEqual([{ code: 'AGENCY_UNAVAILABLE', service: 'agency', serviceName: 'agency', agency: 'fjamr', reason: 'http-5xx' }]);
    // A GraphQL answer whose error talks of a timeout is the deployment's answer, passed on as it is.
    const answered = await hub.query(PAGE, { agencies: ['fjgat'] });
    expect(answered.errors).toHaveLength(1);
    expect(answered.errors[0].message).toBe(LOOKS_LIKE_A_TIMEOUT);
    expect(answered.errors[0].extensions).toEqual({ code: 'CONFLICT', agency: 'fjgat', serviceName: 'agency' });
  });

  it('the gateway\'s own refusals are coded by the phase that raised them, in both languages', async () => {
    const tokens = await hub.query(`{ documents { totalCount ${' __typename'.repeat(3000)} } }`);
    expect(tokens.errors.map((e: { extensions: Extensions; message: string }) => [e.extensions.code, e.message])).toEqual([
      ['GRAPHQL_PARSE_FAILED', '查询过长 / Query too long (max 2000 tokens)'],
    ]);
    const deep = await hub.query(`{ agencies { ${'documents { edges { node { agency { '.repeat(4)}code${' } } } }'.repeat(4)} } }`);
    expect(deep.errors.map((e: { extensions: Extensions; message: string }) => [e.extensions.code, e.message])).toEqual([
      ['GRAPHQL_VALIDATION_FAILED', '查询嵌套过深 / Query too deep (max depth 15)'],
    ]);
    // A variable's message names "timeout" and "Syntax Error"; only where it arose decides its code.
    const variable = await hub.query('query($first: Int) { documents(first: $first) { totalCount } }', { first: 'Syntax Error: timeout' });
    expect(variable.errors.map((e: { extensions: Extensions }) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
  });
});
