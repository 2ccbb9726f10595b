/**
 * Date arithmetic on plain "YYYY-MM-DD" strings through UTC day numbers, so the result never
 * depends on the machine's time zone. Working days here skip only Saturdays and Sundays: the
 * official holiday calendar is applied by the hub, the demo only needs plausible spacing.
 */

const MS_PER_DAY = 86_400_000;

/** Day number (days since 1970-01-01) of a "YYYY-MM-DD" date; throws on anything else. */
export function toDay(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`no such date: ${date}`);
  }
  return ms / MS_PER_DAY;
}

/** "YYYY-MM-DD" of a day number. */
export function fromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** True on Saturdays and Sundays. */
export function isWeekend(day: number): boolean {
  const weekday = new Date(day * MS_PER_DAY).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The latest weekday on or before `day`. */
export function weekdayOnOrBefore(day: number): number {
  let d = day;
  while (isWeekend(d)) d--;
  return d;
}

/** `day` plus `count` weekdays, counting from the next day as the disclosure rules do. */
export function addWorkingDays(day: number, count: number): number {
  let d = day;
  for (let left = count; left > 0; ) {
    d++;
    if (!isWeekend(d)) left--;
  }
  return d;
}

/** A date as Chinese documents write it: 2025年3月12日. */
export function chineseDate(day: number): string {
  const [y, m, d] = fromDay(day).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The calendar year of a day number. */
export function yearOf(day: number): number {
  return Number(fromDay(day).slice(0, 4));
}

/** The calendar month (1–12) of a day number. */
export function monthOf(day: number): number {
  return Number(fromDay(day).slice(5, 7));
}
