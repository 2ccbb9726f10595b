import { openTestAgency, staff, PUBLIC, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import {
  ANSWER_CONSULTATION, CONFIRM_RECEIPT, EXTEND, GET_REQUEST, MARK_EXCESSIVE, NOTIFY_FEE, NOTIFY_FEE_COUNTED, PROGRESS, RECEIVE_SUPPLEMENT, RECORD_REQUEST,
  REPLY, REQUEST_SUPPLEMENT, START_CONSULTATION, SUBMIT_REQUEST,
} from '../../../test/documents/request-operations';
import { creditCode, organisationCode, residentId } from '../../../tools/demo/codes';

const OFFICER = staff('fjdrc', 'disclosure-officer');
const EDITOR = staff('fjdrc', 'editor');
const OTHER_OFFICER = staff('fjczt', 'disclosure-officer');
const PERSON_ID = residentId('350102', '19880214', 37);
const COMPANY_CODE = creditCode('91', '350100', organisationCode('61234567'));

const online = (extra: Record<string, unknown> = {}) => ({
  requesterKind: 'NATURAL_PERSON', requesterName: '林小明', idNumber: PERSON_ID, contact: '13800000000', channel: 'ONLINE',
  agency: 'fjdrc', description: '请公开2025年省级重点项目名单', ...extra,
});
const paper = (channel: string, submittedOn: string, receivedOn?: string) => ({ ...online({ channel }), submittedOn, receivedOn });

describe.each(testEngines())('the disclosure-request workflow on %s', (kind) => {
  let agency: TestAgency;
  // The clock: Fri 2026-11-27, 10:00 China time.
  beforeAll(async () => { agency = await openTestAgency(kind); });
  afterAll(() => agency.close());

  const record = async (input: Record<string, unknown>) => (await agency.exec(RECORD_REQUEST, { input }, OFFICER)).recordDisclosureRequest;
  const step = async (mutation: string, variables: Record<string, unknown>) => Object.values(await agency.exec(mutation, variables, OFFICER))[0] as Record<string, any>;
  const failure = async (mutation: string, variables: Record<string, unknown>, claims = OFFICER) => {
    const result = await agency.execRaw(mutation, variables, claims);
    return result.errors?.[0];
  };

  describe('the public form', () => {
    it('is received the day it is submitted online and returns an unguessable tracking code', async () => {
      const { submitDisclosureRequest: s } = await agency.exec(SUBMIT_REQUEST, { input: online() }, PUBLIC);
      // Received Fri 11-27: 30 (1), 12-01..04 (2–5), 07..11 (6–10), 14..18 (11–15), 21..25 (16–20) → Fri 12-25.
      expect(s).toMatchObject({ agency: { code: 'fjdrc' }, receivedOn: '2026-11-27', replyDueOn: '2026-12-25' });
      expect(s.trackingCode).toMatch(/^fjdrc:[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      expect(s.trackingCode).not.toContain(PERSON_ID.slice(-4));
      const other = (await agency.exec(SUBMIT_REQUEST, { input: online() }, PUBLIC)).submitDisclosureRequest;
      expect(other.trackingCode).not.toBe(s.trackingCode);
      const { requestProgress: p } = await agency.exec(PROGRESS, { code: s.trackingCode }, PUBLIC);
      expect(p).toMatchObject({ status: 'PROCESSING', receivedOn: '2026-11-27', replyDueOn: '2026-12-25', provisional: false, events: [{ kind: 'SUBMITTED', on: '2026-11-27' }, { kind: 'RECEIVED', on: '2026-11-27' }] });
      expect(JSON.stringify(p)).not.toMatch(/林小明|13800000000|350102/);
      expect((await agency.exec(PROGRESS, { code: 'fjdrc:0000-0000-0000-0000' }, PUBLIC)).requestProgress).toBeNull();
    });

    it.each([
      ['a resident id with a wrong check digit', online({ idNumber: PERSON_ID.slice(0, 17) + (PERSON_ID[17] === '1' ? '2' : '1') }), 'idNumber'],
      ['a natural person without an id', online({ idNumber: null }), 'idNumber'],
      ['an enterprise with a wrong credit code', online({ requesterKind: 'COMMERCIAL_ENTERPRISE', idNumber: COMPANY_CODE.slice(0, 17) + (COMPANY_CODE[17] === 'A' ? 'B' : 'A') }), 'idNumber'],
      ['a research institution without a credit code', online({ requesterKind: 'RESEARCH_INSTITUTION', idNumber: null }), 'idNumber'],
      ['an empty contact', online({ contact: '  ' }), 'contact'],
      ['a description too short to find anything', online({ description: '文件' }), 'description'],
      ['another agency', online({ agency: 'fjczt' }), 'agency'],
      ['a fax sent through the online form', online({ channel: 'FAX' }), 'channel'],
    ])('refuses %s with a bilingual error naming the field', async (_what, input, field) => {
      const error = await failure(SUBMIT_REQUEST, { input }, PUBLIC);
      expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(error?.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    });

    it('accepts an enterprise with its credit code and an other organisation without one', async () => {
      await agency.exec(SUBMIT_REQUEST, { input: online({ requesterKind: 'COMMERCIAL_ENTERPRISE', requesterName: '福州某某科技有限公司', idNumber: COMPANY_CODE }) }, PUBLIC);
      await agency.exec(SUBMIT_REQUEST, { input: online({ requesterKind: 'OTHER_ORGANISATION', requesterName: '某小区业主委员会', idNumber: null }) }, PUBLIC);
    });
  });

  describe('receipt date by channel (Art. 31)', () => {
    it('in person: the day submitted', async () => {
      expect(await record(paper('IN_PERSON', '2026-02-13'))).toMatchObject({ receivedOn: '2026-02-13', replyDueOn: '2026-03-19', status: 'PROCESSING' });
      expect((await failure(RECORD_REQUEST, { input: paper('IN_PERSON', '2026-02-13', '2026-02-14') }))?.extensions?.field).toBe('receivedOn');
    });

    it('registered post: the day signed for, which must be given', async () => {
      // Posted Thu 02-12, signed for Fri 02-13: due Thu 03-19 as counted in request-clock.test.ts.
      expect(await record(paper('REGISTERED_POST', '2026-02-12', '2026-02-13'))).toMatchObject({ submittedOn: '2026-02-12', receivedOn: '2026-02-13', replyDueOn: '2026-03-19' });
      expect((await failure(RECORD_REQUEST, { input: paper('REGISTERED_POST', '2026-02-12') }))?.extensions?.field).toBe('receivedOn');
    });

    it.each(['ORDINARY_POST', 'FAX', 'ONLINE'])('%s: the day both sides confirm, recorded later', async (channel) => {
      const r = await record(paper(channel, '2026-02-10'));
      expect(r).toMatchObject({ status: 'AWAITING_RECEIPT', receivedOn: null, replyDueOn: null });
      // Confirmed Fri 02-13 → due Thu 03-19.
      expect(await step(CONFIRM_RECEIPT, { id: r.id, on: '2026-02-13' })).toMatchObject({ status: 'PROCESSING', receivedOn: '2026-02-13', replyDueOn: '2026-03-19' });
      expect((await failure(CONFIRM_RECEIPT, { id: r.id, on: '2026-02-14' }))?.extensions?.code).toBe('CONFLICT');
    });
  });

  it('restarts on the supplement, pauses for consultation, extends once, replies and archives', async () => {
    const r = await record(paper('IN_PERSON', '2026-02-09'));
    // Supplement notice by Wed 02-25 (7 working days across Spring Festival): 02-26 is too late.
    expect((await failure(REQUEST_SUPPLEMENT, { id: r.id, on: '2026-02-26', detail: '请明确所需文件的年份' }))?.extensions?.field).toBe('on');
    expect(await step(REQUEST_SUPPLEMENT, { id: r.id, on: '2026-02-12', detail: '请明确所需文件的年份' })).toMatchObject({ status: 'AWAITING_SUPPLEMENT', replyDueOn: null });
    expect((await failure(REQUEST_SUPPLEMENT, { id: r.id, on: '2026-02-13', detail: '再次补正' }))?.extensions?.code).toBe('CONFLICT');
    // Supplement Thu 02-26 → due Wed 03-25 (request-clock.test.ts).
    expect(await step(RECEIVE_SUPPLEMENT, { id: r.id, on: '2026-02-26', detail: '2025年' })).toMatchObject({ status: 'PROCESSING', replyDueOn: '2026-03-25' });
    // Third party consulted Mon 03-02, answered Fri 03-06: paused (03-02, 03-06] = 4 → 25 + 4: 26 27 30 31 → Tue 03-31.
    // Recorded on 11-27, long after its 15 working days ran out unanswered: counted in full until the answer comes in.
    expect(await step(START_CONSULTATION, { id: r.id, party: 'THIRD_PARTY', on: '2026-03-02', detail: '涉及企业商业秘密，征求意见' })).toMatchObject({ status: 'PROCESSING' });
    expect(await step(ANSWER_CONSULTATION, { id: r.id, party: 'THIRD_PARTY', on: '2026-03-06', detail: '同意公开' })).toMatchObject({ status: 'PROCESSING', replyDueOn: '2026-03-31' });
    expect((await failure(EXTEND, { id: r.id, on: '2026-03-20', days: 21, approver: '王主任', notice: '延期答复通知' }))?.extensions?.field).toBe('days');
    expect((await failure(EXTEND, { id: r.id, on: '2026-03-20', days: 10, approver: ' ', notice: '延期答复通知' }))?.extensions?.field).toBe('approver');
    // +10: 04-01..03 (3), 04-06 is Qingming (rest 04-04..06), 07..10 (7), 13,14,15 (10) → Wed 04-15.
    expect(await step(EXTEND, { id: r.id, on: '2026-03-20', days: 10, approver: '王主任', notice: '因需调取档案，延期 10 个工作日答复' })).toMatchObject({ replyDueOn: '2026-04-15' });
    expect((await failure(EXTEND, { id: r.id, on: '2026-03-23', days: 5, approver: '王主任', notice: '再延' }))?.extensions?.code).toBe('CONFLICT');
    expect((await failure(NOTIFY_FEE, { id: r.id, on: '2026-03-23', amountYuan: 100, notice: '收费' }))?.extensions?.code).toBe('CONFLICT');
    const closed = await step(REPLY, { id: r.id, on: '2026-04-10', outcome: 'PARTLY_DISCLOSED', responseText: '经审查，部分公开，涉及第三方商业秘密的部分不予公开。' });
    expect(closed).toMatchObject({ status: 'CLOSED', closedOn: '2026-04-10', outcome: 'PARTLY_DISCLOSED', replyDueOn: '2026-04-15' });
    // Archived: every later change is a CONFLICT, and the history is whole.
    for (const [mutation, variables] of [
      [REPLY, { id: r.id, on: '2026-04-13', outcome: 'DISCLOSED', responseText: '改答复' }],
      [START_CONSULTATION, { id: r.id, party: 'CO_PRODUCER', on: '2026-04-13', detail: 'x' }],
      [CONFIRM_RECEIPT, { id: r.id, on: '2026-04-13' }],
    ] as const) {
      expect((await failure(mutation, variables))?.extensions?.code).toBe('CONFLICT');
    }
    const { request } = await agency.exec(GET_REQUEST, { id: r.id }, OFFICER);
    expect(request.events.map((e: { kind: string }) => e.kind)).toEqual([
      'SUBMITTED', 'RECEIVED', 'SUPPLEMENT_REQUESTED', 'SUPPLEMENT_RECEIVED', 'CONSULTATION_STARTED', 'CONSULTATION_ANSWERED', 'EXTENDED', 'REPLIED',
    ]);
    expect(request.events.find((e: { kind: string }) => e.kind === 'EXTENDED')).toMatchObject({ days: 10, approver: '王主任', actor: OFFICER.sub });
    expect(request).toMatchObject({ outcomeRow: '3.2', repliedLate: false, pausedWorkingDays: 4, extendedWorkingDays: 10 });
    expect(request.replyDueSteps.join('\n')).toMatch(/supplement received 2026-02-26[\s\S]*third-party consultation[\s\S]*extended 10 working days[\s\S]*reply due 2026-04-15/);
  });

  it('counts a request as abandoned when no supplement comes in time (3.6.1)', async () => {
    const r = await record(paper('IN_PERSON', '2026-02-09'));
    await step(REQUEST_SUPPLEMENT, { id: r.id, on: '2026-02-12', detail: '请说明所需信息的具体名称' });
    // Supplement due Wed 03-11 (request-clock.test.ts): nothing answered on 03-11 yet, late on 03-12.
    expect((await failure(REPLY, { id: r.id, on: '2026-03-11', outcome: 'OTHER_NO_SUPPLEMENT', responseText: '视为放弃' }))?.extensions?.code).toBe('CONFLICT');
    expect((await failure(REPLY, { id: r.id, on: '2026-03-12', outcome: 'DISCLOSED', responseText: '公开' }))?.extensions?.code).toBe('CONFLICT');
    expect((await failure(RECEIVE_SUPPLEMENT, { id: r.id, on: '2026-03-12' }))?.extensions?.code).toBe('CONFLICT');
    expect(await step(REPLY, { id: r.id, on: '2026-03-12', outcome: 'OTHER_NO_SUPPLEMENT', responseText: '申请人逾期未补正，视为放弃申请。' })).toMatchObject({ status: 'CLOSED', outcome: 'OTHER_NO_SUPPLEMENT' });
  });

  it('allows a fee and an excessive refusal only for an excessive request (Art. 35, 42)', async () => {
    const r = await record(paper('IN_PERSON', '2026-09-14'));
    expect((await failure(REPLY, { id: r.id, on: '2026-09-30', outcome: 'NOT_PROCESSED_EXCESSIVE', responseText: '不予处理' }))?.extensions?.code).toBe('CONFLICT');
    // Due Fri 10-16 + 5 more working days → Fri 10-23 (request-clock.test.ts).
    expect(await step(MARK_EXCESSIVE, { id: r.id, on: '2026-09-16', days: 5, reason: '一年内申请 300 余件' })).toMatchObject({ replyDueOn: '2026-10-23' });
    // 50 pages: 20 × ¥10 (request-fees.test.ts has the tiers). Payment due Wed 10-21 (20 working days across National Day, as the official calendar has it).
    expect(await step(NOTIFY_FEE_COUNTED, { id: r.id, on: '2026-09-17', method: 'BY_VOLUME', pages: 50, notice: '请于 20 个工作日内缴纳信息处理费' })).toMatchObject({ feeYuan: 200, feePaymentDueOn: '2026-10-21' });
    expect(await step(REPLY, { id: r.id, on: '2026-10-26', outcome: 'OTHER_FEE_UNPAID', responseText: '逾期未缴费，不再处理。' })).toMatchObject({ status: 'CLOSED' });
    const { request } = await agency.exec(GET_REQUEST, { id: r.id }, OFFICER);
    // The unpaid period is not counted, so the reply of 10-26 is in time.
    expect(request).toMatchObject({ excessive: true, feeYuan: 200, repliedLate: false, outcomeRow: '3.6.2' });
  });

  it('lets only the agency\'s disclosure officers and admin drive a request', async () => {
    const r = await record(paper('IN_PERSON', '2026-11-02'));
    expect((await failure(REPLY, { id: r.id, on: '2026-11-20', outcome: 'DISCLOSED', responseText: '公开' }, EDITOR))?.extensions?.code).toBe('FORBIDDEN');
    expect((await failure(REPLY, { id: r.id, on: '2026-11-20', outcome: 'DISCLOSED', responseText: '公开' }, OTHER_OFFICER))?.extensions?.code).toBe('NOT_FOUND');
    expect((await failure(RECORD_REQUEST, { input: paper('IN_PERSON', '2026-11-02') }, EDITOR))?.extensions?.code).toBe('FORBIDDEN');
    expect((await failure(REPLY, { id: r.id, on: '2026-11-30', outcome: 'DISCLOSED', responseText: '公开' }))?.extensions?.field).toBe('on');
  });
});
