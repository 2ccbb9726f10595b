/**
 * The annual report's tables 2–4 as CSV with the row and column labels of the national format
 * (国办公开办函〔2021〕30号): rendered by an agency deployment for its own report, and by the gateway
 * for the province's, from the summed tables (a string cannot be summed across deployments).
 */

/** Table 3's requester columns in the national order, with their labels; the total follows. */
export const REQUESTER_COLUMN_LABELS = {
  naturalPerson: '自然人',
  commercialEnterprise: '商业企业',
  researchInstitution: '科研机构',
  publicInterestOrganisation: '社会公益组织',
  legalServiceOrganisation: '法律服务机构',
  otherOrganisation: '其他',
} as const;

type RequesterColumn = keyof typeof REQUESTER_COLUMN_LABELS;

/** One row of table 3 as the API gives it. */
export type RequestsRow = { code: string; label: string; total: number } & Record<RequesterColumn, number>;

/** Table 2 as the API gives it. */
export interface ProactiveTableShape {
  rules: { issued: number; repealed: number; effective: number };
  normativeDocuments: { issued: number; repealed: number; effective: number };
  permitDecisions: number;
  penaltyDecisions: number;
  compulsoryMeasureDecisions: number;
  feeAmountTenThousandYuan: number;
}

type AppealCountsShape = { upheld: number; corrected: number; other: number; pending: number; total: number };

/** Table 4 as the API gives it. */
export interface AppealsTableShape {
  reconsideration: AppealCountsShape;
  litigationDirect: AppealCountsShape;
  litigationAfterReconsideration: AppealCountsShape;
}

/** One CSV cell, quoted when it holds a comma, quote or line break. */
export function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(lines: (string | number)[][]): string {
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\n') + '\n';
}

/** Table 2 (主动公开政府信息情况), its four blocks under the national headings. */
export function proactiveTableCsv(t: ProactiveTableShape): string {
  return csv([
    ['第二十条第（一）项', '', '', ''],
    ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
    ['规章', t.rules.issued, t.rules.repealed, t.rules.effective],
    ['行政规范性文件', t.normativeDocuments.issued, t.normativeDocuments.repealed, t.normativeDocuments.effective],
    ['第二十条第（五）项', '', '', ''],
    ['信息内容', '本年处理决定数量', '', ''],
    ['行政许可', t.permitDecisions, '', ''],
    ['第二十条第（六）项', '', '', ''],
    ['信息内容', '本年处理决定数量', '', ''],
    ['行政处罚', t.penaltyDecisions, '', ''],
    ['行政强制', t.compulsoryMeasureDecisions, '', ''],
    ['第二十条第（八）项', '', '', ''],
    ['信息内容', '本年收费金额（单位：万元）', '', ''],
    ['行政事业性收费', t.feeAmountTenThousandYuan, '', ''],
  ]);
}

/** Table 3 (收到和处理政府信息公开申请情况): 25 rows under the requester columns. */
export function requestsTableCsv(rows: readonly RequestsRow[]): string {
  const columns = Object.keys(REQUESTER_COLUMN_LABELS) as RequesterColumn[];
  return csv([
    ['代码', '项目', ...columns.map((c) => REQUESTER_COLUMN_LABELS[c]), '总计'],
    ...rows.map((r) => [r.code, r.label, ...columns.map((c) => r[c]), r.total]),
  ]);
}

/** Table 4 (政府信息公开行政复议、行政诉讼情况): one row per kind of case, the five results as columns. */
export function appealsTableCsv(t: AppealsTableShape): string {
  const row = (label: string, c: AppealCountsShape) => [label, c.upheld, c.corrected, c.other, c.pending, c.total];
  return csv([
    ['项目', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
    row('行政复议', t.reconsideration),
    row('行政诉讼：未经复议直接起诉', t.litigationDirect),
    row('行政诉讼：复议后起诉', t.litigationAfterReconsideration),
  ]);
}
