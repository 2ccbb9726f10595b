import { openTestAgency, staff, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import type { Claims } from '../../shared/claims';

/** The agency's side of release coordination, in-process: embargo holds and the participant's two phases. */
const SERVICE: Claims = { sub: 'coordination-service', roles: ['service'] };
const STAFF = staff('fjdrc', 'editor', 'reviewer');
const FACT = { subject: '2025年全省地区生产总值', value: '5.78', unit: '万亿元', asOf: '2025-12-31' };

const CREATE = `mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id contentHash } }`;
const APPROVE = `mutation($id: ID!) { reviewDocument(id: $id, approve: true, note: "同意") { id } }`;
const PUBLISH = `mutation($id: ID!) { publishDocument(id: $id) { id status } }`;
const UPDATE = `mutation($id: ID!, $body: String!) { updateDocument(id: $id, input: { body: $body }) { id contentHash } }`;
const HOLD = `mutation($planId: ID!, $ids: [ID!]!, $at: DateTime!, $agency: ID! = "fjdrc") { setReleaseHolds(agency: $agency, planId: $planId, releaseAt: $at, documentIds: $ids) { documentId releaseAt } }`;
const CLEAR = `mutation($planId: ID!) { clearReleaseHolds(agency: "fjdrc", planId: $planId) }`;
const PREPARE = `mutation($planId: ID!, $documents: [ReleaseDocumentInput!]!, $facts: [KeyFactInput!]!) { prepareCoordinatedRelease(agency: "fjdrc", planId: $planId, documents: $documents, agreedFacts: $facts) { state problems } }`;
const COMMIT = `mutation($planId: ID!) { commitCoordinatedRelease(agency: "fjdrc", planId: $planId) { committedAt documents { id publishedAt } } }`;
const EVENTS = `query($id: ID!) { document(id: $id) { status version events { kind } } }`;

describe.each(testEngines())('coordinated release inside one agency on %s', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency(kind); });
  afterAll(() => agency.close());

  async function approved(body = '正文。2025年全省地区生产总值为5.78万亿元。', facts = [FACT]): Promise<{ id: string; contentHash: string }> {
    const { createDocument } = await agency.exec(CREATE, { input: { title: '经济运行情况', body, theme: '综合政务', formedOn: '2026-11-20', disclosure: 'PROACTIVE', keyFacts: facts } }, STAFF);
    await agency.exec(APPROVE, { id: createDocument.id }, STAFF);
    return createDocument;
  }

  it('refuses publication before the release time with a bilingual CONFLICT naming it, and only the news office sets holds', async () => {
    const doc = await approved();
    const denied = await agency.execRaw(HOLD, { planId: 'rp-1', ids: [doc.id], at: '2026-12-01T09:00:00+08:00' }, STAFF);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const elsewhere = await agency.execRaw(HOLD, { planId: 'rp-1', ids: [doc.id], at: '2026-12-01T09:00:00+08:00', agency: 'fjgov' }, SERVICE);
    expect(elsewhere.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    await agency.exec(HOLD, { planId: 'rp-1', ids: [doc.id], at: '2026-12-01T09:00:00+08:00' }, SERVICE);
    const refused = await agency.execRaw(PUBLISH, { id: doc.id }, STAFF);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', state: 'EMBARGOED' });
    expect(refused.errors?.[0].message).toMatch(/2026-12-01T09:00:00\+08:00.*\/.*embargo/);
    expect(await agency.exec(CLEAR, { planId: 'rp-1' }, SERVICE)).toEqual({ clearReleaseHolds: 1 });
    expect((await agency.exec(PUBLISH, { id: doc.id }, STAFF)).publishDocument.status).toBe('PUBLISHED');
  });

  it('votes no on a changed document or a fact off the agreed wording, and records it', async () => {
    const doc = await approved();
    await agency.exec(UPDATE, { id: doc.id, body: '改过的正文。' }, STAFF);
    const offWording = await approved('正文。', [{ ...FACT, value: '5.87' }]);
    const { prepareCoordinatedRelease: vote } = await agency.exec(PREPARE, { planId: 'rp-2', documents: [doc, offWording], facts: [FACT] }, SERVICE);
    expect(vote.state).toBe('REFUSED');
    expect(vote.problems.join('\n')).toMatch(/changed after it was linked/);
    expect(vote.problems.join('\n')).toMatch(/5\.87.*5\.78/);
    expect((await agency.execRaw(COMMIT, { planId: 'rp-2' }, SERVICE)).errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('freezes prepared documents, publishes them once on commit, and answers a repeated commit the same', async () => {
    const docs = [await approved(), await approved('另一份。2025年全省地区生产总值为5.78万亿元。')];
    const { prepareCoordinatedRelease: vote } = await agency.exec(PREPARE, { planId: 'rp-3', documents: docs, facts: [FACT] }, SERVICE);
    expect(vote).toEqual({ state: 'PREPARED', problems: [] });
    const frozen = await agency.execRaw(UPDATE, { id: docs[0].id, body: '趁机修改' }, STAFF);
    expect(frozen.errors?.[0].extensions?.state).toBe('PREPARED_FOR_RELEASE');
    expect((await agency.execRaw(PUBLISH, { id: docs[0].id }, STAFF)).errors?.[0].extensions?.state).toBe('PREPARED_FOR_RELEASE');

    const first = await agency.exec(COMMIT, { planId: 'rp-3' }, SERVICE);
    const again = await agency.exec(COMMIT, { planId: 'rp-3' }, SERVICE);
    expect(again).toEqual(first);
    expect(first.commitCoordinatedRelease.documents.map((d: { id: string }) => d.id)).toEqual(docs.map((d) => d.id));
    for (const { id } of docs) {
      const { document } = await agency.exec(EVENTS, { id }, STAFF);
      expect(document).toMatchObject({ status: 'PUBLISHED', version: 1 });
      expect(document.events.filter((e: { kind: string }) => e.kind === 'PUBLISHED')).toHaveLength(1);
    }
  });
});
