import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { AMPLIFICATION_QUERY as AMPLIFICATION } from '../../tools/bench/hostile-requests';
import { startHub, type TestHub } from '../support/hub-harness';

const AGENCIES = ['fjdrc', 'fjczt', 'xiamen'];
const PAGE = '{ documents(first: 20) { edges { node { id agency { code } } } } }';

async function lines(response: Response): Promise<Record<string, any>[]> {
  return (await response.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/** Waits out the end of the quota's minute window when it is close, so a test's requests share one window. */
async function freshQuotaWindow(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 8_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

describe('issue 9 finding 3: load amplification inside the limits', () => {
  let hub: TestHub;
  let base: string;
  beforeAll(async () => {
    hub = await startHub({
      agencies: AGENCIES,
      withDirectory: true,
      clock: '2026-11-28T12:00:00+08:00',
      // Export pages carry whole bodies; on a loaded test machine they must not hit the deadline.
      gateway: { shardCalls: { timeoutMs: 30_000, breakerThreshold: 3, breakerCooldownMs: 10_000 } },
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 90, penalties: 5, today: '2026-11-27' }).then(() => undefined),
    });
    base = hub.gateway.url.replace(/\/graphql$/, '');
  });
  afterAll(() => hub?.stop());

  it('issue 9 finding 3: 30 aliased search(first: 100) are refused as too expensive', async () => {
    const answer = await hub.query(AMPLIFICATION);
    expect(answer.data).toBeNull();
    expect(answer.errors).toHaveLength(1);
    const [error] = answer.errors;
    expect(error.extensions.code).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
    expect(error.message).toMatch(/查询代价过高.* \/ Query too expensive/);
    // Each alias asks every deployment for 100 items: the estimate counts them, times the 3 deployments.
    expect(error.extensions.cost.estimated).toBeGreaterThan(30 * 100 * AGENCIES.length);
    // The same with the selection in a fragment, as the query planner writes it.
    const viaFragment = await hub.query(`{ ${Array.from({ length: 30 }, (_, i) => `s${i}: search(text: "公开", first: 100) { ...Page }`).join(' ')} } fragment Page on DocumentConnection { edges { node { id title } } }`);
    expect(viaFragment.errors?.[0]?.extensions.code).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
    // Meanwhile a legitimate page is whole: every agency answers.
    const page = await hub.query(PAGE);
    expect(page.errors).toBeUndefined();
    expect(new Set(page.data.documents.edges.map((e: any) => e.node.agency.code))).toEqual(new Set(AGENCIES));
  });

  it('issue 11: aliased facet counts, each a scan of every match on every deployment, are refused; one faceted search passes', async () => {
    const hostile = await hub.query(`{ ${Array.from({ length: 30 }, (_, i) => `s${i}: search(text: "公开", first: 0) { facets { agencies { value count } } }`).join(' ')} }`);
    expect(hostile.data).toBeNull();
    expect(hostile.errors?.[0]?.extensions.code).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
    const faceted = await hub.query('{ search(text: "公开", first: 20) { totalCount edges { node { id } } facets { agencies { value count } themes { value count } years { value count } genres { value count } } } }');
    expect(faceted.errors).toBeUndefined();
    const byAgency = faceted.data.search.facets.agencies;
    expect(byAgency.reduce((sum: number, f: { count: number }) => sum + f.count, 0)).toBe(faceted.data.search.totalCount);
  });

  it('issue 9 finding 3: a fan-out costs once per deployment it reaches; a large first without items is left to the subgraph', async () => {
    const lists = (filter: string) => `{ ${Array.from({ length: 20 }, (_, i) => `d${i}: documents(first: 100${filter}) { edges { node { id } } }`).join(' ')} }`;
    const province = await hub.query(lists(''));
    expect(province.errors?.[0]?.extensions.code).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
    const oneAgency = await hub.query(lists(', filter: { agencies: ["fjdrc"] }'));
    expect(oneAgency.errors).toBeUndefined();
    const published = (await hub.query('{ documents(first: 0, filter: { agencies: ["fjdrc"] }) { totalCount } }')).data.documents.totalCount;
    expect(oneAgency.data.d19.edges).toHaveLength(published);
    // An out-of-range page size still gets the subgraph's precise refusal naming `first`.
    const huge = await hub.query('{ documents(first: 1000000) { edges { node { id } } } }');
    expect(huge.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it("issue 9 finding 3: the web app's persisted documents pass demand control, with pages of 100 too", async () => {
    const documents = JSON.parse(readFileSync(join(__dirname, '../../schema/persisted-documents.json'), 'utf8')) as Record<string, string>;
    const variables = { code: 'fjdrc', id: 'fjdrc:00000001', text: '公开', year: 2025, from: '2026-11-02', workingDays: 5, trackingCode: 'fjdrc-0000', pin: '00000000', indexNumber: 'FJDRC-0200-2026-00001' };
    let queries = 0;
    for (const [hash, document] of Object.entries(documents)) {
      expect(createHash('sha256').update(document).digest('hex')).toBe(hash);
      if (!document.startsWith('query')) continue;
      queries++;
      // The staff pages ask the page sizes their operations default to (their lists nest deeper).
      for (const first of /^query Staff/.test(document) ? [undefined] : [undefined, 100]) {
        const response = await fetch(hub.gateway.url, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: { ...variables, first } }),
        });
        const body = (await response.json()) as { errors?: { extensions?: { code?: string; field?: string } }[] };
        // The staff pages' operations, sent anonymously to a hub without coordination, are refused
        // or unavailable: what they must not be is too expensive.
        // The requester's page, asked with a made-up code and PIN, is refused as a wrong PIN (BAD_USER_INPUT on `pin`).
        const refusedByDesign = (e: { extensions?: { code?: string; field?: string } }) => /^query PortalRequesterCase/.test(document) && e.extensions?.field === 'pin';
        const codes = (body.errors ?? []).filter((e) => !refusedByDesign(e)).map((e) => e.extensions?.code)
          .filter((code) => !/^query Staff/.test(document) || code === 'COST_ESTIMATED_TOO_EXPENSIVE');
        expect({ document: document.slice(0, 40), first, codes }).toEqual({ document: document.slice(0, 40), first, codes: [] });
      }
    }
    expect(queries).toBeGreaterThanOrEqual(8);
  });

  it('issue 9 finding 3: a third concurrent export of one caller is refused 429 with Retry-After', async () => {
    // A deployment that holds every connection for a second, then drops it, keeps the first two exports open.
    const held: Socket[] = [];
    const blackHole: Server = createServer((socket) => {
      held.push(socket);
      setTimeout(() => socket.destroy(), 1000);
    });
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const registered = hub.gateway.registry.all();
    hub.gateway.registry.set([...registered, { code: 'fjzzz', url: `http://127.0.0.1:${(blackHole.address() as { port: number }).port}/graphql` }]);
    try {
      const { key } = hub.gateway.apiKeys.issue('并发导出测试', 1000);
      const headers = { 'x-api-key': key };
      const running = [fetch(`${base}/export/documents.ndjson`, { headers }), fetch(`${base}/export/penalties.csv`, { headers })];
      await new Promise((resolve) => setTimeout(resolve, 300));
      const third = await fetch(`${base}/export/documents.ndjson`, { headers });
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      const refusal = (await third.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(refusal.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(refusal.errors[0].message).toMatch(/同时进行的导出.* \/ Too many concurrent exports/);
      // Another caller is not affected.
      expect((await fetch(`${base}/export/penalties.ndjson`)).status).toBe(200);
      for (const response of await Promise.all(running)) await response.text();
      hub.gateway.registry.set(registered);
      // Finished exports give their slots back.
      const again = await fetch(`${base}/export/penalties.ndjson`, { headers });
      expect(again.status).toBe(200);
      await again.text();
    } finally {
      hub.gateway.registry.set(registered);
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => blackHole.close(() => resolve()));
    }
  });

  it('issue 9 finding 3: export rows count against the quota; the stream ends saying so with a cursor that resumes', async () => {
    const full = await lines(await fetch(`${base}/export/documents.ndjson`));
    expect(full).toHaveLength((await hub.query('{ documents(first: 0) { totalCount } }')).data.documents.totalCount);
    expect(full.length).toBeGreaterThan(200);
    await freshQuotaWindow();
    // Two units a minute: the export request (its first page) and one more page of 100 rows.
    const small = hub.gateway.apiKeys.issue('小配额', 2).key;
    const cut = await lines(await fetch(`${base}/export/documents.ndjson`, { headers: { 'x-api-key': small } }));
    const last = cut.pop()!;
    expect(cut.map((r) => r.id)).toEqual(full.slice(0, 200).map((r) => r.id));
    expect(last.error.extensions.code).toBe('RATE_LIMITED');
    expect(last.error.message).toMatch(/导出超出配额.* \/ Export quota exceeded/);
    expect(last.resumeAfter).toBe(cut[cut.length - 1].cursor);
    // The same caller is refused until its minute is over.
    expect((await fetch(`${base}/export/documents.ndjson?after=${encodeURIComponent(last.resumeAfter)}`, { headers: { 'x-api-key': small } })).status).toBe(429);
    const csv = (await (await fetch(`${base}/export/documents.csv`, { headers: { 'x-api-key': hub.gateway.apiKeys.issue('小配额 CSV', 2).key } })).text()).trim().split('\r\n');
    expect(csv.at(-1)).toMatch(new RegExp(`^#RATE_LIMITED,${full[199].cursor},`));
    // Resuming where the stream stopped yields exactly the rest.
    const rest = await lines(await fetch(`${base}/export/documents.ndjson?after=${encodeURIComponent(last.resumeAfter)}`));
    expect([...cut, ...rest].map((r) => r.id)).toEqual(full.map((r) => r.id));
  });
});
