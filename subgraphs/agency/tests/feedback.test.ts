import { openTestAgency, staff, PUBLIC, SUPERVISOR, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { CREATE_DOCUMENT, PUBLISH_DOCUMENT, REVIEW_DOCUMENT } from '../../../test/documents/agency-operations';
import {
  ANSWER_FEEDBACK, DOCUMENTS_WITH_FEEDBACK, LIST_FEEDBACK, MODERATE_FEEDBACK, SUBMIT_FEEDBACK,
} from '../../../test/documents/feedback-operations';
import type { Claims } from '../../../schema/contracts/claims';

const EDITOR = staff('fjdrc', 'editor');
const REVIEWER = staff('fjdrc', 'reviewer');
const ADMIN = staff('fjdrc', 'admin');
const OFFICER = staff('fjdrc', 'disclosure-officer');
const OTHER_ADMIN = staff('fjczt', 'admin');
const OTHER_OFFICER = staff('fjczt', 'disclosure-officer');
const BASE = { body: '正文内容。', theme: '综合政务', formedOn: '2026-11-02', disclosure: 'PROACTIVE' };

describe.each(testEngines())('public feedback on %s', (kind) => {
  let agency: TestAgency;
  let published: string;
  let draft: string;
  const submit = (input: Record<string, unknown>, claims: Claims = PUBLIC) => agency.execRaw(SUBMIT_FEEDBACK, { input: { agency: 'fjdrc', ...input } }, claims);
  const submitted = async (input: Record<string, unknown>) => (await agency.exec(SUBMIT_FEEDBACK, { input: { agency: 'fjdrc', ...input } })).submitFeedback;
  const list = async (claims: Claims, filter: Record<string, unknown> = {}) =>
    (await agency.exec(LIST_FEEDBACK, { filter, first: 50 }, claims)).feedback;

  beforeAll(async () => {
    agency = await openTestAgency(kind);
    const create = async (title: string) => (await agency.exec(CREATE_DOCUMENT, { input: { ...BASE, title } }, EDITOR)).createDocument.id as string;
    published = await create('已发布通知');
    await agency.exec(REVIEW_DOCUMENT, { id: published, approve: true }, REVIEWER);
    await agency.exec(PUBLISH_DOCUMENT, { id: published }, EDITOR);
    draft = await create('草稿通知');
  });
  afterAll(() => agency.close());

  it('takes feedback from anyone, pending, on the agency\'s work or a published document; name and contact optional', async () => {
    const work = await submitted({ text: '建议公开更多财政预算信息' });
    expect(work).toMatchObject({ id: 'fjdrc:f0000001', target: 'DISCLOSURE_WORK', status: 'PENDING', authorName: null, contact: null, document: null });
    const onDoc = await submitted({ documentId: published, text: '请补充政策解读', authorName: '林先生', contact: 'lin@example.cn' });
    expect(onDoc).toMatchObject({ target: 'DOCUMENT', document: { id: published }, authorName: '林先生', contact: null });
  });

  it.each<[string, Record<string, string>, string, RegExp]>([
    ['too short', { text: '太短' }, 'text', /不能少于 5 个字符 \/ text must be at least 5/],
    ['empty', { text: '   ' }, 'text', /意见内容不能为空 \/ text must not be empty/],
    ['too long', { text: '长'.repeat(2001) }, 'text', /不能超过 2000 个字符 \/ text must be at most 2000/],
    ['a contact too long', { text: '正常的意见内容', contact: 'x'.repeat(201) }, 'contact', /contact must be at most 200/],
    ['an unpublished document', { text: '正常的意见内容', documentId: 'DRAFT' }, 'documentId', /不是|没有已发布的文件/],
    ['another agency\'s document', { text: '正常的意见内容', documentId: 'fjczt:00000001' }, 'documentId', /not a published document of this agency/],
    ['another agency', { text: '正常的意见内容', agency: 'fjczt' }, 'agency', /does not take feedback for fjczt/],
  ])('refuses %s with a bilingual error naming the field', async (_what, input, field, message) => {
    const result = await submit({ ...input, ...(input.documentId === 'DRAFT' ? { documentId: draft } : {}) });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0].message).toMatch(message);
  });

  it('shows the public only what the admin let through, with answers; staff of the agency see everything', async () => {
    const [a, b, c] = await Promise.all(['第一条意见内容', '第二条意见内容', '第三条广告内容'].map(async (text) => (await submitted({ text, contact: '13900000000' })).id as string));
    await agency.exec(MODERATE_FEEDBACK, { id: a, show: true }, ADMIN);
    await agency.exec(MODERATE_FEEDBACK, { id: b, show: true }, ADMIN);
    const rejected = (await agency.exec(MODERATE_FEEDBACK, { id: c, show: false, reason: '与政府信息公开无关' }, ADMIN)).moderateFeedback;
    expect(rejected).toMatchObject({ status: 'REJECTED', moderationReason: '与政府信息公开无关' });
    const answered = (await agency.exec(ANSWER_FEEDBACK, { id: a, answer: '感谢您的建议，我们将改进。' }, OFFICER)).answerFeedback;
    expect(answered).toMatchObject({ answer: '感谢您的建议，我们将改进。', answeredBy: OFFICER.sub });

    for (const claims of [PUBLIC, SUPERVISOR, OTHER_ADMIN]) {
      const page = await list(claims);
      expect(page.edges.map((e: any) => e.node.id).sort()).toEqual([a, b].sort());
      expect(page.totalCount).toBe(2);
      const shownA = page.edges.find((e: any) => e.node.id === a).node;
      expect(shownA).toMatchObject({ answer: '感谢您的建议，我们将改进。', contact: null, answeredBy: null, moderationReason: null });
      expect((await list(claims, { status: ['PENDING', 'REJECTED'] })).edges).toEqual([]);
    }
    const staffView = await list(EDITOR);
    expect(staffView.totalCount).toBe(5);
    expect(staffView.edges.every((e: any) => e.node.contact === null)).toBe(true);
    expect((await list(ADMIN, { status: ['REJECTED'] })).edges.map((e: any) => e.node.contact)).toEqual(['13900000000']);
    expect((await list(OFFICER)).edges.some((e: any) => e.node.contact === 'lin@example.cn')).toBe(true);
  });

  it('lets only the agency admin moderate, and only its admin or disclosure officers answer', async () => {
    const id = (await submitted({ text: '关于权限的意见' })).id;
    for (const claims of [PUBLIC, EDITOR, OFFICER, OTHER_ADMIN, SUPERVISOR]) {
      expect((await agency.execRaw(MODERATE_FEEDBACK, { id, show: true }, claims)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    for (const claims of [PUBLIC, EDITOR, REVIEWER, OTHER_ADMIN, OTHER_OFFICER, SUPERVISOR]) {
      expect((await agency.execRaw(ANSWER_FEEDBACK, { id, answer: '答复' }, claims)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await agency.execRaw(MODERATE_FEEDBACK, { id, show: false }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    await agency.exec(MODERATE_FEEDBACK, { id, show: false, reason: '重复' }, ADMIN);
    expect((await agency.execRaw(MODERATE_FEEDBACK, { id, show: true }, ADMIN)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await agency.execRaw(ANSWER_FEEDBACK, { id, answer: '答复' }, ADMIN)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await agency.execRaw(ANSWER_FEEDBACK, { id: 'fjdrc:f9999999', answer: '答复' }, ADMIN)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('pages newest first with keyset cursors', async () => {
    const first = (await agency.exec(LIST_FEEDBACK, { first: 2 }, ADMIN)).feedback;
    const next = (await agency.exec(LIST_FEEDBACK, { first: 2, after: first.pageInfo.endCursor }, ADMIN)).feedback;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const ids = [...first.edges, ...next.edges].map((e: any) => e.node.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids).toEqual([...ids].sort().reverse());
  });

  it('gives each document its shown feedback through one batched query, whatever the page size', async () => {
    const id = (await submitted({ documentId: published, text: '文件下的第二条意见' })).id;
    await agency.exec(MODERATE_FEEDBACK, { id, show: true }, ADMIN);
    const feedbackSelects = async () => {
      agency.sql.length = 0;
      const docs = (await agency.exec(DOCUMENTS_WITH_FEEDBACK, { first: 20 })).documents.edges;
      return { docs, n: agency.sql.filter((s) => /from [`"]feedback[`"]/i.test(s)).length };
    };
    const { docs, n } = await feedbackSelects();
    expect(n).toBe(1);
    // The pending item on this document (from the first test) stays hidden.
    expect(docs.find((e: any) => e.node.id === published).node.feedback.map((f: any) => f.id)).toEqual([id]);
  });
});
