import type { EntityManager } from '@mikro-orm/knex';
import { BadUserInputError, ForbiddenError, WorkflowConflictError } from '../../../schema/contracts/errors';
import { optionalText } from '../../shared/text-input';
import { actorOf, agencyOf, isStaff, seesInternals, type AgencyContext } from '../context';
import { DisclosureAttribute, DocumentEventKind, DocumentStatus, Validity } from '../entities/enums';
import { AnnualReportTextEntity } from '../entities/request.entity';
import { AppealKind, AppealResult, OUTCOME_ROW, RequestOutcome, RequesterKind } from '../entities/request-enums';
import type { AnnualReportTextInput } from '../resolvers/request.input';
import { DocumentEntity } from '../entities/document.entity';
import * as documents from './document.service';
import { processingFeesPaidYuan } from './processing-fee';
import { REQUESTER_COLUMN_LABELS, requestsTableCsv as renderRequestsCsv } from '../../../schema/contracts/annual-report-csv';

export { csvCell, proactiveTableCsv, appealsTableCsv } from '../../../schema/contracts/annual-report-csv';

/**
 * 政府信息公开工作年度报告 in the national format (国办公开办函〔2021〕30号). Every figure is a SQL
 * aggregation (GROUP BY, CASE) run the same on SQLite and PostgreSQL; no request row is loaded.
 * A report costs five statements whatever the number of requests.
 */

/** The columns of table 3, in order: natural person, five kinds of organisation, total. */
export const REQUESTER_COLUMNS = [
  ['naturalPerson', RequesterKind.NATURAL_PERSON, REQUESTER_COLUMN_LABELS.naturalPerson],
  ['commercialEnterprise', RequesterKind.COMMERCIAL_ENTERPRISE, REQUESTER_COLUMN_LABELS.commercialEnterprise],
  ['researchInstitution', RequesterKind.RESEARCH_INSTITUTION, REQUESTER_COLUMN_LABELS.researchInstitution],
  ['publicInterestOrganisation', RequesterKind.PUBLIC_INTEREST_ORGANISATION, REQUESTER_COLUMN_LABELS.publicInterestOrganisation],
  ['legalServiceOrganisation', RequesterKind.LEGAL_SERVICE_ORGANISATION, REQUESTER_COLUMN_LABELS.legalServiceOrganisation],
  ['otherOrganisation', RequesterKind.OTHER_ORGANISATION, REQUESTER_COLUMN_LABELS.otherOrganisation],
] as const;

type Column = (typeof REQUESTER_COLUMNS)[number][0];

/** One row of table 3: a count per requester column and the total. */
export type ReportRowData = { code: string; label: string; total: number } & Record<Column, number>;

/** The 25 rows of table 3 in the national order, with their labels. */
export const REQUEST_ROWS: readonly { code: string; label: string; outcome?: RequestOutcome }[] = [
  { code: '1', label: '一、本年新收政府信息公开申请数量' },
  { code: '2', label: '二、上年结转政府信息公开申请数量' },
  { code: '3.1', label: '三、本年度办理结果（一）予以公开', outcome: RequestOutcome.DISCLOSED },
  { code: '3.2', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', outcome: RequestOutcome.PARTLY_DISCLOSED },
  { code: '3.3.1', label: '（三）不予公开 1.属于国家秘密', outcome: RequestOutcome.NOT_DISCLOSED_STATE_SECRET },
  { code: '3.3.2', label: '2.其他法律行政法规禁止公开', outcome: RequestOutcome.NOT_DISCLOSED_OTHER_LAW },
  { code: '3.3.3', label: '3.危及"三安全一稳定"', outcome: RequestOutcome.NOT_DISCLOSED_THREE_SECURITIES_ONE_STABILITY },
  { code: '3.3.4', label: '4.保护第三方合法权益', outcome: RequestOutcome.NOT_DISCLOSED_THIRD_PARTY_RIGHTS },
  { code: '3.3.5', label: '5.属于三类内部事务信息', outcome: RequestOutcome.NOT_DISCLOSED_INTERNAL_AFFAIRS },
  { code: '3.3.6', label: '6.属于四类过程性信息', outcome: RequestOutcome.NOT_DISCLOSED_PROCESS_INFORMATION },
  { code: '3.3.7', label: '7.属于行政执法案卷', outcome: RequestOutcome.NOT_DISCLOSED_LAW_ENFORCEMENT_CASE_FILE },
  { code: '3.3.8', label: '8.属于行政查询事项', outcome: RequestOutcome.NOT_DISCLOSED_ADMINISTRATIVE_ENQUIRY },
  { code: '3.4.1', label: '（四）无法提供 1.本机关不掌握相关政府信息', outcome: RequestOutcome.CANNOT_PROVIDE_NOT_HELD },
  { code: '3.4.2', label: '2.没有现成信息需要另行制作', outcome: RequestOutcome.CANNOT_PROVIDE_NEEDS_CREATION },
  { code: '3.4.3', label: '3.补正后申请内容仍不明确', outcome: RequestOutcome.CANNOT_PROVIDE_STILL_UNCLEAR },
  { code: '3.5.1', label: '（五）不予处理 1.信访举报投诉类申请', outcome: RequestOutcome.NOT_PROCESSED_PETITION },
  { code: '3.5.2', label: '2.重复申请', outcome: RequestOutcome.NOT_PROCESSED_REPEAT },
  { code: '3.5.3', label: '3.要求提供公开出版物', outcome: RequestOutcome.NOT_PROCESSED_PUBLICATION },
  { code: '3.5.4', label: '4.无正当理由大量反复申请', outcome: RequestOutcome.NOT_PROCESSED_EXCESSIVE },
  { code: '3.5.5', label: '5.要求行政机关确认或重新出具已获取信息', outcome: RequestOutcome.NOT_PROCESSED_CONFIRM_OBTAINED },
  { code: '3.6.1', label: '（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', outcome: RequestOutcome.OTHER_NO_SUPPLEMENT },
  { code: '3.6.2', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', outcome: RequestOutcome.OTHER_FEE_UNPAID },
  { code: '3.6.3', label: '3.其他', outcome: RequestOutcome.OTHER },
  { code: '3.7', label: '（七）总计' },
  { code: '4', label: '四、结转下年度继续办理' },
];

/** Table 2 documents counted for one kind (规章 or 行政规范性文件). */
export interface DocumentCounts { issued: number; repealed: number; effective: number }

/** Table 2 (主动公开政府信息情况). */
export interface ProactiveTableData {
  rules: DocumentCounts;
  normativeDocuments: DocumentCounts;
  permitDecisions: number;
  penaltyDecisions: number;
  compulsoryMeasureDecisions: number;
  feeAmountTenThousandYuan: number;
  /** Where the entered figures (permits, compulsory measures, fees) come from; null when not entered, and province-wide. */
  figuresSource: string | null;
  notes: string[];
}

/** The tables as published: what a published year's report shows from then on. */
interface FrozenTables {
  requestsTable: ReportRowData[];
  proactiveTable: ProactiveTableData;
  appealsTable: AppealsTableData;
}

/** Table 4 counts for one kind of case. */
export interface AppealCounts { upheld: number; corrected: number; other: number; pending: number; total: number }
export type AppealsTableData = Record<'reconsideration' | 'litigationDirect' | 'litigationAfterReconsideration', AppealCounts>;

/** A computed annual report; `agency` null for the province-wide sum. */
export interface AnnualReportData {
  year: number;
  agency: string | null;
  requestsTable: ReportRowData[];
  proactiveTable: ProactiveTableData;
  appealsTable: AppealsTableData;
  text: AnnualReportTextEntity | null;
  /** Whether the report's document is public: only then does the public read the section texts. */
  published: boolean;
  /** True when the tables are the ones frozen at publication rather than counted now. */
  frozen: boolean;
  /**
   * Changes to the previous year's records since its report was published, as the national
   * format reports them in the next year's report: one line per figure, published and recounted.
   */
  corrections: string[];
}

/**
 * Table-2 mapping, from what the agency subgraph knows of a document. 规章 (government rules) are
 * issued as an order (令), so: a 规定 or 办法 whose document number carries 令. 行政规范性文件 are the
 * other 规定, 办法 and 意见 that carry a document number (a normative document always has one).
 * Only PROACTIVE documents that were published count (a normative document must be public to bind).
 */
export const RULE_GENRES = ['规定', '办法'];
export const NORMATIVE_GENRES = ['规定', '办法', '意见'];

const NOTES = [
  '规章指体裁为"规定""办法"且以"令"发布的文件；行政规范性文件指其余有文号的"规定""办法""意见"。/ Rules: 规定 or 办法 issued as an order (令); normative documents: other numbered 规定, 办法 and 意见.',
  '行政许可、行政强制、行政事业性收费由机关填报并注明来源（figuresSource），未填报时为 0 且不能发布年度报告；行政事业性收费另加本系统记录的本年缴纳的政府信息公开信息处理费（填报数不含此项）。/ Permits, compulsory measures and fees are entered by the agency with their source (figuresSource); until entered they show 0 and the report cannot be published. Administrative fees also include the information-processing fees paid this year as recorded here (the entered figure leaves them out).',
  '现行有效件数为当年 12 月 31 日的状态；报告发布后各表冻结，此后对该年度记录的改动作为更正列入下一年度报告。/ Currently effective means as of 31 December of the year; once published the tables freeze, and a later change to that year\'s records is reported as a correction in the next year\'s report.',
];

function checkYear(ctx: AgencyContext, year: number): void {
  const current = Number(ctx.runtime.clock.today().slice(0, 4));
  if (!Number.isInteger(year) || year < 2008 || year > current) {
    throw new BadUserInputError('year', `年度须在 2008 到 ${current} 之间`, `year must be between 2008 and ${current}`);
  }
}

function emptyRow(code: string, label: string): ReportRowData {
  return { code, label, naturalPerson: 0, commercialEnterprise: 0, researchInstitution: 0, publicInterestOrganisation: 0, legalServiceOrganisation: 0, otherOrganisation: 0, total: 0 };
}

const COLUMN_OF = new Map<string, Column>(REQUESTER_COLUMNS.map(([column, kind]) => [kind, column]));

/**
 * Table 3 in one statement: requests received by year end and not closed before it, counted per
 * requester kind and outcome as new (received this year), carried over (received before), closed
 * this year, the rest carried to next year. So 一 + 二 = 三(七) + 四 holds by construction.
 */
export async function requestsTable(em: EntityManager, year: number, agency: string | null): Promise<ReportRowData[]> {
  const knex = em.getKnex();
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const query = knex('disclosure_request')
    .select('requester_kind', 'outcome')
    .select(knex.raw('count(*) as n'))
    .select(knex.raw('sum(case when received_on >= ? then 1 else 0 end) as new_count', [start]))
    .select(knex.raw('sum(case when closed_on <= ? then 1 else 0 end) as closed_count', [end]))
    .whereNotNull('received_on')
    .where('received_on', '<=', end)
    .where((w) => w.whereNull('closed_on').orWhere('closed_on', '>=', start))
    .groupBy('requester_kind', 'outcome');
  if (agency) query.where('agency_code', agency);
  const groups = (await em.execute(query)) as { requester_kind: string; outcome: string | null; n: number | string; new_count: number | string; closed_count: number | string }[];
  const rows = REQUEST_ROWS.map((r) => emptyRow(r.code, r.label));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const bump = (code: string, column: Column, by: number) => {
    const row = byCode.get(code)!;
    row[column] += by;
    row.total += by;
  };
  for (const g of groups) {
    const column = COLUMN_OF.get(g.requester_kind)!;
    const n = Number(g.n);
    const fresh = Number(g.new_count);
    const closed = Number(g.closed_count);
    bump('1', column, fresh);
    bump('2', column, n - fresh);
    if (g.outcome && closed > 0) {
      bump(OUTCOME_ROW[g.outcome as RequestOutcome], column, closed);
      bump('3.7', column, closed);
    }
    bump('4', column, n - closed);
  }
  return rows;
}

async function proactiveTable(em: EntityManager, year: number, agency: string | null, text: AnnualReportTextEntity | null): Promise<ProactiveTableData> {
  const knex = em.getKnex();
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const platform = em.getPlatform();
  const from = platform.processDateProperty(new Date(`${start}T00:00:00+08:00`));
  const to = platform.processDateProperty(new Date(`${year + 1}-01-01T00:00:00+08:00`));
  const repealedThisYear = knex('document_event as e')
    .select(knex.raw('1'))
    .whereRaw('e.document_id = d.id')
    .where('e.kind', DocumentEventKind.VALIDITY_CHANGED)
    .where('e.at', '>=', from).where('e.at', '<', to)
    .where((w) => w.where('e.note', 'like', `%→ ${Validity.REPEALED}%`).orWhere('e.note', 'like', `%→ ${Validity.EXPIRED}%`));
  // 现行有效 as of 31 December: published by then, not withdrawn by then, and still in force then
  // (no change of validity away from EFFECTIVE before the new year; a document no longer EFFECTIVE
  // today was so at year end only if its validity changed after it).
  const eventBefore = (kind: DocumentEventKind) => knex('document_event as e').select(knex.raw('1'))
    .whereRaw('e.document_id = d.id').where('e.kind', kind).where('e.at', '<', to);
  const validityLostBefore = knex('document_event as e').select(knex.raw('1'))
    .whereRaw('e.document_id = d.id').where('e.kind', DocumentEventKind.VALIDITY_CHANGED).where('e.at', '<', to)
    .where((w) => w.where('e.note', 'like', `%→ ${Validity.REPEALED}%`).orWhere('e.note', 'like', `%→ ${Validity.EXPIRED}%`).orWhere('e.note', 'like', `%→ ${Validity.AMENDED}%`));
  const validityChangedAfter = knex('document_event as e').select(knex.raw('1'))
    .whereRaw('e.document_id = d.id').where('e.kind', DocumentEventKind.VALIDITY_CHANGED).where('e.at', '>=', to);
  const docs = knex('document as d')
    .select(knex.raw(`case when d.genre in (?, ?) and d.doc_number_norm like ? then 'RULE' else 'NORMATIVE' end as category`, [...RULE_GENRES, '%令%']))
    .select(knex.raw('sum(case when d.formed_on >= ? and d.formed_on <= ? then 1 else 0 end) as issued', [start, end]))
    .select(knex.raw('sum(case when exists ? then 1 else 0 end) as repealed', [repealedThisYear]))
    .select(knex.raw('sum(case when d.formed_on <= ? and exists ? and not exists ? and not exists ? and (d.validity = ? or exists ?) then 1 else 0 end) as effective',
      [end, eventBefore(DocumentEventKind.PUBLISHED), eventBefore(DocumentEventKind.WITHDRAWN), validityLostBefore, Validity.EFFECTIVE, validityChangedAfter]))
    .where('d.disclosure', DisclosureAttribute.PROACTIVE)
    .whereIn('d.status', [DocumentStatus.PUBLISHED, DocumentStatus.WITHDRAWN])
    .whereIn('d.genre', NORMATIVE_GENRES)
    .whereNotNull('d.doc_number_norm')
    .groupByRaw('1');
  if (agency) docs.where('d.agency_code', agency);
  const penalties = knex('penalty_decision').count('* as n').where('decided_on', '>=', start).where('decided_on', '<=', end);
  if (agency) penalties.where('agency_code', agency);
  const [docRows, [penaltyRow], feesYuan] = await Promise.all([em.execute(docs), em.execute(penalties), processingFeesPaidYuan(em, year, agency)]) as [{ category: string; issued: unknown; repealed: unknown; effective: unknown }[], { n: unknown }[], number];
  const counts = (category: string): DocumentCounts => {
    const row = docRows.find((r) => r.category === category);
    return { issued: Number(row?.issued ?? 0), repealed: Number(row?.repealed ?? 0), effective: Number(row?.effective ?? 0) };
  };
  return {
    rules: counts('RULE'), normativeDocuments: counts('NORMATIVE'),
    permitDecisions: text?.permitDecisions ?? 0, penaltyDecisions: Number(penaltyRow.n), compulsoryMeasureDecisions: text?.compulsoryMeasureDecisions ?? 0,
    // The entered figure leaves out the information-processing fees, which the hub records itself.
    feeAmountTenThousandYuan: ((text?.feeAmountYuan ?? 0) + feesYuan) / 10_000,
    // Province-wide the sources of many agencies cannot be one string: each agency's report names its own.
    figuresSource: agency ? text?.figuresSource ?? null : null,
    notes: NOTES,
  };
}

const APPEAL_KEYS: Record<AppealKind, keyof AppealsTableData> = {
  RECONSIDERATION: 'reconsideration', LITIGATION_DIRECT: 'litigationDirect', LITIGATION_AFTER_RECONSIDERATION: 'litigationAfterReconsideration',
};

/** Table 4: cases open during the year, by result at year end (尚未审结 when not concluded by then). */
async function appealsTable(em: EntityManager, year: number): Promise<AppealsTableData> {
  const knex = em.getKnex();
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const rows = (await em.execute(knex('request_appeal')
    .select('kind')
    .select(knex.raw(`case when concluded_on is not null and concluded_on <= ? then result else ? end as outcome`, [end, AppealResult.PENDING]))
    .select(knex.raw('count(*) as n'))
    .where('filed_on', '<=', end)
    .where((w) => w.whereNull('concluded_on').orWhere('concluded_on', '>=', start))
    .groupByRaw('1, 2'))) as { kind: AppealKind; outcome: AppealResult; n: unknown }[];
  const blank = (): AppealCounts => ({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
  const table: AppealsTableData = { reconsideration: blank(), litigationDirect: blank(), litigationAfterReconsideration: blank() };
  for (const r of rows) {
    const counts = table[APPEAL_KEYS[r.kind]];
    const key = ({ UPHELD: 'upheld', CORRECTED: 'corrected', OTHER: 'other', PENDING: 'pending' } as const)[r.outcome];
    counts[key] += Number(r.n);
    counts.total += Number(r.n);
  }
  return table;
}

/** Tables 2–4 of `year` counted from the records now. */
async function countTables(em: EntityManager, year: number, agency: string | null, text: AnnualReportTextEntity | null): Promise<FrozenTables> {
  const [requests, proactive, appeals] = await Promise.all([requestsTable(em, year, agency), proactiveTable(em, year, agency, text), appealsTable(em, year)]);
  return { requestsTable: requests, proactiveTable: proactive, appealsTable: appeals };
}

/** Every figure of the tables by a readable name, for the comparison of a frozen report with a recount. */
function figures(tables: FrozenTables): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of tables.requestsTable) out.set(`表三 ${row.code} ${row.label} 总计 / table 3 row ${row.code} total`, row.total);
  const p = tables.proactiveTable;
  for (const [label, counts] of [['规章 / rules', p.rules], ['行政规范性文件 / normative documents', p.normativeDocuments]] as const) {
    out.set(`表二 ${label} 本年制发 / table 2 issued`, counts.issued);
    out.set(`表二 ${label} 本年废止 / table 2 repealed`, counts.repealed);
    out.set(`表二 ${label} 现行有效 / table 2 effective`, counts.effective);
  }
  out.set('表二 行政处罚 / table 2 penalty decisions', p.penaltyDecisions);
  for (const [label, counts] of [['行政复议 / reconsideration', tables.appealsTable.reconsideration], ['未经复议直接起诉 / direct litigation', tables.appealsTable.litigationDirect], ['复议后起诉 / litigation after reconsideration', tables.appealsTable.litigationAfterReconsideration]] as const) {
    out.set(`表四 ${label} 总计 / table 4 total`, counts.total);
  }
  return out;
}

/** The figures of `year`'s published report that a recount of its records now gives otherwise. */
async function correctionsOf(em: EntityManager, year: number, agency: string): Promise<string[]> {
  const text = await em.findOne(AnnualReportTextEntity, { year });
  if (!text?.frozenTables) return [];
  const published = figures(JSON.parse(text.frozenTables) as FrozenTables);
  const now = figures(await countTables(em, year, agency, text));
  const lines: string[] = [];
  for (const [name, value] of published) {
    const recounted = now.get(name) ?? 0;
    if (recounted !== value) lines.push(`${year}年度 ${name}：已发布 ${value}，更正为 ${recounted} / ${year}: published ${value}, corrected to ${recounted}`);
  }
  return lines;
}

/**
 * The annual report of this agency (`agency` given) or of everything this deployment holds (province
 * part). A published year's tables are the ones frozen at publication; the report of the year after
 * lists what a recount of that year now gives otherwise (the agency's report only).
 */
export async function computeAnnualReport(ctx: AgencyContext, year: number, agency: string | null): Promise<AnnualReportData> {
  checkYear(ctx, year);
  const text = await ctx.em.findOne(AnnualReportTextEntity, { year });
  const frozen = text?.frozenTables ? (JSON.parse(text.frozenTables) as FrozenTables) : null;
  const [tables, corrections] = await Promise.all([
    frozen ?? countTables(ctx.em, year, agency, text),
    agency ? correctionsOf(ctx.em, year - 1, agency) : Promise.resolve([]),
  ]);
  if (frozen && !agency) tables.proactiveTable.figuresSource = null;
  const doc = text?.documentId ? await ctx.em.findOne(DocumentEntity, { id: text.documentId }) : null;
  return {
    year, agency, ...tables, text: agency ? text : null, published: !!doc && documents.isPublic(doc), frozen: !!frozen, corrections,
  };
}

/** Section texts: the public reads them once the report is published; staff and supervisors always. */
export function visibleText(ctx: AgencyContext, report: AnnualReportData): AnnualReportTextEntity | null {
  if (!report.text) return null;
  return report.published || seesInternals(ctx) ? report.text : null;
}

/** Table 3 as CSV (UTF-8, header in Chinese), as portals offer it for download. */
export function requestsTableCsv(rows: ReportRowData[]): string {
  return renderRequestsCsv(rows);
}

function requireAdmin(ctx: AgencyContext): void {
  if (!isStaff(ctx, [])) throw new ForbiddenError('只有本机关管理员可以编写和发布年度报告', `Only ${agencyOf(ctx)}'s admin writes and publishes the annual report`);
}

/** A count table 2 takes as entered: a whole number from 0, or null to clear it. */
function checkCount(field: string, zh: string, value: number | null | undefined): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < 0) throw new BadUserInputError(field, `${zh}须为不小于 0 的整数`, `${field} must be a whole number from 0`);
  return value;
}

/** 行政事业性收费 in 万元 as entered, kept in whole yuan (the format gives 万元 to four places at most). */
function checkFee(value: number | null | undefined): number | null {
  if (value == null) return null;
  const yuan = Math.round(value * 10_000);
  if (!Number.isFinite(value) || value < 0 || Math.abs(yuan - value * 10_000) > 1e-6 || yuan > 2_000_000_000) {
    throw new BadUserInputError('feeAmountTenThousandYuan', '行政事业性收费金额须为不小于 0 的万元数，至多 4 位小数', 'feeAmountTenThousandYuan must be an amount in 10,000 yuan from 0, with at most 4 decimals');
  }
  return yuan;
}

/** 编写 — sections 一, 五 and 六 and table 2's entered figures, until the report is published. */
export async function updateReportText(ctx: AgencyContext, year: number, input: AnnualReportTextInput): Promise<AnnualReportTextEntity> {
  requireAdmin(ctx);
  checkYear(ctx, year);
  return ctx.em.transactional(async (em) => {
    let text = await em.findOne(AnnualReportTextEntity, { year });
    if (text?.documentId) throw new WorkflowConflictError('年度报告已发布，不能再修改', 'The annual report is published and can no longer change', 'PUBLISHED');
    text ??= em.create(AnnualReportTextEntity, { year, updatedAt: ctx.runtime.clock.now(), updatedBy: actorOf(ctx) });
    if (input.overview !== undefined) text.overview = optionalText('overview', '总体情况', input.overview, 20_000);
    if (input.problems !== undefined) text.problems = optionalText('problems', '存在的主要问题及改进情况', input.problems, 20_000);
    if (input.otherMatters !== undefined) text.otherMatters = optionalText('otherMatters', '其他需要报告的事项', input.otherMatters, 20_000);
    if (input.permitDecisions !== undefined) text.permitDecisions = checkCount('permitDecisions', '行政许可处理决定数量', input.permitDecisions);
    if (input.compulsoryMeasureDecisions !== undefined) text.compulsoryMeasureDecisions = checkCount('compulsoryMeasureDecisions', '行政强制处理决定数量', input.compulsoryMeasureDecisions);
    if (input.feeAmountTenThousandYuan !== undefined) text.feeAmountYuan = checkFee(input.feeAmountTenThousandYuan);
    if (input.figuresSource !== undefined) text.figuresSource = optionalText('figuresSource', '数据来源', input.figuresSource, 2000);
    const entered = text.permitDecisions != null || text.compulsoryMeasureDecisions != null || text.feeAmountYuan != null;
    if (entered && !text.figuresSource) {
      throw new BadUserInputError('figuresSource', '填报行政许可、行政强制或行政事业性收费数据须注明来源', 'Entered permit, compulsory measure or fee figures need their source (figuresSource)');
    }
    text.updatedAt = ctx.runtime.clock.now();
    text.updatedBy = actorOf(ctx);
    em.persist(text);
    return text;
  });
}

function renderTable(rows: ReportRowData[]): string {
  return rows.map((r) => `${r.label}：${REQUESTER_COLUMNS.map(([column, , label]) => `${label} ${r[column]}`).join('，')}，总计 ${r.total}`).join('\n');
}

/** The report as the text of a published document, sections in the national order. */
export function renderReport(report: AnnualReportData): string {
  const t = report.text;
  const p = report.proactiveTable;
  const a = report.appealsTable;
  const appeal = (label: string, c: AppealCounts) => `${label}：结果维持 ${c.upheld}，结果纠正 ${c.corrected}，其他结果 ${c.other}，尚未审结 ${c.pending}，总计 ${c.total}`;
  return [
    `一、总体情况\n${t?.overview ?? ''}`,
    `二、主动公开政府信息情况\n规章：本年制发 ${p.rules.issued}，本年废止 ${p.rules.repealed}，现行有效 ${p.rules.effective}\n行政规范性文件：本年制发 ${p.normativeDocuments.issued}，本年废止 ${p.normativeDocuments.repealed}，现行有效 ${p.normativeDocuments.effective}\n行政许可 ${p.permitDecisions}；行政处罚 ${p.penaltyDecisions}；行政强制 ${p.compulsoryMeasureDecisions}；行政事业性收费 ${p.feeAmountTenThousandYuan} 万元`,
    `三、收到和处理政府信息公开申请情况\n${renderTable(report.requestsTable)}`,
    `四、政府信息公开行政复议、行政诉讼情况\n${appeal('行政复议', a.reconsideration)}\n${appeal('行政诉讼（未经复议直接起诉）', a.litigationDirect)}\n${appeal('行政诉讼（复议后起诉）', a.litigationAfterReconsideration)}`,
    `五、存在的主要问题及改进情况\n${t?.problems ?? '无'}`,
    `六、其他需要报告的事项\n${t?.otherMatters ?? '无'}`,
  ].join('\n\n');
}

/**
 * 发布 — a finished year's report becomes a Document of the agency (theme 综合政务, genre 报告),
 * created and sent to confidentiality review through the document service's own steps; its
 * sections freeze. Another person reviews it and it is published like any document (four-eyes),
 * and the public reads the sections from then on.
 */
export async function publishReport(ctx: AgencyContext, year: number): Promise<AnnualReportData> {
  requireAdmin(ctx);
  checkYear(ctx, year);
  if (year >= Number(ctx.runtime.clock.today().slice(0, 4))) throw new BadUserInputError('year', '只能发布已结束年度的报告', 'Only a finished year\'s report can be published');
  const report = await computeAnnualReport(ctx, year, agencyOf(ctx));
  if (report.text?.documentId) throw new WorkflowConflictError('该年度报告已发布', 'This year\'s report is already published', 'PUBLISHED');
  if (!report.text?.overview) throw new BadUserInputError('overview', '发布前须填写"总体情况"', 'Write the overview (section 一) before publishing');
  // Without them table 2 would publish a false 0 for an agency that grants permits or charges fees.
  for (const [field, value] of [['permitDecisions', report.text.permitDecisions], ['compulsoryMeasureDecisions', report.text.compulsoryMeasureDecisions], ['feeAmountTenThousandYuan', report.text.feeAmountYuan]] as const) {
    if (value == null) throw new BadUserInputError(field, '发布前须填报表二的行政许可、行政强制和行政事业性收费（没有的填 0）并注明来源', 'Enter table 2\'s permits, compulsory measures and fees (0 where none) with their source before publishing');
  }
  const doc = await documents.createDocument(ctx, {
    title: `${year}年政府信息公开工作年度报告`, body: renderReport(report), theme: '综合政务', genre: '报告',
    formedOn: ctx.runtime.clock.today(), disclosure: DisclosureAttribute.PROACTIVE,
    summary: `本报告按照《中华人民共和国政府信息公开条例》和国家规定的年度报告格式编制，报告${year}年度政府信息公开工作情况。`,
  });
  await documents.submitForReview(ctx, doc.id);
  // Within the request's transaction (an idempotent mutation runs in one), else SQLite's one connection waits on itself.
  const em = ctx.em.fork({ keepTransactionContext: true });
  // The tables freeze as published: a later change to the year's records becomes a correction in the next report.
  const frozenTables = JSON.stringify({ requestsTable: report.requestsTable, proactiveTable: report.proactiveTable, appealsTable: report.appealsTable });
  await em.nativeUpdate(AnnualReportTextEntity, { year }, { documentId: doc.id, frozenTables, updatedAt: ctx.runtime.clock.now(), updatedBy: actorOf(ctx) });
  return computeAnnualReport({ ...ctx, em }, year, agencyOf(ctx));
}
