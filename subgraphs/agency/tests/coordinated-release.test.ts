import { openTestAgency, staff, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import type { Claims } from '../../../schema/contracts/claims';
import { signPlanGrant, type PlanGrant } from '../../../schema/contracts/plan-grant';

/** The agency's side of release coordination, in-process: embargo holds and the participant's two phases. */
const SERVICE: Claims = { sub: 'coordination-service', roles: ['service'] };
const STAFF = staff('fjdrc', 'editor');
const REVIEWER = staff('fjdrc', 'reviewer');
const FACT = { subject: '2025年全省地区生产总值', value: '5.78', unit: '万亿元', asOf: '2025-12-31' };

const CREATE = `mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id contentHash } }`;
const APPROVE = `mutation($id: ID!) { reviewDocument(id: $id, approve: true, note: "同意") { id } }`;
const PUBLISH = `mutation($id: ID!) { publishDocument(id: $id) { id status } }`;
const UPDATE = `mutation($id: ID!, $body: String!) { updateDocument(id: $id, input: { body: $body }) { id contentHash } }`;
const HOLD = `mutation($planId: ID!, $ids: [ID!]!, $at: DateTime!, $agency: ID! = "fjdrc", $grant: String!) { setReleaseHolds(agency: $agency, planId: $planId, releaseAt: $at, documentIds: $ids, grant: $grant) { documentId releaseAt } }`;
const CLEAR = `mutation($planId: ID!) { clearReleaseHolds(agency: "fjdrc", planId: $planId) }`;
const PREPARE = `mutation($planId: ID!, $documents: [ReleaseDocumentInput!]!, $facts: [KeyFactInput!]!, $grant: String!) { prepareCoordinatedRelease(agency: "fjdrc", planId: $planId, documents: $documents, agreedFacts: $facts, grant: $grant) { state problems } }`;
const COMMIT = `mutation($planId: ID!, $grant: String!) { commitCoordinatedRelease(agency: "fjdrc", planId: $planId, grant: $grant) { committedAt documents { id publishedAt } } }`;
const EVENTS = `query($id: ID!) { document(id: $id) { status version events { kind } } }`;

describe.each(testEngines())('coordinated release inside one agency on %s', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency(kind); });
  afterAll(() => agency.close());

  /** The coordination service's grant for plan `planId` linking `documents` in fjdrc. */
  const grant = (planId: string, documents: { id: string; contentHash: string }[], status: PlanGrant['status'] = 'CONFIRMED', releaseAt = '2026-12-01T09:00:00+08:00') =>
    signPlanGrant({ planId, status, releaseAt: new Date(releaseAt), agency: 'fjdrc', documents, planSize: documents.length }, agency.config.planGrantSecret);

  async function approved(body = '正文。2025年全省地区生产总值为5.78万亿元。', facts = [FACT]): Promise<{ id: string; contentHash: string }> {
    const { createDocument } = await agency.exec(CREATE, { input: { title: '经济运行情况', body, theme: '综合政务', formedOn: '2026-11-20', disclosure: 'PROACTIVE', keyFacts: facts } }, STAFF);
    await agency.exec(APPROVE, { id: createDocument.id }, REVIEWER);
    return createDocument;
  }

  it('refuses publication before the release time with a bilingual CONFLICT naming it, and only the news office sets holds', async () => {
    const doc = await approved();
    const granted = await grant('rp-1', [doc]);
    const denied = await agency.execRaw(HOLD, { planId: 'rp-1', ids: [doc.id], at: '2026-12-01T09:00:00+08:00', grant: granted }, STAFF);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const elsewhere = await agency.execRaw(HOLD, { planId: 'rp-1', ids: [doc.id], at: '2026-12-01T09:00:00+08:00', agency: 'fjgov', grant: granted }, SERVICE);
    expect(elsewhere.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    await agency.exec(HOLD, { planId: 'rp-1', ids: [doc.id], at: '2026-12-01T09:00:00+08:00', grant: granted }, SERVICE);
    const refused = await agency.execRaw(PUBLISH, { id: doc.id }, STAFF);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', state: 'EMBARGOED' });
    expect(refused.errors?.[0].message).toMatch(/2026-12-01T09:00:00\+08:00.*\/.*embargo/);
    expect(await agency.exec(CLEAR, { planId: 'rp-1' }, SERVICE)).toEqual({ clearReleaseHolds: 1 });
    expect((await agency.exec(PUBLISH, { id: doc.id }, STAFF)).publishDocument.status).toBe('PUBLISHED');
  });

  it('issue 11: keeps the embargo past the release time until the coordinated commit, also after an aborted vote', async () => {
    const doc = await approved();
    await agency.exec(HOLD, { planId: 'rp-late', ids: [doc.id], at: '2026-12-01T09:00:00+08:00', grant: await grant('rp-late', [doc]) }, SERVICE);
    const ABORT = `mutation { abortCoordinatedRelease(agency: "fjdrc", planId: "rp-late") }`;
    const clock = agency.runtime.clock;
    // The release time has passed, but the release has not committed: another agency was down at prepare, this one's vote was aborted.
    agency.runtime.clock = { now: () => new Date('2026-12-01T09:00:05+08:00'), today: () => '2026-12-01' };
    try {
      await agency.exec(PREPARE, { planId: 'rp-late', documents: [doc], facts: [FACT], grant: await grant('rp-late', [doc]) }, SERVICE);
      await agency.exec(ABORT, {}, SERVICE);
      const alone = await agency.execRaw(PUBLISH, { id: doc.id }, STAFF);
      expect(alone.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', state: 'EMBARGOED' });
      expect(alone.errors?.[0].message).toMatch(/统一发布.*\/.*until the coordinated release publishes it/);
      // An aborted vote is no vote: the commit is refused, and the document stays unpublished.
      const early = await agency.execRaw(COMMIT, { planId: 'rp-late', grant: await grant('rp-late', [doc], 'COMMITTING') }, SERVICE);
      expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', state: 'ABORTED' });
      expect((await agency.exec(EVENTS, { id: doc.id }, STAFF)).document.status).toBe('APPROVED');
      // Prepared again, the commit publishes it at the plan's release instant.
      await agency.exec(PREPARE, { planId: 'rp-late', documents: [doc], facts: [FACT], grant: await grant('rp-late', [doc]) }, SERVICE);
      const committed = await agency.exec(COMMIT, { planId: 'rp-late', grant: await grant('rp-late', [doc], 'COMMITTING') }, SERVICE);
      expect(committed.commitCoordinatedRelease.documents).toEqual([{ id: doc.id, publishedAt: '2026-12-01T09:00:00+08:00' }]);
    } finally {
      agency.runtime.clock = clock;
    }
  });

  it('votes no on a changed document or a fact off the agreed wording, and records it', async () => {
    const doc = await approved();
    await agency.exec(UPDATE, { id: doc.id, body: '改过的正文。' }, STAFF);
    const offWording = await approved('正文。', [{ ...FACT, value: '5.87' }]);
    const { prepareCoordinatedRelease: vote } = await agency.exec(PREPARE, { planId: 'rp-2', documents: [doc, offWording], facts: [FACT], grant: await grant('rp-2', [doc, offWording]) }, SERVICE);
    expect(vote.state).toBe('REFUSED');
    expect(vote.problems.join('\n')).toMatch(/changed after it was linked/);
    expect(vote.problems.join('\n')).toMatch(/5\.87.*5\.78/);
    expect((await agency.execRaw(COMMIT, { planId: 'rp-2', grant: await grant('rp-2', [doc, offWording], 'COMMITTING') }, SERVICE)).errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('freezes prepared documents, publishes them once on commit, and answers a repeated commit the same', async () => {
    const docs = [await approved(), await approved('另一份。2025年全省地区生产总值为5.78万亿元。')];
    const { prepareCoordinatedRelease: vote } = await agency.exec(PREPARE, { planId: 'rp-3', documents: docs, facts: [FACT], grant: await grant('rp-3', docs) }, SERVICE);
    expect(vote).toEqual({ state: 'PREPARED', problems: [] });
    const frozen = await agency.execRaw(UPDATE, { id: docs[0].id, body: '趁机修改' }, STAFF);
    expect(frozen.errors?.[0].extensions?.state).toBe('PREPARED_FOR_RELEASE');
    expect((await agency.execRaw(PUBLISH, { id: docs[0].id }, STAFF)).errors?.[0].extensions?.state).toBe('PREPARED_FOR_RELEASE');

    const commitGrant = await grant('rp-3', docs, 'COMMITTING');
    const first = await agency.exec(COMMIT, { planId: 'rp-3', grant: commitGrant }, SERVICE);
    const again = await agency.exec(COMMIT, { planId: 'rp-3', grant: commitGrant }, SERVICE);
    expect(again).toEqual(first);
    expect(first.commitCoordinatedRelease.documents.map((d: { id: string }) => d.id)).toEqual(docs.map((d) => d.id));
    for (const { id } of docs) {
      const { document } = await agency.exec(EVENTS, { id }, STAFF);
      expect(document).toMatchObject({ status: 'PUBLISHED', version: 1 });
      expect(document.events.filter((e: { kind: string }) => e.kind === 'PUBLISHED')).toHaveLength(1);
    }
  });
});

describe.each(testEngines())('issue 9 finding 6: holds and releases only under a plan grant, on %s', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency(kind); });
  afterAll(() => agency.close());
  const COORDINATOR: Claims = { sub: 'coordinator@province', roles: ['coordinator'] };
  const AT = '2026-12-01T09:00:00+08:00';
  const grant = (planId: string, documents: { id: string; contentHash: string }[], options: { status?: PlanGrant['status']; releaseAt?: string; agency?: string; secret?: string } = {}) =>
    signPlanGrant({ planId, status: options.status ?? 'CONFIRMED', releaseAt: new Date(options.releaseAt ?? AT), agency: options.agency ?? 'fjdrc', documents, planSize: documents.length }, options.secret ?? agency.config.planGrantSecret);

  async function approved(): Promise<{ id: string; contentHash: string }> {
    const { createDocument } = await agency.exec(CREATE, { input: { title: '经济运行情况', body: '正文。', theme: '综合政务', formedOn: '2026-11-20', disclosure: 'PROACTIVE' } }, STAFF);
    await agency.exec(APPROVE, { id: createDocument.id }, REVIEWER);
    return createDocument;
  }
  const code = (answer: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => answer.errors?.[0].extensions?.code;

  it('issue 9 finding 6: a made-up plan id, a forged or foreign grant, and a document the plan does not link are refused', async () => {
    const linked = await approved();
    const other = await approved();
    const hold = (planId: string, ids: string[], token: string, claims = SERVICE) => agency.execRaw(HOLD, { planId, ids, at: AT, grant: token }, claims);
    expect(code(await hold('audit-fake-plan-0001', [other.id], 'not-a-grant'))).toBe('FORBIDDEN');
    expect(code(await hold('audit-fake-plan-0001', [other.id], await grant('audit-fake-plan-0001', [other], { secret: 'guessed-secret' })))).toBe('FORBIDDEN');
    expect(code(await hold('audit-fake-plan-0001', [other.id], await grant('audit-fake-plan-0001', [other], { agency: 'fjgov' })))).toBe('FORBIDDEN');
    // A real grant for another plan, or for this plan but another document.
    const real = await grant('rp-real', [linked]);
    expect(code(await hold('audit-fake-plan-0001', [linked.id], real))).toBe('FORBIDDEN');
    const stray = await hold('rp-real', [linked.id, other.id], real);
    expect(code(stray)).toBe('FORBIDDEN');
    expect(stray.errors?.[0].message).toContain(other.id);
    // A coordinator's own token never acts directly, even with a valid grant.
    expect(code(await hold('rp-real', [linked.id], real, COORDINATOR))).toBe('FORBIDDEN');
    expect(code(await agency.execRaw(PREPARE, { planId: 'audit-fake-plan-0001', documents: [other], facts: [], grant: 'x' }, SERVICE))).toBe('FORBIDDEN');
    expect(code(await agency.execRaw(PREPARE, { planId: 'rp-real', documents: [other], facts: [], grant: real }, SERVICE))).toBe('FORBIDDEN');
    expect(code(await agency.execRaw(COMMIT, { planId: 'audit-fake-plan-0001', grant: 'x' }, SERVICE))).toBe('FORBIDDEN');
    expect(code(await agency.execRaw(CLEAR, { planId: 'rp-real' }, COORDINATOR))).toBe('FORBIDDEN');
    // Nothing was embargoed, frozen or published: the other document is still the staff's to publish.
    expect((await agency.exec(PUBLISH, { id: other.id }, STAFF)).publishDocument.status).toBe('PUBLISHED');
    expect((await agency.exec(HOLD, { planId: 'rp-real', ids: [linked.id], at: AT, grant: real }, SERVICE)).setReleaseHolds).toHaveLength(1);
  });

  it('issue 9 finding 6: a hold needs a release time in the future, the one the plan has', async () => {
    const doc = await approved();
    const past = '2026-11-27T09:00:00+08:00';
    const refused = await agency.execRaw(HOLD, { planId: 'rp-past', ids: [doc.id], at: past, grant: await grant('rp-past', [doc], { releaseAt: past }) }, SERVICE);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'releaseAt' });
    const moved = await agency.execRaw(HOLD, { planId: 'rp-past', ids: [doc.id], at: '2027-01-01T09:00:00+08:00', grant: await grant('rp-past', [doc]) }, SERVICE);
    expect(moved.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'releaseAt' });
  });

  it('issue 9 finding 6: prepare and commit follow the plan state, and the hashes the plan recorded', async () => {
    const doc = await approved();
    const prepare = (token: string, documents = [doc]) => agency.execRaw(PREPARE, { planId: 'rp-states', documents, facts: [], grant: token }, SERVICE);
    expect(code(await prepare(await grant('rp-states', [doc], { status: 'COMMITTING' })))).toBe('CONFLICT');
    expect(code(await prepare(await grant('rp-states', [{ ...doc, contentHash: 'recorded-otherwise' }])))).toBe('FORBIDDEN');
    expect(((await prepare(await grant('rp-states', [doc]))).data as { prepareCoordinatedRelease: { state: string } }).prepareCoordinatedRelease.state).toBe('PREPARED');
    expect(code(await agency.execRaw(COMMIT, { planId: 'rp-states', grant: await grant('rp-states', [doc]) }, SERVICE))).toBe('CONFLICT');
    expect(code(await agency.execRaw(COMMIT, { planId: 'rp-states', grant: await grant('rp-states', [], { status: 'COMMITTING' }) }, SERVICE))).toBe('FORBIDDEN');
    const committed = await agency.exec(COMMIT, { planId: 'rp-states', grant: await grant('rp-states', [doc], { status: 'COMMITTING' }) }, SERVICE);
    expect(committed.commitCoordinatedRelease.documents.map((d: { id: string }) => d.id)).toEqual([doc.id]);
  });
});
