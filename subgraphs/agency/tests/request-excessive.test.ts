import { openTestAgency, staff, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import {
  ANSWER_NUMBERED_CONSULTATION, ASK_FOR_REASONS, GET_REQUEST, MARK_EXCESSIVE, RECEIVE_REASONS, RECORD_REQUEST, REPLY, START_CONSULTATION,
} from '../../../test/documents/request-operations';
import { STATUTORY_RULES } from '../services/statutory-rules';
import { residentId } from '../../../tools/demo/codes';

const OFFICER = staff('fjdrc', 'disclosure-officer');
const PERSON_ID = residentId('350102', '19880214', 37);

describe.each(testEngines())('consultations and excessive requests (Art. 32, 35) on %s', (kind) => {
  let agency: TestAgency;
  let strict: TestAgency;
  // The clock: Fri 2026-11-27. The second deployment allows longer periods than the default.
  beforeAll(async () => {
    agency = await openTestAgency(kind);
    strict = await openTestAgency(kind, { env: { HUB_MAX_EXCESSIVE_WORKING_DAYS: '80' } });
  });
  afterAll(async () => { await agency.close(); await strict.close(); });

  const add = (from: string, days: number) => agency.runtime.calendar.addWorkingDays(from, days).on;
  const between = (from: string, to: string) => agency.runtime.calendar.workingDaysBetween(from, to);
  const record = async (submittedOn: string, on = agency) => (await on.exec(RECORD_REQUEST, {
    input: {
      requesterKind: 'NATURAL_PERSON', requesterName: '林小明', idNumber: PERSON_ID, contact: '13800000000', channel: 'IN_PERSON', agency: 'fjdrc',
      description: '请公开2025年省级重点项目名单', submittedOn,
    },
  }, OFFICER)).recordDisclosureRequest.id as string;
  const failure = async (mutation: string, variables: Record<string, unknown>, on = agency) => (await on.execRaw(mutation, variables, OFFICER)).errors?.[0];

  it('consults a second and a third third party on one request and matches each answer to its consultation', async () => {
    const id = await record('2026-10-12');
    for (const [on, detail] of [['2026-10-13', '征求甲公司意见'], ['2026-10-14', '征求乙公司意见'], ['2026-10-15', '征求丙公司意见']]) {
      await agency.exec(START_CONSULTATION, { id, party: 'THIRD_PARTY', on, detail }, OFFICER);
    }
    // The second answers first, then the first; the third runs its full period.
    await agency.exec(ANSWER_NUMBERED_CONSULTATION, { id, party: 'THIRD_PARTY', on: '2026-10-16', consultation: 2 }, OFFICER);
    expect((await failure(ANSWER_NUMBERED_CONSULTATION, { id, party: 'THIRD_PARTY', on: '2026-10-16', consultation: 2 }))?.extensions?.code).toBe('CONFLICT');
    expect((await failure(ANSWER_NUMBERED_CONSULTATION, { id, party: 'THIRD_PARTY', on: '2026-10-16', consultation: 4 }))?.extensions?.field).toBe('consultation');
    const answered = (await agency.exec(ANSWER_NUMBERED_CONSULTATION, { id, party: 'THIRD_PARTY', on: '2026-10-19', consultation: 1 }, OFFICER)).answerConsultation;
    // Paused (10-13, 10-15 + 15 working days]: the union of the three spans.
    const third = add('2026-10-15', STATUTORY_RULES.consultationWorkingDays);
    expect(answered.pausedWorkingDays).toBe(between('2026-10-13', third));
    expect(answered.replyDueOn).toBe(add('2026-10-12', 20 + between('2026-10-13', third)));
    expect(answered.events.filter((e: any) => e.kind.startsWith('CONSULTATION')).map((e: any) => `${e.kind} ${e.consultation}`)).toEqual([
      'CONSULTATION_STARTED 1', 'CONSULTATION_STARTED 2', 'CONSULTATION_STARTED 3', 'CONSULTATION_ANSWERED 2', 'CONSULTATION_ANSWERED 1',
    ]);
  });

  it('asks an excessive requester for reasons and refuses only once none came in time (Art. 35)', async () => {
    const id = await record('2026-11-02');
    await agency.exec(MARK_EXCESSIVE, { id, on: '2026-11-03', days: 0, reason: '一个月内申请 40 件' }, OFFICER);
    const asked = (await agency.exec(ASK_FOR_REASONS, { id, on: '2026-11-04', detail: '请说明申请的理由' }, OFFICER)).askForReasons;
    expect(asked.replyDueSteps.join('\n')).toMatch(/说明理由|reasons/);
    expect((await failure(ASK_FOR_REASONS, { id, on: '2026-11-05', detail: '再次' }))?.extensions?.code).toBe('CONFLICT');
    const { request } = await agency.exec(GET_REQUEST, { id }, OFFICER);
    const due = add('2026-11-04', STATUTORY_RULES.excessiveReasonsWorkingDays);
    expect(request.reasonsDueOn).toBe(due);
    // While the requester may still explain, the request cannot be refused as excessive.
    const early = await failure(REPLY, { id, on: '2026-11-06', outcome: 'NOT_PROCESSED_EXCESSIVE', responseText: '不予处理' });
    expect(early?.extensions?.code).toBe('CONFLICT');
    expect(early?.message).toContain(due);
    // No reasons by the deadline: not processed (a date past it; the clock is 11-27).
    expect(due < '2026-11-27').toBe(true);
    expect((await agency.exec(REPLY, { id, on: '2026-11-27', outcome: 'NOT_PROCESSED_EXCESSIVE', responseText: '申请人未说明理由，不予处理。' }, OFFICER)).replyToRequest.status).toBe('CLOSED');

    // Reasons given: the agency judges them; found unreasonable it may refuse at once, reasonable it sets a longer period.
    const other = await record('2026-11-16');
    await agency.exec(MARK_EXCESSIVE, { id: other, on: '2026-11-17', days: 0, reason: '一个月内申请 40 件' }, OFFICER);
    await agency.exec(ASK_FOR_REASONS, { id: other, on: '2026-11-18', detail: '请说明申请的理由' }, OFFICER);
    expect((await failure(RECEIVE_REASONS, { id: other, on: '2026-11-19', detail: ' ' }))?.extensions?.field).toBe('detail');
    await agency.exec(RECEIVE_REASONS, { id: other, on: '2026-11-19', detail: '为撰写学位论文收集资料' }, OFFICER);
    expect((await failure(RECEIVE_REASONS, { id: other, on: '2026-11-20', detail: '补充' }))?.extensions?.code).toBe('CONFLICT');
    expect((await agency.exec(REPLY, { id: other, on: '2026-11-20', outcome: 'NOT_PROCESSED_EXCESSIVE', responseText: '理由不合理，不予处理。' }, OFFICER)).replyToRequest.status).toBe('CLOSED');
  });

  it('takes the ceiling of the longer period (Art. 35 "合理期限") from the agency\'s rules table', async () => {
    expect(STATUTORY_RULES.maxExcessiveWorkingDays).toBe(60);
    const id = await record('2026-11-02');
    const over = await failure(MARK_EXCESSIVE, { id, on: '2026-11-03', days: 70, reason: '申请数量巨大' });
    expect(over?.extensions?.field).toBe('days');
    expect(over?.message).toContain('60');
    const there = await record('2026-11-02', strict);
    const marked = (await strict.exec(MARK_EXCESSIVE, { id: there, on: '2026-11-03', days: 70, reason: '申请数量巨大' }, OFFICER)).markRequestExcessive;
    expect(marked.replyDueOn).toBe(add('2026-11-02', 20 + 70));
    expect((await failure(MARK_EXCESSIVE, { id: await record('2026-11-02', strict), on: '2026-11-03', days: 81, reason: '申请数量巨大' }, strict))?.message).toContain('80');
  });
});
