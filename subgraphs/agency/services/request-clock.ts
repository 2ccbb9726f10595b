import type { WorkingDayCalendar } from '../../shared/calendar';
import { ConsultationParty, RequestEventKind, RequestOutcome, RequestStatus } from '../entities/request-enums';
import { messages } from './statutory-messages';
import { STATUTORY_RULES, type ClockRules } from './statutory-rules';

/**
 * The reply clock of a disclosure request (依申请公开) as a pure function of its events and the
 * official working-day calendar, so the due date shown is always derivable and explainable.
 *
 * Rules (Articles of the 2019 Regulations on government information disclosure):
 * - Day zero is the receipt date (Art. 31), a working day or not; counting starts the next working day.
 * - Art. 31(二)(三): a request whose receipt is not yet confirmed must be confirmed within
 *   `receiptConfirmationWorkingDays` of its arrival (the SUBMITTED date), the agency's bound.
 * - Art. 30: one supplement notice within 7 working days of receipt; while the requester has not
 *   supplemented there is no reply due date; the 20 days restart from the day the supplement
 *   arrives. No supplement within `supplementWorkingDays` of the notice = abandoned (3.6.1): the
 *   deadline watch closes it (DEEMED_WITHDRAWN) the day after the period; a late supplement with a
 *   good reason (正当理由), accepted by a disclosure officer, restarts the clock as a supplement does
 *   and undoes that presumption.
 * - Art. 32–34: third-party and co-producer consultations of at most 15 working days each are not
 *   counted; the clock pauses from a consultation's start to its answer or its 15th working day,
 *   overlapping consultations counted once. An open consultation is assumed to take its full 15
 *   days (the latest the reply can be due), which the answer may bring forward.
 *   A request may have several consultations of one kind (Art. 32: every third party concerned),
 *   numbered in the order started; an answer names its number (older rows without one answer the
 *   first open consultation of their kind).
 * - Art. 35: the agency may ask an excessive requester for reasons; the requester has
 *   `excessiveReasonsWorkingDays` to answer (the clock does not stop).
 * - Art. 33: 20 working days, plus one extension of at most 20 working days.
 * - Art. 35: a longer period for excessive requests adds the working days the agency set.
 * - Art. 42 and 《政府信息公开信息处理费管理办法》第六条: from a fee notice to its payment the clock
 *   stops, at most the `feePaymentWorkingDays` the requester has to pay (the notice date is day
 *   zero); an unpaid fee is assumed to take the whole period, which the payment may bring forward.
 */

/** The parts of an event the clock reads. */
export interface ClockEvent {
  kind: RequestEventKind;
  /** The legal date of the event, "YYYY-MM-DD". */
  on: string;
  days?: number | null;
  party?: ConsultationParty | null;
  consultation?: number | null;
  outcome?: RequestOutcome | null;
}

/** Everything the events say about the request's dates. */
export interface ReplyClock {
  status: RequestStatus;
  receivedOn: string | null;
  /** While the receipt is unconfirmed: the last day to confirm it (arrival + the rules' bound). */
  receiptConfirmationDueOn: string | null;
  /** The day the reply period counts from: the receipt, or the supplement's arrival. */
  countsFrom: string | null;
  replyDueOn: string | null;
  /** True when a count ran into a year whose holiday arrangement is not yet published. */
  provisional: boolean;
  /** Last day to send the one supplement notice (receipt + 7 working days). */
  supplementNoticeDueOn: string | null;
  /** Last day for the requester to supplement, once a notice went out. */
  supplementDueOn: string | null;
  pausedWorkingDays: number;
  extendedWorkingDays: number;
  /** Last day for the requester to state reasons (Art. 35) while none came; null otherwise. */
  reasonsDueOn: string | null;
  /** Last day to pay a notified information-processing fee; null without a fee notice. */
  feePaymentDueOn: string | null;
  /** The day the fee was paid. */
  feePaidOn: string | null;
  /** Consultations started and not yet answered nor run out, by party. */
  openConsultations: ConsultationParty[];
  closedOn: string | null;
  outcome: RequestOutcome | null;
  /** How the due date was computed, step by step, bilingual. */
  steps: string[];
}

/** A span that stops the clock: a consultation (with its party) or an unpaid fee (party null). */
interface Pause { party: ConsultationParty | null; number: number; start: string; answered: string | null; days: number }

/**
 * Derives the reply clock from `events` (in the order they happened) on `calendar`, as of `today`
 * (which only decides whether an unanswered consultation has run out).
 */
export function computeReplyClock(
  events: readonly ClockEvent[], calendar: WorkingDayCalendar, today: string, rules: ClockRules = STATUTORY_RULES,
): ReplyClock {
  let provisional = false;
  const add = (from: string, days: number): string => {
    const due = calendar.addWorkingDays(from, days);
    provisional ||= due.provisional;
    return due.on;
  };
  let receivedOn: string | null = null;
  let arrivedOn: string | null = null;
  let countsFrom: string | null = null;
  let supplementRequested: string | null = null;
  let supplementReceived: string | null = null;
  let extension = 0;
  let excessive = 0;
  let closedOn: string | null = null;
  let outcome: RequestOutcome | null = null;
  const consultations: Pause[] = [];
  let feePaidOn: string | null = null;
  let reasonsRequested: string | null = null;
  let reasonsGiven = false;
  const steps: string[] = [];

  for (const e of events) {
    switch (e.kind) {
      case RequestEventKind.SUBMITTED:
        arrivedOn = e.on;
        break;
      case RequestEventKind.RECEIVED: {
        receivedOn = countsFrom = e.on;
        const offDay = calendar.isWorkday(e.on) ? '' : '，非工作日，仍为第0日';
        steps.push(`收到申请 ${e.on}（第0日${offDay}）/ received ${e.on} (day zero${offDay ? '; not a working day, still day zero' : ''})`);
        if (arrivedOn !== null && receivedOn > arrivedOn) {
          const bound = add(arrivedOn, rules.receiptConfirmationWorkingDays);
          if (receivedOn > bound) steps.push(messages.receiptConfirmedLate(arrivedOn, bound));
        }
        break;
      }
      case RequestEventKind.SUPPLEMENT_REQUESTED:
        supplementRequested = e.on;
        steps.push(`${e.on} 发出补正通知，计时中止 / supplement requested ${e.on}; the clock stops`);
        break;
      case RequestEventKind.SUPPLEMENT_RECEIVED:
        supplementReceived = countsFrom = e.on;
        steps.push(`${e.on} 收到补正，答复期限重新起算 / supplement received ${e.on}; the reply period restarts (day zero)`);
        break;
      case RequestEventKind.LATE_SUPPLEMENT_ACCEPTED:
        supplementReceived = countsFrom = e.on;
        closedOn = null;
        outcome = null;
        steps.push(`${e.on} 因正当理由接受逾期补正，答复期限重新起算 / late supplement accepted for a good reason ${e.on}; the reply period restarts (day zero)`);
        break;
      case RequestEventKind.DEEMED_WITHDRAWN:
        closedOn = e.on;
        outcome = RequestOutcome.OTHER_NO_SUPPLEMENT;
        steps.push(`${e.on} 逾期未补正，视为放弃申请（第三十条）/ no supplement in time: deemed withdrawn ${e.on} (Art. 30)`);
        break;
      case RequestEventKind.CONSULTATION_STARTED:
        consultations.push({
          party: e.party ?? ConsultationParty.THIRD_PARTY, number: consultations.filter((c) => c.party !== null).length + 1,
          start: e.on, answered: null, days: rules.consultationWorkingDays,
        });
        break;
      case RequestEventKind.CONSULTATION_ANSWERED: {
        const open = consultations.find((c) => c.party !== null && c.answered === null && (e.consultation ? c.number === e.consultation : c.party === e.party));
        if (open) open.answered = e.on;
        break;
      }
      case RequestEventKind.REASONS_REQUESTED:
        reasonsRequested = e.on;
        break;
      case RequestEventKind.REASONS_GIVEN:
        reasonsGiven = true;
        steps.push(`${e.on} 申请人说明理由（第三十五条）/ the requester stated reasons ${e.on} (Art. 35)`);
        break;
      case RequestEventKind.EXTENDED:
        extension += e.days ?? 0;
        break;
      case RequestEventKind.EXCESSIVE_PERIOD_SET:
        excessive += e.days ?? 0;
        break;
      case RequestEventKind.FEE_NOTIFIED:
        consultations.push({ party: null, number: 0, start: e.on, answered: null, days: rules.feePaymentWorkingDays });
        break;
      case RequestEventKind.FEE_PAID: {
        const fee = consultations.find((c) => c.party === null && c.answered === null);
        if (fee) fee.answered = feePaidOn = e.on;
        break;
      }
      case RequestEventKind.REPLIED:
        closedOn = e.on;
        outcome = e.outcome ?? null;
        break;
      default:
        break;
    }
  }

  const supplementNoticeDueOn = receivedOn ? add(receivedOn, rules.supplementNoticeWorkingDays) : null;
  const supplementDueOn = supplementRequested ? add(supplementRequested, rules.supplementWorkingDays) : null;
  const awaitingSupplement = supplementRequested !== null && supplementReceived === null;

  // Each consultation pauses the clock over (start, min(answer, start + 15 working days)], a fee over (notice, min(payment, notice + 20)].
  const spans = consultations.map((c) => {
    const limit = add(c.start, c.days);
    const end = c.answered !== null && c.answered < limit ? c.answered : limit;
    return { ...c, end, limit };
  }).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let paused = 0;
  let reach: string | null = null;
  for (const s of spans) {
    const from = reach !== null && reach > s.start ? reach : s.start;
    if (s.end > from) paused += calendar.workingDaysBetween(from, s.end);
    if (reach === null || s.end > reach) reach = s.end;
    if (s.party === null) {
      const how = s.answered !== null ? `${s.answered} 缴费 / paid ${s.answered}` : messages.feePaymentOpen(s.limit);
      steps.push(`${s.start} 发出收费通知，${how}，缴费期间不计入答复期限 / fee notice ${s.start}: the time to payment is not counted`);
      continue;
    }
    const who = s.party === ConsultationParty.CO_PRODUCER ? ['征求共同制作机关意见', 'co-producer consultation'] : ['征求第三方意见', 'third-party consultation'];
    const how = s.answered !== null && s.answered < s.limit
      ? `${s.start}–${s.answered} 答复 / answered`
      : s.answered !== null || today > s.limit ? messages.consultationRanOut(s.start, s.limit, rules) : messages.consultationOpen(s.start, rules);
    steps.push(`${who[0]} ${how}，不计入答复期限 / ${who[1]} not counted`);
  }
  const openConsultations = spans.filter((s) => s.party !== null && s.answered === null && today <= s.limit).map((s) => s.party!);
  const feePaymentDueOn = spans.find((s) => s.party === null)?.limit ?? null;

  const reasonsDueOn = reasonsRequested !== null && !reasonsGiven && closedOn === null ? add(reasonsRequested, rules.excessiveReasonsWorkingDays) : null;
  if (reasonsDueOn !== null) steps.push(messages.reasonsStep(reasonsRequested!, reasonsDueOn, rules));
  const receiptConfirmationDueOn = receivedOn === null && closedOn === null && arrivedOn !== null ? add(arrivedOn, rules.receiptConfirmationWorkingDays) : null;
  let replyDueOn: string | null = null;
  if (countsFrom !== null && !awaitingSupplement) {
    steps.push(messages.replyPeriodStep(rules));
    if (paused > 0) steps.push(`暂停 ${paused} 个工作日（征求意见、缴费）/ paused ${paused} working days for consultation or fee payment`);
    if (extension > 0) steps.push(`经批准延长 ${extension} 个工作日 / extended ${extension} working days (approved)`);
    if (excessive > 0) steps.push(`申请数量、频次明显超过合理范围，另定期限 ${excessive} 个工作日（第三十五条）/ longer period of ${excessive} working days for an excessive request (Art. 35)`);
    replyDueOn = add(countsFrom, rules.replyWorkingDays + paused + extension + excessive);
    steps.push(`答复期限 ${replyDueOn} / reply due ${replyDueOn}`);
  } else if (awaitingSupplement) {
    steps.push(`申请人应于 ${supplementDueOn} 前补正，逾期视为放弃 / the requester has until ${supplementDueOn} to supplement, else the request is abandoned`);
  } else if (receiptConfirmationDueOn !== null) {
    steps.push(messages.receiptConfirmationStep(receiptConfirmationDueOn, rules));
  }

  const status = closedOn !== null ? RequestStatus.CLOSED
    : receivedOn === null ? RequestStatus.AWAITING_RECEIPT
      : awaitingSupplement ? RequestStatus.AWAITING_SUPPLEMENT
        : openConsultations.length > 0 ? RequestStatus.IN_CONSULTATION
          : RequestStatus.PROCESSING;
  return {
    status, receivedOn, receiptConfirmationDueOn, reasonsDueOn, countsFrom, replyDueOn, provisional, supplementNoticeDueOn, supplementDueOn,
    feePaymentDueOn, feePaidOn, pausedWorkingDays: paused, extendedWorkingDays: extension + excessive, openConsultations, closedOn, outcome, steps,
  };
}
