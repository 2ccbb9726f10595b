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

/** "Due soon" means due within this many working days from today. */
export const DUE_SOON_WORKING_DAYS = 3;
