import { graphql } from 'graphql';
import { createContext } from '../../subgraphs/agency/context';
import { buildAgencySchema } from '../../subgraphs/agency/server';
import { AGENCY_SUPERVISION, LIST_FEEDBACK, PROVINCE_SUPERVISION, SUBMIT_FEEDBACK } from '../documents/feedback-operations';
import { APPROVE_EXPEDITED, CREATE_DOCUMENT, RECORD_ACCOUNTABILITY, RECORD_TRAINING, REQUEST_EXPEDITED } from '../documents/agency-operations';
import { startHub, type TestHub } from '../support/hub-harness';
import { SUPERVISOR } from '../support/agency-harness';
import { seedSupervisionFixture } from '../support/supervision-fixture';

const CODES = ['fjdrc', 'fjczt', 'fjgov'];
const PERIOD = { from: '2026-11-01', to: '2026-11-27' };

/** Supervision and feedback across three deployments behind the real gateway. */
describe('supervision figures and feedback through the gateway', () => {
  let hub: TestHub;
  const agencyFigures = async (code: string) => {
    const runtime = hub.agencies.get(code)!.runtime;
    const result = await graphql({ schema: await buildAgencySchema(), source: AGENCY_SUPERVISION, variableValues: { code, ...PERIOD }, contextValue: createContext(runtime, SUPERVISOR) });
    return (result.data as any)._entities[0].supervision;
  };

  beforeAll(async () => {
    hub = await startHub({ agencies: CODES, withDirectory: true, seed: (agency) => seedSupervisionFixture(agency.runtime, CODES.indexOf(agency.runtime.config.agencyCode)) });
  }, 120_000);
  afterAll(() => hub?.stop());

  it('gives the province figures as the sum of the agencies\', histograms bucket by bucket, bounds kept', async () => {
    const { data, errors } = await hub.query(PROVINCE_SUPERVISION, PERIOD, await hub.token(['supervisor']));
    expect(errors).toBeUndefined();
    const province = data.provinceSupervision;
    const agencies = await Promise.all(CODES.map(agencyFigures));
    const { publishDaysHistogram, replyDaysHistogram, answerHoursHistogram, requestOutcomes, from, to, asOf, dueSoonWorkingDays, ...numbers } = province;
    for (const [field, value] of Object.entries(numbers)) {
      expect([field, value]).toEqual([field, agencies.reduce((s, a) => s + a[field], 0)]);
    }
    expect(numbers.documentsOverdue).toBe(3 + 0 + 1 + 2);
    expect({ from, to, asOf, dueSoonWorkingDays }).toEqual({ ...PERIOD, asOf: '2026-11-27', dueSoonWorkingDays: 3 });
    for (const [name, buckets] of Object.entries({ publishDaysHistogram, replyDaysHistogram, answerHoursHistogram })) {
      buckets.forEach((b: any, i: number) => {
        expect(b).toEqual({ ...agencies[0][name][i], count: agencies.reduce((s, a) => s + a[name][i].count, 0) });
      });
    }
    requestOutcomes.forEach((o: any, i: number) => expect(o).toEqual({ outcome: agencies[0].requestOutcomes[i].outcome, count: agencies.reduce((s, a) => s + a.requestOutcomes[i].count, 0) }));
  });

  it('refuses the province figures to the public and to an agency\'s staff', async () => {
    for (const token of [undefined, await hub.token(['editor'], 'fjdrc')]) {
      const { data, errors } = await hub.query(PROVINCE_SUPERVISION, PERIOD, token);
      expect(data?.provinceSupervision ?? null).toBeNull();
      expect(errors[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it('routes a submission by its agency and merges feedback pages across agencies', async () => {
    const submitted = await hub.query(SUBMIT_FEEDBACK, { input: { agency: 'fjczt', text: '通过网关提交的意见' } });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitFeedback.id).toMatch(/^fjczt:f/);
    const { data, errors } = await hub.query(LIST_FEEDBACK, { first: 100 });
    expect(errors).toBeUndefined();
    // The fixture shows two items with answers and one without in each agency; pending ones stay hidden.
    expect(data.feedback.totalCount).toBe(3 * CODES.length);
    expect(new Set(data.feedback.edges.map((e: any) => e.node.agency.code))).toEqual(new Set(CODES));
  });

  it('routes an expedited release to its agency and counts it apart in the province\'s figures', async () => {
    const supervisor = await hub.token(['supervisor']);
    const before = (await hub.query(PROVINCE_SUPERVISION, PERIOD, supervisor)).data.provinceSupervision;
    const editor = await hub.token(['editor'], 'fjczt');
    const input = { title: '关于暴雨防御的紧急通知', body: '各地立即启动暴雨Ⅱ级应急响应。', theme: '综合政务', formedOn: '2026-11-27', disclosure: 'PROACTIVE' };
    const created = await hub.query(CREATE_DOCUMENT, { input }, editor);
    const id = created.data.createDocument.id;
    const requested = await hub.query(REQUEST_EXPEDITED, { id, kind: 'EMERGENCY', reason: '暴雨红色预警' }, editor);
    expect(requested.errors).toBeUndefined();
    const approved = await hub.query(APPROVE_EXPEDITED, { id }, await hub.token(['reviewer'], 'fjczt'));
    expect(approved.errors).toBeUndefined();
    expect(approved.data.approveExpeditedRelease).toMatchObject({ status: 'PUBLISHED', expeditedRelease: { approvedBy: 'reviewer@fjczt', withinHour: true } });
    const after = (await hub.query(PROVINCE_SUPERVISION, PERIOD, supervisor)).data.provinceSupervision;
    expect([after.expeditedReleases - before.expeditedReleases, after.expeditedWithinHour - before.expeditedWithinHour, after.expeditedLate - before.expeditedLate]).toEqual([1, 1, 0]);
    // Another agency's staff cannot approve it (its document is not theirs).
    expect((await hub.query(APPROVE_EXPEDITED, { id }, await hub.token(['reviewer'], 'fjdrc'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('records each agency\'s training at that agency and adds the coverage figures up for the province', async () => {
    const supervisor = await hub.token(['supervisor']);
    const before = (await hub.query(PROVINCE_SUPERVISION, PERIOD, supervisor)).data.provinceSupervision;
    const session = { heldOn: '2026-11-10', title: '政务公开专题培训', kind: 'DISCLOSURE_STAFF', attendees: 8, headcount: 10 };
    for (const code of ['fjdrc', 'fjgov']) {
      const recorded = await hub.query(RECORD_TRAINING, { input: session }, await hub.token(['admin'], code));
      expect(recorded.errors).toBeUndefined();
    }
    await hub.query(RECORD_TRAINING, { input: { ...session, kind: 'ALL_STAFF', attendees: 90, headcount: 120 } }, await hub.token(['admin'], 'fjgov'));
    const after = (await hub.query(PROVINCE_SUPERVISION, PERIOD, supervisor)).data.provinceSupervision;
    expect(after.trainingSessions - before.trainingSessions).toBe(3);
    expect(after.agenciesWithDisclosureTraining - before.agenciesWithDisclosureTraining).toBe(2);
    expect(after.trainingHeadcount - before.trainingHeadcount).toBe(120);
    // The directory's agency, extended by its deployment's figures.
    const fjgov = await hub.query(`query($from: Date) { agency(code: "fjgov") { supervision(from: $from) { trainingCoverage disclosureStaffTrainings } } }`, { from: PERIOD.from }, supervisor);
    expect(fjgov.errors).toBeUndefined();
    expect(fjgov.data.agency.supervision).toMatchObject({ trainingCoverage: 0.75, disclosureStaffTrainings: 1 });
    // An editor records nothing, through the gateway as in-process.
    expect((await hub.query(RECORD_TRAINING, { input: session }, await hub.token(['editor'], 'fjczt'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps an accountability record at the agency it names, readable by supervisors and its admin, not by another agency\'s', async () => {
    const input = {
      subjectKind: 'FINDING', subjectId: 'finding-7', harm: '两部门公布数据不一致，造成误读', officialRole: 'DESIGNATED', officialName: '黄某',
      officialTitle: '政务公开工作人员', measure: 'ORDERED_RECTIFICATION', decidedOn: '2026-11-25', decidedBy: '福建省人民政府办公厅',
    };
    const recorded = await hub.query(RECORD_ACCOUNTABILITY, { agency: 'fjczt', input }, await hub.token(['supervisor']));
    expect(recorded.errors).toBeUndefined();
    const read = async (token?: string) =>
      (await hub.query(`{ agency(code: "fjczt") { accountabilityRecords { subjectId measure officialName } } }`, {}, token)).data?.agency?.accountabilityRecords;
    expect(await read(await hub.token(['supervisor']))).toEqual([{ subjectId: 'finding-7', measure: 'ORDERED_RECTIFICATION', officialName: '黄某' }]);
    expect(await read(await hub.token(['admin'], 'fjczt'))).toHaveLength(1);
    expect(await read(await hub.token(['admin'], 'fjdrc'))).toBeNull();
    expect(await read()).toBeNull();
    // The other deployments hold nothing of it.
    expect((await hub.query(`{ agency(code: "fjdrc") { accountabilityRecords { id } } }`, {}, await hub.token(['supervisor']))).data.agency.accountabilityRecords).toEqual([]);
  });
});
