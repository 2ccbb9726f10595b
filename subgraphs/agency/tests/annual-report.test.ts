import { openTestAgency, staff, PUBLIC, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { AGENCY_REPORT, PROVINCE_REPORT } from '../../../test/documents/request-operations';
import { seedAgency } from '../../../tools/demo/seed-agency';
import { demoAgency } from '../../../tools/demo/province';
import { DisclosureRequestEntity } from '../entities/request.entity';
import { RequestStatus } from '../entities/request-enums';
import { expectConsistentTable, REPORT_COLUMNS, type ReportRowShape as Row } from '../../../test/support/report-checks';

const ADMIN = staff('fjdrc', 'admin');
const COLUMNS = REPORT_COLUMNS;

describe.each(testEngines())('the annual report on %s', (kind) => {
  let agency: TestAgency;
  const report = async (year: number, claims = PUBLIC) => (await agency.exec(AGENCY_REPORT, { code: 'fjdrc', year }, claims))._entities[0].annualReport;

  beforeAll(async () => {
    agency = await openTestAgency(kind);
    await seedAgency(agency.runtime, demoAgency('fjdrc')!, { documents: 60, penalties: 8, requests: 60, today: '2026-11-27' });
  });
  afterAll(() => agency.close());

  it.each([2024, 2025, 2026])('table 3 of %i adds up in every column and carries over to the next year', async (year) => {
    const { requestsTable } = await report(year);
    expectConsistentTable(requestsTable);
    expect(requestsTable.find((r: Row) => r.code === '1').total).toBeGreaterThan(0);
    if (year > 2024) {
      const previous = (await report(year - 1)).requestsTable;
      // What one year carries over is what the next year takes over.
      expect(requestsTable.find((r: Row) => r.code === '2')).toMatchObject(Object.fromEntries(COLUMNS.map((c) => [c, previous.find((r: Row) => r.code === '4')[c]])));
    }
  });

  it('counts what the database holds: new, closed and still open requests', async () => {
    const em = agency.runtime.orm.em.fork();
    const received2025 = await em.count(DisclosureRequestEntity, { receivedOn: { $gte: '2025-01-01', $lte: '2025-12-31' } });
    const openNow = await em.count(DisclosureRequestEntity, { receivedOn: { $ne: null }, status: { $ne: RequestStatus.CLOSED } });
    expect((await report(2025)).requestsTable[0].total).toBe(received2025);
    expect((await report(2026)).requestsTable.find((r: Row) => r.code === '4').total).toBe(openNow);
  });

  it('gives table 2 from documents and penalties, and table 4 from appeals, each adding up', async () => {
    const { proactiveTable, appealsTable } = await report(2025);
    expect(proactiveTable.penaltyDecisions).toBeGreaterThanOrEqual(0);
    expect(proactiveTable.notes).toHaveLength(3);
    for (const counts of Object.values(appealsTable) as Record<string, number>[]) {
      expect(counts.total).toBe(counts.upheld + counts.corrected + counts.other + counts.pending);
    }
  });

  it('costs the same few SQL statements whatever the number of requests', async () => {
    const cost = async () => {
      agency.sql.length = 0;
      await agency.exec(PROVINCE_REPORT, { year: 2025 });
      return agency.sql.filter((s) => /\bselect\b/i.test(s)).length;
    };
    const before = await cost();
    const em = agency.runtime.orm.em.fork();
    const template = (await em.find(DisclosureRequestEntity, {}, { limit: 1 }))[0];
    await em.insertMany(DisclosureRequestEntity, Array.from({ length: 300 }, (_, i) => ({
      ...template, id: `fjdrc:x${i}`, trackingCode: `fjdrc:BULK-${i}`, receivedOn: '2025-03-03', closedOn: i % 2 ? '2025-03-20' : null,
      status: i % 2 ? RequestStatus.CLOSED : RequestStatus.PROCESSING, outcome: i % 2 ? template.outcome ?? 'DISCLOSED' : null,
    })) as never);
    expect(await cost()).toBe(before);
    // The report's row (table 2's entered figures, a frozen report), table 3, table 2 documents, penalties, information-processing fees paid and table 4: one statement each.
    expect(before).toBe(6);
    expectConsistentTable((await agency.exec(PROVINCE_REPORT, { year: 2025 })).provinceAnnualReport.requestsTable);
  });

  it('offers table 3 as CSV, 25 rows under a Chinese header', async () => {
    const { requestsTableCsv } = await report(2025);
    const lines = requestsTableCsv.trim().split('\n');
    expect(lines[0]).toBe('代码,项目,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计');
    expect(lines).toHaveLength(26);
    expect(lines[25]).toMatch(/^4,四、结转下年度继续办理,/);
  });

  it('lets the admin write sections 一, 五, 六 and publish the report as a document, after which it is frozen', async () => {
    const write = `mutation($year: Int!, $input: AnnualReportTextInput!) { updateAnnualReportText(year: $year, input: $input) { year overview } }`;
    await agency.exec(write, { year: 2025, input: {
      overview: '2025年，本机关认真贯彻政府信息公开条例。', problems: '主动公开时效有待提高。', otherMatters: '本年度未收取信息处理费。',
      permitDecisions: 0, compulsoryMeasureDecisions: 0, feeAmountTenThousandYuan: 0, figuresSource: '本机关无行政许可、行政强制和收费事项',
    } }, ADMIN);
    // Not public before publication.
    expect((await report(2025)).overview).toBeNull();
    expect((await report(2025, ADMIN)).overview).toContain('认真贯彻');
    const officer = await agency.execRaw(write, { year: 2025, input: { overview: 'x' } }, staff('fjdrc', 'disclosure-officer'));
    expect(officer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await agency.exec(`mutation { publishAnnualReport(year: 2025) { year } }`, {}, ADMIN);
    // Four-eyes: the admin who wrote it sends it to review; someone else approves it before it is public.
    const submitted = await report(2025, ADMIN);
    expect(submitted.publishedDocument).toMatchObject({ status: 'IN_REVIEW' });
    expect((await report(2025)).overview).toBeNull();
    const id = submitted.publishedDocument.id;
    expect((await agency.execRaw(`mutation($id: ID!) { reviewDocument(id: $id, approve: true) { id } }`, { id }, ADMIN)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await agency.exec(`mutation($id: ID!) { reviewDocument(id: $id, approve: true, note: "年度报告经审查可以公开") { id } }`, { id }, staff('fjdrc', 'reviewer'));
    await agency.exec(`mutation($id: ID!) { publishDocument(id: $id) { id } }`, { id }, ADMIN);
    const published = await report(2025);
    expect(published.overview).toContain('认真贯彻');
    expect(published.publishedDocument).toMatchObject({ title: '2025年政府信息公开工作年度报告', genre: '报告', theme: '综合政务', status: 'PUBLISHED' });
    const again = await agency.execRaw(write, { year: 2025, input: { overview: '改写' } }, ADMIN);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    const current = await agency.execRaw(`mutation { publishAnnualReport(year: 2026) { year } }`, {}, ADMIN);
    expect(current.errors?.[0].extensions?.field).toBe('year');
  });
});
