import { signGatewayClaims, GATEWAY_CLAIMS_HEADER } from '../../schema/contracts/claims';

/**
 * Hostile requests against the gateway and the subgraphs behind it, shared by the security test
 * suite (each must be refused, quickly, without leaking anything) and the security benchmark
 * (legitimate latency while they arrive).
 */

export interface Attack {
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
/** A JSON GraphQL POST. */
export const graphqlPost = (query: string, variables?: unknown, headers?: Record<string, string>) => json({ query, variables }, headers);
const q = graphqlPost;

const INJECTIONS = [
  "' OR 1=1 --", '"; DROP TABLE document; --', "fjdrc:00000001' UNION SELECT * FROM document --", '公开" OR "1"="1',
  'NEAR(公开 通知)', '*', '\u0000', '../../etc/passwd', '<script>alert(1)</script>', '${jndi:ldap://x}',
];

function nested(depth: number): string {
  let inner = 'id';
  for (let i = 0; i < depth; i++) inner = `agency { documents(first: 1) { edges { node { ${inner} } } } }`;
  return `{ documents(first: 1) { edges { node { ${inner} } } } }`;
}

/** Load amplification inside the other limits (issue 9 finding 3): 30 aliases, each asking every deployment for 100 hits. */
export const AMPLIFICATION_QUERY = `{ ${Array.from({ length: 30 }, (_, i) => `s${i}: search(text: "公开", first: 100) { totalCount edges { node { id title agency { code } } } }`).join(' ')} }`;

/** The hostile requests; `tokens.editorB` / `tokens.adminB` are staff of another agency than fjdrc. */
export function hostileRequests(tokens: { editorB: string; adminB: string }): Attack[] {
  const list: Attack[] = [
    { name: 'deep nesting through agency.documents', init: () => q(nested(8)), status: [200, 400], code: /GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/ },
    { name: 'deep nesting via fragments', init: () => q(`query { documents { edges { node { ...A } } } } fragment A on Document { agency { documents { edges { node { ...B } } } } } fragment B on Document { agency { documents { edges { node { agency { documents { edges { node { agency { documents { edges { node { id } } } } } } } } } } } } }`), status: [200, 400], code: /GRAPHQL_VALIDATION_FAILED/ },
    { name: 'alias flood (200 aliases)', init: () => q(`{ ${Array.from({ length: 200 }, (_, i) => `a${i}: dueDate(from: "2026-01-01", workingDays: 1) { on }`).join(' ')} }`), status: [200, 400], code: /GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED/ },
    { name: 'alias flood on a fan-out field', init: () => q(`{ ${Array.from({ length: 40 }, (_, i) => `d${i}: documents(first: 100) { totalCount }`).join(' ')} }`), status: [200, 400], code: /GRAPHQL_VALIDATION_FAILED|COST/ },
    { name: '30 aliased search(first: 100)', init: () => q(AMPLIFICATION_QUERY), status: [200], code: /COST_ESTIMATED_TOO_EXPENSIVE/ },
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
    { name: 'unknown persisted document', init: () => json({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }), status: [200, 400, 404], code: /PERSISTED_QUERY_NOT_FOUND/ },
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
