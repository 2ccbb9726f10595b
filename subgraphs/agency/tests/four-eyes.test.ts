import { openTestAgency, staff, PUBLIC, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { CREATE_DOCUMENT, GET_DOCUMENT, LIST_DOCUMENTS, PUBLISH_DOCUMENT, REVIEW_DOCUMENT, SEARCH, UPDATE_DOCUMENT } from '../../../test/documents/agency-operations';
import { ConfidentialityReviewEntity } from '../entities/document-parts.entity';
import { DocumentEntity } from '../entities/document.entity';
import { DocumentStatus, ReviewResult } from '../entities/enums';

/** Separation of duties in one agency deployment, in-process, on each engine. */
const EDITOR = staff('fjdrc', 'editor');
const REVIEWER = staff('fjdrc', 'reviewer');
const BOTH = staff('fjdrc', 'editor', 'reviewer');
const ADMIN = staff('fjdrc', 'admin');
const INPUT = { title: '关于开展政务公开标准化工作的通知', body: '各单位要按照标准目录做好政务公开工作。', theme: '综合政务', formedOn: '2026-11-20', disclosure: 'PROACTIVE' };
const REVISION = `query($id: ID!) { document(id: $id) { title body version revision { status title body reason authors } } }`;

describe.each(testEngines())('issue 9 finding 5: four-eyes on %s', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency(kind); });
  afterAll(() => agency.close());

  const create = async (by = EDITOR, input: Record<string, unknown> = {}) =>
    (await agency.exec(CREATE_DOCUMENT, { input: { ...INPUT, ...input } }, by)).createDocument.id as string;

  it('issue 9 finding 5: one person with editor and reviewer roles cannot approve their own document', async () => {
    const id = await create(BOTH);
    const refused = await agency.execRaw(REVIEW_DOCUMENT, { id, approve: true }, BOTH);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0].message).toBe('审核人不能是本文件的起草人 / The reviewer cannot be the document\'s author');
    // Nor refuse it: a review by the author is no review.
    expect((await agency.execRaw(REVIEW_DOCUMENT, { id, approve: false, note: '自审' }, BOTH)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // An editor of the draft is an author too, whoever created it.
    const edited = await create(EDITOR);
    await agency.exec(UPDATE_DOCUMENT, { id: edited, input: { summary: '补充概述' } }, BOTH);
    expect((await agency.execRaw(REVIEW_DOCUMENT, { id: edited, approve: true }, BOTH)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Someone else reviews, and the author may then publish it.
    expect((await agency.exec(REVIEW_DOCUMENT, { id, approve: true }, REVIEWER)).reviewDocument.status).toBe('APPROVED');
    expect((await agency.exec(PUBLISH_DOCUMENT, { id }, BOTH)).publishDocument.status).toBe('PUBLISHED');
  });

  it('issue 9 finding 5: an admin alone can neither approve nor publish their own document', async () => {
    const id = await create(ADMIN);
    expect((await agency.execRaw(REVIEW_DOCUMENT, { id, approve: true }, ADMIN)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await agency.execRaw(PUBLISH_DOCUMENT, { id }, ADMIN)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await agency.exec(GET_DOCUMENT, { id }, PUBLIC)).document).toBeNull();
  });

  it('issue 9 finding 5: the publisher is never both author and reviewer, even of an approval recorded before the rule', async () => {
    const id = await create(ADMIN);
    // An approval by the author itself, as the database may hold it from before four-eyes.
    const em = agency.runtime.orm.em.fork();
    await em.nativeUpdate(DocumentEntity, { id }, { status: DocumentStatus.APPROVED });
    await em.insert(ConfidentialityReviewEntity, { documentId: id, reviewer: ADMIN.sub!, reviewedAt: new Date('2026-11-26T10:00:00+08:00'), result: ReviewResult.APPROVED, note: null });
    const refused = await agency.execRaw(PUBLISH_DOCUMENT, { id }, ADMIN);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0].message).toBe('发布人不能既是本文件的起草人又是审核人 / The publisher cannot be both an author and the reviewer of the document');
    expect((await agency.exec(PUBLISH_DOCUMENT, { id }, EDITOR)).publishDocument.status).toBe('PUBLISHED');
  });

  it('issue 9 finding 5: a change to a published document is a draft revision, invisible to the public until reviewed by someone else and published', async () => {
    const id = await create(EDITOR, { body: '原正文：按照标准目录公开。' });
    await agency.exec(REVIEW_DOCUMENT, { id, approve: true }, REVIEWER);
    await agency.exec(PUBLISH_DOCUMENT, { id }, EDITOR);

    await agency.exec(UPDATE_DOCUMENT, { id, input: { title: '关于开展政务公开标准化工作的通知（修订）', body: '修订正文：增设琥珀色专栏。' }, reason: '补充专栏要求' }, BOTH);
    const publicView = async () => (await agency.exec(GET_DOCUMENT, { id }, PUBLIC)).document;
    expect(await publicView()).toMatchObject({ title: INPUT.title, body: '原正文：按照标准目录公开。', version: 1, status: 'PUBLISHED' });
    const listed = (await agency.exec(LIST_DOCUMENTS, { first: 100 }, PUBLIC)).documents.edges.find((e: { node: { id: string } }) => e.node.id === id);
    expect(listed.node).toMatchObject({ title: INPUT.title, version: 1 });
    expect((await agency.exec(SEARCH, { text: '琥珀色' }, PUBLIC)).search.totalCount).toBe(0);
    expect((await agency.exec(SEARCH, { text: '琥珀色' }, EDITOR)).search.totalCount).toBe(0);
    // Staff see the revision; the public and other agencies do not.
    expect((await agency.exec(REVISION, { id }, EDITOR)).document.revision).toEqual({
      status: 'DRAFT', title: '关于开展政务公开标准化工作的通知（修订）', body: '修订正文：增设琥珀色专栏。', reason: '补充专栏要求', authors: [BOTH.sub],
    });
    expect((await agency.exec(REVISION, { id }, PUBLIC)).document.revision).toBeNull();
    expect((await agency.exec(REVISION, { id }, staff('fjgov', 'admin'))).document.revision).toBeNull();

    // Not public before its review, and never reviewed by its author.
    expect((await agency.execRaw(PUBLISH_DOCUMENT, { id }, EDITOR)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await agency.execRaw(REVIEW_DOCUMENT, { id, approve: true }, BOTH)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await agency.exec(REVIEW_DOCUMENT, { id, approve: true }, REVIEWER)).reviewDocument.status).toBe('PUBLISHED');
    expect((await agency.exec(REVISION, { id }, EDITOR)).document.revision.status).toBe('APPROVED');
    expect(await publicView()).toMatchObject({ title: INPUT.title, version: 1 });

    const { publishDocument } = await agency.exec(PUBLISH_DOCUMENT, { id }, EDITOR);
    expect(publishDocument).toMatchObject({ version: 2, title: '关于开展政务公开标准化工作的通知（修订）', versions: [{ version: 1, title: INPUT.title }, { version: 2, reason: '补充专栏要求' }] });
    expect(await publicView()).toMatchObject({ body: '修订正文：增设琥珀色专栏。', version: 2 });
    expect((await agency.exec(SEARCH, { text: '琥珀色' }, PUBLIC)).search.totalCount).toBe(1);
    expect((await agency.exec(REVISION, { id }, EDITOR)).document.revision).toBeNull();
  });

  it('issue 9 finding 5: an edit after approval sends the revision back to draft for a new review', async () => {
    const id = await create(EDITOR);
    await agency.exec(REVIEW_DOCUMENT, { id, approve: true }, REVIEWER);
    await agency.exec(PUBLISH_DOCUMENT, { id }, EDITOR);
    await agency.exec(UPDATE_DOCUMENT, { id, input: { summary: '第一次修改' }, reason: '补充' }, EDITOR);
    await agency.exec(REVIEW_DOCUMENT, { id, approve: true }, REVIEWER);
    // The reviewer (also an editor) changes the approved revision: it needs a new review, not by them.
    const reviewerEditor = staff('fjdrc', 'reviewer', 'editor');
    await agency.exec(UPDATE_DOCUMENT, { id, input: { summary: '第二次修改' }, reason: '再补充' }, reviewerEditor);
    expect((await agency.exec(REVISION, { id }, EDITOR)).document.revision).toMatchObject({ status: 'DRAFT', authors: [EDITOR.sub, reviewerEditor.sub] });
    expect((await agency.execRaw(PUBLISH_DOCUMENT, { id }, EDITOR)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await agency.execRaw(REVIEW_DOCUMENT, { id, approve: true }, reviewerEditor)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('issue 9 finding 5: an agency may require a distinct publisher', () => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency('sqlite', { env: { HUB_DISTINCT_PUBLISHER: '1' } }); });
  afterAll(() => agency.close());

  it('issue 9 finding 5: with HUB_DISTINCT_PUBLISHER=1 neither the author nor the reviewer publishes', async () => {
    const { createDocument } = await agency.exec(CREATE_DOCUMENT, { input: INPUT }, BOTH);
    const id = createDocument.id;
    await agency.exec(REVIEW_DOCUMENT, { id, approve: true }, REVIEWER);
    for (const who of [BOTH, REVIEWER]) {
      const refused = await agency.execRaw(PUBLISH_DOCUMENT, { id }, who);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(refused.errors?.[0].message).toMatch(/^本机关规定发布人不能是本文件的起草人或审核人 \/ This agency requires/);
    }
    expect((await agency.exec(PUBLISH_DOCUMENT, { id }, EDITOR)).publishDocument.status).toBe('PUBLISHED');
  });
});
