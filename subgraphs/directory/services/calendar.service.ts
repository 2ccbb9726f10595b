import type { EntityManager } from '@mikro-orm/core';
import { FIRST_YEAR, LAST_YEAR, loadArrangement, type HolidayArrangement, type WorkingDayCalendar, type WorkingDayDue } from '../../shared/calendar';
import { BadUserInputError, ForbiddenError } from '../../../schema/contracts/errors';
import type { DirectoryContext } from '../context';
import { HolidayArrangementEntity } from '../entities/holiday-arrangement.entity';

/**
 * Longest count `dueDate` accepts. Statutory limits are far shorter (20 working days, extended by
 * 20 at most); the cap keeps one query from walking the calendar for years.
 */
export const MAX_WORKING_DAYS = 400;

/**
 * Registry code of the provincial government's general office (省政府办公厅), whose admins load
 * the State Council's new holiday arrangement for the whole province.
 */
export const CALENDAR_AUTHORITY = 'fjgov';

function outsideCalendar(field: string): BadUserInputError {
  return new BadUserInputError(
    field,
    `日期须在工作日历覆盖的 ${FIRST_YEAR}—${LAST_YEAR} 年之内`,
    `${field} must lie within the calendar's years ${FIRST_YEAR}–${LAST_YEAR}`,
  );
}

/** The `workingDays`-th working day after `from` (day zero) on the official calendar. */
export function dueDate(ctx: DirectoryContext, from: string, workingDays: number): WorkingDayDue {
  if (!Number.isInteger(workingDays) || workingDays < 0 || workingDays > MAX_WORKING_DAYS) {
    throw new BadUserInputError('workingDays', `工作日数须为 0 到 ${MAX_WORKING_DAYS} 之间的整数`, `workingDays must be an integer from 0 to ${MAX_WORKING_DAYS}`);
  }
  try {
    return ctx.runtime.calendar.addWorkingDays(from, workingDays);
  } catch (error) {
    // The Date scalar has checked the form already; what is left is a year the calendar lacks.
    if (error instanceof RangeError) throw outsideCalendar('from');
    throw error;
  }
}

/** Whether `date` is a working day, make-up workdays (调休上班) included. */
export function isWorkday(ctx: DirectoryContext, date: string): boolean {
  try {
    return ctx.runtime.calendar.isWorkday(date);
  } catch (error) {
    if (error instanceof RangeError) throw outsideCalendar('date');
    throw error;
  }
}

/** Years whose official arrangement is known, built in or loaded, oldest first. */
export function publishedYears(calendar: WorkingDayCalendar): number[] {
  const years: number[] = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) if (calendar.isPublishedYear(year)) years.push(year);
  return years;
}

/** The arrangement `json` gives, or a BAD_USER_INPUT on `json` saying what is wrong with it. */
function parseArrangement(json: string): HolidayArrangement {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new BadUserInputError('json', '放假安排不是合法的 JSON', 'json is not valid JSON');
  }
  try {
    return loadArrangement(parsed, 'json');
  } catch (error) {
    const problem = (error as Error).message;
    throw new BadUserInputError('json', `放假安排无效：${problem}`, `Invalid holiday arrangement: ${problem}`);
  }
}

/**
 * Loads a year's arrangement (`{ year, holidays, workdays, source }` as JSON) for the whole
 * province, without a release: stored first, so the running calendar only changes once it is
 * also safe for the next start. The directory is the province's source: every agency deployment
 * reads `holidayArrangements` through the gateway and follows within its sync interval
 * (`subgraphs/agency/services/calendar-sync.ts`). Returns the published years afterwards.
 */
export async function loadHolidayArrangement(ctx: DirectoryContext, json: string): Promise<number[]> {
  const { claims } = ctx;
  if (claims.agency !== CALENDAR_AUTHORITY || !claims.roles.includes('admin')) {
    throw new ForbiddenError('只有省政府办公厅的管理员可以导入放假安排', 'Only an admin of the provincial government office may load a holiday arrangement');
  }
  const arrangement = parseArrangement(json);
  // One upsert: a year loaded again (a corrected notice) replaces the stored one atomically.
  await ctx.em.upsert(HolidayArrangementEntity, {
    year: arrangement.year, json: JSON.stringify(arrangement), loadedAt: ctx.runtime.clock.now(),
  });
  ctx.runtime.calendar.addArrangement(arrangement);
  return publishedYears(ctx.runtime.calendar);
}

/**
 * Puts every stored arrangement back into `calendar` at start. They go in after the files of
 * HUB_CALENDAR_DIR, so an arrangement loaded at run time wins over a file for the same year.
 */
export async function restoreArrangements(em: EntityManager, calendar: WorkingDayCalendar): Promise<void> {
  const stored = await em.find(HolidayArrangementEntity, {}, { orderBy: { year: 'asc' } });
  for (const row of stored) calendar.addArrangement(loadArrangement(JSON.parse(row.json), `holiday_arrangement ${row.year}`));
}
