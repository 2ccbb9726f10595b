import { testEngines } from '../../../test/support/databases';
import { DEMO_AGENCIES } from '../../../tools/demo/province';
import { THEMES as TAXONOMY } from '../../shared/taxonomy';
import { seedDirectory } from '../../../tools/demo/directory-seed';
import { openTestDirectory, type TestDirectory } from './harness';
import { GET_AGENCY, LIST_AGENCIES, THEMES, type AgencyView } from './operations';

const DEPARTMENTS = DEMO_AGENCIES.filter((a) => a.parent === 'fjgov').map((a) => a.code).sort();

describe.each(testEngines())('the agency registry on %s', (kind) => {
  let directory: TestDirectory;
  beforeAll(async () => { directory = await openTestDirectory(kind); });
  afterAll(() => directory.close());

  const getAgency = async (code: string) => (await directory.exec<{ agency: AgencyView | null }>(GET_AGENCY, { code })).agency;

  it('lists every department of the registry, ordered by code, to the public', async () => {
    const { agencies } = await directory.exec<{ agencies: AgencyView[] }>(LIST_AGENCIES);
    expect(agencies.map((a) => a.code)).toEqual(DEMO_AGENCIES.map((a) => a.code).sort());
    const fjdrc = agencies.find((a) => a.code === 'fjdrc')!;
    expect(fjdrc).toMatchObject({
      name: '福建省发展和改革委员会', kind: 'PROVINCIAL_DEPARTMENT', regionCode: '350000', indexPrefix: 'FJ00201', docPrefix: '闽发改',
      creditCode: DEMO_AGENCIES.find((a) => a.code === 'fjdrc')!.creditCode, parent: { code: 'fjgov' }, children: [],
      contact: { address: '福建省福州市鼓楼区鼓屏路61号', phone: '0591-87063225', email: null, website: null },
      updatedAt: '2026-11-27T10:00:00+08:00',
    });
  });

  it('seeds a disclosure guide for each agency that names it, its address, phone and the time limits', async () => {
    const { agencies } = await directory.exec<{ agencies: AgencyView[] }>(LIST_AGENCIES);
    for (const agency of agencies) {
      expect(agency.disclosureGuide).toContain(`${agency.name}政府信息公开指南`);
      expect(agency.disclosureGuide).toContain(agency.contact.address);
      expect(agency.disclosureGuide).toContain(agency.contact.phone);
      expect(agency.disclosureGuide).toContain('20个工作日内予以答复');
      expect(agency.contact.officeHours).not.toBe('');
    }
  });

  it('returns null for a code the registry does not know', async () => {
    expect(await getAgency('nosuchagency')).toBeNull();
    expect(await getAgency('FJDRC')).toBeNull();
  });

  it('knows the hierarchy: the provincial government above its departments, cities on their own', async () => {
    const fjgov = await getAgency('fjgov');
    expect(fjgov!.parent).toBeNull();
    expect(fjgov!.children!.map((c) => c.code)).toEqual(DEPARTMENTS);
    expect((await getAgency('fjtjj'))!.parent).toEqual({ code: 'fjgov', name: '福建省人民政府办公厅' });
    expect(await getAgency('xiamen')).toMatchObject({ kind: 'CITY_GOVERNMENT', regionCode: '350200', parent: null, children: [] });
  });

  it('serves the theme taxonomy', async () => {
    const { themes } = await directory.exec<{ themes: { code: string; name: string }[] }>(THEMES);
    expect(themes).toEqual(TAXONOMY.map(({ code, name }) => ({ code, name })));
  });

  it('seeds only an empty registry, so seeding at every start is harmless', async () => {
    expect(await seedDirectory(directory.runtime, DEMO_AGENCIES)).toBe(0);
    const { agencies } = await directory.exec<{ agencies: AgencyView[] }>(LIST_AGENCIES);
    expect(agencies).toHaveLength(DEMO_AGENCIES.length);
  });
});
