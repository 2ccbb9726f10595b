/**
 * The demo province: real Fujian agencies with their real names and document-number prefixes.
 * Addresses, phone numbers and organisation codes are realistic in form but made up; the credit
 * codes carry correct check characters so the hub's validators accept them.
 */
import type { DemoAgency } from './seed-types';
import { creditCode, organisationCode } from './codes';

type AgencyInput = Omit<DemoAgency, 'creditCode'> & { organisationBody: string };

/** Government organs register with kind "11" and their legacy organisation code. */
function agency({ organisationBody, ...rest }: AgencyInput): DemoAgency {
  return { ...rest, creditCode: creditCode('11', rest.regionCode, organisationCode(organisationBody)) };
}

const PROVINCE = '350000';

/** Agencies of the demo province: the provincial government office, eight departments and three cities. */
export const DEMO_AGENCIES: DemoAgency[] = [
  agency({
    code: 'fjgov', name: '福建省人民政府办公厅', docPrefix: '闽政办', indexPrefix: 'FJ00101',
    kind: 'PROVINCIAL_GOVERNMENT', regionCode: PROVINCE, organisationBody: '00359100',
    themes: ['综合政务', '国民经济管理、国有资产监管', '城乡建设、环境保护', '民政、扶贫、救灾', '劳动、人事、监察'],
    address: '福建省福州市鼓楼区鼓屏路45号', phone: '0591-87033911',
  }),
  agency({
    code: 'fjdrc', name: '福建省发展和改革委员会', docPrefix: '闽发改', indexPrefix: 'FJ00201', parent: 'fjgov',
    kind: 'PROVINCIAL_DEPARTMENT', regionCode: PROVINCE, organisationBody: '00359106',
    themes: ['国民经济管理、国有资产监管', '国土资源、能源', '工业、交通', '商贸、海关、旅游'],
    address: '福建省福州市鼓楼区鼓屏路61号', phone: '0591-87063225',
  }),
  agency({
    code: 'fjczt', name: '福建省财政厅', docPrefix: '闽财', indexPrefix: 'FJ00301', parent: 'fjgov',
    kind: 'PROVINCIAL_DEPARTMENT', regionCode: PROVINCE, organisationBody: '00359121',
    themes: ['财政、金融、审计', '农业、林业、水利', '科技、教育'],
    address: '福建省福州市鼓楼区中山路5号', phone: '0591-87097501',
  }),
  agency({
    code: 'fjamr', name: '福建省市场监督管理局', docPrefix: '闽市监', indexPrefix: 'FJ00401', parent: 'fjgov',
    kind: 'PROVINCIAL_DEPARTMENT', regionCode: PROVINCE, organisationBody: '31560275',
    themes: ['市场监管、安全生产监管', '商贸、海关、旅游'],
    address: '福建省福州市鼓楼区湖东路262号', phone: '0591-87821235',
  }),
  agency({
    code: 'fjsthjt', name: '福建省生态环境厅', docPrefix: '闽环', indexPrefix: 'FJ00501', parent: 'fjgov',
    kind: 'PROVINCIAL_DEPARTMENT', regionCode: PROVINCE, organisationBody: '31560314',
    themes: ['城乡建设、环境保护'],
    address: '福建省福州市鼓楼区水部路58号', phone: '0591-83569617',
  }),
  agency({
    code: 'fjedu', name: '福建省教育厅', docPrefix: '闽教', indexPrefix: 'FJ00601', parent: 'fjgov',
    kind: 'PROVINCIAL_DEPARTMENT', regionCode: PROVINCE, organisationBody: '00359113',
    themes: ['科技、教育'],
    address: '福建省福州市鼓楼区东街81号', phone: '0591-87091230',
  }),
  agency({
    code: 'fjwjw', name: '福建省卫生健康委员会', docPrefix: '闽卫', indexPrefix: 'FJ00701', parent: 'fjgov',
    kind: 'PROVINCIAL_DEPARTMENT', regionCode: PROVINCE, organisationBody: '31560307',
    themes: ['卫生、体育', '人口与计划生育、妇女儿童工作'],
    address: '福建省福州市鼓楼区鼓屏路61号', phone: '0591-87845661',
  }),
  agency({
    code: 'fjtjj', name: '福建省统计局', docPrefix: '闽统', indexPrefix: 'FJ00801', parent: 'fjgov',
    kind: 'PROVINCIAL_DEPARTMENT', regionCode: PROVINCE, organisationBody: '00359158',
    themes: ['国民经济管理、国有资产监管', '人口与计划生育、妇女儿童工作'],
    address: '福建省福州市鼓楼区东大路90号', phone: '0591-87536516',
  }),
  agency({
    code: 'fuzhou', name: '福州市人民政府', docPrefix: '榕政', indexPrefix: 'FZ00101',
    kind: 'CITY_GOVERNMENT', regionCode: '350100', organisationBody: '00361020',
    themes: ['综合政务', '城乡建设、环境保护', '国民经济管理、国有资产监管', '市场监管、安全生产监管', '工业、交通'],
    address: '福建省福州市鼓楼区乌山路96号', phone: '0591-83361901',
  }),
  agency({
    code: 'xiamen', name: '厦门市人民政府', docPrefix: '厦府', indexPrefix: 'XM00101',
    kind: 'CITY_GOVERNMENT', regionCode: '350200', organisationBody: '00362032',
    themes: ['综合政务', '商贸、海关、旅游', '城乡建设、环境保护', '市场监管、安全生产监管', '科技、教育'],
    address: '福建省厦门市思明区湖滨北路61号', phone: '0592-2892115',
  }),
  agency({
    code: 'quanzhou', name: '泉州市人民政府', docPrefix: '泉政', indexPrefix: 'QZ02101',
    kind: 'CITY_GOVERNMENT', regionCode: '350500', organisationBody: '00364028',
    themes: ['综合政务', '工业、交通', '市场监管、安全生产监管', '城乡建设、环境保护', '民政、扶贫、救灾'],
    address: '福建省泉州市丰泽区东海街道行政中心', phone: '0595-22500110',
  }),
];

/** The demo agency with registry code `code`, if any. */
export function demoAgency(code: string): DemoAgency | undefined {
  return DEMO_AGENCIES.find((a) => a.code === code);
}
