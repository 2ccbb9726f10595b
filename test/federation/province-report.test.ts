import { graphql } from 'graphql';
import { createContext } from '../../subgraphs/agency/context';
import { buildAgencySchema } from '../../subgraphs/agency/server';
import { ANONYMOUS } from '../../schema/contracts/claims';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { AGENCY_REPORT, PROGRESS, PROVINCE_REPORT, SUBMIT_REQUEST } from '../documents/request-operations';
import { startHub, type TestHub } from '../support/hub-harness';
import { expectConsistentTable, REPORT_COLUMNS, type ReportRowShape } from '../support/report-checks';
import { residentId } from '../../tools/demo/codes';
import { PenaltyDecisionEntity } from '../../subgraphs/agency/entities/penalty.entity';

/**
 * The whole demo province behind the real gateway: every agency's table 3 adds up, the province's
 * table is their sum (the gateway's sum merge), and the demo fills every row of 2025 somewhere.
 */
describe('the province annual report through the gateway over every demo agency', () => {
  let hub: TestHub;
  const agencyReport = async (code: string, year: number) => {
    const runtime = hub.agencies.get(code)!.runtime;
    const result = await graphql({ schema: await buildAgencySchema(), source: AGENCY_REPORT, variableValues: { code, year }, contextValue: createContext(runtime, ANONYMOUS) });
    return (result.data as any)._entities[0].annualReport;
  };

  beforeAll(async () => {
    hub = await startHub({
      agencies: DEMO_AGENCIES.map((a) => a.code),
      // The directory answers agency(code:), through which one agency's CSV is read.
      withDirectory: true,
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 12, penalties: 2, requests: 48, today: '2026-11-27' }).then(() => undefined),
    });
  }, 180_000);
  afterAll(() => hub?.stop());

  it.each([2024, 2025, 2026])('%i: the province table is the sum of the agencies\' tables, and each adds up', async (year) => {
    const { data, errors } = await hub.query(PROVINCE_REPORT, { year });
    expect(errors).toBeUndefined();
    const province: ReportRowShape[] = data.provinceAnnualReport.requestsTable;
    expect(data.provinceAnnualReport.year).toBe(year);
    expectConsistentTable(province);
    const agencies = await Promise.all(DEMO_AGENCIES.map((a) => agencyReport(a.code, year)));
    for (const report of agencies) expectConsistentTable(report.requestsTable);
    province.forEach((row, i) => {
      expect(row.label).toBe(agencies[0].requestsTable[i].label);
      for (const column of REPORT_COLUMNS) {
        expect([row.code, column, row[column]]).toEqual([row.code, column, agencies.reduce((sum, r) => sum + r.requestsTable[i][column], 0)]);
      }
    });
    const appeals = data.provinceAnnualReport.appealsTable.reconsideration.total;
    expect(appeals).toBe(agencies.reduce((sum, r) => sum + r.appealsTable.reconsideration.total, 0));
  });

  it('fills every row of the 2025 table somewhere in the province, for the demo', async () => {
    const { data } = await hub.query(PROVINCE_REPORT, { year: 2025 });
    const empty = data.provinceAnnualReport.requestsTable.filter((r: ReportRowShape) => r.total === 0).map((r: ReportRowShape) => r.code);
    expect(empty).toEqual([]);
    expect(data.provinceAnnualReport.appealsTable.reconsideration.total + data.provinceAnnualReport.appealsTable.litigationDirect.total).toBeGreaterThan(0);
  });

  it('2025: tables 2–4 of the province pass the national format\'s invariants, and its CSVs carry the national labels', async () => {
    const { data, errors } = await hub.query(PROVINCE_REPORT, { year: 2025 });
    expect(errors).toBeUndefined();
    const province = data.provinceAnnualReport;
    const agencies = await Promise.all(DEMO_AGENCIES.map((a) => agencyReport(a.code, 2025)));
    const sum = (pick: (r: any) => number) => agencies.reduce((s, r) => s + pick(r), 0);
    // Table 2: whole, non-negative figures, each the sum of the agencies'; penalties are the decisions of 2025.
    const t2 = province.proactiveTable;
    const figures: [string, (t: any) => number][] = [
      ['rules.issued', (t) => t.rules.issued], ['rules.repealed', (t) => t.rules.repealed], ['rules.effective', (t) => t.rules.effective],
      ['normative.issued', (t) => t.normativeDocuments.issued], ['normative.repealed', (t) => t.normativeDocuments.repealed], ['normative.effective', (t) => t.normativeDocuments.effective],
      ['permits', (t) => t.permitDecisions], ['penalties', (t) => t.penaltyDecisions], ['compulsory', (t) => t.compulsoryMeasureDecisions], ['fees', (t) => t.feeAmountTenThousandYuan],
    ];
    for (const [name, pick] of figures) {
      expect([name, pick(t2) >= 0]).toEqual([name, true]);
      expect([name, pick(t2)]).toEqual([name, sum((r) => pick(r.proactiveTable))]);
    }
    let decided2025 = 0;
    for (const agency of hub.agencies.values()) {
      decided2025 += await agency.runtime.orm.em.fork().count(PenaltyDecisionEntity, { decidedOn: { $gte: '2025-01-01', $lte: '2025-12-31' } });
    }
    expect(t2.penaltyDecisions).toBe(decided2025);
    // Table 3: 一 + 二 = 三(七) + 四, the results add up, the total is the columns' sum.
    expectConsistentTable(province.requestsTable);
    // Table 4: each kind's total is its results' sum, and the province's the agencies'.
    for (const kind of ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration']) {
      const c = province.appealsTable[kind];
      expect([kind, c.total]).toEqual([kind, c.upheld + c.corrected + c.other + c.pending]);
      for (const result of ['upheld', 'corrected', 'other', 'pending', 'total']) {
        expect([kind, result, c[result]]).toEqual([kind, result, sum((r) => r.appealsTable[kind][result])]);
      }
    }

    const csv = async (table: number, agency?: string) => {
      const response = await fetch(`${hub.gateway.url.replace(/\/graphql$/, '')}/export/annual-report.csv?year=2025&table=${table}${agency ? `&agency=${agency}` : ''}`);
      if (response.status !== 200) throw new Error(`${response.status} ${await response.text()}`);
      expect(response.headers.get('content-type')).toContain('text/csv');
      const bytes = new Uint8Array(await response.arrayBuffer());
      // A byte-order mark, so that a spreadsheet opens the UTF-8 labels as such.
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return new TextDecoder().decode(bytes).trim().split('\n').map((line) => line.split(','));
    };
    const table2 = await csv(2);
    expect(table2.map((l) => l[0])).toEqual(['第二十条第（一）项', '信息内容', '规章', '行政规范性文件', '第二十条第（五）项', '信息内容', '行政许可', '第二十条第（六）项', '信息内容', '行政处罚', '行政强制', '第二十条第（八）项', '信息内容', '行政事业性收费']);
    expect(table2[1]).toEqual(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
    expect(table2.find((l) => l[0] === '规章')).toEqual(['规章', String(t2.rules.issued), String(t2.rules.repealed), String(t2.rules.effective)]);
    expect(table2.find((l) => l[0] === '行政处罚')![1]).toBe(String(t2.penaltyDecisions));
    expect(table2[12][1]).toBe('本年收费金额（单位：万元）');
    const table3 = await csv(3);
    expect(table3[0]).toEqual(['代码', '项目', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    expect(table3.slice(1).map((l) => l[0])).toEqual(province.requestsTable.map((r: ReportRowShape) => r.code));
    expect(table3[1].at(-1)).toBe(String(province.requestsTable[0].total));
    const table4 = await csv(4);
    expect(table4[0]).toEqual(['项目', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
    expect(table4[1]).toEqual(['行政复议', ...['upheld', 'corrected', 'other', 'pending', 'total'].map((k) => String(province.appealsTable.reconsideration[k]))]);
    // One agency's, through the same route.
    const own = await csv(3, 'fjdrc');
    expect(own[1].at(-1)).toBe(String(agencies[DEMO_AGENCIES.findIndex((a) => a.code === 'fjdrc')].requestsTable[0].total));
    const bad = await fetch(`${hub.gateway.url.replace(/\/graphql$/, '')}/export/annual-report.csv?year=2025&table=5`);
    expect(bad.status).toBe(400);
  });

  it('routes a submission by its agency and the progress query by its tracking code', async () => {
    const input = {
      requesterKind: 'NATURAL_PERSON', requesterName: '郑一鸣', idNumber: residentId('350583', '19910505', 21), contact: '15900000000',
      channel: 'ONLINE', agency: 'xiamen', description: '请公开2026年城市更新项目清单',
    };
    const submitted = await hub.query(SUBMIT_REQUEST, { input });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitDisclosureRequest).toMatchObject({ agency: { code: 'xiamen' }, receivedOn: '2026-11-27' });
    const code = submitted.data.submitDisclosureRequest.trackingCode;
    expect(code).toMatch(/^xiamen:/);
    const progress = await hub.query(PROGRESS, { code });
    expect(progress.data.requestProgress).toMatchObject({ status: 'PROCESSING', receivedOn: '2026-11-27', events: [{ kind: 'SUBMITTED' }, { kind: 'RECEIVED' }] });
    expect((await hub.query(PROGRESS, { code: 'xiamen:0000-0000-0000-0000' })).data.requestProgress).toBeNull();
  });
});
