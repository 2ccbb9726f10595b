import type { EntityManager, Knex } from '@mikro-orm/knex';
import type { WorkingDayCalendar } from '../../shared/calendar';
import { BadUserInputError, ForbiddenError } from '../../../schema/contracts/errors';
import { databaseKindOf } from '../../shared/orm';
import { isStaff, type AgencyContext } from '../context';
import { DisclosureAttribute, DocumentStatus, PenaltyStatus } from '../entities/enums';
import { FeedbackStatus } from '../entities/feedback.entity';
import { TrainingKind } from '../entities/training-session.entity';
import { RequestOutcome, RequestStatus } from '../entities/request-enums';
import { csvCell } from './annual-report.service';
import { messages } from './statutory-messages';
import { DUE_SOON_WORKING_DAYS, PUBLISHED_PENALTY_CATEGORIES } from './statutory-rules';

/**
 * 电子监察 — supervision figures of one agency, or of everything a deployment holds (its part of
 * the province's sum). Every figure is a SQL aggregation run the same on SQLite and PostgreSQL:
 * eight statements whatever the number of rows. Grouped rows (by duration, outcome, or formation
 * and publication day) are bounded by the number of distinct values, not of items.
 *
 * Medians cannot be added across agencies, so besides each agency's median the figures carry
 * histograms with fixed buckets; the gateway sums those bucket by bucket and the province median
 * is read from the summed histogram.
 */


/** Working-day buckets of publication and reply times: [min, max], max null for "and more". */
export const DAY_BUCKETS: readonly [number, number | null][] = [[0, 5], [6, 10], [11, 15], [16, 20], [21, 30], [31, null]];

/** Hour buckets of feedback answer times: a day, three days, a week, longer. */
export const HOUR_BUCKETS: readonly [number, number | null][] = [[0, 24], [25, 72], [73, 168], [169, null]];

/** One histogram bucket; `max` null for the open last bucket. */
export interface Bucket { min: number; max: number | null; label: string; count: number }

/** Figures that add up across agencies (the province's are the sum of the agencies'). */
export interface SupervisionData {
  from: string;
  to: string;
  asOf: string;
  dueSoonWorkingDays: number;
  documentsOverdue: number;
  documentsDueSoon: number;
  documentsPublished: number;
  documentsPublishedLate: number;
  publishDaysHistogram: Bucket[];
  requestsOverdue: number;
  requestsDueSoon: number;
  requestsReplied: number;
  requestsRepliedLate: number;
  replyDaysHistogram: Bucket[];
  requestOutcomes: { outcome: RequestOutcome; count: number }[];
  feedbackReceived: number;
  feedbackAnswered: number;
  feedbackUnanswered: number;
  answerHoursHistogram: Bucket[];
  penaltiesOverdue: number;
  penaltiesDueSoon: number;
  expeditedReleases: number;
  expeditedWithinHour: number;
  expeditedLate: number;
  trainingSessions: number;
  trainingAllStaffAttendees: number;
  trainingHeadcount: number;
  disclosureStaffTrainings: number;
  agenciesWithDisclosureTraining: number;
}

/** One agency's figures: the summable ones plus its medians (null when nothing was counted). */
export interface AgencySupervisionData extends SupervisionData {
  agency: string;
  publishDaysMedian: number | null;
  replyDaysMedian: number | null;
  feedbackAnswerHoursMedian: number | null;
  trainingCoverage: number | null;
}

/** Supervisors, coordinators, and for one agency's figures that agency's own staff. */
export function checkSupervisionAccess(ctx: AgencyContext, agency: string | null): void {
  const { roles } = ctx.claims;
  if (roles.includes('supervisor') || roles.includes('coordinator') || (agency !== null && isStaff(ctx))) return;
  throw new ForbiddenError('只有电子监察、新闻办和本机关工作人员可以查看监察数据', 'Only supervisors, the news office and the agency\'s own staff see supervision figures');
}

function checkPeriod(today: string, from?: string | null, to?: string | null): { from: string; to: string } {
  const period = { from: from ?? `${today.slice(0, 4)}-01-01`, to: to ?? today };
  if (period.from > period.to) throw new BadUserInputError('to', '结束日期不能早于开始日期', 'to must not be before from');
  return period;
}

/** A count per value → histogram over `buckets`. */
function histogram(values: [number, number][], buckets: readonly [number, number | null][], unit: string): Bucket[] {
  return buckets.map(([min, max]) => ({
    min, max, label: max === null ? `${min}+ ${unit}` : `${min}–${max} ${unit}`,
    count: values.filter(([v]) => v >= min && (max === null || v <= max)).reduce((s, [, n]) => s + n, 0),
  }));
}

/** The median of values given as (value, count) pairs; the mean of the two middle values when even. */
export function medianOf(values: [number, number][]): number | null {
  const sorted = [...values].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (const [v, n] of sorted) if ((seen += n) > rank) return v;
    return sorted[sorted.length - 1][0];
  };
  return (at(Math.floor((total - 1) / 2)) + at(Math.floor(total / 2))) / 2;
}

/** The China calendar date of a datetime column, per engine (SQLite keeps epoch milliseconds). */
function chinaDateSql(em: EntityManager, url: string, column: string) {
  const knex = em.getKnex();
  return databaseKindOf(url) === 'postgresql'
    ? knex.raw(`to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`)
    : knex.raw(`date(${column} / 1000 + 28800, 'unixepoch')`);
}

const n = (v: unknown) => Number(v ?? 0);

interface Raw {
  docs: { overdue: unknown; due_soon: unknown };
  published: { formed_on: string; published_on: string; late: unknown; n: unknown }[];
  requests: { overdue: unknown; due_soon: unknown };
  replies: { outcome: RequestOutcome | null; days: number | null; late: unknown; n: unknown }[];
  feedback: { hours: number | null; received: unknown; answered: unknown; unanswered: unknown }[];
  penalties: { overdue: unknown; due_soon: unknown };
  expedited: { requested: unknown; within_hour: unknown; late: unknown };
  training: { agency_code: string; sessions: unknown; all_staff_attendees: unknown; headcount: unknown; disclosure: unknown }[];
}

async function query(ctx: AgencyContext, agency: string | null, from: string, to: string, today: string, horizon: string): Promise<Raw> {
  const em = ctx.em;
  const knex = em.getKnex();
  const platform = em.getPlatform();
  const instant = (date: string) => platform.processDateProperty(new Date(`${date}T00:00:00+08:00`));
  const start = instant(from);
  const end = instant(new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
  const scoped = (q: Knex.QueryBuilder): Knex.QueryBuilder => (agency ? q.where('agency_code', agency) : q);
  const pubDate = chinaDateSql(em, ctx.runtime.config.databaseUrl, 'published_at');
  const unpublished = `published_at is null and status <> '${DocumentStatus.WITHDRAWN}'`;

  const docs = scoped(knex('document')
    .select(knex.raw(`sum(case when ${unpublished} and publish_due_on < ? then 1 else 0 end) as overdue`, [today]))
    .select(knex.raw(`sum(case when ${unpublished} and publish_due_on >= ? and publish_due_on <= ? then 1 else 0 end) as due_soon`, [today, horizon]))
    .where('disclosure', DisclosureAttribute.PROACTIVE));
  const published = scoped(knex('document')
    .select('formed_on', knex.raw(`${pubDate} as published_on`), knex.raw(`sum(case when ${pubDate} > publish_due_on then 1 else 0 end) as late`), knex.raw('count(*) as n'))
    .where('disclosure', DisclosureAttribute.PROACTIVE)
    .where('published_at', '>=', start).where('published_at', '<', end)
    .groupBy('formed_on', pubDate));
  const requests = scoped(knex('disclosure_request')
    .select(knex.raw(`sum(case when status <> ? and reply_due_on < ? then 1 else 0 end) as overdue`, [RequestStatus.CLOSED, today]))
    .select(knex.raw(`sum(case when status <> ? and reply_due_on >= ? and reply_due_on <= ? then 1 else 0 end) as due_soon`, [RequestStatus.CLOSED, today, horizon])));
  const replies = scoped(knex('disclosure_request')
    .select('outcome', knex.raw('reply_working_days as days'), knex.raw('sum(case when replied_late then 1 else 0 end) as late'), knex.raw('count(*) as n'))
    .where('closed_on', '>=', from).where('closed_on', '<=', to)
    .groupBy('outcome', 'reply_working_days'));
  const inPeriod = (column: string) => `(${column} >= ? and ${column} < ?)`;
  const open = `answered_at is null and status <> '${FeedbackStatus.REJECTED}'`;
  const feedback = scoped(knex('feedback')
    .select(knex.raw('answer_hours as hours'))
    .select(knex.raw(`sum(case when ${inPeriod('created_at')} then 1 else 0 end) as received`, [start, end]))
    .select(knex.raw(`sum(case when ${inPeriod('answered_at')} then 1 else 0 end) as answered`, [start, end]))
    .select(knex.raw(`sum(case when ${open} then 1 else 0 end) as unanswered`))
    .where((w) => w.whereRaw(inPeriod('created_at'), [start, end]).orWhereRaw(inPeriod('answered_at'), [start, end]).orWhereRaw(open))
    .groupBy('answer_hours'));
  const penalties = scoped(knex('penalty_decision')
    .select(knex.raw('sum(case when publish_due_on < ? then 1 else 0 end) as overdue', [today]))
    .select(knex.raw('sum(case when publish_due_on >= ? and publish_due_on <= ? then 1 else 0 end) as due_soon', [today, horizon]))
    .where('status', PenaltyStatus.PENDING)
    // Decisions SAMR's rules do not publish never fall due.
    .whereIn('category', [...PUBLISHED_PENALTY_CATEGORIES]));
  // Expedited releases asked for in the period, measured to the document's own publication time.
  const now = platform.processDateProperty(ctx.runtime.clock.now());
  const expedited = knex('expedited_release as e').join('document as d', 'd.id', 'e.document_id')
    .select(knex.raw('count(*) as requested'))
    .select(knex.raw('sum(case when d.published_at is not null and d.published_at <= e.due_at then 1 else 0 end) as within_hour'))
    .select(knex.raw('sum(case when d.published_at > e.due_at or (d.published_at is null and e.due_at < ?) then 1 else 0 end) as late', [now]))
    .where('e.requested_at', '>=', start).where('e.requested_at', '<', end);
  if (agency) expedited.where('e.agency_code', agency);
  // Training held in the period, per agency: an agency's headcount is the largest an all-staff session was for.
  const training = scoped(knex('training_session')
    .select('agency_code', knex.raw('count(*) as sessions'))
    .select(knex.raw(`sum(case when kind = '${TrainingKind.ALL_STAFF}' then attendees else 0 end) as all_staff_attendees`))
    .select(knex.raw(`max(case when kind = '${TrainingKind.ALL_STAFF}' then headcount else 0 end) as headcount`))
    .select(knex.raw(`sum(case when kind = '${TrainingKind.DISCLOSURE_STAFF}' then 1 else 0 end) as disclosure`))
    .where('held_on', '>=', from).where('held_on', '<=', to)
    .groupBy('agency_code'));
  const [[d], p, [r], rep, f, [pen], [exp], t] = await Promise.all([docs, published, requests, replies, feedback, penalties, expedited, training].map((q) => em.execute(q))) as [
    [Raw['docs']], Raw['published'], [Raw['requests']], Raw['replies'], Raw['feedback'], [Raw['penalties']], [Raw['expedited']], Raw['training'],
  ];
  return { docs: d, published: p, requests: r, replies: rep, feedback: f, penalties: pen, expedited: exp, training: t };
}

/**
 * Attendances of all-staff sessions over the headcount, at most 1 (several sessions may reach the
 * same people); null when no all-staff session was recorded.
 */
export function trainingCoverage(data: Pick<SupervisionData, 'trainingAllStaffAttendees' | 'trainingHeadcount'>): number | null {
  if (data.trainingHeadcount === 0) return null;
  return Math.min(1, Math.round((data.trainingAllStaffAttendees / data.trainingHeadcount) * 1000) / 1000);
}

/** Working days from formation to publication, per distinct (formed, published) pair. */
function publishDays(calendar: WorkingDayCalendar, rows: Raw['published']): [number, number][] {
  return rows.map((row) => [Math.max(0, calendar.workingDaysBetween(row.formed_on, row.published_on)), n(row.n)]);
}

/**
 * The figures of `agency` (null: everything this deployment holds) for the period `from`–`to`
 * (default: this year so far); "now" figures (overdue, due soon) are as of today.
 */
export async function computeSupervision(ctx: AgencyContext, agency: string, from?: string | null, to?: string | null): Promise<AgencySupervisionData>;
export async function computeSupervision(ctx: AgencyContext, agency: null, from?: string | null, to?: string | null): Promise<SupervisionData>;
export async function computeSupervision(ctx: AgencyContext, agency: string | null, from?: string | null, to?: string | null): Promise<SupervisionData | AgencySupervisionData> {
  checkSupervisionAccess(ctx, agency);
  const calendar = ctx.runtime.calendar;
  const today = ctx.runtime.clock.today();
  const period = checkPeriod(today, from, to);
  const horizon = calendar.addWorkingDays(today, DUE_SOON_WORKING_DAYS).on;
  const raw = await query(ctx, agency, period.from, period.to, today, horizon);
  const published = publishDays(calendar, raw.published);
  const replyDays = raw.replies.filter((row) => row.days !== null).map((row): [number, number] => [row.days!, n(row.n)]);
  const answerHours = raw.feedback.filter((row) => row.hours !== null).map((row): [number, number] => [row.hours!, n(row.answered)]);
  const outcomes = new Map<string, number>();
  for (const row of raw.replies) if (row.outcome) outcomes.set(row.outcome, (outcomes.get(row.outcome) ?? 0) + n(row.n));
  const sum = <T>(rows: T[], value: (row: T) => unknown) => rows.reduce((s, row) => s + n(value(row)), 0);
  const data: SupervisionData = {
    ...period, asOf: today, dueSoonWorkingDays: DUE_SOON_WORKING_DAYS,
    documentsOverdue: n(raw.docs.overdue), documentsDueSoon: n(raw.docs.due_soon),
    documentsPublished: sum(raw.published, (r) => r.n), documentsPublishedLate: sum(raw.published, (r) => r.late),
    publishDaysHistogram: histogram(published, DAY_BUCKETS, '工作日'),
    requestsOverdue: n(raw.requests.overdue), requestsDueSoon: n(raw.requests.due_soon),
    requestsReplied: sum(raw.replies, (r) => r.n), requestsRepliedLate: sum(raw.replies, (r) => r.late),
    replyDaysHistogram: histogram(replyDays, DAY_BUCKETS, '工作日'),
    // Every outcome in enum order, zeros included, so the gateway adds the lists position by position.
    requestOutcomes: Object.values(RequestOutcome).map((outcome) => ({ outcome, count: outcomes.get(outcome) ?? 0 })),
    feedbackReceived: sum(raw.feedback, (r) => r.received), feedbackAnswered: sum(raw.feedback, (r) => r.answered),
    feedbackUnanswered: sum(raw.feedback, (r) => r.unanswered),
    answerHoursHistogram: histogram(answerHours, HOUR_BUCKETS, '小时'),
    penaltiesOverdue: n(raw.penalties.overdue), penaltiesDueSoon: n(raw.penalties.due_soon),
    expeditedReleases: n(raw.expedited.requested), expeditedWithinHour: n(raw.expedited.within_hour), expeditedLate: n(raw.expedited.late),
    trainingSessions: sum(raw.training, (r) => r.sessions), trainingAllStaffAttendees: sum(raw.training, (r) => r.all_staff_attendees),
    trainingHeadcount: sum(raw.training, (r) => r.headcount), disclosureStaffTrainings: sum(raw.training, (r) => r.disclosure),
    agenciesWithDisclosureTraining: raw.training.filter((r) => n(r.disclosure) > 0).length,
  };
  if (agency === null) return data;
  return {
    ...data, agency, publishDaysMedian: medianOf(published), replyDaysMedian: medianOf(replyDays), feedbackAnswerHoursMedian: medianOf(answerHours),
    trainingCoverage: trainingCoverage(data),
  };
}

const CSV_ROWS: [keyof AgencySupervisionData, string][] = [
  ['documentsOverdue', '逾期未发布的主动公开文件'], ['documentsDueSoon', messages.dueSoon('到期的文件', 'Documents due').zh],
  ['documentsPublished', '期间发布的文件'], ['documentsPublishedLate', '期间逾期发布的文件'],
  ['publishDaysMedian', '发布用时中位数（工作日）'],
  ['requestsOverdue', '逾期未答复的申请'], ['requestsDueSoon', messages.dueSoon('到期的申请', 'Requests due').zh],
  ['requestsReplied', '期间答复的申请'], ['requestsRepliedLate', '期间逾期答复的申请'],
  ['replyDaysMedian', '答复用时中位数（工作日）'],
  ['feedbackReceived', '期间收到的意见'], ['feedbackAnswered', '期间答复的意见'], ['feedbackUnanswered', '尚未答复的意见'],
  ['feedbackAnswerHoursMedian', '意见答复用时中位数（小时）'],
  ['penaltiesOverdue', '逾期未公示的行政处罚决定'], ['penaltiesDueSoon', messages.dueSoon('到期的行政处罚决定', 'Penalty decisions due').zh],
  ['expeditedReleases', '期间申请的快速发布'], ['expeditedWithinHour', '一小时内发布的快速发布'], ['expeditedLate', '超过一小时的快速发布'],
  ['trainingSessions', '期间举办的政务公开培训'], ['trainingAllStaffAttendees', '全员培训参训人次'], ['trainingHeadcount', '全员培训应训人数'],
  ['trainingCoverage', '全员培训覆盖率'], ['disclosureStaffTrainings', '政务公开工作人员专题培训'],
];

/** One agency's figures as CSV (UTF-8, Chinese labels, the schema's field names as keys) for download. */
export function supervisionCsv(data: AgencySupervisionData): string {
  const lines: (string | number)[][] = [['指标', '字段', '数值'], ['机关', 'agency', data.agency], ['期间', 'period', `${data.from}～${data.to}`], ['统计日', 'asOf', data.asOf]];
  for (const [field, label] of CSV_ROWS) lines.push([label, field, (data[field] as number | null) ?? '']);
  for (const [field, label, buckets] of [
    ['publishDaysHistogram', '发布用时', data.publishDaysHistogram], ['replyDaysHistogram', '答复用时', data.replyDaysHistogram],
    ['answerHoursHistogram', '意见答复用时', data.answerHoursHistogram],
  ] as const) {
    for (const b of buckets) lines.push([`${label} ${b.label}`, `${field}[${b.min}]`, b.count]);
  }
  for (const o of data.requestOutcomes) lines.push([`办理结果 ${o.outcome}`, `requestOutcomes[${o.outcome}]`, o.count]);
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\n') + '\n';
}
