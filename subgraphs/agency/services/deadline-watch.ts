import { stdoutAuditSink, type AuditSink } from '../../shared/audit-log';
import { chinaDate } from '../../shared/clock';
import type { AgencyRuntime } from '../context';
import { DocumentEntity } from '../entities/document.entity';
import { DisclosureAttribute, DocumentStatus, PenaltyStatus } from '../entities/enums';
import { FeedbackEntity, FeedbackStatus } from '../entities/feedback.entity';
import { PenaltyDecisionEntity } from '../entities/penalty.entity';
import { DisclosureRequestEntity, RequestEventEntity } from '../entities/request.entity';
import { RequestEventKind, RequestStatus } from '../entities/request-enums';
import { queueDeadlineDigest } from './staff-alerts';
import { rulesOf, settleUnconfirmedDueDates, unansweredConsultations, withdrawLapsedSupplements } from './request.service';
import { DUE_SOON_WORKING_DAYS, PUBLISHED_PENALTY_CATEGORIES } from './statutory-rules';

/** Working days within which feedback should be answered before the watch calls it late. */
export const FEEDBACK_ANSWER_WORKING_DAYS = 10;

/** One item the watch reports: what, which, by when, and whether it is already late. Never personal data. */
export interface DeadlineItem {
  agency: string;
  /** `consultation`: a consulted party's answer (Art. 32, 34), `id` the request's. */
  kind: 'document' | 'request' | 'consultation' | 'penalty' | 'feedback';
  id: string;
  dueOn: string;
  state: 'LATE' | 'DUE_SOON';
}

/** Where the watch's findings go (log, mail, a messaging bot...). */
export interface Notifier {
  notify(item: DeadlineItem): void | Promise<void>;
}

/** The default notifier: one JSON line per item, the audit log's way, for the log shipper. */
export function logNotifier(sink: AuditSink = stdoutAuditSink, now: () => Date = () => new Date()): Notifier {
  return { notify: (item) => sink(JSON.stringify({ watch: 'deadline', ...item, at: now().toISOString() })) };
}

/**
 * 到期提醒 — one run of the daily watch. It first closes requests whose supplement period passed
 * as deemed withdrawn (Art. 30, {@link withdrawLapsedSupplements}), then reports everything of the deployment's agency due within
 * {@link DUE_SOON_WORKING_DAYS} working days or late (unpublished proactive documents, open
 * requests (their reply, or the confirmation of an unconfirmed receipt, Art. 31), consultations awaiting an answer, unpublished penalty decisions, and feedback unanswered after
 * {@link FEEDBACK_ANSWER_WORKING_DAYS} working days), each handed to `notifier`, late first, and
 * mailed as the day's digest to the responsible officers when they are configured ({@link queueDeadlineDigest}).
 * @returns the items reported.
 */
export async function runDeadlineWatch(runtime: AgencyRuntime, notifier: Notifier): Promise<DeadlineItem[]> {
  await settleUnconfirmedDueDates(runtime);
  // Lapsed supplements close first: an abandoned request is nothing the agency still owes.
  await withdrawLapsedSupplements(runtime);
  const em = runtime.orm.em.fork();
  const agency = runtime.config.agencyCode;
  const today = runtime.clock.today();
  const horizon = runtime.calendar.addWorkingDays(today, DUE_SOON_WORKING_DAYS).on;
  // Ten working days are at least ten calendar days: fetch that superset, then count working days.
  const feedbackBefore = new Date(runtime.clock.now().getTime() - FEEDBACK_ANSWER_WORKING_DAYS * 86_400_000);
  const [documents, requests, penalties, feedback] = await Promise.all([
    em.find(DocumentEntity, {
      disclosure: DisclosureAttribute.PROACTIVE, publishedAt: null, status: { $ne: DocumentStatus.WITHDRAWN }, publishDueOn: { $lte: horizon },
    }, { fields: ['id', 'publishDueOn'], orderBy: { publishDueOn: 'asc', id: 'asc' } }),
    em.find(DisclosureRequestEntity, { status: { $ne: RequestStatus.CLOSED }, replyDueOn: { $lte: horizon } }, { fields: ['id', 'replyDueOn'], orderBy: { replyDueOn: 'asc', id: 'asc' } }),
    em.find(PenaltyDecisionEntity, { status: PenaltyStatus.PENDING, category: { $in: [...PUBLISHED_PENALTY_CATEGORIES] }, publishDueOn: { $lte: horizon } }, { fields: ['id', 'publishDueOn'], orderBy: { publishDueOn: 'asc', id: 'asc' } }),
    em.find(FeedbackEntity, { answeredAt: null, status: { $ne: FeedbackStatus.REJECTED }, createdAt: { $lte: feedbackBefore } }, { fields: ['id', 'createdAt'], orderBy: { createdAt: 'asc', id: 'asc' } }),
  ]);
  const item = (kind: DeadlineItem['kind'], id: string, dueOn: string): DeadlineItem => ({ agency, kind, id, dueOn, state: dueOn < today ? 'LATE' : 'DUE_SOON' });
  const items = [
    ...documents.map((d) => item('document', d.id, d.publishDueOn)),
    ...requests.map((r) => item('request', r.id, r.replyDueOn!)),
    ...(await consultationsDue(runtime, today, horizon)),
    ...penalties.map((p) => item('penalty', p.id, p.publishDueOn)),
    ...feedback
      .map((f) => item('feedback', f.id, runtime.calendar.addWorkingDays(chinaDate(f.createdAt), FEEDBACK_ANSWER_WORKING_DAYS).on))
      .filter((f) => f.state === 'LATE'),
  ].sort((a, b) => (a.state === b.state ? 0 : a.state === 'LATE' ? -1 : 1));
  for (const i of items) await notifier.notify(i);
  await queueDeadlineDigest(runtime, items);
  return items;
}

/**
 * The consultations whose answer is due by `horizon` or overdue (Art. 32: 15 working days from the
 * letter, the rules table's `consultationWorkingDays`): past it, the agency decides without the answer.
 */
async function consultationsDue(runtime: AgencyRuntime, today: string, horizon: string): Promise<DeadlineItem[]> {
  const em = runtime.orm.em.fork();
  // Every open request, not only those stored IN_CONSULTATION: one whose consultation ran out unanswered is no longer paused, yet the answer is late.
  const consulting = await em.find(DisclosureRequestEntity, { status: { $ne: RequestStatus.CLOSED } }, { fields: ['id'], orderBy: { id: 'asc' } });
  if (consulting.length === 0) return [];
  const events = await em.find(RequestEventEntity, {
    requestId: { $in: consulting.map((r) => r.id) }, kind: { $in: [RequestEventKind.CONSULTATION_STARTED, RequestEventKind.CONSULTATION_ANSWERED] },
  }, { orderBy: { id: 'asc' } });
  const days = rulesOf(runtime.config).consultationWorkingDays;
  return consulting.flatMap((r) => unansweredConsultations(events.filter((e) => e.requestId === r.id))
    .map((c) => runtime.calendar.addWorkingDays(c.startedOn, days).on)
    .filter((dueOn) => dueOn <= horizon)
    .map((dueOn): DeadlineItem => ({ agency: runtime.config.agencyCode, kind: 'consultation', id: r.id, dueOn, state: dueOn < today ? 'LATE' : 'DUE_SOON' })));
}

/**
 * Runs the watch now and then every `hours` hours (0: never), logging a failed run rather than
 * stopping the deployment. @returns a function that stops the timer.
 */
export function startDeadlineWatch(runtime: AgencyRuntime, notifier: Notifier, hours: number): () => void {
  if (hours <= 0) return () => {};
  const run = () => runDeadlineWatch(runtime, notifier).catch((error: unknown) => console.error(`deadline watch of ${runtime.config.agencyCode} failed:`, error));
  void run();
  const timer = setInterval(run, hours * 3_600_000);
  // The watch must not keep a stopping process alive.
  timer.unref();
  return () => clearInterval(timer);
}
