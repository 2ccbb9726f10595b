import { openTestAgency, staff, PUBLIC, SUPERVISOR, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import {
  APPROVE_EXPEDITED, CREATE_DOCUMENT, GET_DOCUMENT, GET_EXPEDITED, PUBLISH_DOCUMENT, REQUEST_EXPEDITED, REVIEW_DOCUMENT,
} from '../../../test/documents/agency-operations';
import { AGENCY_SUPERVISION } from '../../../test/documents/feedback-operations';
import { ExpeditedReleaseEntity } from '../entities/expedited-release.entity';

// Issue 14, the 2014 Fujian notice: in an emergency or on a hot social issue, authoritative
// information fast (不失声、不缺位) — an expedited path with a named approver, within the hour.
const EDITOR = staff('fjdrc', 'editor');
const REVIEWER = staff('fjdrc', 'reviewer');
const OTHER_EDITOR = staff('fjdrc', 'editor');
const INPUT = { title: '关于强台风防御工作的紧急通知', body: '各地要立即启动防台风Ⅰ级应急响应。', theme: '综合政务', formedOn: '2026-11-27', disclosure: 'PROACTIVE' };
const REASON = '台风"海燕"即将登陆，须第一时间发布权威信息';
const period = { from: '2026-11-01', to: '2026-11-27' };

describe.each(testEngines())('expedited release on %s', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency(kind); });
  afterAll(() => agency.close());

  const create = async (input: Record<string, unknown> = {}) => (await agency.exec(CREATE_DOCUMENT, { input: { ...INPUT, ...input } }, EDITOR)).createDocument.id as string;
  const figures = async () => (await agency.exec(AGENCY_SUPERVISION, { code: 'fjdrc', ...period }, SUPERVISOR))._entities[0].supervision;

  it('sends a marked draft to review at once, due within the hour, and the named approver\'s approval publishes it', async () => {
    const id = await create();
    const requested = (await agency.exec(REQUEST_EXPEDITED, { id, kind: 'EMERGENCY', reason: REASON }, EDITOR)).requestExpeditedRelease;
    expect(requested).toMatchObject({
      status: 'IN_REVIEW',
      expeditedRelease: {
        kind: 'EMERGENCY', reason: REASON, requestedBy: EDITOR.sub, requestedAt: '2026-11-27T10:00:00+08:00', dueAt: '2026-11-27T11:00:00+08:00',
        approvedBy: null, publishedAt: null, withinHour: false,
      },
    });
    const approved = (await agency.exec(APPROVE_EXPEDITED, { id, note: '经保密审查，同意立即发布' }, REVIEWER)).approveExpeditedRelease;
    expect(approved).toMatchObject({
      status: 'PUBLISHED', publishedAt: '2026-11-27T10:00:00+08:00',
      expeditedRelease: { approvedBy: REVIEWER.sub, approvedAt: '2026-11-27T10:00:00+08:00', publishedAt: '2026-11-27T10:00:00+08:00', withinHour: true },
      reviews: [{ reviewer: REVIEWER.sub, result: 'APPROVED' }],
    });
    // The public reads the document, never the record of how it was released.
    expect((await agency.exec(GET_EXPEDITED, { id }, PUBLIC)).document).toMatchObject({ status: 'PUBLISHED', expeditedRelease: null });
  });

  it('keeps confidentiality review\'s rule: the approver is never an author', async () => {
    const id = await create();
    await agency.exec(REQUEST_EXPEDITED, { id, kind: 'HOT_ISSUE', reason: REASON }, EDITOR);
    const bothRoles = { ...EDITOR, roles: ['editor', 'reviewer'] } as typeof EDITOR;
    const refused = await agency.execRaw(APPROVE_EXPEDITED, { id }, bothRoles);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await agency.exec(GET_DOCUMENT, { id }, PUBLIC)).document).toBeNull();
    expect((await agency.execRaw(APPROVE_EXPEDITED, { id }, OTHER_EDITOR)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses an empty reason with a bilingual BAD_USER_INPUT', async () => {
    const id = await create();
    const result = await agency.execRaw(REQUEST_EXPEDITED, { id, kind: 'EMERGENCY', reason: '  ' }, EDITOR);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(result.errors?.[0].message).toContain(' / ');
  });

  it('refuses a document not on the expedited path, a second request, an ON_REQUEST item, a published one and another agency\'s staff', async () => {
    const ordinary = await create();
    expect((await agency.execRaw(APPROVE_EXPEDITED, { id: ordinary }, REVIEWER)).errors?.[0].extensions?.code).toBe('CONFLICT');
    await agency.exec(REQUEST_EXPEDITED, { id: ordinary, kind: 'EMERGENCY', reason: REASON }, EDITOR);
    expect((await agency.execRaw(REQUEST_EXPEDITED, { id: ordinary, kind: 'EMERGENCY', reason: REASON }, EDITOR)).errors?.[0].extensions?.code).toBe('CONFLICT');
    const onRequest = await create({ disclosure: 'ON_REQUEST' });
    expect((await agency.execRaw(REQUEST_EXPEDITED, { id: onRequest, kind: 'EMERGENCY', reason: REASON }, EDITOR)).errors?.[0].extensions?.code).toBe('CONFLICT');
    const published = await create();
    await agency.exec(REVIEW_DOCUMENT, { id: published, approve: true }, REVIEWER);
    await agency.exec(PUBLISH_DOCUMENT, { id: published }, EDITOR);
    expect((await agency.execRaw(REQUEST_EXPEDITED, { id: published, kind: 'EMERGENCY', reason: REASON }, EDITOR)).errors?.[0].extensions?.code).toBe('CONFLICT');
    // Another agency's staff: its draft looks missing, its published document is not theirs to act on.
    expect((await agency.execRaw(REQUEST_EXPEDITED, { id: onRequest, kind: 'EMERGENCY', reason: REASON }, staff('fjczt', 'editor'))).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await agency.execRaw(REQUEST_EXPEDITED, { id: published, kind: 'EMERGENCY', reason: REASON }, staff('fjczt', 'editor'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('counts expedited releases apart in supervision: how many, within the hour, late (published after it or still waiting past it)', async () => {
    const before = await figures();
    const late = await create();
    await agency.exec(REQUEST_EXPEDITED, { id: late, kind: 'HOT_ISSUE', reason: REASON }, EDITOR);
    const waiting = await create();
    await agency.exec(REQUEST_EXPEDITED, { id: waiting, kind: 'HOT_ISSUE', reason: REASON }, EDITOR);
    // Both were asked for two hours ago.
    const em = agency.runtime.orm.em.fork();
    await em.nativeUpdate(ExpeditedReleaseEntity, { documentId: { $in: [late, waiting] } }, {
      requestedAt: new Date('2026-11-27T08:00:00+08:00'), dueAt: new Date('2026-11-27T09:00:00+08:00'),
    });
    const published = (await agency.exec(APPROVE_EXPEDITED, { id: late }, REVIEWER)).approveExpeditedRelease;
    expect(published.expeditedRelease.withinHour).toBe(false);
    const after = await figures();
    expect(after.expeditedReleases - before.expeditedReleases).toBe(2);
    expect(after.expeditedWithinHour - before.expeditedWithinHour).toBe(0);
    expect(after.expeditedLate - before.expeditedLate).toBe(2);
    expect(after.csv).toContain(`一小时内发布的快速发布,expeditedWithinHour,${after.expeditedWithinHour}`);
    // The first test's release, within the hour.
    expect(after.expeditedWithinHour).toBe(1);
  });
});

describe.each(testEngines())('expedited release where the agency requires a distinct publisher, on %s', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency(kind, { env: { HUB_DISTINCT_PUBLISHER: '1' } }); });
  afterAll(() => agency.close());

  it('approves, and a third person publishes: the rule holds on the fast path too', async () => {
    const id = (await agency.exec(CREATE_DOCUMENT, { input: INPUT }, EDITOR)).createDocument.id as string;
    await agency.exec(REQUEST_EXPEDITED, { id, kind: 'EMERGENCY', reason: REASON }, EDITOR);
    expect((await agency.exec(APPROVE_EXPEDITED, { id }, REVIEWER)).approveExpeditedRelease).toMatchObject({ status: 'APPROVED', publishedAt: null });
    expect((await agency.execRaw(PUBLISH_DOCUMENT, { id }, REVIEWER)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const third = staff('fjdrc', 'editor');
    const published = await agency.exec(PUBLISH_DOCUMENT, { id }, { ...third, sub: 'publisher@fjdrc' });
    expect(published.publishDocument.status).toBe('PUBLISHED');
    expect((await agency.exec(GET_EXPEDITED, { id }, EDITOR)).document.expeditedRelease).toMatchObject({ withinHour: true, approvedBy: REVIEWER.sub });
  });
});
