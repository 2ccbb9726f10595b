import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkingDayCalendar, loadArrangement } from './index';

// Expected dates are counted by hand against the notices quoted in
// node_modules/chinese-days/src/holidays/generate.ts; "(n)" marks the n-th working day counted.
const calendar = WorkingDayCalendar.official();
const due = (from: string, days: number) => calendar.addWorkingDays(from, days);

describe('official arrangements', () => {
  it('Spring Festival 2026: rest 02-15..02-23, Saturdays 02-14 and 02-28 worked', () => {
    // From Tue 02-10: 11 (1) 12 (2) 13 (3) Sat 14 (4), 15–23 rest, 24 (5) 25 (6) 26 (7) 27 (8)
    // Sat 28 (9), Sun 03-01 rest, 03-02..06 (10–14), 09..13 (15–19), Mon 03-16 (20).
    expect(due('2026-02-10', 20)).toEqual({ on: '2026-03-16', provisional: false });
    // From Fri 02-13: the make-up Saturday is the first working day.
    expect(due('2026-02-13', 1)).toEqual({ on: '2026-02-14', provisional: false });
    // Sat 14 (1), 24..27 (2–5), Sat 28 (6), 03-02..06 (7–11), 09..13 (12–16), 16..19 (17–20).
    expect(due('2026-02-13', 20)).toEqual({ on: '2026-03-19', provisional: false });
    expect(calendar.isWorkday('2026-02-14')).toBe(true);
    expect(calendar.isWorkday('2026-02-23')).toBe(false);
    expect(calendar.isWorkday('2026-03-01')).toBe(false);
  });

  it('Labour Day 2025: rest 05-01..05-05, Sunday 04-27 worked', () => {
    // From Fri 04-25: Sat 26 rest, Sun 27 (1), 28 (2) 29 (3) 30 (4), 05-01..05 rest, Tue 05-06 (5).
    expect(due('2025-04-25', 5)).toEqual({ on: '2025-05-06', provisional: false });
  });

  it('Labour Day 2026: rest 05-01..05-05, Saturday 05-09 worked', () => {
    // From Thu 04-30: 05-01..05 rest, Wed 6 (1) 7 (2) 8 (3), Sat 9 (4), Sun 10 rest, Mon 11 (5).
    expect(due('2026-04-30', 4)).toEqual({ on: '2026-05-09', provisional: false });
    expect(due('2026-04-30', 5)).toEqual({ on: '2026-05-11', provisional: false });
  });

  it('National Day 2025: rest 10-01..10-08, Sunday 09-28 and Saturday 10-11 worked', () => {
    // From Fri 09-26: Sat 27 rest, Sun 28 (1), 29 (2) 30 (3), 10-01..08 rest, Thu 9 (4) 10 (5),
    // Sat 11 (6), Sun 12 rest, 13 (7) 14 (8) 15 (9), Thu 10-16 (10).
    expect(due('2025-09-26', 10)).toEqual({ on: '2025-10-16', provisional: false });
  });

  it('Mid-autumn and National Day 2026: rest 09-25..27 and 10-01..07, 09-20 and 10-10 worked', () => {
    // From Fri 09-18: Sat 19 rest, Sun 20 (1), 21..24 (2–5), 25–27 rest, 28 (6) 29 (7) 30 (8),
    // 10-01..07 rest, Thu 8 (9), Fri 9 (10), Sat 10 (11).
    expect(due('2026-09-18', 10)).toEqual({ on: '2026-10-09', provisional: false });
    expect(due('2026-09-18', 11)).toEqual({ on: '2026-10-10', provisional: false });
  });

  it('takes a weekend day of formation as day zero', () => {
    // Sat 03-07 is day zero; Sun 08 is a rest day, so Mon 09 is (1) and Fri 13 is (5).
    expect(due('2026-03-07', 1)).toEqual({ on: '2026-03-09', provisional: false });
    expect(due('2026-03-07', 5)).toEqual({ on: '2026-03-13', provisional: false });
    expect(due('2026-03-07', 0)).toEqual({ on: '2026-03-07', provisional: false });
  });

  it('knows which years are published', () => {
    expect(calendar.isPublishedYear(2004)).toBe(true);
    expect(calendar.isPublishedYear(2026)).toBe(true);
    expect(calendar.isPublishedYear(2027)).toBe(false);
  });
});

describe('unpublished years (2027)', () => {
  it('uses the statutory holidays and marks the result provisional', () => {
    // From Sun 2026-12-20: 21..25 (1–5), 28..31 (6–9) all in 2026, so not provisional.
    expect(due('2026-12-20', 9)).toEqual({ on: '2026-12-31', provisional: false });
    // Then Fri 2027-01-01 is 元旦, 01-04..08 (10–14), 11..15 (15–19), Mon 01-18 (20).
    expect(due('2026-12-20', 20)).toEqual({ on: '2027-01-18', provisional: true });
  });

  it('computes Spring Festival 2027 from the lunar calendar, with its 补假 days', () => {
    // Lunar 1/1 of 2027 is Sat 02-06, so the eve Fri 02-05 and 初一–初三 02-06..08 are rest days;
    // two of them fall on the weekend, so Tue 02-09 and Wed 02-10 are make-up rest days (补假).
    // From Mon 02-01: 2 (1) 3 (2) 4 (3), 5–10 rest, 11 (4) 12 (5), 15..18 (6–9), Fri 02-19 (10).
    expect(due('2027-02-01', 10)).toEqual({ on: '2027-02-19', provisional: true });
    expect(calendar.isWorkday('2027-02-05')).toBe(false);
    expect(calendar.isWorkday('2027-02-08')).toBe(false);
    expect(calendar.isWorkday('2027-02-09')).toBe(false);
    expect(calendar.isWorkday('2027-02-10')).toBe(false);
    expect(calendar.isWorkday('2027-02-11')).toBe(true);
  });

  it('rests on 清明, 劳动节, 端午, 中秋 and 国庆 and assumes no make-up workdays', () => {
    // 清明 Mon 04-05; 端午 (lunar 5/5) Wed 06-09; 中秋 (lunar 8/15) Wed 09-15; 国庆 Fri 10-01.
    for (const date of ['2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01']) {
      expect(calendar.isWorkday(date)).toBe(false);
    }
    expect(calendar.isWorkday('2027-10-06')).toBe(true);
    expect(calendar.isWorkday('2027-10-09')).toBe(false);
  });

  it('gives a working day of rest (补假) for each holiday that falls on a weekend (放假办法 Art. 6)', () => {
    // 劳动节 Sat 05-01 and Sun 05-02: rest Mon 05-03 and Tue 05-04 instead.
    expect(calendar.isWorkday('2027-05-03')).toBe(false);
    expect(calendar.isWorkday('2027-05-04')).toBe(false);
    expect(calendar.isWorkday('2027-05-05')).toBe(true);
    // 国庆 Fri 10-01, Sat 10-02, Sun 10-03: rest Mon 10-04 and Tue 10-05 instead.
    expect(calendar.isWorkday('2027-10-04')).toBe(false);
    expect(calendar.isWorkday('2027-10-05')).toBe(false);
    // From Thu 09-30: 10-01..05 rest, 06 (1) 07 (2) 08 (3), 11 (4), Tue 10-12 (5); without the
    // 补假 days the count would end two working days early, on Fri 10-08.
    expect(due('2027-09-30', 5)).toEqual({ on: '2027-10-12', provisional: true });
    // 元旦 Fri 2027-01-01 is a weekday: no make-up day, Mon 01-04 is worked.
    expect(calendar.isWorkday('2027-01-04')).toBe(true);
  });
});

describe('loaded arrangements', () => {
  // A made-up 2027 arrangement, not the real one: 02-05..02-11 off, Saturday 02-13 worked.
  const fixture = {
    year: 2027,
    holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08',
      '2027-02-09', '2027-02-10', '2027-02-11'],
    workdays: ['2027-02-13'],
    source: '测试用安排',
  };
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-calendar-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes the year and counts its make-up Saturday', () => {
    writeFileSync(join(dir, '2027.json'), JSON.stringify(fixture));
    const loaded = WorkingDayCalendar.official({ arrangementsDir: dir });
    expect(loaded.isPublishedYear(2027)).toBe(true);
    // From Thu 02-04: 5–11 rest, Fri 12 (1), Sat 13 (2), Sun 14 rest, Mon 15 (3).
    expect(loaded.addWorkingDays('2027-02-04', 2)).toEqual({ on: '2027-02-13', provisional: false });
    expect(loaded.addWorkingDays('2027-02-04', 3)).toEqual({ on: '2027-02-15', provisional: false });
    // The loaded year replaces the rules: 清明 04-05 is not in the fixture, so it is worked.
    expect(loaded.isWorkday('2027-04-05')).toBe(true);
  });

  it('can be added at run time', () => {
    const added = WorkingDayCalendar.official();
    added.addArrangement(loadArrangement(fixture, 'upload'));
    expect(added.isPublishedYear(2027)).toBe(true);
    expect(added.isWorkday('2027-02-13')).toBe(true);
  });

  it('rejects bad files, naming the file and the entry', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...fixture, holidays: ['2028-01-01'] }));
    expect(() => WorkingDayCalendar.official({ arrangementsDir: dir }))
      .toThrow(`${file}: holidays entry "2028-01-01" is not a real YYYY-MM-DD date in 2027`);
    writeFileSync(file, JSON.stringify({ ...fixture, workdays: ['2027-02-29'] }));
    expect(() => WorkingDayCalendar.official({ arrangementsDir: dir })).toThrow(/bad\.json: workdays entry "2027-02-29"/);
    writeFileSync(file, '{ "year": 2027,');
    expect(() => WorkingDayCalendar.official({ arrangementsDir: dir })).toThrow(/bad\.json: not valid JSON/);
    expect(() => loadArrangement({ ...fixture, workdays: ['2027-02-05'] }, 'upload'))
      .toThrow('upload: 2027-02-05 is listed both as a holiday and as a workday');
    expect(() => loadArrangement({ ...fixture, source: '' }, 'upload')).toThrow(/upload: source/);
  });
});

describe('input checks', () => {
  it('rejects unreal or malformed dates and bad counts with RangeError', () => {
    expect(() => due('2026-02-30', 1)).toThrow(RangeError);
    expect(() => due('20260101', 1)).toThrow(RangeError);
    expect(() => calendar.isWorkday('2026-2-3')).toThrow(RangeError);
    expect(() => due('2026-01-05', -1)).toThrow(RangeError);
    expect(() => due('2026-01-05', 1.5)).toThrow(RangeError);
    expect(() => calendar.workingDaysBetween('2026-01-05', '2026-13-01')).toThrow(RangeError);
    expect(() => calendar.isWorkday('2003-06-02')).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts (from, to] and inverts addWorkingDays', () => {
    const ranges: [string, number][] = [
      ['2026-02-10', 20], ['2026-02-13', 1], ['2025-09-26', 10], ['2026-03-07', 5],
      ['2026-12-20', 20], ['2027-02-01', 10], ['2024-06-01', 250],
    ];
    for (const [from, days] of ranges) {
      expect(calendar.workingDaysBetween(from, due(from, days).on)).toBe(days);
    }
    // Sat 02-14 is worked, Sun 15 is not.
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-15')).toBe(1);
    expect(calendar.workingDaysBetween('2026-03-16', '2026-02-10')).toBe(-20);
    expect(calendar.workingDaysBetween('2026-02-10', '2026-02-10')).toBe(0);
  });
});
