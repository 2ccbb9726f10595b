import { openTestAgency, staff, PUBLIC, SUPERVISOR, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { CREATE_DOCUMENT, GET_DOCUMENT, LIST_DOCUMENTS, PUBLISH_DOCUMENT, REVIEW_DOCUMENT, UPDATE_DOCUMENT, WITHDRAW_DOCUMENT } from '../../../test/documents/agency-operations';
import type { Claims } from '../../../schema/contracts/claims';

const A_EDITOR = staff('fjdrc', 'editor');
const A_REVIEWER = staff('fjdrc', 'reviewer');
const A_ADMIN = staff('fjdrc', 'admin');
const B_EDITOR = staff('fjczt', 'editor');
const B_ADMIN = staff('fjczt', 'admin');
const COORDINATOR: Claims = { sub: 'coordinator@news', roles: ['coordinator'] };

const BASE = { body: '正文内容。', theme: '综合政务', formedOn: '2026-11-02' };

describe.each(testEngines())('who sees and changes what, on %s', (kind) => {
  let agency: TestAgency;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    agency = await openTestAgency(kind);
    const create = async (title: string, extra: Record<string, unknown> = {}) =>
      (await agency.exec(CREATE_DOCUMENT, { input: { ...BASE, title, disclosure: 'PROACTIVE', ...extra } }, A_EDITOR)).createDocument.id as string;
    ids.draft = await create('草稿通知');
    ids.approved = await create('已审未发通知');
    await agency.exec(REVIEW_DOCUMENT, { id: ids.approved, approve: true }, A_REVIEWER);
    ids.published = await create('已发布通知');
    await agency.exec(REVIEW_DOCUMENT, { id: ids.published, approve: true }, A_REVIEWER);
    await agency.exec(PUBLISH_DOCUMENT, { id: ids.published }, A_EDITOR);
    ids.onRequest = await create('依申请公开信息', { disclosure: 'ON_REQUEST' });
    await agency.exec(REVIEW_DOCUMENT, { id: ids.onRequest, approve: true }, A_REVIEWER);
    ids.notDisclosed = await create('内部事务信息', { disclosure: 'NOT_DISCLOSED', exemptionGround: 'INTERNAL_AFFAIRS' });
  });
  afterAll(() => agency.close());

  const outsiders: [string, Claims][] = [['the public', PUBLIC], ["another agency's editor", B_EDITOR], ["another agency's admin", B_ADMIN], ['a coordinator', COORDINATOR]];

  it.each(outsiders)('%s cannot read a draft, an approved, an ON_REQUEST or a NOT_DISCLOSED item', async (_who, claims) => {
    for (const key of ['draft', 'approved', 'onRequest', 'notDisclosed']) {
      expect((await agency.exec(GET_DOCUMENT, { id: ids[key] }, claims)).document).toBeNull();
    }
    const { documents } = await agency.exec(LIST_DOCUMENTS, { filter: { status: ['DRAFT', 'APPROVED', 'PUBLISHED'] }, first: 50 }, claims);
    expect(documents.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids.published]);
    expect(documents.totalCount).toBe(1);
  });

  it.each(outsiders)('%s reads a published item without its staff-only fields', async (_who, claims) => {
    const { document } = await agency.exec(GET_DOCUMENT, { id: ids.published }, claims);
    expect(document).toMatchObject({ id: ids.published, publishDueOn: null, publishDueProvisional: null, overdue: null, exemptionGround: null });
    const staffOnly = await agency.exec(`query($id: ID!) { document(id: $id) { reviews { reviewer } events { kind } } }`, { id: ids.published }, claims);
    expect(staffOnly.document).toEqual({ reviews: null, events: null });
  });

  it.each([['its editor', A_EDITOR], ['its admin', A_ADMIN], ['a supervisor', SUPERVISOR]] as [string, Claims][])(
    '%s sees unpublished items and deadlines', async (_who, claims) => {
      const { document } = await agency.exec(GET_DOCUMENT, { id: ids.draft }, claims);
      expect(document.publishDueOn).toBe('2026-11-30');
      const { documents } = await agency.exec(LIST_DOCUMENTS, { filter: { status: ['DRAFT', 'APPROVED'] } }, claims);
      expect(documents.totalCount).toBeGreaterThanOrEqual(3);
    },
  );

  it("another agency's staff cannot change, review, publish or withdraw this agency's documents", async () => {
    const attempts = [
      [UPDATE_DOCUMENT, { id: ids.published, input: { title: '篡改' }, reason: 'x' }],
      [UPDATE_DOCUMENT, { id: ids.draft, input: { title: '篡改' } }],
      [REVIEW_DOCUMENT, { id: ids.published, approve: true }],
      [PUBLISH_DOCUMENT, { id: ids.approved }],
      [WITHDRAW_DOCUMENT, { id: ids.published, reason: '恶意撤回' }],
    ] as const;
    for (const [mutation, variables] of attempts) {
      for (const claims of [B_EDITOR, B_ADMIN, PUBLIC, SUPERVISOR]) {
        const result = await agency.execRaw(mutation, variables, claims);
        expect(['FORBIDDEN', 'NOT_FOUND']).toContain(result.errors?.[0].extensions?.code);
      }
    }
    // Nothing changed, and the unpublished ones were not even confirmed to exist.
    const { document } = await agency.exec(GET_DOCUMENT, { id: ids.published }, A_EDITOR);
    expect(document).toMatchObject({ title: '已发布通知', status: 'PUBLISHED', version: 1 });
    const probe = await agency.execRaw(UPDATE_DOCUMENT, { id: ids.draft, input: { title: 'x' } }, B_EDITOR);
    expect(probe.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('separates duties inside the agency: an editor cannot review, a reviewer cannot create', async () => {
    const review = await agency.execRaw(REVIEW_DOCUMENT, { id: ids.draft, approve: true }, A_EDITOR);
    expect(review.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const create = await agency.execRaw(CREATE_DOCUMENT, { input: { ...BASE, title: 't', disclosure: 'PROACTIVE' } }, A_REVIEWER);
    expect(create.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
