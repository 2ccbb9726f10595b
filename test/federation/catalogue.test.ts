import { graphql } from 'graphql';
import type { EntityManager } from '@mikro-orm/knex';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { loadAgencyConfig } from '../../subgraphs/agency/config';
import { createContext, type AgencyRuntime } from '../../subgraphs/agency/context';
import { DocumentEntity } from '../../subgraphs/agency/entities/document.entity';
import { buildAgencySchema, createAgencyRuntime } from '../../subgraphs/agency/server';
import { SearchIndex } from '../../subgraphs/agency/services/search-index';
import { ANONYMOUS } from '../../schema/contracts/claims';
import { issueToken } from '../../schema/contracts/tokens';
import { TEST_SECRETS } from '../support/secrets';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { SeededRandom } from '../../tools/demo/random';
import { seedAgency } from '../../tools/demo/seed-agency';
import { E2E_ENGINE, startHub, type TestHub } from '../support/hub-harness';
import { freshDatabase } from '../support/databases';
import { randomDocumentQuery } from '../support/random-filters';

const CODES = ['fjdrc', 'fjczt', 'fjamr', 'fjedu'];
const DOCUMENTS = /* GraphQL */ `
  query Page($filter: DocumentFilter, $orderBy: DocumentOrder, $first: Int, $after: String) {
    documents(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title status version keyFacts { subject value } versions { version } } }
    }
  }
`;
const PENALTIES = /* GraphQL */ `
  query Penalties($first: Int, $after: String) {
    penaltyDecisions(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id partyName partyIdNumber } } }
  }
`;
const SEARCH = /* GraphQL */ `
  query Search($text: String!, $first: Int, $after: String) {
    search(text: $text, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor highlight node { id } } }
  }
`;

/** The live fan-out's answer: the news office's service identity always gets the authoritative path. */
const fanOutToken = () => issueToken({ secret: TEST_SECRETS.HUB_JWT_SECRET }, { sub: 'test-service', roles: [], service: true });

/** Walks every page of `query` as anonymous (the catalogue) and as the fan-out, and compares them page by page. */
async function expectSamePages(hub: TestHub, query: string, field: string, variables: Record<string, unknown>, fanOut: string): Promise<number> {
  let after: string | null = null;
  let seen = 0;
  for (let page = 0; page < 300; page++) {
    const fromCatalogue = await hub.query(query, { ...variables, after });
    const live = await hub.query(query, { ...variables, after }, fanOut);
    expect(fromCatalogue.errors).toBeUndefined();
    expect(live.errors).toBeUndefined();
    expect(fromCatalogue.data[field]).toEqual(live.data[field]);
    const connection = fromCatalogue.data[field];
    seen += connection.edges.length;
    if (!connection.pageInfo.hasNextPage) return seen;
    after = connection.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

describe('the provincial catalogue over four agency deployments (issue 11)', () => {
  let hub: TestHub;
  let fanOut: string;

  beforeAll(async () => {
    hub = await startHub({
      agencies: CODES,
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 60, penalties: 8, today: '2026-11-27' }).then(() => undefined),
      withCatalogue: { staleAfterMs: 4000 },
      gateway: { shardCalls: { timeoutMs: 3000, breakerThreshold: 3, breakerCooldownMs: 60_000 } },
    });
    fanOut = await fanOutToken();
    await hub.catalogueCaughtUp();
    // Plans compiled and connections open before anything is timed.
    await hub.query(DOCUMENTS, { first: 1 });
    await hub.query(DOCUMENTS, { first: 1 }, fanOut);
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('answers public reads from the catalogue: a hung agency does not hold the page, its documents stay listed', async () => {
    const hang: Server = createServer(() => { /* accepts and never answers */ });
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    const registry = hub.gateway.registry;
    const original = registry.all();
    try {
      registry.set(original.map((e) => (e.code === 'fjedu' ? { ...e, url: `http://127.0.0.1:${(hang.address() as AddressInfo).port}/graphql` } : e)));
      const started = Date.now();
      const page = await hub.query(DOCUMENTS, { first: 100 });
      // Far below the 3 s shard deadline the fan-out waits for the hung agency.
      expect(Date.now() - started).toBeLessThan(1500);
      expect(page.errors).toBeUndefined();
      expect(page.data.documents.edges.some((e: any) => e.node.id.startsWith('fjedu:'))).toBe(true);
      // The fan-out, for comparison, waits for the deadline and names the agency.
      const live = await hub.query(DOCUMENTS, { first: 1 }, fanOut);
      expect(live.errors[0].extensions).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'fjedu' });
      // Past the freshness bound (4 s here) the answer says whose feed is behind, still at full speed.
      await new Promise((r) => setTimeout(r, 4500));
      const later = Date.now();
      const noticed = await hub.query(DOCUMENTS, { first: 100 });
      expect(Date.now() - later).toBeLessThan(1500);
      expect(noticed.errors.map((e: any) => e.extensions)).toEqual([expect.objectContaining({ code: 'CATALOGUE_STALE', agencies: ['fjedu'] })]);
      expect(noticed.data.documents.edges.some((e: any) => e.node.id.startsWith('fjedu:'))).toBe(true);
    } finally {
      registry.set(original);
      hang.close();
    }
    await hub.catalogueCaughtUp();
  });

  it('gives the same pages as the live fan-out for random filters, orders and page sizes (documents)', async () => {
    const rng = new SeededRandom(20261213);
    for (let round = 0; round < 10; round++) {
      const { filter, orderBy } = randomDocumentQuery(rng, CODES);
      const seen = await expectSamePages(hub, DOCUMENTS, 'documents', { filter, orderBy, first: rng.int(1, 30) }, fanOut);
      const total = (await hub.query(DOCUMENTS, { filter, first: 0 }, fanOut)).data.documents.totalCount;
      expect(seen).toBe(total);
    }
  });

  it('narrows by genre (文种) and validity (有效性), the same through the catalogue and the live fan-out', async () => {
    const CLASSIFIED = /* GraphQL */ `
      query Classified($filter: DocumentFilter, $first: Int, $after: String) {
        documents(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id genre validity } } }
      }
    `;
    const all = (await hub.query(CLASSIFIED, { first: 0 }, fanOut)).data.documents.totalCount;
    for (const filter of [{ genre: '通知' }, { validity: ['REPEALED', 'EXPIRED'] }, { genre: '通知', validity: ['EFFECTIVE'], agencies: ['fjdrc', 'fjedu'] }]) {
      const live = (await hub.query(CLASSIFIED, { filter, first: 0 }, fanOut)).data.documents.totalCount;
      expect(live).toBeGreaterThan(0);
      expect(live).toBeLessThan(all);
      expect(await expectSamePages(hub, CLASSIFIED, 'documents', { filter, first: 25 }, fanOut)).toBe(live);
      // Every document listed has the genre and validity asked for (one page read as the public, from the catalogue).
      const page = (await hub.query(CLASSIFIED, { filter, first: 50 })).data.documents.edges.map((e: { node: { genre: string; validity: string } }) => e.node);
      for (const node of page) {
        if ('genre' in filter) expect(node.genre).toBe(filter.genre);
        if ('validity' in filter) expect(filter.validity).toContain(node.validity);
      }
    }
    // An unknown genre is refused as the theme is, with the genres to choose from.
    const refused = await hub.query(CLASSIFIED, { filter: { genre: '便条' }, first: 1 });
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringContaining('体裁应为：通知'), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('gives the same penalty decision pages as the live fan-out, masked the same', async () => {
    const rng = new SeededRandom(7);
    for (let round = 0; round < 4; round++) await expectSamePages(hub, PENALTIES, 'penaltyDecisions', { first: rng.int(1, 12) }, fanOut);
  });

  it('searches one index: the answer of a single database holding every agency\'s documents', async () => {
    // On the catalogue's engine: SQLite's BM25 and PostgreSQL's ranking are not the same function.
    const referenceDatabase = await freshDatabase(E2E_ENGINE);
    const reference: AgencyRuntime = await createAgencyRuntime(loadAgencyConfig({ HUB_AGENCY_CODE: 'reference', HUB_DATABASE_URL: referenceDatabase.url }));
    try {
      const em = reference.orm.em.fork() as EntityManager;
      const search = new SearchIndex(referenceDatabase.url);
      for (const agency of hub.agencies.values()) {
        const rows = await agency.runtime.orm.em.fork().find(DocumentEntity, {});
        await em.insertMany(DocumentEntity, rows.map((row) => ({ ...row })));
        for (const row of rows) if (row.status === 'PUBLISHED' && row.disclosure === 'PROACTIVE') await search.put(em, row);
      }
      const schema = await buildAgencySchema();
      for (const text of ['政府信息公开', '营商环境', '财政 预算', '教育']) {
        const expected = (await graphql({ schema, source: SEARCH, variableValues: { text, first: 10 }, contextValue: createContext(reference, ANONYMOUS) })).data!.search as any;
        const got = (await hub.query(SEARCH, { text, first: 10 })).data.search;
        expect(got.edges.map((e: any) => e.node.id)).toEqual(expected.edges.map((e: any) => e.node.id));
        expect(got.totalCount).toBe(expected.totalCount);
      }
    } finally {
      await reference.orm.close(true);
      await referenceDatabase.drop();
    }
  });

  it('counts search facets over every match, the same through the catalogue and the fan-out', async () => {
    const FACETS = /* GraphQL */ `
      query Facets($text: String!, $after: String) {
        search(text: $text, first: 50, after: $after) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { node { agency { code } theme genre validity publishedAt } }
          facets { agencies { value count } themes { value count } years { value count } genres { value count } validities { value count } }
        }
      }
    `;
    const tally = (values: string[]) => {
      const counts = new Map<string, number>();
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
      return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    };
    let agenciesSeen = 0;
    for (const text of ['政府信息公开', '通知', '财政 预算']) {
      const nodes: any[] = [];
      let after: string | null = null;
      let facets: any;
      for (;;) {
        const page: any = await hub.query(FACETS, { text, after }, fanOut);
        expect(page.errors).toBeUndefined();
        facets ??= page.data.search.facets;
        nodes.push(...page.data.search.edges.map((e: any) => e.node));
        if (!page.data.search.pageInfo.hasNextPage) break;
        after = page.data.search.pageInfo.endCursor;
      }
      expect(nodes.length).toBeGreaterThan(0);
      // A count over the matching documents themselves, year in China time.
      expect(facets).toEqual({
        agencies: tally(nodes.map((n) => n.agency.code)),
        themes: tally(nodes.map((n) => n.theme)),
        years: tally(nodes.map((n) => new Date(Date.parse(n.publishedAt) + 8 * 3600_000).toISOString().slice(0, 4))),
        genres: tally(nodes.map((n) => n.genre)),
        validities: tally(nodes.map((n) => n.validity)),
      });
      agenciesSeen = Math.max(agenciesSeen, facets.agencies.length);
      const fromCatalogue = await hub.query(FACETS, { text, after: null });
      expect(fromCatalogue.errors).toBeUndefined();
      expect(fromCatalogue.data.search.facets).toEqual(facets);
    }
    // Some search spans several shards, so the fan-out really adds shard counts per value.
    expect(agenciesSeen).toBeGreaterThan(1);
    // Aliases, and only some lists selected: the fan-out still sums per value.
    const ALIASED = `{ search(text: "通知", first: 1) { f: facets { a: agencies { n: count v: value } } } }`;
    const live = await hub.query(ALIASED, {}, fanOut);
    const catalogue = await hub.query(ALIASED, {});
    expect(live.errors).toBeUndefined();
    expect(live.data.search.f.a).toEqual(catalogue.data.search.f.a);
    expect(Object.keys(live.data.search.f.a[0])).toEqual(['n', 'v']);
    // A plain list has no facets.
    expect((await hub.query(`{ documents(first: 1) { facets { years { value } } } }`, {})).data.documents.facets).toBeNull();
  });

  it('replicates a publication, a new version and a withdrawal within a second', async () => {
    const editor = await hub.token(['editor'], 'fjczt');
    const reviewer = await hub.token(['reviewer'], 'fjczt');
    const created = await hub.query(`mutation { createDocument(input: { title: "关于目录复制测试的通知", body: "目录复制测试正文", theme: "综合政务", formedOn: "2026-11-20", disclosure: PROACTIVE }) { id } }`, {}, editor);
    const id = created.data.createDocument.id;
    await hub.query(`mutation($id: ID!) { reviewDocument(id: $id, approve: true) { id } }`, { id }, reviewer);
    await hub.query(`mutation($id: ID!) { publishDocument(id: $id) { id } }`, { id }, editor);
    const visible = async (predicate: (node: any) => boolean) => {
      const deadline = Date.now() + 1000;
      for (;;) {
        const page = await hub.query(DOCUMENTS, { first: 100, filter: { agencies: ['fjczt'] } });
        const node = page.data.documents.edges.map((e: any) => e.node).find((n: any) => n.id === id);
        if (predicate(node)) return node;
        if (Date.now() > deadline) throw new Error(`not replicated within 1 s: ${JSON.stringify(node)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await visible((n) => n?.version === 1);
    // A change to a published document is a revision: public only once reviewed and published.
    await hub.query(`mutation($id: ID!) { updateDocument(id: $id, input: { title: "关于目录复制测试的通知（修订）" }, reason: "更正标题") { id } }`, { id }, editor);
    await hub.query(`mutation($id: ID!) { reviewDocument(id: $id, approve: true) { id } }`, { id }, reviewer);
    await hub.query(`mutation($id: ID!) { publishDocument(id: $id) { id } }`, { id }, editor);
    await visible((n) => n?.title.endsWith('（修订）') && n.version === 2);
    await hub.query(`mutation($id: ID!) { withdrawDocument(id: $id, reason: "测试撤回") { id } }`, { id }, reviewer);
    await visible((n) => n === undefined);
    await hub.catalogueCaughtUp();
    const byId = await hub.query(`query($id: ID!) { document(id: $id) { id status } }`, { id });
    expect(byId.data.document).toEqual({ id, status: 'WITHDRAWN' });
  });

  it('keeps a down agency\'s published documents listed, with a CATALOGUE_STALE notice naming it', async () => {
    const before = (await hub.query(DOCUMENTS, { first: 0, filter: { agencies: ['fjamr'] } })).data.documents.totalCount;
    expect(before).toBeGreaterThan(0);
    await hub.stopAgency('fjamr');
    await new Promise((r) => setTimeout(r, 4500));
    const started = Date.now();
    const page = await hub.query(DOCUMENTS, { first: 100, filter: { agencies: ['fjamr', 'fjdrc'] } });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(page.data.documents.edges.filter((e: any) => e.node.id.startsWith('fjamr:')).length).toBeGreaterThan(0);
    expect(page.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'CATALOGUE_STALE', agencies: ['fjamr'] }) })]);
    // A page that cannot include it carries no notice.
    expect((await hub.query(DOCUMENTS, { first: 3, filter: { agencies: ['fjdrc'] } })).errors).toBeUndefined();
    // Its documents stay readable by id for the public while it is down.
    const id = page.data.documents.edges.find((e: any) => e.node.id.startsWith('fjamr:')).node.id;
    const byId = await hub.query(`query($id: ID!) { document(id: $id) { id } }`, { id });
    expect(byId.data.document).toEqual({ id });
  });
});
