import { REQUEST_ROWS } from '../../subgraphs/agency/services/annual-report.service';

/** Table-3 columns as the schema names them, the total last. */
export const REPORT_COLUMNS = ['naturalPerson', 'commercialEnterprise', 'researchInstitution', 'publicInterestOrganisation', 'legalServiceOrganisation', 'otherOrganisation', 'total'] as const;
export type ReportRowShape = Record<(typeof REPORT_COLUMNS)[number], number> & { code: string; label: string };

/**
 * The checks of the national format, for every column: 一 + 二 = 三(七) + 四, 三(七) is the sum of
 * the results, and the total is the sum of the six requester columns.
 */
export function expectConsistentTable(rows: ReportRowShape[]): void {
  expect(rows.map((r) => r.code)).toEqual(REQUEST_ROWS.map((r) => r.code));
  const at = (code: string) => rows.find((r) => r.code === code)!;
  for (const column of REPORT_COLUMNS) {
    expect([column, at('1')[column] + at('2')[column]]).toEqual([column, at('3.7')[column] + at('4')[column]]);
    const results = rows.filter((r) => r.code.startsWith('3.') && r.code !== '3.7').reduce((sum, r) => sum + r[column], 0);
    expect([column, at('3.7')[column]]).toEqual([column, results]);
  }
  for (const row of rows) expect(row.total).toBe(REPORT_COLUMNS.slice(0, 6).reduce((sum, c) => sum + row[c], 0));
}
