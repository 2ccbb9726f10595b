import { openTestAgency, staff, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import {
  AGENCY_REPORT, GET_REQUEST, MARK_EXCESSIVE, NOTIFY_FEE_COUNTED, RECORD_FEE_PAYMENT, RECORD_REQUEST, REPLY,
} from '../../../test/documents/request-operations';
import { residentId } from '../../../tools/demo/codes';
import { feeByItem, feeByVolume } from '../services/processing-fee';

const OFFICER = staff('fjdrc', 'disclosure-officer');
const PERSON_ID = residentId('350102', '19880214', 37);
const OTHER_ID = residentId('350103', '19900301', 12);

describe('the fee tiers of 《政府信息公开信息处理费管理办法》 (2020)', () => {
  it('by item (第四条): 1–10 free, 11–30 ¥100, then ¥100 more per band of 10', () => {
    expect([1, 10, 11, 30, 31, 40, 41, 50, 51].map(feeByItem)).toEqual([0, 0, 100, 100, 200, 200, 300, 300, 400]);
  });

  it('by volume (第五条): 30 pages free, 31–100 ¥10, 101–200 ¥20, above 200 ¥40 a page, stepped', () => {
    expect([0, 30, 31, 100, 101, 150, 200, 201].map(feeByVolume)).toEqual([0, 0, 10, 700, 720, 1700, 2700, 2740]);
  });
});

describe.each(testEngines())('information-processing fees (Art. 42) on %s', (kind) => {
  let agency: TestAgency;
  // The clock: Fri 2026-11-27.
  beforeAll(async () => { agency = await openTestAgency(kind); });
  afterAll(() => agency.close());

  const add = (from: string, days: number) => agency.runtime.calendar.addWorkingDays(from, days).on;
  const between = (from: string, to: string) => agency.runtime.calendar.workingDaysBetween(from, to);
  const record = async (submittedOn: string, idNumber = PERSON_ID, extra: Record<string, unknown> = {}) => (await agency.exec(RECORD_REQUEST, {
    input: {
      requesterKind: 'NATURAL_PERSON', requesterName: '林小明', idNumber, contact: '13800000000', channel: 'IN_PERSON', agency: 'fjdrc',
      description: '请公开2025年省级重点项目名单', submittedOn, ...extra,
    },
  }, OFFICER)).recordDisclosureRequest;
  const excessive = async (id: string, on: string) => agency.exec(MARK_EXCESSIVE, { id, on, days: 0, reason: '一个月内申请逾十件' }, OFFICER);
  const fee = async (variables: Record<string, unknown>) => (await agency.exec(NOTIFY_FEE_COUNTED, { notice: '收费通知：依据、标准、数额、缴纳方式', ...variables }, OFFICER)).notifyProcessingFee;
  const failure = async (mutation: string, variables: Record<string, unknown>) => (await agency.execRaw(mutation, variables, OFFICER)).errors?.[0];
  const bilingual = /[\u4e00-\u9fff].* \/ [A-Za-z]/;

  it('by item: the 11th request of one requester in a calendar month costs ¥100; the 10th nothing; others\' and other months\' do not count', async () => {
    await record('2026-09-30');
    await record('2026-10-09', OTHER_ID);
    const ids: string[] = [];
    for (let day = 12; day <= 22; day += 1) ids.push((await record(`2026-10-${day}`)).id);
    const tenth = ids[9];
    const eleventh = ids[10];
    await excessive(tenth, '2026-10-23');
    await excessive(eleventh, '2026-10-23');
    const free = await failure(NOTIFY_FEE_COUNTED, { id: tenth, on: '2026-10-26', notice: '收费通知', method: 'BY_ITEM' });
    expect(free?.extensions?.code).toBe('CONFLICT');
    expect(free?.message).toMatch(bilingual);
    expect(await fee({ id: eleventh, on: '2026-10-26' })).toMatchObject({ feeYuan: 100 });
  });

  it('by volume: the pages decide, never both ways, and not for inspection in person (第三条, 第五条)', async () => {
    const r = await record('2026-11-02');
    await excessive(r.id, '2026-11-03');
    expect((await failure(NOTIFY_FEE_COUNTED, { id: r.id, on: '2026-11-04', notice: '收费', method: 'BY_VOLUME' }))?.extensions?.field).toBe('pages');
    expect((await failure(NOTIFY_FEE_COUNTED, { id: r.id, on: '2026-11-04', notice: '收费', method: 'BY_ITEM', pages: 150 }))?.extensions?.field).toBe('pages');
    // A reduction (减免) below the tiers is allowed, more than they give is not.
    expect((await failure(NOTIFY_FEE_COUNTED, { id: r.id, on: '2026-11-04', notice: '收费', method: 'BY_VOLUME', pages: 150, amountYuan: 1701 }))?.extensions?.field).toBe('amountYuan');
    expect(await fee({ id: r.id, on: '2026-11-04', method: 'BY_VOLUME', pages: 150 })).toMatchObject({ feeYuan: 1700 });
    const seen = await record('2026-11-02', PERSON_ID, { deliveryMethod: 'INSPECTION' });
    await excessive(seen.id, '2026-11-03');
    expect((await failure(NOTIFY_FEE_COUNTED, { id: seen.id, on: '2026-11-04', notice: '收费', method: 'BY_VOLUME', pages: 150 }))?.extensions?.field).toBe('method');
  });

  it('refuses a fee notice after the reply period ended, with a bilingual error', async () => {
    const r = await record('2026-09-01');
    await excessive(r.id, '2026-09-02');
    const due = add('2026-09-01', 20);
    const late = await failure(NOTIFY_FEE_COUNTED, { id: r.id, on: add(due, 1), notice: '收费', method: 'BY_VOLUME', pages: 50 });
    expect(late?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'on' });
    expect(late?.message).toMatch(bilingual);
    expect(late?.message).toContain(due);
  });

  it('gives 20 working days to pay and stops the reply clock from the notice to the payment', async () => {
    const r = await record('2026-10-12', OTHER_ID);
    await excessive(r.id, '2026-10-13');
    const noticed = await fee({ id: r.id, on: '2026-10-14', method: 'BY_VOLUME', pages: 40 });
    const payBy = add('2026-10-14', 20);
    // Unpaid, the whole payment period is assumed (the latest the reply can be due).
    expect(noticed).toMatchObject({ feeYuan: 100, feePaymentDueOn: payBy, replyDueOn: add('2026-10-12', 20 + 20), pausedWorkingDays: 20 });
    const paid = (await agency.exec(RECORD_FEE_PAYMENT, { id: r.id, on: '2026-10-21' }, OFFICER)).recordFeePayment;
    expect(paid.replyDueOn).toBe(add('2026-10-12', 20 + between('2026-10-14', '2026-10-21')));
    expect(paid.replyDueSteps.join('\n')).toMatch(/fee/);
    expect((await failure(RECORD_FEE_PAYMENT, { id: r.id, on: '2026-10-22' }))?.extensions?.code).toBe('CONFLICT');
    expect((await failure(REPLY, { id: r.id, on: add(payBy, 1), outcome: 'OTHER_FEE_UNPAID', responseText: '逾期未缴费' }))?.extensions?.code).toBe('CONFLICT');
  });

  it('closes for non-payment only after the payment period, and counts it in table 3 row 3.6.2 and the paid fees in table 2', async () => {
    const r = await record('2026-08-03', OTHER_ID);
    await excessive(r.id, '2026-08-04');
    await fee({ id: r.id, on: '2026-08-05', method: 'BY_VOLUME', pages: 60 });
    const payBy = add('2026-08-05', 20);
    const early = await failure(REPLY, { id: r.id, on: payBy, outcome: 'OTHER_FEE_UNPAID', responseText: '逾期未缴费，不再处理。' });
    expect(early?.extensions?.code).toBe('CONFLICT');
    expect(early?.message).toMatch(bilingual);
    expect(early?.message).toContain(payBy);
    expect((await failure(RECORD_FEE_PAYMENT, { id: r.id, on: add(payBy, 1) }))?.extensions?.code).toBe('CONFLICT');
    await agency.exec(REPLY, { id: r.id, on: add(payBy, 1), outcome: 'OTHER_FEE_UNPAID', responseText: '逾期未缴费，不再处理。' }, OFFICER);
    const { request } = await agency.exec(GET_REQUEST, { id: r.id }, OFFICER);
    expect(request).toMatchObject({ outcomeRow: '3.6.2', feeYuan: 300 });

    const before = (await agency.exec(AGENCY_REPORT, { code: 'fjdrc', year: 2026 }))._entities[0].annualReport;
    const paid = await record('2026-08-03', OTHER_ID);
    await excessive(paid.id, '2026-08-04');
    await fee({ id: paid.id, on: '2026-08-05', method: 'BY_VOLUME', pages: 130 });
    await agency.exec(RECORD_FEE_PAYMENT, { id: paid.id, on: '2026-08-10' }, OFFICER);
    const after = (await agency.exec(AGENCY_REPORT, { code: 'fjdrc', year: 2026 }))._entities[0].annualReport;
    const row = (report: any, code: string) => report.requestsTable.find((x: any) => x.code === code).total;
    expect(row(after, '3.6.2')).toBeGreaterThanOrEqual(1);
    // ¥700 + 30 × ¥20 = ¥1,300 paid: 0.13 of 10,000 yuan more (行政事业性收费).
    expect(Math.round((after.proactiveTable.feeAmountTenThousandYuan - before.proactiveTable.feeAmountTenThousandYuan) * 10_000)).toBe(1300);
  });
});
