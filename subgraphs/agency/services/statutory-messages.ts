import { DUE_SOON_WORKING_DAYS, STATUTORY_RULES, type ClockRules } from './statutory-rules';

/** A message in both languages, the Chinese first. */
export interface Bilingual { zh: string; en: string }

/** "zh / en", the form schema descriptions take; a full-width bracket already spaces the Chinese. */
function joined(m: Bilingual): string {
  return `${m.zh}${m.zh.endsWith('）') ? '' : ' '}/ ${m.en}`;
}

/**
 * Every bilingual message of the agency that states a statutory period or limit, each built from
 * the rules table (`statutory-rules.ts`) so that no number is written twice. Factories that take
 * `rules` answer for the deployment's rules (its supplement period); the others state the law.
 */
export const messages = {
  /** Error: the supplement notice (Art. 30) came after its last day. */
  supplementNoticeLate(dueOn: string, rules: ClockRules = STATUTORY_RULES): Bilingual {
    const n = rules.supplementNoticeWorkingDays;
    return { zh: `补正通知须在收到申请后 ${n} 个工作日内（${dueOn} 前）发出`, en: `The supplement notice must go out within ${n} working days of receipt (by ${dueOn})` };
  },
  /** Error: the extension (Art. 33) is out of range. */
  extensionDaysOutOfRange(rules: ClockRules = STATUTORY_RULES): Bilingual {
    const n = rules.maxExtensionWorkingDays;
    return { zh: `延长期限须为 1 到 ${n} 个工作日`, en: `days must be 1 to ${n} working days` };
  },
  /** Error: the longer period for an excessive request (Art. 35) is out of range. */
  excessiveDaysOutOfRange(rules: ClockRules = STATUTORY_RULES): Bilingual {
    const n = rules.maxExcessiveWorkingDays;
    return { zh: `另定的期限须为 0 到 ${n} 个工作日`, en: `days must be 0 to ${n} working days` };
  },
  /** Reply-clock step: the reply period itself (Art. 33). */
  replyPeriodStep(rules: ClockRules = STATUTORY_RULES): string {
    const n = rules.replyWorkingDays;
    return `+${n} 个工作日（第三十三条）/ +${n} working days (Art. 33)`;
  },
  /** Reply-clock step: a consultation that ran its full period. */
  consultationRanOut(start: string, limit: string, rules: ClockRules = STATUTORY_RULES): string {
    return `${start}–${limit} 期满 / ran its ${rules.consultationWorkingDays} working days`;
  },
  /** Reply-clock step: an open consultation, counted as its full period. */
  consultationOpen(start: string, rules: ClockRules = STATUTORY_RULES): string {
    const n = rules.consultationWorkingDays;
    return `${start} 起，按满 ${n} 个工作日计 / open, counted as its full ${n} working days`;
  },
  /** Reply-clock step: the receipt awaits confirmation, bounded by the agency (Art. 31). */
  receiptConfirmationStep(dueOn: string, rules: ClockRules = STATUTORY_RULES): string {
    const n = rules.receiptConfirmationWorkingDays;
    return `尚待确认收到申请之日（第三十一条），须于到达后 ${n} 个工作日内（${dueOn} 前）确认 / awaiting confirmation of the receipt date (Art. 31), due within ${n} working days of arrival (by ${dueOn})`;
  },
  /** Reply-clock step: the receipt was confirmed after the agency's bound. */
  receiptConfirmedLate(arrivedOn: string, dueOn: string): string {
    return `${arrivedOn} 到达，应于 ${dueOn} 前确认收到，逾期确认 / arrived ${arrivedOn}; receipt should have been confirmed by ${dueOn}, confirmed late`;
  },
  /** Reply-clock step: reasons asked for (Art. 35) and not yet given. */
  reasonsStep(askedOn: string, dueOn: string, rules: ClockRules = STATUTORY_RULES): string {
    const n = rules.excessiveReasonsWorkingDays;
    return `${askedOn} 要求申请人说明理由（第三十五条），${n} 个工作日内（${dueOn} 前）/ the requester was asked for reasons ${askedOn} (Art. 35), due within ${n} working days (by ${dueOn})`;
  },
  /** Error: refusing as excessive while the requester may still state reasons. */
  reasonsPending(dueOn: string): Bilingual {
    return { zh: `申请人说明理由的期限（${dueOn}）尚未届满，不能以超出合理范围为由不予处理`, en: `The requester may state reasons until ${dueOn}; the request cannot be refused as excessive before then` };
  },
  /** Reply-clock step: a fee not yet paid, counted as its whole payment period. */
  feePaymentOpen(dueOn: string): string {
    return `未缴费，按缴费期限 ${dueOn} 计 / unpaid, counted to the payment deadline ${dueOn}`;
  },
  /** Error: the fee notice came after the reply period (办法第六条: within the reply period). */
  feeNoticeLate(replyDueOn: string): Bilingual {
    return { zh: `收费通知须在答复期限（${replyDueOn}）内发出`, en: `A fee notice must go out within the reply period (by ${replyDueOn})` };
  },
  /** Error: closing for non-payment before the payment period ended. */
  feePaymentPeriodRunning(dueOn: string, rules: ClockRules = STATUTORY_RULES): Bilingual {
    const n = rules.feePaymentWorkingDays;
    return { zh: `缴费期限（收到收费通知后 ${n} 个工作日，至 ${dueOn}）尚未届满`, en: `The requester has ${n} working days to pay, until ${dueOn}` };
  },
  /** Schema description of `requestSupplement`. */
  requestSupplementDescription(): string {
    const n = STATUTORY_RULES.supplementNoticeWorkingDays;
    return joined({ zh: `发出补正通知（一次，收到后 ${n} 个工作日内）`, en: `Ask for a supplement (once, within ${n} working days of receipt)` });
  },
  /** Schema description of `startConsultation`. */
  startConsultationDescription(): string {
    const n = STATUTORY_RULES.consultationWorkingDays;
    return joined({ zh: `征求第三方或共同制作机关意见（${n} 个工作日，不计入答复期限）`, en: `Consult a third party or co-producing agency (${n} working days, not counted)` });
  },
  /** Schema description of `extendReplyPeriod`. */
  extendDescription(): string {
    const n = STATUTORY_RULES.maxExtensionWorkingDays;
    return joined({ zh: `经批准延长答复期限（一次，不超过 ${n} 个工作日，告知申请人）`, en: `Extend the reply period once, at most ${n} working days, approved, with notice` });
  },
  /** Schema description of `feePaymentDueOn`. */
  feePaymentDueOnDescription(): string {
    const n = STATUTORY_RULES.feePaymentWorkingDays;
    return joined({ zh: `信息处理费缴费期限（收到收费通知后 ${n} 个工作日）`, en: `Last day to pay the fee (${n} working days from the notice)` });
  },
  /** Schema description of `supplementNoticeDueOn`. */
  supplementNoticeDueOnDescription(): string {
    const n = STATUTORY_RULES.supplementNoticeWorkingDays;
    return joined({ zh: `补正通知截止日（收到后 ${n} 个工作日）`, en: `Last day for the supplement notice (${n} working days)` });
  },
  /** Supervision: the "due soon" figures, as schema description (both languages) and CSV label (Chinese). */
  dueSoon(zhWhat: string, enWhat: string): Bilingual {
    const n = DUE_SOON_WORKING_DAYS;
    return { zh: `${n} 个工作日内${zhWhat}`, en: `${enWhat} within ${n} working days` };
  },
  /** `dueSoon` as a schema description. */
  dueSoonDescription(zhWhat: string, enWhat: string): string {
    return joined(messages.dueSoon(zhWhat, enWhat));
  },
};
