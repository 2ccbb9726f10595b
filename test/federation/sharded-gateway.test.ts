import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { graphql } from 'graphql';
import { loadAgencyConfig } from '../../subgraphs/agency/config';
import { createContext, type AgencyRuntime } from '../../subgraphs/agency/context';
import { DocumentEntity } from '../../subgraphs/agency/entities/document.entity';
import { buildAgencySchema, createAgencyRuntime } from '../../subgraphs/agency/server';
import { ANONYMOUS } from '../../schema/contracts/claims';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { SeededRandom } from '../../tools/demo/random';
import { TEST_SECRETS } from '../support/secrets';
import { startHub, type GatewayAnswer, type TestHub } from '../support/hub-harness';
import { randomDocumentQuery } from '../support/random-filters';

const CODES = ['fjdrc', 'fjczt', 'fjamr', 'fjedu'];
const PAGE = /* GraphQL */ `
  query Page($filter: DocumentFilter, $orderBy: DocumentOrder, $first: Int, $after: String) {
    documents(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } }
    }
  }
`;

/** Every document of every shard copied into one database: the answer a single database gives. */
async function singleDatabaseReference(hub: TestHub): Promise<AgencyRuntime> {
  const reference = await createAgencyRuntime(loadAgencyConfig({ ...TEST_SECRETS, HUB_AGENCY_CODE: 'reference', HUB_DATABASE_URL: ':memory:' }));
  const em = reference.orm.em.fork();
  for (const agency of hub.agencies.values()) {
    const rows = await agency.runtime.orm.em.fork().find(DocumentEntity, {});
    await em.insertMany(DocumentEntity, rows.map((row) => ({ ...row })));
  }
  return reference;
}

describe('the sharded gateway over four agency deployments', () => {
  let hub: TestHub;
  let reference: AgencyRuntime;

  beforeAll(async () => {
    hub = await startHub({
      agencies: CODES,
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 70, penalties: 5, today: '2026-11-27' }).then(() => undefined),
      gateway: { shardCalls: { timeoutMs: 1500, breakerThreshold: 3, breakerCooldownMs: 60_000 } },
    });
    reference = await singleDatabaseReference(hub);
  });
  afterAll(async () => {
    await hub?.stop();
    await reference?.orm.close(true);
  });

  it('walks randomly filtered and ordered pages to the end exactly as a single database would', async () => {
    const schema = await buildAgencySchema();
    const rng = new SeededRandom(20261127);
    for (let round = 0; round < 12; round++) {
      const { filter, orderBy } = randomDocumentQuery(rng, CODES);
      const first = rng.int(1, 25);
      const seen: string[] = [];
      let after: string | null = null;
      let expectedAfter: string | null = null;
      for (let page = 0; page < 200; page++) {
        const variables: Record<string, unknown> = { filter, orderBy, first, after };
        const viaGateway: GatewayAnswer = await hub.query(PAGE, variables);
        expect(viaGateway.errors).toBeUndefined();
        const expected = (await graphql({ schema, source: PAGE, variableValues: { ...variables, after: expectedAfter }, contextValue: createContext(reference, ANONYMOUS) })).data!.documents as any;
        const got: any = viaGateway.data.documents;
        expect(got.edges.map((e: any) => e.node.id)).toEqual(expected.edges.map((e: any) => e.node.id));
        expect(got.totalCount).toBe(expected.totalCount);
        expect(got.pageInfo.hasNextPage).toBe(expected.pageInfo.hasNextPage);
        // The gateway's cursor is the single database's cursor: one key, valid on every shard.
        expect(got.pageInfo.endCursor).toBe(expected.pageInfo.endCursor);
        seen.push(...got.edges.map((e: any) => e.node.id));
        if (!got.pageInfo.hasNextPage) break;
        after = got.pageInfo.endCursor;
        expectedAfter = expected.pageInfo.endCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      const total = (await hub.query(PAGE, { filter, first: 0 })).data.documents.totalCount;
      expect(seen.length).toBe(total);
    }
  });

  it('routes document(id) and entity references to the owning deployment, keeping order', async () => {
    const { data } = await hub.query(`{ documents(first: 12) { edges { node { id agency { code } keyFacts { subject } versions { version } } } } }`);
    const ids: string[] = data.documents.edges.map((e: any) => e.node.id);
    expect(new Set(ids.map((id) => id.split(':')[0])).size).toBeGreaterThan(1);
    for (const e of data.documents.edges) expect(e.node.agency.code).toBe(e.node.id.split(':')[0]);
    const aliases = ids.map((id, i) => `d${i}: document(id: "${id}") { id title }`).join('\n');
    const byId = await hub.query(`{ ${aliases} missing: document(id: "nowhere:00000001") { id } }`);
    expect(byId.errors).toBeUndefined();
    ids.forEach((id, i) => expect(byId.data[`d${i}`].id).toBe(id));
    expect(byId.data.missing).toBeNull();
  });

  it('creates a document in the caller\'s own agency and refuses another agency\'s editor on it', async () => {
    const editor = await hub.token(['editor'], 'fjczt');
    const created = await hub.query(`mutation { createDocument(input: { title: "关于网关测试的通知", body: "正文", theme: "综合政务", formedOn: "2026-11-20", disclosure: PROACTIVE }) { id status } }`, {}, editor);
    expect(created.data.createDocument.id).toMatch(/^fjczt:/);
    const intruder = await hub.token(['admin'], 'fjdrc');
    const refused = await hub.query(`mutation($id: ID!) { reviewDocument(id: $id, approve: true) { id } }`, { id: created.data.createDocument.id }, intruder);
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(refused.errors[0].extensions.code);
    const anonymous = await hub.query(`mutation { createDocument(input: { title: "t", body: "b", theme: "综合政务", formedOn: "2026-11-20", disclosure: PROACTIVE }) { id } }`);
    expect(anonymous.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('answers an agency added at run time without a restart', async () => {
    const before = (await hub.query(PAGE, { first: 0 })).data.documents.totalCount;
    const added = await hub.addAgency('fjwjw');
    await seedAgency(added.runtime, DEMO_AGENCIES.find((a) => a.code === 'fjwjw')!, { documents: 10, penalties: 0, today: '2026-11-27' });
    const after = await hub.query(PAGE, { first: 50, filter: { agencies: ['fjwjw'] } });
    expect(after.data.documents.edges.length).toBeGreaterThan(0);
    expect(after.data.documents.edges.every((e: any) => e.node.id.startsWith('fjwjw:'))).toBe(true);
    expect((await hub.query(PAGE, { first: 0 })).data.documents.totalCount).toBe(before + after.data.documents.totalCount);
  });

  it('gives partial answers naming a killed and a hung deployment, within the timeout', async () => {
    const hang: Server = createServer(() => { /* accepts and never answers */ });
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    const hungUrl = `http://127.0.0.1:${(hang.address() as AddressInfo).port}/graphql`;
    try {
      const total = (await hub.query(PAGE, { first: 0, filter: { agencies: ['fjdrc', 'fjczt'] } })).data.documents.totalCount;
      await hub.agencies.get('fjamr')!.stop();
      hub.gateway.registry.set(hub.gateway.registry.all().map((e) => (e.code === 'fjedu' ? { ...e, url: hungUrl } : e)));
      const started = Date.now();
      const partial = await hub.query(PAGE, { first: 5 });
      const elapsed = Date.now() - started;
      expect(elapsed).toBeLessThan(1500 + 1000);
      const failed = partial.errors.map((e: any) => [e.extensions.code, e.extensions.agency]).sort();
      expect(failed).toEqual([['AGENCY_UNAVAILABLE', 'fjamr'], ['AGENCY_UNAVAILABLE', 'fjedu']]);
      expect(partial.data.documents.edges).toHaveLength(5);
      expect(partial.data.documents.totalCount).toBeGreaterThanOrEqual(total);
      for (const e of partial.data.documents.edges) expect(['fjdrc', 'fjczt', 'fjwjw']).toContain(e.node.id.split(':')[0]);
      // An entity of a dead agency is null with an error; the others resolve.
      const byId = await hub.query(`{ a: document(id: "fjamr:00000001") { id } b: document(id: "fjdrc:00000001") { id } }`);
      expect(byId.data.b).toEqual({ id: 'fjdrc:00000001' });
      expect(byId.data.a).toBeNull();
      expect(byId.errors[0].extensions).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'fjamr' });
    } finally {
      hang.close();
    }
  });
});
