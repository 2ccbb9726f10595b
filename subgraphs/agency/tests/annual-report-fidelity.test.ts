import { openTestAgency, staff, PUBLIC, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { AGENCY_REPORT, RECORD_REQUEST } from '../../../test/documents/request-operations';
import { seedAgency } from '../../../tools/demo/seed-agency';
import { demoAgency } from '../../../tools/demo/province';
import { residentId } from '../../../tools/demo/codes';
import { createClock } from '../../shared/clock';
import type { Claims } from '../../../schema/contracts/claims';
import { createContext } from '../context';
import { DisclosureAttribute, Validity } from '../entities/enums';
import * as documents from '../services/document.service';

const ADMIN = staff('fjdrc', 'admin');
const WRITE = `mutation($year: Int!, $input: AnnualReportTextInput!) { updateAnnualReportText(year: $year, input: $input) { year proactiveTable { permitDecisions compulsoryMeasureDecisions feeAmountTenThousandYuan figuresSource } } }`;
const EXTRA = `query($code: ID!, $year: Int!) { _entities(representations: [{ __typename: "Agency", code: $code }]) { ... on Agency { annualReport(year: $year) {
  frozen corrections proactiveTableCsv appealsTableCsv requestsTableCsv proactiveTable { figuresSource } } } } }`;

describe.each(testEngines())('annual report fidelity on %s', (kind) => {
  let agency: TestAgency;
  const report = async (year: number, claims: Claims = PUBLIC) => (await agency.exec(AGENCY_REPORT, { code: 'fjdrc', year }, claims))._entities[0].annualReport;
  const extra = async (year: number) => (await agency.exec(EXTRA, { code: 'fjdrc', year }, ADMIN))._entities[0].annualReport;
  /** Services as of a past moment, as the demo seeder runs them. */
  const at = (instant: string, claims: Claims) => createContext({ ...agency.runtime, clock: createClock(instant) }, claims);

  beforeAll(async () => {
    agency = await openTestAgency(kind);
    await seedAgency(agency.runtime, demoAgency('fjdrc')!, { documents: 20, penalties: 4, requests: 20, today: '2026-11-27' });
  });
  afterAll(() => agency.close());

  it('lets the agency enter table 2\'s permits, compulsory measures and fees, with their source, and publishes no report without them', async () => {
    expect((await report(2025)).proactiveTable).toMatchObject({ permitDecisions: 0, compulsoryMeasureDecisions: 0, feeAmountTenThousandYuan: 0 });
    expect((await extra(2025)).proactiveTable.figuresSource).toBeNull();
    await agency.exec(WRITE, { year: 2025, input: { overview: '2025年总体情况。' } }, ADMIN);
    const early = await agency.execRaw(`mutation { publishAnnualReport(year: 2025) { year } }`, {}, ADMIN);
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'permitDecisions' });
    expect(early.errors?.[0].message).toMatch(/行政许可.* \/ .*permits/);

    const unsourced = await agency.execRaw(WRITE, { year: 2025, input: { permitDecisions: 12 } }, ADMIN);
    expect(unsourced.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'figuresSource' });
    const negative = await agency.execRaw(WRITE, { year: 2025, input: { permitDecisions: -1, figuresSource: '审批系统' } }, ADMIN);
    expect(negative.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'permitDecisions' });
    const tooFine = await agency.execRaw(WRITE, { year: 2025, input: { feeAmountTenThousandYuan: 1.23456, figuresSource: '财务台账' } }, ADMIN);
    expect(tooFine.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'feeAmountTenThousandYuan' });

    const source = '福建省网上办事大厅审批系统 2026-01-05 导出；财务处收费台账';
    await agency.exec(WRITE, { year: 2025, input: { permitDecisions: 12, compulsoryMeasureDecisions: 3, feeAmountTenThousandYuan: 1.25, figuresSource: source } }, ADMIN);
    expect((await report(2025)).proactiveTable).toMatchObject({ permitDecisions: 12, compulsoryMeasureDecisions: 3, feeAmountTenThousandYuan: 1.25 });
    expect((await extra(2025)).proactiveTable.figuresSource).toBe(source);
  });

  it('counts 现行有效 as of 31 December of the year, not as of today', async () => {
    const before = (await report(2025)).proactiveTable.normativeDocuments.effective;
    // A normative document published in 2025 and repealed in 2026 was in force at the end of 2025.
    const editor2025 = at('2025-03-05T10:00:00+08:00', staff('fjdrc', 'editor'));
    const doc = await documents.createDocument(editor2025, {
      title: '关于规范年度报告口径的意见', body: '正文', theme: '综合政务', genre: '意见', docNumber: '闽发改规〔2025〕7号',
      formedOn: '2025-03-04', disclosure: DisclosureAttribute.PROACTIVE,
    });
    await documents.submitForReview(editor2025, doc.id);
    await documents.reviewDocument(at('2025-03-05T11:00:00+08:00', staff('fjdrc', 'reviewer')), doc.id, true);
    await documents.publishDocument(at('2025-03-05T12:00:00+08:00', staff('fjdrc', 'editor')), doc.id);
    expect((await report(2025)).proactiveTable.normativeDocuments.effective).toBe(before + 1);
    await documents.changeValidity(at('2026-06-01T10:00:00+08:00', staff('fjdrc', 'editor')), doc.id, Validity.REPEALED, '已被新文件替代');
    expect((await report(2025)).proactiveTable.normativeDocuments.effective).toBe(before + 1);

    // One formed in 2025 but only published in 2026 was not in force at the end of 2025.
    const late = await documents.createDocument(at('2025-12-30T10:00:00+08:00', staff('fjdrc', 'editor')), {
      title: '关于补充规范口径的意见', body: '正文', theme: '综合政务', genre: '意见', docNumber: '闽发改规〔2025〕8号',
      formedOn: '2025-12-30', disclosure: DisclosureAttribute.PROACTIVE,
    });
    await documents.submitForReview(at('2026-01-05T10:00:00+08:00', staff('fjdrc', 'editor')), late.id);
    await documents.reviewDocument(at('2026-01-05T11:00:00+08:00', staff('fjdrc', 'reviewer')), late.id, true);
    await documents.publishDocument(at('2026-01-05T12:00:00+08:00', staff('fjdrc', 'editor')), late.id);
    expect((await report(2025)).proactiveTable.normativeDocuments.effective).toBe(before + 1);
  });

  it('freezes the published report: a later backdated record changes nothing in it and shows as a correction in the next year\'s report', async () => {
    await agency.exec(`mutation { publishAnnualReport(year: 2025) { year } }`, {}, ADMIN);
    const published = await report(2025);
    expect((await extra(2025)).frozen).toBe(true);
    expect((await extra(2026)).corrections).toEqual([]);

    // A paper request received in June 2025, entered only now.
    const officer = staff('fjdrc', 'disclosure-officer');
    const recorded = await agency.execRaw(RECORD_REQUEST, { input: {
      requesterKind: 'NATURAL_PERSON', requesterName: '林补录', idNumber: residentId('350102', '19800101', 7), contact: '13800000001',
      channel: 'IN_PERSON', agency: 'fjdrc', description: '补录的2025年纸质申请', submittedOn: '2025-06-02',
    } }, officer);
    expect(recorded.errors).toBeUndefined();
    expect(await report(2025)).toEqual(published);
    const corrections: string[] = (await extra(2026)).corrections;
    const newRow = published.requestsTable.find((r: { code: string }) => r.code === '1');
    expect(corrections).toEqual(expect.arrayContaining([expect.stringContaining(`表三 1 一、本年新收政府信息公开申请数量 总计 / table 3 row 1 total：已发布 ${newRow.total}，更正为 ${newRow.total + 1}`)]));
    // The figures entered for a published year cannot change either.
    const again = await agency.execRaw(WRITE, { year: 2025, input: { permitDecisions: 13 } }, ADMIN);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('offers every table as CSV with the national row and column labels', async () => {
    const csv = await extra(2025);
    const proactive = csv.proactiveTableCsv.trim().split('\n');
    expect(proactive).toEqual(expect.arrayContaining(['信息内容,本年制发件数,本年废止件数,现行有效件数', '行政许可,12,,', '行政强制,3,,', '行政事业性收费,1.25,,']));
    expect(proactive.some((l: string) => l.startsWith('第二十条第（八）项'))).toBe(true);
    expect(proactive.some((l: string) => l.startsWith('信息内容,本年收费金额（单位：万元）'))).toBe(true);
    const appeals = csv.appealsTableCsv.trim().split('\n');
    expect(appeals[0]).toBe('项目,结果维持,结果纠正,其他结果,尚未审结,总计');
    expect(appeals.slice(1).map((l: string) => l.split(',')[0])).toEqual(['行政复议', '行政诉讼：未经复议直接起诉', '行政诉讼：复议后起诉']);
    expect(csv.requestsTableCsv.split('\n')[0]).toBe('代码,项目,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计');
  });
});
