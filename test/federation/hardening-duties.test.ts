import { issueToken } from '../../schema/contracts/tokens';
import { TEST_SECRETS } from '../support/secrets';
import { runReleaseCycle } from '../../subgraphs/coordination/services/coordinated-release.service';
import { APPROVE, CONFIRM, CREATE_DOCUMENT, CREATE_PLAN, LINK, PLAN, PLANS, PUBLISH } from '../documents/coordination-operations';
import { startHub, type GatewayAnswer, type TestHub } from '../support/hub-harness';

/**
 * Issue 9, findings 5 and 6, end to end through the real gateway: separation of duties in the
 * document workflow, and embargoes and releases only under a plan the coordination service grants.
 */
const NOW = '2026-11-27T10:00:00+08:00';
const LATER = '2026-12-01T09:00:00+08:00';
const INPUT = { theme: '综合政务', formedOn: '2026-11-20', disclosure: 'PROACTIVE' };
const UPDATE = `mutation($id: ID!, $input: UpdateDocumentInput!, $reason: String) { updateDocument(id: $id, input: $input, reason: $reason) { id version } }`;
const REVIEW = `mutation($id: ID!, $approve: Boolean!) { reviewDocument(id: $id, approve: $approve, note: "审查意见") { id status } }`;
const PUBLIC_VIEW = `query($id: ID!, $text: String!) {
  document(id: $id) { title body version }
  documents(first: 100, filter: { agencies: ["fjdrc"] }) { edges { node { id title } } }
  search(text: $text) { totalCount }
}`;
const STAFF_VIEW = `query($id: ID!) { document(id: $id) { status version revision { status title authors } } }`;
const HOLD = `mutation($agency: ID!, $planId: ID!, $releaseAt: DateTime!, $documentIds: [ID!]!, $grant: String!) {
  setReleaseHolds(agency: $agency, planId: $planId, releaseAt: $releaseAt, documentIds: $documentIds, grant: $grant) { documentId }
}`;
const PREPARE = `mutation($agency: ID!, $planId: ID!, $documents: [ReleaseDocumentInput!]!, $grant: String!) {
  prepareCoordinatedRelease(agency: $agency, planId: $planId, documents: $documents, agreedFacts: [], grant: $grant) { state }
}`;
const COMMIT = `mutation($agency: ID!, $planId: ID!, $grant: String!) { commitCoordinatedRelease(agency: $agency, planId: $planId, grant: $grant) { committedAt } }`;
const CONTENT_HASH = `query($id: ID!) { document(id: $id) { status contentHash } }`;

describe('issue 9 findings 5 and 6 through the gateway', () => {
  let hub: TestHub;
  let coordinator: string;
  let service: string;

  beforeAll(async () => {
    hub = await startHub({ agencies: ['fjgov', 'fjdrc'], withDirectory: true, withCoordination: true, clock: NOW });
    coordinator = await hub.token(['coordinator']);
    // The coordination service's own identity, as the gateway recognises it.
    service = await issueToken({ secret: TEST_SECRETS.HUB_JWT_SECRET }, { sub: 'coordination-service', roles: [], service: true });
  });
  afterAll(() => hub?.stop());

  async function ok<T = any>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
    const answer = await hub.query(query, variables, token);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data as T;
  }
  const codeOf = (answer: GatewayAnswer) => answer.errors?.[0]?.extensions?.code;
  const editor = (agency = 'fjdrc') => hub.token(['editor'], agency);
  const reviewer = (agency = 'fjdrc') => hub.token(['reviewer'], agency);
  const create = async (title: string, token: string, extra: Record<string, unknown> = {}) =>
    (await ok(CREATE_DOCUMENT, { input: { ...INPUT, title, body: `${title}。`, ...extra } }, token)).createDocument.id as string;
  const approved = async (agency: string, title: string) => {
    const id = await create(title, await editor(agency));
    await ok(APPROVE, { id }, await reviewer(agency));
    return id;
  };
  const exported = async (): Promise<{ id: string; title: string }[]> => {
    const text = await (await fetch(hub.gateway.url.replace(/\/graphql$/, '/export/documents.ndjson'))).text();
    return text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
  };

  describe('issue 9 finding 5: four-eyes', () => {
    it('issue 9 finding 5: one person holding editor and reviewer cannot approve their own document', async () => {
      const both = await hub.token(['editor', 'reviewer'], 'fjdrc');
      const id = await create('关于一人兼任编辑和审核的测试通知', both);
      const refused = await hub.query(REVIEW, { id, approve: true }, both);
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(refused.errors[0].message).toBe('审核人不能是本文件的起草人 / The reviewer cannot be the document\'s author');
      expect(codeOf(await hub.query(PUBLISH, { id }, both))).toBe('CONFLICT');
      expect((await ok(PUBLIC_VIEW, { id, text: '兼任' })).document).toBeNull();
    });

    it('issue 9 finding 5: an admin alone cannot approve or publish their own document', async () => {
      const admin = await hub.token(['admin'], 'fjdrc');
      const id = await create('关于管理员独自发布的测试通知', admin);
      expect(codeOf(await hub.query(REVIEW, { id, approve: true }, admin))).toBe('FORBIDDEN');
      expect(codeOf(await hub.query(PUBLISH, { id }, admin))).toBe('CONFLICT');
      expect((await ok(PUBLIC_VIEW, { id, text: '管理员' })).document).toBeNull();
      // With someone else's review, the admin publishes as author only.
      await ok(REVIEW, { id, approve: true }, await reviewer());
      expect((await ok(PUBLISH, { id }, admin)).publishDocument.status).toBe('PUBLISHED');
    });

    it('issue 9 finding 5: an edit of a published document is a draft version the public never sees until someone else approves it and it is published', async () => {
      const author = await editor();
      const id = await create('关于公开目录编制的通知', author, { body: '原文：按目录公开。' });
      await ok(REVIEW, { id, approve: true }, await reviewer());
      await ok(PUBLISH, { id }, author);

      await ok(UPDATE, { id, input: { title: '关于公开目录编制的通知（修订稿）', body: '修订：增加翡翠色标识。' }, reason: '补充标识要求' }, author);
      const unchanged = async () => {
        const view = await ok(PUBLIC_VIEW, { id, text: '翡翠色' });
        expect(view.document).toEqual({ title: '关于公开目录编制的通知', body: '原文：按目录公开。', version: 1 });
        expect(view.documents.edges.find((e: { node: { id: string } }) => e.node.id === id).node.title).toBe('关于公开目录编制的通知');
        expect(view.search.totalCount).toBe(0);
        expect((await exported()).find((r) => r.id === id)?.title).toBe('关于公开目录编制的通知');
        // Another agency's staff read what the public reads.
        expect((await ok(STAFF_VIEW, { id }, await hub.token(['admin'], 'fjgov'))).document.revision).toBeNull();
      };
      await unchanged();
      expect((await ok(STAFF_VIEW, { id }, author)).document).toEqual({
        status: 'PUBLISHED', version: 1, revision: { status: 'DRAFT', title: '关于公开目录编制的通知（修订稿）', authors: ['editor@fjdrc'] },
      });
      expect(codeOf(await hub.query(PUBLISH, { id }, author))).toBe('CONFLICT');
      // The author cannot review the revision, even holding the reviewer role under the same account.
      const authorAsReviewer = await issueToken({ secret: TEST_SECRETS.HUB_JWT_SECRET }, { sub: 'editor@fjdrc', roles: ['editor', 'reviewer'], agency: 'fjdrc' });
      expect(codeOf(await hub.query(REVIEW, { id, approve: true }, authorAsReviewer))).toBe('FORBIDDEN');
      await ok(REVIEW, { id, approve: true }, await reviewer());
      await unchanged();

      expect((await ok(PUBLISH, { id }, author)).publishDocument.status).toBe('PUBLISHED');
      const view = await ok(PUBLIC_VIEW, { id, text: '翡翠色' });
      expect(view.document).toEqual({ title: '关于公开目录编制的通知（修订稿）', body: '修订：增加翡翠色标识。', version: 2 });
      expect(view.search.totalCount).toBe(1);
      expect((await exported()).find((r) => r.id === id)?.title).toBe('关于公开目录编制的通知（修订稿）');
    });
  });

  describe('issue 9 finding 6: plans the coordination subgraph confirms', () => {
    it('issue 9 finding 6: a made-up plan id neither embargoes nor publishes another agency\'s document, whoever sends it', async () => {
      const target = await approved('fjdrc', '关于伪造计划编号的测试通知');
      const { document } = await ok(CONTENT_HASH, { id: target }, await editor());
      const fake = { agency: 'fjdrc', planId: 'audit-fake-plan-0001' };
      for (const token of [coordinator, service]) {
        expect(codeOf(await hub.query(HOLD, { ...fake, releaseAt: LATER, documentIds: [target], grant: 'forged' }, token))).toBe('FORBIDDEN');
        expect(codeOf(await hub.query(PREPARE, { ...fake, documents: [{ id: target, contentHash: document.contentHash }], grant: 'forged' }, token))).toBe('FORBIDDEN');
        expect(codeOf(await hub.query(COMMIT, { ...fake, grant: 'forged' }, token))).toBe('FORBIDDEN');
      }
      // Neither embargoed nor frozen nor published: the agency's own staff still publish it.
      expect((await ok(CONTENT_HASH, { id: target }, await editor())).document.status).toBe('APPROVED');
      expect((await ok(PUBLISH, { id: target }, await editor())).publishDocument.status).toBe('PUBLISHED');
    });

    // The coordination subgraph's own codes (BAD_USER_INPUT naming releaseAt, CONFLICT naming the
    // document) are asserted in subgraphs/coordination/tests; through the gateway they are masked
    // until issue 9 finding 9 keeps every refusal's code, so here the refusal and its effect are checked.
    const plans = async () => (await ok(PLANS, { first: 100 }, coordinator)).releasePlans.edges.length as number;

    it('issue 9 finding 6: a release time in the past is refused', async () => {
      const before = await plans();
      const refused = await hub.query(CREATE_PLAN, { input: { title: '过去时间的发布', leadAgency: 'fjgov', releaseAt: '2026-11-26T10:00:00+08:00' } }, coordinator);
      expect(refused.errors).toHaveLength(1);
      expect(refused.data).toBeNull();
      expect(await plans()).toBe(before);
      expect((await ok(CREATE_PLAN, { input: { title: '此刻发布', leadAgency: 'fjgov', releaseAt: NOW } }, coordinator)).createReleasePlan.status).toBe('DRAFT');

      // A draft plan whose release time passed before it was confirmed is not confirmed.
      const { createReleasePlan } = await ok(CREATE_PLAN, { input: { title: '错过时间的计划', leadAgency: 'fjgov', releaseAt: '2026-11-27T11:00:00+08:00' } }, coordinator);
      await ok(LINK, { id: createReleasePlan.id, documentIds: [await approved('fjgov', '错过时间的文件')] }, coordinator);
      const runtime = hub.coordination!.runtime;
      const clock = runtime.clock;
      runtime.clock = { now: () => new Date('2026-11-27T12:00:00+08:00'), today: () => '2026-11-27' };
      try {
        expect((await hub.query(CONFIRM, { id: createReleasePlan.id }, coordinator)).errors).toHaveLength(1);
      } finally {
        runtime.clock = clock;
      }
      expect((await ok(PLAN, { id: createReleasePlan.id }, coordinator)).releasePlan.status).toBe('DRAFT');
    });

    it('issue 9 finding 6: a plan with a DRAFT document linked cannot be confirmed, and a confirmed plan takes no draft', async () => {
      const draft = await create('关于尚未审查的草稿', await editor());
      const { createReleasePlan } = await ok(CREATE_PLAN, { input: { title: '含草稿的计划', leadAgency: 'fjdrc', releaseAt: LATER } }, coordinator);
      await ok(LINK, { id: createReleasePlan.id, documentIds: [draft] }, coordinator);
      const refused = await hub.query(CONFIRM, { id: createReleasePlan.id }, coordinator);
      expect(refused.errors).toHaveLength(1);
      expect(refused.data).toBeNull();
      expect((await ok(PLAN, { id: createReleasePlan.id }, coordinator)).releasePlan.status).toBe('DRAFT');
      // Nothing was embargoed: the draft, once reviewed, is the agency's to publish.
      await ok(APPROVE, { id: draft }, await reviewer());
      expect((await ok(PUBLISH, { id: draft }, await editor())).publishDocument.status).toBe('PUBLISHED');

      const ready = await approved('fjdrc', '关于已审查的文件');
      const { createReleasePlan: other } = await ok(CREATE_PLAN, { input: { title: '已确认的计划', leadAgency: 'fjdrc', releaseAt: LATER } }, coordinator);
      await ok(LINK, { id: other.id, documentIds: [ready] }, coordinator);
      await ok(CONFIRM, { id: other.id }, coordinator);
      const unreviewed = await create('关于确认后才关联的草稿', await editor());
      const late = await hub.query(LINK, { id: other.id, documentIds: [unreviewed] }, coordinator);
      expect(late.errors).toHaveLength(1);
      expect((await ok(PLAN, { id: other.id }, coordinator)).releasePlan.documents.map((d: { document: { id: string } }) => d.document.id)).toEqual([ready]);
    });

    it('issue 9 finding 6: a real confirmed plan embargoes its documents and releases them end to end', async () => {
      const ids = [await approved('fjgov', '联合发布新闻稿'), await approved('fjdrc', '联合发布解读')];
      const { createReleasePlan } = await ok(CREATE_PLAN, { input: { title: '真实的联合发布', leadAgency: 'fjgov', participants: ['fjdrc'], releaseAt: LATER } }, coordinator);
      const planId = createReleasePlan.id;
      await ok(LINK, { id: planId, documentIds: ids }, coordinator);
      const { confirmReleasePlan } = await ok(CONFIRM, { id: planId }, coordinator);
      expect(confirmReleasePlan.participants.every((p: { holdsSynced: boolean }) => p.holdsSynced)).toBe(true);
      expect((await hub.query(PUBLISH, { id: ids[1] }, await editor())).errors[0].extensions).toMatchObject({ code: 'CONFLICT', state: 'EMBARGOED' });
      // A grant for this plan in one agency is no grant in another, nor for a document it does not link.
      const stray = await approved('fjdrc', '未列入计划的文件');
      expect(codeOf(await hub.query(HOLD, { agency: 'fjdrc', planId, releaseAt: LATER, documentIds: [stray], grant: 'forged' }, service))).toBe('FORBIDDEN');

      // The release time comes: the coordination service's cycle prepares and commits with its grants.
      const runtime = hub.coordination!.runtime;
      const clock = runtime.clock;
      runtime.clock = { now: () => new Date('2026-12-01T09:00:01+08:00'), today: () => '2026-12-01' };
      try {
        expect((await runReleaseCycle(runtime)).released).toContain(planId);
      } finally {
        runtime.clock = clock;
      }
      expect((await ok(PLAN, { id: planId }, coordinator)).releasePlan.status).toBe('RELEASED');
      for (const id of ids) expect((await ok(PUBLIC_VIEW, { id, text: '联合发布' })).document.version).toBe(1);
    });
  });
});
