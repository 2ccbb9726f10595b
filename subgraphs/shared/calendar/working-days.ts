/**
 * The working-day calendar behind every statutory time limit (期限): the State Council's yearly
 * holiday arrangements, with make-up workdays (调休), and for a year not yet published the
 * statutory holidays that the national holiday rules fix in advance, with their 补假 days.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDayDetail, getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';

/** The first year handled: chinese-days' official arrangements begin with 2004. */
export const FIRST_YEAR = 2004;
/** The last year handled: chinese-days' lunar table ends with 2100. */
export const LAST_YEAR = 2100;

const DAY_MS = 86_400_000;

/** One year's holiday arrangement (部分节假日安排), as the State Council's notice gives it. */
export interface HolidayArrangement {
  readonly year: number;
  /** Every rest day of the holidays, weekends within them included or not. */
  readonly holidays: readonly string[];
  /** Make-up workdays (调休上班): Saturdays or Sundays that are worked. */
  readonly workdays: readonly string[];
  /** The notice the dates come from, e.g. "国办发明电〔2026〕x号". */
  readonly source: string;
}

/** The end of a time limit counted in working days. */
export interface WorkingDayDue {
  /** The last working day of the limit, "YYYY-MM-DD". */
  readonly on: string;
  /** True when a counted day lies in a year whose arrangement is not yet published. */
  readonly provisional: boolean;
}

interface YearTable {
  /** Days since 1970-01-01 of the year's 1 January. */
  readonly first: number;
  readonly published: boolean;
  /** 1 for a rest day, indexed by day of the year from 0. */
  readonly rest: Uint8Array;
  /** Working days from 1 January through each day of the year. */
  readonly worked: Uint16Array;
}

/** Days since 1970-01-01 for a real "YYYY-MM-DD" date, else undefined. */
function epochDay(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return undefined;
  return at.getTime() / DAY_MS;
}

function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RangeError(`year ${year} is outside the calendar's range ${FIRST_YEAR}–${LAST_YEAR}`);
  }
}

function parseDate(date: string): { year: number; day: number } {
  const day = epochDay(date);
  if (day === undefined) throw new RangeError(`"${date}" is not a real date in the form YYYY-MM-DD`);
  const year = Number(date.slice(0, 4));
  checkYear(year);
  return { year, day };
}

function isWeekend(day: number): boolean {
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
  return weekday === 0 || weekday === 6;
}

/** The solar date of a day of the lunar calendar's year `year` (not of a leap month). */
function lunarDay(year: number, month: number, day: number): number {
  // chinese-days reads its argument with local-time getters, so a local Date names the day anywhere.
  return epochDay(getSolarDateFromLunar(new Date(year, month - 1, day)).date)!;
}

function qingmingDay(year: number): number {
  // chinese-days formats UTC midnight with local-time getters, which west of UTC names the day before.
  const westOfUtc = new Date(Date.UTC(year, 3, 5)).getTimezoneOffset() > 0;
  return epochDay(getSolarTermDate(year, 4, 'pure_brightness'))! + (westOfUtc ? 1 : 0);
}

/**
 * The holidays 全国年节及纪念日放假办法 (2025 revision) Art. 2 fixes for `year`, before any 调休,
 * each as its run of consecutive days, in date order.
 */
function statutoryHolidays(year: number): number[][] {
  const on = (month: number, day: number) => Date.UTC(year, month - 1, day) / DAY_MS;
  const springFestival = lunarDay(year, 1, 1);
  const holidays = [
    [on(1, 1)],
    [springFestival - 1, springFestival, springFestival + 1, springFestival + 2],
    [qingmingDay(year)],
    [on(5, 1), on(5, 2)],
    [lunarDay(year, 5, 5)],
    [lunarDay(year, 8, 15)],
    [on(10, 1), on(10, 2), on(10, 3)],
  ];
  return holidays.sort((a, b) => a[0] - b[0]);
}

/**
 * Marks in `rest` (indexed from `first`) the statutory holidays of `year` and, because 放假办法
 * Art. 6 says a holiday of all citizens that falls on a Saturday or Sunday is made up on a working
 * day (补假), one further rest day for each such day: the next working days after the holiday,
 * as every State Council notice has placed them.
 */
function markStatutoryRest(year: number, first: number, rest: Uint8Array): void {
  const holidays = statutoryHolidays(year);
  // Every holiday first, so that a make-up day never lands on another holiday (中秋 beside 国庆).
  for (const days of holidays) for (const day of days) rest[day - first] = 1;
  for (const days of holidays) {
    let owed = days.filter(isWeekend).length;
    for (let i = days[days.length - 1] + 1 - first; owed > 0 && i < rest.length; i++) {
      if (rest[i] === 0) {
        rest[i] = 1;
        owed--;
      }
    }
  }
}

/**
 * Validates a holiday arrangement read from JSON, `{ year, holidays, workdays, source }`.
 * @param sourceName names the file or upload in error messages.
 * @throws Error naming `sourceName` and the offending entry.
 */
export function loadArrangement(json: unknown, sourceName: string): HolidayArrangement {
  const fail = (problem: string): never => {
    throw new Error(`${sourceName}: ${problem}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail('expected an object with year, holidays, workdays and source');
  }
  const { year, holidays, workdays, source } = json as Record<string, unknown>;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    return fail(`year ${JSON.stringify(year)} is not a year from ${FIRST_YEAR} to ${LAST_YEAR}`);
  }
  if (typeof source !== 'string' || source.trim() === '') {
    return fail('source must name the notice the dates come from');
  }
  const dates = (field: string, value: unknown): string[] => {
    if (!Array.isArray(value)) return fail(`${field} must be an array of YYYY-MM-DD dates`);
    for (const entry of value) {
      if (typeof entry !== 'string' || epochDay(entry) === undefined || !entry.startsWith(`${year}-`)) {
        fail(`${field} entry ${JSON.stringify(entry)} is not a real YYYY-MM-DD date in ${year}`);
      }
    }
    return [...value] as string[];
  };
  const rest = dates('holidays', holidays);
  const worked = dates('workdays', workdays);
  const both = rest.find((date) => worked.includes(date));
  if (both) fail(`${both} is listed both as a holiday and as a workday`);
  return Object.freeze({
    year, holidays: Object.freeze(rest), workdays: Object.freeze(worked), source,
  });
}

/**
 * Working days as Chinese government bodies count them: the official arrangement of each year
 * where published, else weekends, the statutory holidays and their 补假 days (the result is then provisional).
 */
export class WorkingDayCalendar {
  private readonly loaded = new Map<number, HolidayArrangement>();
  // Built once per year, so a count is an array walk rather than a holiday lookup per day.
  private readonly tables = new Map<number, YearTable>();

  private constructor() {}

  /**
   * The official calendar: chinese-days' arrangements (2004 onwards) plus every `*.json`
   * arrangement in `arrangementsDir`; a loaded year replaces chinese-days' data for that year.
   * @throws Error naming the file when a file is not valid JSON or not a valid arrangement,
   *   or when two files give the same year.
   */
  static official(options: { arrangementsDir?: string } = {}): WorkingDayCalendar {
    const calendar = new WorkingDayCalendar();
    const dir = options.arrangementsDir;
    if (!dir) return calendar;
    const fromFile = new Map<number, string>();
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      const file = join(dir, name);
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
      }
      const arrangement = loadArrangement(json, file);
      const earlier = fromFile.get(arrangement.year);
      if (earlier) throw new Error(`${file}: year ${arrangement.year} is already loaded from ${earlier}`);
      fromFile.set(arrangement.year, file);
      calendar.addArrangement(arrangement);
    }
    return calendar;
  }

  /**
   * Loads (or replaces) a year's arrangement at run time; the year then counts as published.
   * @throws Error when the arrangement is invalid, as {@link loadArrangement} checks it.
   */
  addArrangement(arrangement: HolidayArrangement): void {
    const checked = loadArrangement(arrangement, `arrangement for ${arrangement.year}`);
    this.loaded.set(checked.year, checked);
    this.tables.delete(checked.year);
  }

  /** The arrangements loaded from files or at run time (not chinese-days' built-in ones), oldest year first. */
  loadedArrangements(): HolidayArrangement[] {
    return [...this.loaded.values()].sort((a, b) => a.year - b.year);
  }

  /** The arrangement loaded for `year`, if any (undefined for a built-in or unpublished year). */
  loadedArrangement(year: number): HolidayArrangement | undefined {
    return this.loaded.get(year);
  }

  /**
   * True when the year's official arrangement is known, from chinese-days or loaded.
   * @throws RangeError for a year outside {@link FIRST_YEAR}–{@link LAST_YEAR}.
   */
  isPublishedYear(year: number): boolean {
    checkYear(year);
    return this.table(year).published;
  }

  /**
   * True when `date` ("YYYY-MM-DD") is a working day.
   * @throws RangeError for a malformed or unreal date, or one outside the calendar's years.
   */
  isWorkday(date: string): boolean {
    const { year, day } = parseDate(date);
    const table = this.table(year);
    return table.rest[day - table.first] === 0;
  }

  /**
   * The `workingDays`-th working day after `from`, the day of receipt or formation (day zero);
   * 0 gives `from` itself.
   * @throws RangeError when `from` is not a valid date or `workingDays` not an integer ≥ 0.
   */
  addWorkingDays(from: string, workingDays: number): WorkingDayDue {
    const start = parseDate(from);
    if (!Number.isInteger(workingDays) || workingDays < 0) {
      throw new RangeError(`workingDays must be an integer ≥ 0, got ${workingDays}`);
    }
    let year = start.year;
    let table = this.table(year);
    let index = start.day - table.first;
    let provisional = false;
    for (let left = workingDays; left > 0; ) {
      if (++index === table.rest.length) {
        table = this.table(++year);
        index = 0;
      }
      if (!table.published) provisional = true;
      if (table.rest[index] === 0) left--;
    }
    return { on: formatDay(table.first + index), provisional };
  }

  /**
   * The number of working days in (`from`, `to`]: the inverse of {@link addWorkingDays}, and
   * negative when `to` is before `from`.
   * @throws RangeError for an invalid date.
   */
  workingDaysBetween(from: string, to: string): number {
    const a = parseDate(from);
    const b = parseDate(to);
    if (b.day < a.day) return -this.workingDaysBetween(to, from);
    const through = ({ year, day }: { year: number; day: number }) => {
      const table = this.table(year);
      return table.worked[day - table.first];
    };
    let count = through(b) - through(a);
    for (let year = a.year; year < b.year; year++) {
      const { worked } = this.table(year);
      count += worked[worked.length - 1];
    }
    return count;
  }

  private table(year: number): YearTable {
    let table = this.tables.get(year);
    if (!table) {
      checkYear(year);
      table = this.buildTable(year);
      this.tables.set(year, table);
    }
    return table;
  }

  private buildTable(year: number): YearTable {
    const first = Date.UTC(year, 0, 1) / DAY_MS;
    const length = Date.UTC(year + 1, 0, 1) / DAY_MS - first;
    const rest = new Uint8Array(length);
    for (let i = 0; i < length; i++) rest[i] = isWeekend(first + i) ? 1 : 0;

    let published: boolean;
    const arrangement = this.loaded.get(year);
    if (arrangement) {
      published = true;
      for (const date of arrangement.holidays) rest[epochDay(date)! - first] = 1;
      for (const date of arrangement.workdays) rest[epochDay(date)! - first] = 0;
    } else {
      published = false;
      for (let i = 0; i < length; i++) {
        const detail = getDayDetail(formatDay(first + i));
        // Unlisted days come back named after the weekday, which chinese-days reads in local
        // time; only its listed days (named "Festival,节日,days") are taken from it.
        if (!detail.name.includes(',')) continue;
        rest[i] = detail.work ? 0 : 1;
        if (!detail.work && !isWeekend(first + i)) published = true;
      }
      if (!published) markStatutoryRest(year, first, rest);
    }

    const worked = new Uint16Array(length);
    let count = 0;
    for (let i = 0; i < length; i++) {
      if (rest[i] === 0) count++;
      worked[i] = count;
    }
    return { first, published, rest, worked };
  }
}
