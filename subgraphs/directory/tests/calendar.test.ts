import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PUBLIC, staff } from '../../../test/support/agency-harness';
import { freshDatabase, testEngines } from '../../../test/support/databases';
import type { DatabaseKind } from '../../shared/orm';
import { openTestDirectory, type TestDirectory } from './harness';
import { ARRANGEMENT_YEARS, DUE_DATE, IS_WORKDAY, LOAD_ARRANGEMENT, type DueDateView } from './operations';

const CALENDAR_ADMIN = staff('fjgov', 'admin');

/** A made-up 2027 arrangement (the State Council has not published the real one): 元旦 and 春节. */
const ARRANGEMENT_2027 = JSON.stringify({
  year: 2027,
  source: '测试用安排（非国务院办公厅通知）',
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03', ...['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => `2027-02-${d}`)],
  workdays: ['2027-02-20'],
});

describe.each(testEngines())('the working-day calendar on %s', (kind) => {
  let directory: TestDirectory;
  beforeAll(async () => { directory = await openTestDirectory(kind); });
  afterAll(() => directory.close());

  const due = async (from: string, workingDays: number) => (await directory.exec<DueDateView>(DUE_DATE, { from, workingDays })).dueDate;

  it('counts across Spring Festival 2026 with its make-up Saturdays', async () => {
    // From Tue 02-10: 11..14(Sat) (4), rest 15..23, 24..28(Sat) (9), 03-02..06 (14), 09..13 (19), Mon 03-16 (20).
    expect(await due('2026-02-10', 20)).toEqual({ on: '2026-03-16', provisional: false });
  });

  it('counts into 2027, whose arrangement is not published, and says the date is provisional', async () => {
    // From Mon 2026-12-14: 15..18 (4), 21..25 (9), 28..31 (13), 2027-01-01 元旦, 01-04..08 (18), 11, Tue 12 (20).
    expect(await due('2026-12-14', 20)).toEqual({ on: '2027-01-12', provisional: true });
  });

  it.each([
    ['workingDays', '2026-02-10', -1],
    ['workingDays', '2026-02-10', 401],
    ['from', '1999-12-31', 5],
    ['from', '2100-12-01', 60],
  ])('rejects a bad %s (%s + %d) with a bilingual BAD_USER_INPUT naming it', async (field, from, workingDays) => {
    const result = await directory.execRaw(DUE_DATE, { from, workingDays });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0].message).toMatch(/[\u4e00-\u9fff].* \/ .*[a-z]/);
  });

  it('rejects a date that does not exist', async () => {
    const result = await directory.execRaw(DUE_DATE, { from: '2026-02-30', workingDays: 1 });
    expect(result.errors?.[0].message).toContain('YYYY-MM-DD');
  });

  it('tells working days from rest days, make-up workdays included', async () => {
    const workday = async (date: string) => (await directory.exec<{ isWorkday: boolean }>(IS_WORKDAY, { date })).isWorkday;
    expect(await workday('2026-02-14')).toBe(true);
    expect(await workday('2026-02-23')).toBe(false);
    expect(await workday('2026-03-02')).toBe(true);
    expect(await workday('2026-03-01')).toBe(false);
  });

  it('lists the years with a published arrangement, through 2026 and not 2027', async () => {
    const { holidayArrangementYears } = await directory.exec<{ holidayArrangementYears: number[] }>(ARRANGEMENT_YEARS);
    expect(holidayArrangementYears).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(holidayArrangementYears).not.toContain(2027);
  });

  it.each([
    ["another agency's admin", staff('fjdrc', 'admin')],
    ["the provincial government office's editor", staff('fjgov', 'editor')],
    ['a coordinator', { sub: 'coordinator@news', roles: ['coordinator' as const] }],
    ['the public', PUBLIC],
  ])('refuses %s a holiday arrangement with FORBIDDEN', async (_who, claims) => {
    const result = await directory.execRaw(LOAD_ARRANGEMENT, { json: ARRANGEMENT_2027 }, claims);
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await due('2026-12-14', 20)).toEqual({ on: '2027-01-12', provisional: true });
  });

  it.each([
    ['not JSON', '{ year: 2027'],
    ['no source', JSON.stringify({ year: 2027, holidays: [], workdays: [] })],
    ['a date of another year', JSON.stringify({ year: 2027, source: 'x', holidays: ['2026-10-01'], workdays: [] })],
  ])('rejects an arrangement that is %s, naming the json field', async (_what, json) => {
    const result = await directory.execRaw(LOAD_ARRANGEMENT, { json }, CALENDAR_ADMIN);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'json' });
  });
});

/** A database that outlives one runtime: a temporary SQLite file, or a fresh PostgreSQL database. */
async function durableDatabase(kind: DatabaseKind): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === 'postgresql') return freshDatabase(kind);
  const dir = mkdtempSync(join(tmpdir(), 'hub-directory-'));
  return { url: join(dir, 'directory.sqlite'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

describe.each(testEngines())('a holiday arrangement loaded at run time, on %s', (kind) => {
  let db: { url: string; drop: () => Promise<void> };
  let directory: TestDirectory | undefined;
  beforeAll(async () => { db = await durableDatabase(kind); });
  afterAll(async () => {
    await directory?.close();
    await db.drop();
  });

  it('makes 2027 published for the provincial government office\'s admin, and survives a restart', async () => {
    directory = await openTestDirectory(kind, { url: db.url });
    const { loadHolidayArrangement } = await directory.exec<{ loadHolidayArrangement: number[] }>(LOAD_ARRANGEMENT, { json: ARRANGEMENT_2027 }, CALENDAR_ADMIN);
    expect(loadHolidayArrangement).toEqual(expect.arrayContaining([2024, 2025, 2026, 2027]));
    expect((await directory.exec<DueDateView>(DUE_DATE, { from: '2026-12-14', workingDays: 20 })).dueDate).toEqual({ on: '2027-01-12', provisional: false });
    // 春节 2027 as loaded: rest 02-05..13, Saturday 02-20 worked.
    expect((await directory.exec<DueDateView>(DUE_DATE, { from: '2027-02-04', workingDays: 6 })).dueDate).toEqual({ on: '2027-02-20', provisional: false });
    await directory.close();

    directory = await openTestDirectory(kind, { url: db.url });
    expect((await directory.exec<{ holidayArrangementYears: number[] }>(ARRANGEMENT_YEARS)).holidayArrangementYears).toContain(2027);
    expect((await directory.exec<DueDateView>(DUE_DATE, { from: '2027-02-04', workingDays: 6 })).dueDate).toEqual({ on: '2027-02-20', provisional: false });
  });
});
