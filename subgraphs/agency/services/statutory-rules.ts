import { PenaltyCategory } from '../entities/enums';

/**
 * The rules table: every period or limit, in working days, that the agency's request workflow and
 * its supervision counts with. Messages that state one of these numbers are built from here by
 * `statutory-messages.ts`, so changing a period changes the count and every message together.
 */

/** Statutory periods in working days; `supplementWorkingDays` is the deployment's choice (config). */
export interface ClockRules {
  replyWorkingDays: number;
  supplementNoticeWorkingDays: number;
  supplementWorkingDays: number;
  consultationWorkingDays: number;
  maxExtensionWorkingDays: number;
  /** Art. 35 sets no ceiling on the longer period; this is the longest the hub accepts. */
  maxExcessiveWorkingDays: number;
}

/** The law's periods, with the default 15 working days for the requester to supplement. */
export const STATUTORY_RULES: ClockRules = {
  replyWorkingDays: 20,
  supplementNoticeWorkingDays: 7,
  supplementWorkingDays: 15,
  consultationWorkingDays: 15,
  maxExtensionWorkingDays: 20,
  maxExcessiveWorkingDays: 60,
};

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
