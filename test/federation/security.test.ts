import { signGatewayClaims, GATEWAY_CLAIMS_HEADER } from '../../subgraphs/shared/claims';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { startHub, type TestHub } from '../support/hub-harness';

/**
 * Hostile requests against the real gateway and subgraphs: each must be refused with a clear
 * error (a status or a GraphQL error with a code), quickly, and never reach a database or leak an
 * internal message. docs/security.md lists the classes and results.
 */

interface Attack {
  name: string;
  /** Where to send it: the gateway (default), or straight to a subgraph. */
  target?: 'gateway' | 'agency' | 'directory';
  init: () => Promise<RequestInit> | RequestInit;
  path?: string;
  /** Acceptable HTTP statuses. */
  status: number[];
  /** Expected error code in the body, when the status is 200. */
  code?: RegExp;
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body),
});
const q = (query: string, variables?: unknown, headers?: Record<string, string>) => json({ query, variables }, headers);

const INJECTIONS = [
  "' OR 1=1 --", '"; DROP TABLE document; --', "fjdrc:00000001' UNION SELECT * FROM document --", '公开" OR "1"="1',
  'NEAR(公开 通知)', '*', '\u0000', '../../etc/passwd', '<script>alert(1)</script>', '${jndi:ldap://x}',
];

function nested(depth: number): string {
  let inner = 'id';
  for (let i = 0; i < depth; i++) inner = `agency { documents(first: 1) { edges { node { ${inner} } } } }`;
  return `{ documents(first: 1) { edges { node { ${inner} } } } }`;
}

function attacks(hub: TestHub, tokens: Record<string, string>): Attack[] {
  const list: Attack[] = [
    { name: 'deep nesting through agency.documents', init: () => q(nested(8)), status: [200, 400], code: /GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/ },
    { name: 'deep nesting via fragments', init: () => q(`query { documents { edges { node { ...A } } } } fragment A on Document { agency { documents { edges { node { ...B } } } } } fragment B on Document { agency { documents { edges { node { agency { documents { edges { node { agency { documents { edges { node { id } } } } } } } } } } } } }`), status: [200, 400], code: /GRAPHQL_VALIDATION_FAILED/ },
    { name: 'alias flood (200 aliases)', init: () => q(`{ ${Array.from({ length: 200 }, (_, i) => `a${i}: dueDate(from: "2026-01-01", workingDays: 1) { on }`).join(' ')} }`), status: [200, 400], code: /GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED/ },
    { name: 'alias flood on a fan-out field', init: () => q(`{ ${Array.from({ length: 40 }, (_, i) => `d${i}: documents(first: 100) { totalCount }`).join(' ')} }`), status: [200, 400], code: /GRAPHQL_VALIDATION_FAILED|COST/ },
    { name: 'directive flood', init: () => q(`{ documents { totalCount ${'@include(if: true) '.repeat(60)} } }`), status: [200, 400], code: /GRAPHQL_VALIDATION_FAILED/ },
    { name: 'fragment cycle', init: () => q('query { documents { edges { node { ...A } } } } fragment A on Document { ...B } fragment B on Document { ...A }'), status: [200, 400], code: /GRAPHQL_VALIDATION_FAILED/ },
    { name: 'token flood', init: () => q(`{ documents { totalCount ${' __typename'.repeat(3000)} } }`), status: [200, 400], code: /GRAPHQL_VALIDATION_FAILED|BAD_REQUEST|GRAPHQL_PARSE_FAILED/ },
    { name: 'oversize body (300 KB)', init: () => q(`{ documents { totalCount } } # ${'x'.repeat(300_000)}`), status: [413] },
    { name: 'POST without Content-Length (chunked)', init: () => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('{"query":"{ documents { totalCount } }"}')); c.close(); } }), duplex: 'half' } as RequestInit), status: [411] },
    { name: 'huge first', init: () => q('{ documents(first: 1000000) { totalCount } }'), status: [200], code: /BAD_USER_INPUT/ },
    { name: 'negative first', init: () => q('{ documents(first: -5) { totalCount } }'), status: [200], code: /BAD_USER_INPUT/ },
    { name: 'huge first on search', init: () => q('{ search(text: "公开", first: 5000) { totalCount } }'), status: [200], code: /BAD_USER_INPUT/ },
    { name: 'batched operations', init: () => json([{ query: '{ documents { totalCount } }' }, { query: '{ agencies { code } }' }]), status: [400] },
    { name: 'introspection abuse (deep ofType chain)', init: () => q(`{ __schema { types { fields { type { ${'ofType { '.repeat(20)}name${' }'.repeat(20)} } } } } }`), status: [200, 400], code: /GRAPHQL_VALIDATION_FAILED/ },
    { name: 'introspection abuse (aliased __schema)', init: () => q(`{ ${Array.from({ length: 50 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ')} }`), status: [200, 400], code: /GRAPHQL_VALIDATION_FAILED/ },
    { name: 'malformed JSON', init: () => json('{"query": "{ documents { totalCount } }"'), status: [400] },
    { name: 'body is not an object', init: () => json('"just a string"'), status: [400] },
    { name: 'query is not a string', init: () => json({ query: 42 }), status: [400] },
    { name: 'variables are a string', init: () => json({ query: 'query($id: ID!) { document(id: $id) { id } }', variables: 'fjdrc:1' }), status: [400] },
    { name: 'variables of the wrong type', init: () => q('query($first: Int) { documents(first: $first) { totalCount } }', { first: 'many' }), status: [200, 400], code: /BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/ },
    { name: 'missing required variable', init: () => q('query($id: ID!) { document(id: $id) { id } }', {}), status: [200, 400], code: /BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/ },
    { name: 'syntax error', init: () => q('{ documents { totalCount '), status: [200, 400], code: /GRAPHQL_PARSE_FAILED/ },
    { name: 'unknown field (no suggestions)', init: () => q('{ documnts { totalCount } }'), status: [200, 400], code: /GRAPHQL_VALIDATION_FAILED/ },
    { name: 'GET with a mutation', init: () => ({ method: 'GET', headers: { 'x-graphql-csrf': '1' } }), path: `/graphql?query=${encodeURIComponent('mutation { createDocument(input: { title: "t", body: "b", theme: "综合政务", formedOn: "2026-01-01", disclosure: PROACTIVE }) { id } }')}`, status: [405] },
    { name: 'CSRF: simple GET without the CSRF header', init: () => ({ method: 'GET' }), path: `/graphql?query=${encodeURIComponent('{ documents { totalCount } }')}`, status: [403] },
    { name: 'CSRF: form-encoded POST', init: () => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B%20documents%20%7B%20totalCount%20%7D%20%7D' }), status: [403, 415, 400] },
    { name: 'CSRF: text/plain POST', init: () => ({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ documents { totalCount } }"}' }), status: [403, 415, 400] },
    { name: 'unknown persisted document', init: () => json({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }), status: [200, 400, 404], code: /PERSISTED_QUERY_NOT_FOUND|PERSISTED_QUERY_NOT_IN_LIST/ },
    { name: 'forged bearer token', init: () => q('{ documents { totalCount } }', undefined, { authorization: `Bearer ${tokens.editorB.slice(0, -4)}abcd` }), status: [401] },
    { name: 'unsigned token (alg none)', init: () => q('{ documents { totalCount } }', undefined, { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJyb2xlcyI6WyJhZG1pbiJdLCJhZ2VuY3kiOiJmamRyYyJ9.' }), status: [401] },
    { name: 'malformed Authorization header', init: () => q('{ documents { totalCount } }', undefined, { authorization: 'Basic YWRtaW46YWRtaW4=' }), status: [401] },
    { name: 'invalid API key', init: () => q('{ documents { totalCount } }', undefined, { 'x-api-key': 'hub_deadbeef_nottherealsecretnottherealsecret000' }), status: [401] },
    { name: "another agency's editor reviews a document", init: () => q(`mutation { reviewDocument(id: "fjdrc:00000001", approve: true) { id } }`, undefined, { authorization: `Bearer ${tokens.editorB}` }), status: [200], code: /FORBIDDEN|NOT_FOUND/ },
    { name: "another agency's editor changes a document", init: () => q(`mutation { updateDocument(id: "fjdrc:00000001", input: { title: "篡改" }, reason: "x") { id } }`, undefined, { authorization: `Bearer ${tokens.editorB}` }), status: [200], code: /FORBIDDEN|NOT_FOUND/ },
    { name: "another agency's admin withdraws a document", init: () => q(`mutation { withdrawDocument(id: "fjdrc:00000001", reason: "x") { id } }`, undefined, { authorization: `Bearer ${tokens.adminB}` }), status: [200], code: /FORBIDDEN|NOT_FOUND/ },
    { name: 'anonymous creates a document', init: () => q('mutation { createDocument(input: { title: "t", body: "b", theme: "综合政务", formedOn: "2026-01-01", disclosure: PROACTIVE }) { id } }'), status: [200], code: /FORBIDDEN/ },
    { name: 'unsigned call straight to an agency deployment', target: 'agency', init: () => q('{ documents { totalCount } }'), status: [401] },
    { name: 'forged claims straight to an agency deployment', target: 'agency', init: async () => q('{ documents(filter: { status: [DRAFT] }) { totalCount } }', undefined, { [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims({ roles: ['admin'], agency: 'fjdrc' }, 'guessed-secret') }), status: [401] },
    { name: 'client-supplied claims header through the gateway', init: async () => q('{ documents(filter: { status: [DRAFT] }) { totalCount } }', undefined, { [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims({ roles: ['admin'], agency: 'fjdrc' }, 'guessed-secret') }), status: [200], code: /^$/ },
    { name: 'unsigned call straight to the directory', target: 'directory', init: () => q('{ agencies { code } }'), status: [401] },
  ];
  // Injection in every string argument of the public API.
  const stringArgs: [string, (s: string) => string][] = [
    ['search text', (s) => `{ search(text: ${JSON.stringify(s)}) { totalCount } }`],
    ['docNumber filter', (s) => `{ documents(filter: { docNumber: ${JSON.stringify(s)} }) { totalCount } }`],
    ['document id', (s) => `{ document(id: ${JSON.stringify(s)}) { id } }`],
    ['agency filter', (s) => `{ documents(filter: { agencies: [${JSON.stringify(s)}] }) { totalCount } }`],
    ['after cursor', (s) => `{ documents(after: ${JSON.stringify(s)}) { totalCount } }`],
    ['penalty party name', (s) => `{ penaltyDecisions(partyName: ${JSON.stringify(s)}) { totalCount } }`],
  ];
  for (const [where, build] of stringArgs) {
    for (const payload of INJECTIONS.slice(0, where === 'search text' ? INJECTIONS.length : 4)) {
      list.push({ name: `injection in ${where}: ${JSON.stringify(payload).slice(0, 30)}`, init: () => q(build(payload)), status: [200], code: /^$|BAD_USER_INPUT|NOT_FOUND/ });
    }
  }
  return list;
}

describe('hostile requests', () => {
  let hub: TestHub;
  let tokens: Record<string, string>;
  let documentsBefore: number;

  beforeAll(async () => {
    hub = await startHub({
      agencies: ['fjdrc', 'fjczt'],
      withDirectory: true,
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 15, penalties: 3, today: '2026-11-27' }).then(() => undefined),
      gateway: { quotas: { anonymousPerMinute: 100_000, staffPerMinute: 100_000, trustProxy: false } },
    });
    tokens = { editorB: await hub.token(['editor'], 'fjczt'), adminB: await hub.token(['admin'], 'fjczt') };
    documentsBefore = (await hub.query('{ documents(first: 0) { totalCount } }')).data.documents.totalCount;
  });
  afterAll(() => hub?.stop());

  it('refuses at least 60 hostile requests, each with a clear error and quickly', async () => {
    const list = attacks(hub, tokens);
    expect(list.length).toBeGreaterThanOrEqual(60);
    const failures: string[] = [];
    for (const attack of list) {
      const base = attack.target === 'agency' ? hub.agencies.get('fjdrc')!.url : attack.target === 'directory' ? hub.directory!.url : hub.gateway.url;
      const url = attack.path ? base.replace(/\/graphql$/, attack.path) : base;
      const started = performance.now();
      const response = await fetch(url, await attack.init());
      const text = await response.text();
      const ms = performance.now() - started;
      let body: { errors?: { message: string; extensions?: { code?: string } }[] } = {};
      try { body = JSON.parse(text); } catch { /* some refusals are not JSON */ }
      const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? '').join(',');
      const problems: string[] = [];
      if (!attack.status.includes(response.status)) problems.push(`status ${response.status}`);
      if (attack.code && response.status === 200 && !attack.code.test(codes)) problems.push(`codes "${codes}"`);
      if (ms >= 2000) problems.push(`${Math.round(ms)} ms`);
      // Nothing internal ever leaks: no SQL, no stack, no suggestion of field names.
      if (/SQLITE|syntax error at|select .* from|at \w+ \(.*\.js:\d+|Did you mean/i.test(text)) problems.push('leaks internals');
      if (response.status >= 400 && body.errors && body.errors[0].message.length <= 5) problems.push('unclear message');
      if (problems.length) failures.push(`${attack.name}: ${problems.join(', ')} — ${text.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
    expect((await hub.query('{ documents(first: 0) { totalCount } }')).data.documents.totalCount).toBe(documentsBefore);
  });

  it('answers 429 with Retry-After past the anonymous quota, while an API key has its own', async () => {
    const limited = await startHub({ agencies: ['fjdrc'], gateway: { quotas: { anonymousPerMinute: 5, staffPerMinute: 100, trustProxy: false } } });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 8; i++) {
        const response = await fetch(limited.gateway.url, q('{ documents(first: 1) { totalCount } }'));
        statuses.push(response.status);
        if (response.status === 429) retryAfter = response.headers.get('retry-after');
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      const { key } = limited.gateway.apiKeys.issue('测试研究组', 50);
      const keyed = await fetch(limited.gateway.url, q('{ documents(first: 1) { totalCount } }', undefined, { 'x-api-key': key }));
      expect(keyed.status).toBe(200);
      const record = limited.gateway.apiKeys.list()[0];
      limited.gateway.apiKeys.revoke(record.id);
      expect((await fetch(limited.gateway.url, q('{ documents(first: 1) { totalCount } }', undefined, { 'x-api-key': key }))).status).toBe(401);
    } finally {
      await limited.stop();
    }
  });
});
