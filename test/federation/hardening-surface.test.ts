import type { Server } from 'node:http';
import { connect } from 'node:net';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { startHub, type TestHub } from '../support/hub-harness';

/**
 * Issue 9, the gateway's surface: bad input refused at the gateway before any shard is called,
 * every refusal with its own code, CSRF and malformed bodies, CORS, failed authentication
 * throttled, and slow clients cut at the documented deadlines — all through the real gateway.
 */

/** "中文 / English": a Chinese part, then an English one. */
const BILINGUAL = /[\u4e00-\u9fff][^/]* \/ [A-Za-z]/;

const PORTAL_ORIGIN = 'https://portal.fujian.gov.cn';

/** Counts the HTTP requests a subgraph server receives. */
function countRequests(server: Server): { readonly count: number } {
  const counter = { count: 0 };
  server.on('request', () => { counter.count += 1; });
  return counter;
}

const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string; json: any }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  let json: any;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: response.status, headers: response.headers, text, json };
}

describe('hardening of the gateway surface', () => {
  let hub: TestHub;
  let calls: () => number;

  beforeAll(async () => {
    hub = await startHub({
      agencies: ['fjdrc', 'fjczt'],
      withDirectory: true,
      withCoordination: true,
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 8, penalties: 1, today: '2026-11-27' }).then(() => undefined),
      gateway: { corsOrigins: [PORTAL_ORIGIN] },
    });
    const counters = [...hub.agencies.values(), hub.directory!, hub.coordination!].map((s) => countRequests(s.server));
    calls = () => counters.reduce((sum, c) => sum + c.count, 0);
  });
  afterAll(() => hub?.stop());

  describe('issue 9 finding 2: bad input is BAD_USER_INPUT at the gateway', () => {
    const forged = cursorOf([9e15, 'x']);
    const cases: { name: string; query: string; variables?: Record<string, unknown>; field: string }[] = [
      { name: 'an impossible Date literal', query: '{ dueDate(from: "2026-02-30", workingDays: 3) { on } }', field: 'from' },
      { name: 'an impossible Date variable', query: 'query($d: Date!) { dueDate(from: $d, workingDays: 3) { on } }', variables: { d: '2026-02-30' }, field: 'from' },
      { name: 'a bare date as a DateTime literal', query: '{ documents(first: 2, filter: { updatedSince: "2026-11-01" }) { totalCount } }', field: 'updatedSince' },
      { name: 'a bare date as a DateTime inside a variable', query: 'query($f: DocumentFilter) { documents(first: 2, filter: $f) { totalCount } }', variables: { f: { updatedSince: '2026-11-01' } }, field: 'updatedSince' },
      { name: 'a number as a Date literal', query: '{ isWorkday(date: 20261101) }', field: 'date' },
      { name: 'a crafted cursor literal', query: `{ documents(first: 2, after: "${forged}") { totalCount } }`, field: 'after' },
      { name: 'a crafted cursor variable', query: 'query($a: String) { search(text: "公开", first: 2, after: $a) { totalCount } }', variables: { a: forged }, field: 'after' },
      { name: 'a cursor that is no cursor', query: 'query($a: String) { penaltyDecisions(first: 2, after: $a) { totalCount } }', variables: { a: 'not-a-cursor' }, field: 'after' },
    ];

    it.each(cases)('$name: BAD_USER_INPUT naming $field, no shard called', async ({ query, variables, field }) => {
      const before = calls();
      const { errors, data } = await hub.query(query, variables);
      expect(calls()).toBe(before);
      expect(data).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(errors[0].message).toContain(field);
      expect(errors[0].message).toMatch(BILINGUAL);
    });

    it('lets valid dates, date-times and the cursors the hub issued through to the shards', async () => {
      const before = calls();
      const first = await hub.query('{ documents(first: 3, filter: { updatedSince: "2026-01-01T00:00:00+08:00" }) { pageInfo { endCursor } edges { node { id } } } }');
      expect(first.errors).toBeUndefined();
      expect(calls()).toBeGreaterThan(before);
      const next = await hub.query('query($a: String) { documents(first: 3, after: $a, filter: { updatedSince: "2026-01-01T00:00:00+08:00" }) { edges { node { id } } } }', { a: first.data.documents.pageInfo.endCursor });
      expect(next.errors).toBeUndefined();
      expect(next.data.documents.edges.length).toBeGreaterThan(0);
      expect((await hub.query('query($d: Date!) { dueDate(from: $d, workingDays: 3) { on } }', { d: '2026-02-27' })).errors).toBeUndefined();
    });

    it('refuses /export?since=<bare date> with 400 BAD_USER_INPUT, before any shard is called', async () => {
      const before = calls();
      const response = await fetch(hub.gateway.url.replace(/\/graphql$/, '/export/documents.ndjson?since=2026-11-01'));
      const body = await response.json() as { errors: { message: string; extensions: { code: string } }[] };
      expect(response.status).toBe(400);
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].message).toMatch(/since/);
      expect(calls()).toBe(before);
    });

    it('after 100 bad inputs in a row, a legitimate page is complete', async () => {
      for (let i = 0; i < 100; i++) {
        const { query, variables } = cases[i % cases.length];
        await hub.query(query, variables);
      }
      const page = await hub.query('{ documents(first: 20) { totalCount edges { node { agency { code } } } } }');
      expect(page.errors).toBeUndefined();
      expect(new Set(page.data.documents.edges.map((e: any) => e.node.agency.code))).toEqual(new Set(['fjdrc', 'fjczt']));
    });
  });

  describe('issue 9 finding 9: every refusal keeps its code through the gateway', () => {
    it('a directory refusal arrives as FORBIDDEN, not 500 "Unexpected error."', async () => {
      const { status, errors } = await hub.query('mutation { updateAgencyProfile(code: "fjdrc", input: {}) { code } }');
      expect(status).toBe(200);
      expect(errors[0].extensions.code).toBe('FORBIDDEN');
      expect(errors[0].message).toMatch(BILINGUAL);
    });

    it('coordination refusals arrive as BAD_USER_INPUT naming the field and NOT_FOUND', async () => {
      const coordinator = await hub.token(['coordinator']);
      const invalid = await hub.query('mutation { createReleasePlan(input: { title: "", leadAgency: "fjdrc", releaseAt: "2026-12-30T10:00:00+08:00" }) { id } }', undefined, coordinator);
      expect(invalid.status).toBe(200);
      expect(invalid.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
      const missing = await hub.query('mutation { cancelReleasePlan(id: "no-such-plan", reason: "测试") { id } }', undefined, coordinator);
      expect(missing.errors[0].extensions.code).toBe('NOT_FOUND');
      expect(missing.errors[0].message).toMatch(BILINGUAL);
    });

    it('a subscription is refused with GRAPHQL_VALIDATION_FAILED and a bilingual message', async () => {
      const before = calls();
      const { status, errors } = await hub.query('subscription { documents { id } }');
      expect(status).not.toBe(500);
      expect(errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(errors[0].message).toMatch(BILINGUAL);
      expect(calls()).toBe(before);
    });
  });

  describe('issue 9 finding 9: CSRF and malformed bodies', () => {
    it('a GET or a text/plain POST without the CSRF header is 403 CSRF_PREVENTED, bilingual', async () => {
      const get = await fetch(`${hub.gateway.url}?query=${encodeURIComponent('{ __typename }')}`);
      const form = await fetch(hub.gateway.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
      for (const response of [get, form]) {
        const body = await response.json() as { errors: { message: string; extensions: { code: string } }[] };
        expect(response.status).toBe(403);
        expect(body.errors[0].extensions.code).toBe('CSRF_PREVENTED');
        expect(body.errors[0].message).toMatch(BILINGUAL);
      }
      const allowed = await fetch(`${hub.gateway.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'x-graphql-csrf': '1' } });
      expect(allowed.status).toBe(200);
      // The IDE is a page, not an operation: it still opens in a browser.
      const ide = await fetch(hub.gateway.url, { headers: { accept: 'text/html' } });
      expect(ide.status).toBe(200);
      expect(ide.headers.get('content-type')).toMatch(/text\/html/);
    });

    it('invalid JSON is 400 BAD_REQUEST, bilingual, with no originalError and no stack', async () => {
      for (const accept of ['application/json', 'application/graphql-response+json']) {
        const { status, json, text } = await post(hub.gateway.url, '{"query": "{ __typename }"', { accept });
        expect(status).toBe(400);
        expect(json.errors[0].extensions.code).toBe('BAD_REQUEST');
        expect(json.errors[0].message).toMatch(BILINGUAL);
        expect(text).not.toMatch(/originalError|stack|position \d/);
      }
    });
  });

  describe('issue 9 finding 9: CORS from an allow-list', () => {
    it('an allowed origin gets CORS headers, on the preflight and on the answer', async () => {
      const preflight = await fetch(hub.gateway.url, { method: 'OPTIONS', headers: { origin: PORTAL_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' } });
      expect(preflight.headers.get('access-control-allow-origin')).toBe(PORTAL_ORIGIN);
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      const answer = await post(hub.gateway.url, JSON.stringify({ query: '{ __typename }' }), { origin: PORTAL_ORIGIN });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBe(PORTAL_ORIGIN);
    });

    it('a foreign origin gets no CORS header at all, never its own origin reflected with credentials', async () => {
      const preflight = await fetch(hub.gateway.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      const answer = await post(hub.gateway.url, JSON.stringify({ query: '{ __typename }' }), { origin: 'https://evil.example' });
      for (const response of [preflight, answer]) {
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
        expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      }
    });
  });
});

describe('hardening of the gateway surface: failed authentication, default CORS, slow clients', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({
      agencies: ['fjdrc'],
      gateway: {
        quotas: { anonymousPerMinute: 1000, staffPerMinute: 1000, servicePerMinute: 1000, failedAuthPerMinute: 5, trustProxy: false },
        headersTimeoutMs: 1000,
        requestTimeoutMs: 2000,
      },
    });
  });
  afterAll(() => hub?.stop());

  it('issue 9 finding 9: CORS defaults to same origin only (no header for any other origin)', async () => {
    const answer = await post(hub.gateway.url, JSON.stringify({ query: '{ __typename }' }), { origin: PORTAL_ORIGIN });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('issue 9 finding 9: failed authentications are counted per IP and refused 429 with Retry-After after the limit', async () => {
    // The counter is a fixed one-minute window: do not straddle its end.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 55_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 100));
    const query = JSON.stringify({ query: '{ __typename }' });
    const { key } = hub.gateway.apiKeys.issue('测试研究组', 100);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(hub.gateway.url, query, { 'x-api-key': `${key.slice(0, -4)}abcd` })).status);
    for (let i = 0; i < 2; i++) statuses.push((await post(hub.gateway.url, query, { authorization: 'Bearer not.a.token' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const refused = await post(hub.gateway.url, query, { authorization: 'Bearer not.a.token' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.json.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(refused.json.errors[0].message).toMatch(BILINGUAL);
    // Refused before the key is checked: even the right key cannot be confirmed from this address now.
    expect((await post(hub.gateway.url, query, { 'x-api-key': key })).status).toBe(429);
    expect((await post(hub.gateway.url, query, { authorization: `Bearer ${await hub.token(['editor'], 'fjdrc')}` })).status).toBe(429);
    // Callers who do not try to authenticate are not affected.
    expect((await post(hub.gateway.url, query)).status).toBe(200);
  });

  /** Opens a raw connection, sends `data` and never more; resolves with the ms until the server closes it. */
  function slowClient(data: string): Promise<number> {
    const { hostname, port } = new URL(hub.gateway.url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let started = 0;
      socket.on('connect', () => { started = performance.now(); socket.write(data); });
      socket.on('data', () => undefined);
      socket.on('close', () => resolve(performance.now() - started));
      socket.on('error', reject);
      socket.setTimeout(10_000, () => { socket.destroy(); reject(new Error('never cut')); });
    });
  }

  it('issue 9 finding 9: a client that never finishes its headers is cut at the headers deadline (±1 s)', async () => {
    const ms = await slowClient(`POST /graphql HTTP/1.1\r\nHost: ${new URL(hub.gateway.url).host}\r\nContent-Type: application/json\r\n`);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThanOrEqual(2000);
  });

  it('issue 9 finding 9: a client that never finishes its body is cut at the request deadline (±1 s)', async () => {
    const ms = await slowClient(`POST /graphql HTTP/1.1\r\nHost: ${new URL(hub.gateway.url).host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":`);
    expect(ms).toBeGreaterThanOrEqual(1900);
    expect(ms).toBeLessThanOrEqual(3000);
  });
});
