import { PenaltyCategory } from '../entities/enums';

/**
 * The rules table: every period or limit, in working days, and every fee tier that the agency's
 * request workflow and its supervision count with. Defaults are the law's; a deployment may set
 * stricter values (config.ts). Messages that state one of these numbers are built from here by
 * `statutory-messages.ts`, so changing a period changes the count and every message together.
 */
import { FeeMethod } from '../entities/request-enums';

/** One stepped tier: from the `above`-th unit (exclusive) on, each unit costs `yuan`. */
export interface FeeTier { above: number; yuan: number }

/** Statutory periods in working days, and the agency's settings; see each field for its source. */
export interface ClockRules {
  replyWorkingDays: number;
  /**
   * Art. 31(二)(三): an ordinary letter, a fax or an online request is received the day both sides
   * confirm it, a day the regulation does not bound. The agency bounds it: staff must confirm within
   * this many working days of the day the request arrived as entered (`submittedOn`), or the request
   * is overdue (config `HUB_RECEIPT_CONFIRMATION_WORKING_DAYS`; the hub's default, not the law's).
   */
  receiptConfirmationWorkingDays: number;
  supplementNoticeWorkingDays: number;
  /** Art. 30 leaves the supplement period to the agency (config `supplementWorkingDays`). */
  supplementWorkingDays: number;
  consultationWorkingDays: number;
  maxExtensionWorkingDays: number;
  /**
   * Art. 35 lets the agency set a "reasonable period" (合理期限) for an excessive request and names
   * no ceiling; this is the longest this agency accepts (config `HUB_MAX_EXCESSIVE_WORKING_DAYS`;
   * the hub's default 60 working days, a choice, not the law's).
   */
  maxExcessiveWorkingDays: number;
  /**
   * Art. 35 lets the agency ask an excessive requester for reasons and names no time to answer;
   * this is the agency's (the hub's default). While it runs the request cannot be refused as
   * excessive; after it, without reasons, it can (table 3, row 3.5.4).
   */
  excessiveReasonsWorkingDays: number;
  /** 办法第三条: the way this agency usually counts the fee (config `HUB_FEE_METHOD`); a notice may pick the other. */
  feeMethod: FeeMethod;
  /**
   * 办法第六条: the requester pays within 20 working days from the day after receiving the fee
   * notice; unpaid by then, the request counts as abandoned (table 3, row 3.6.2). The time from the
   * notice to the payment is not counted in the reply period.
   */
  feePaymentWorkingDays: number;
}

/** The law's periods, with the default 15 working days for the requester to supplement. */
export const STATUTORY_RULES: ClockRules = {
  replyWorkingDays: 20,
  receiptConfirmationWorkingDays: 5,
  supplementNoticeWorkingDays: 7,
  supplementWorkingDays: 15,
  consultationWorkingDays: 15,
  maxExtensionWorkingDays: 20,
  maxExcessiveWorkingDays: 60,
  excessiveReasonsWorkingDays: 15,
  feeMethod: FeeMethod.BY_ITEM,
  feePaymentWorkingDays: 20,
};

/**
 * 办法第四条 按件计收: one requester's requests to one agency in a calendar month; the 1st–10th
 * are free, the 11th–30th cost ¥100 each, and above 30 every further band of 10 costs ¥100 more per
 * request (31st–40th ¥200, 41st–50th ¥300, …).
 */
export const FEE_BY_ITEM = { freeUpTo: 10, firstBandUpTo: 30, firstBandYuan: 100, bandSize: 10, bandStepYuan: 100 } as const;

/**
 * 办法第五条 按量计收, only where the information goes out on paper, by e-mail or as copied electronic
 * data: pages (A4) given in answer to one request; up to 30 free, pages 31–100 ¥10 each, 101–200 ¥20 each, above 200 ¥40 each.
 */
export const FEE_BY_VOLUME: readonly FeeTier[] = [{ above: 30, yuan: 10 }, { above: 100, yuan: 20 }, { above: 200, yuan: 40 }];

/**
 * The penalty publicity periods of SAMR's rules on 行政处罚信息公示 (order 45): publish within 20
 * working days of the decision, withdraw within 3 working days of its revocation or change, show
 * the short class 3 months and the others 3 years. An agency may set stricter (shorter) working-day
 * periods (`HUB_PENALTY_PUBLISH_DAYS`, e.g. the 7 working days of 双公示 practice), never laxer.
 */
export const PENALTY_RULES = {
  publishWorkingDays: 20,
  withdrawWorkingDays: 3,
  shortPublicityMonths: 3,
  standardPublicityYears: 3,
} as const;

/**
 * Which penalty decisions are published and for which period, by category: decisions under the
 * simplified procedure (简易程序) and warnings only are not published; 通报批评 and small fines
 * are the short (3-month) class; every other decision the standard period.
 */
export const PENALTY_CATEGORY_RULES: Readonly<Record<PenaltyCategory, { published: boolean; publicity: 'short' | 'standard' | null }>> = {
  [PenaltyCategory.SIMPLIFIED_PROCEDURE]: { published: false, publicity: null },
  [PenaltyCategory.WARNING_ONLY]: { published: false, publicity: null },
  [PenaltyCategory.CRITICISM_OR_SMALL_FINE]: { published: true, publicity: 'short' },
  [PenaltyCategory.STANDARD]: { published: true, publicity: 'standard' },
};

/** The categories whose decisions are published (the others never fall due). */
export const PUBLISHED_PENALTY_CATEGORIES: readonly PenaltyCategory[] = Object.values(PenaltyCategory).filter((c) => PENALTY_CATEGORY_RULES[c].published);

/** "Due soon" means due within this many working days from today. */
export const DUE_SOON_WORKING_DAYS = 3;
