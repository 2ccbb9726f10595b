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
