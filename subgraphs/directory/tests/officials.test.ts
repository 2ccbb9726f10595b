import { PUBLIC, staff } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import type { Claims } from '../../../schema/contracts/claims';
import { openTestDirectory, statementsOf, type TestDirectory } from './harness';
import { GET_OFFICIALS, LIST_OFFICIALS, SET_OFFICIALS, type OfficialView } from './operations';

// Issue 14, the 2014 Fujian notice: each agency names its 主要负责同志, 分管负责人 and 专人, in its guide.
const OWN_ADMIN = staff('fjdrc', 'admin');
const OFFICIALS: OfficialView[] = [
  { role: 'PRINCIPAL', name: '陈主任', title: '党组书记、主任', officePhone: '0591-87063200' },
  { role: 'IN_CHARGE', name: '林副主任', title: '党组成员、副主任', officePhone: null },
  { role: 'DESIGNATED', name: '黄专员', title: '办公室政务公开科科长', officePhone: '0591-87063225' },
];
type OfficialsResult = { agency: { code: string; updatedAt: string; officials: OfficialView[] } };

describe.each(testEngines())('named disclosure officials on %s', (kind) => {
  let directory: TestDirectory;
  beforeAll(async () => { directory = await openTestDirectory(kind, { clock: '2026-12-02T09:30:00+08:00' }); });
  afterAll(() => directory.close());

  const officials = async (code = 'fjdrc') => (await directory.exec<OfficialsResult>(GET_OFFICIALS, { code })).agency;

  // On PostgreSQL only: SQLite's schema diff reports column types its migrations spell differently.
  if (kind === 'postgresql') {
    it('has migrations that build exactly the schema the entities describe', async () => {
      expect((await directory.runtime.orm.schema.getUpdateSchemaSQL({ wrap: false, safe: true })).trim()).toBe('');
    });
  }

  it('seeds the demo agencies with a principal, a leader in charge and designated staff, shown to the public', async () => {
    const { agencies } = await directory.exec<{ agencies: { code: string; officials: { role: string }[] }[] }>(LIST_OFFICIALS, {});
    for (const agency of agencies) expect(agency.officials.map((o) => o.role)).toEqual(['PRINCIPAL', 'IN_CHARGE', 'DESIGNATED']);
  });

  it('reads every agency\'s officials in one statement, whatever the number of agencies', async () => {
    directory.sql.length = 0;
    await directory.exec(LIST_OFFICIALS, {});
    expect(statementsOf(directory.sql).filter((s) => s.includes('agency_official'))).toHaveLength(1);
  });

  it('lets the agency\'s own admin replace the list, which the public reads in the guide\'s order', async () => {
    const { setAgencyOfficials } = await directory.exec<{ setAgencyOfficials: OfficialsResult['agency'] }>(SET_OFFICIALS, { code: 'fjdrc', officials: OFFICIALS }, OWN_ADMIN);
    expect(setAgencyOfficials.officials).toEqual(OFFICIALS);
    expect(setAgencyOfficials.updatedAt).toBe('2026-12-02T09:30:00+08:00');
    expect((await directory.exec<OfficialsResult>(GET_OFFICIALS, { code: 'fjdrc' }, PUBLIC)).agency.officials).toEqual(OFFICIALS);
    // The same list again is no change: the officials are not rewritten, and updatedAt stays.
    directory.sql.length = 0;
    const again = (await directory.exec<{ setAgencyOfficials: OfficialsResult['agency'] }>(SET_OFFICIALS, { code: 'fjdrc', officials: OFFICIALS }, OWN_ADMIN)).setAgencyOfficials;
    expect(statementsOf(directory.sql).filter((s) => /\b(insert|update|delete)\b/i.test(s) && s.includes('agency_official'))).toEqual([]);
    expect(again.updatedAt).toBe(setAgencyOfficials.updatedAt);
    // Another agency's list is untouched.
    expect((await officials('fjczt')).officials).toHaveLength(3);
  });

  const refused: [string, Claims][] = [
    ["another agency's admin", staff('fjczt', 'admin')],
    ["the agency's own editor", staff('fjdrc', 'editor')],
    ['a supervisor', { sub: 'supervisor@province', roles: ['supervisor'] }],
    ['the public', PUBLIC],
  ];
  it.each(refused)('refuses %s with FORBIDDEN and writes nothing', async (_who, claims) => {
    const before = await officials();
    directory.sql.length = 0;
    const result = await directory.execRaw(SET_OFFICIALS, { code: 'fjdrc', officials: OFFICIALS.slice(0, 1) }, claims);
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(statementsOf(directory.sql)).toEqual([]);
    expect(await officials()).toEqual(before);
  });

  it.each([
    ['officials', 'no principal', OFFICIALS.slice(1)],
    ['officials', 'two principals', [OFFICIALS[0], OFFICIALS[0], OFFICIALS[2]]],
    ['officials', 'no designated staff', OFFICIALS.slice(0, 2)],
    ['name', 'an empty name', [{ ...OFFICIALS[0], name: ' ' }, OFFICIALS[2]]],
    ['officePhone', 'a phone that is not a number', [{ ...OFFICIALS[0], officePhone: '请找办公室' }, OFFICIALS[2]]],
  ])('rejects %s (%s) with a bilingual BAD_USER_INPUT, writing nothing', async (field, _what, list) => {
    const before = await officials();
    directory.sql.length = 0;
    const result = await directory.execRaw(SET_OFFICIALS, { code: 'fjdrc', officials: list }, OWN_ADMIN);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0].message).toContain(' / ');
    expect(statementsOf(directory.sql).filter((s) => /\b(insert|update|delete)\b/i.test(s))).toEqual([]);
    expect(await officials()).toEqual(before);
  });
});
