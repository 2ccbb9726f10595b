import { PUBLIC, staff } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import type { Claims } from '../../../schema/contracts/claims';
import { openTestDirectory, statementsOf, type TestDirectory } from './harness';
import { GET_AGENCY, UPDATE_PROFILE, type AgencyView } from './operations';
import { creditCodeCheckChar, organisationCodeCheckChar } from '../../shared/identifiers';

const OWN_ADMIN = staff('fjdrc', 'admin');
const CHANGES = {
  shortName: '省发改委', email: 'xxgk@fgw.fujian.gov.cn', website: 'https://fgw.fujian.gov.cn/',
  officeHours: '工作日 8:00—12:00，14:30—17:30', disclosureGuide: '福建省发展和改革委员会政府信息公开指南（2026年修订）',
};

describe.each(testEngines())('changing an agency profile on %s', (kind) => {
  let directory: TestDirectory;
  beforeAll(async () => { directory = await openTestDirectory(kind, { clock: '2026-12-01T09:30:00+08:00' }); });
  afterAll(() => directory.close());

  const profile = async (code = 'fjdrc') => (await directory.exec<{ agency: AgencyView }>(GET_AGENCY, { code })).agency;

  it('lets the agency\'s own admin change its contact details and guide', async () => {
    const { updateAgencyProfile } = await directory.exec<{ updateAgencyProfile: AgencyView }>(UPDATE_PROFILE, { code: 'fjdrc', input: CHANGES }, OWN_ADMIN);
    expect(updateAgencyProfile).toMatchObject({
      code: 'fjdrc', name: '福建省发展和改革委员会', shortName: '省发改委', disclosureGuide: CHANGES.disclosureGuide,
      contact: { email: CHANGES.email, website: CHANGES.website, officeHours: CHANGES.officeHours, phone: '0591-87063225' },
      updatedAt: '2026-12-01T09:30:00+08:00',
    });
    expect(await profile()).toMatchObject(updateAgencyProfile);
    // null clears an optional field; a field left out stays as it was.
    const { updateAgencyProfile: cleared } = await directory.exec<{ updateAgencyProfile: AgencyView }>(UPDATE_PROFILE, { code: 'fjdrc', input: { email: null } }, OWN_ADMIN);
    expect(cleared.contact).toMatchObject({ email: null, website: CHANGES.website });
  });

  const refused: [string, Claims][] = [
    ["another agency's admin", staff('fjczt', 'admin')],
    ["the provincial government office's admin", staff('fjgov', 'admin')],
    ["the agency's own editor", staff('fjdrc', 'editor')],
    ['a coordinator', { sub: 'coordinator@news', roles: ['coordinator'] }],
    ['the public', PUBLIC],
  ];

  it.each(refused)('refuses %s with FORBIDDEN and writes nothing', async (_who, claims) => {
    const before = await profile();
    directory.sql.length = 0;
    const result = await directory.execRaw(UPDATE_PROFILE, { code: 'fjdrc', input: { name: '篡改的名称', phone: '0591-00000000' } }, claims);
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0].message).toMatch(/管理员.* \/ .*admin/);
    expect(statementsOf(directory.sql)).toEqual([]);
    expect(await profile()).toEqual(before);
  });

  it.each([
    ['creditCode', { creditCode: '11350000003591000X' }],
    ['creditCode', { creditCode: '' }],
    ['name', { name: null }],
    ['name', { name: '   ' }],
    ['phone', { phone: '请致电办公室' }],
    ['email', { email: 'not-an-address' }],
    ['website', { website: 'ftp://fgw.fujian.gov.cn' }],
    ['disclosureGuide', { disclosureGuide: '' }],
  ])('rejects a bad %s with a bilingual BAD_USER_INPUT naming the field, writing nothing', async (field, input) => {
    const before = await profile();
    directory.sql.length = 0;
    const result = await directory.execRaw(UPDATE_PROFILE, { code: 'fjdrc', input: { shortName: '不应保存', ...input } }, OWN_ADMIN);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0].message).toContain(' / ');
    expect(statementsOf(directory.sql).filter((s) => /\b(insert|update|delete)\b/i.test(s))).toEqual([]);
    expect(await profile()).toEqual(before);
  });

  it('refuses a credit code whose embedded organisation code fails GB 11714, saying so in both languages', async () => {
    // 11 350000 + organisation code 00350001-0 (its GB 11714 check character is 9) + the right GB 32100 check character.
    const body = '11350000003500010';
    const code = body + creditCodeCheckChar(body);
    expect(organisationCodeCheckChar(code.slice(8, 16))).not.toBe(code[16]);
    const result = await directory.execRaw(UPDATE_PROFILE, { code: 'fjdrc', input: { creditCode: code } }, OWN_ADMIN);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditCode' });
    expect(result.errors?.[0].message).toMatch(/GB 11714.* \/ .*GB 11714/);
  });

  it("refuses a credit code already registered for another agency", async () => {
    const other = await profile('fjczt');
    const result = await directory.execRaw(UPDATE_PROFILE, { code: 'fjdrc', input: { creditCode: other.creditCode } }, OWN_ADMIN);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditCode' });
  });

  it('answers NOT_FOUND to the admin of an agency the registry does not know', async () => {
    const result = await directory.execRaw(UPDATE_PROFILE, { code: 'fjnew', input: { shortName: '新' } }, staff('fjnew', 'admin'));
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
