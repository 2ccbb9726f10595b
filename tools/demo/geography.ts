/**
 * Fujian's prefecture-level cities and a few of their districts with real administrative codes
 * (行政区划代码). Credit codes and resident IDs embed these codes, and document bodies name these
 * places, so one table keeps the two in agreement.
 */

/** A county-level division: code, name and a few real street names for addresses. */
export interface District {
  code: string;
  name: string;
  streets: readonly string[];
}

/** A prefecture-level city (设区市) or Pingtan. */
export interface City {
  code: string;
  /** Full name, e.g. 福州市. */
  name: string;
  /** Short name as used in lists, e.g. 福州. */
  short: string;
  districts: readonly District[];
}

export const FUJIAN_CITIES: readonly City[] = [
  {
    code: '350100', name: '福州市', short: '福州', districts: [
      { code: '350102', name: '鼓楼区', streets: ['五四路', '湖东路', '杨桥中路'] },
      { code: '350103', name: '台江区', streets: ['八一七中路', '工业路', '江滨中大道'] },
      { code: '350104', name: '仓山区', streets: ['首山路', '则徐大道', '建新北路'] },
      { code: '350105', name: '马尾区', streets: ['江滨东大道', '君竹路'] },
      { code: '350111', name: '晋安区', streets: ['福新东路', '长乐北路'] },
      { code: '350112', name: '长乐区', streets: ['吴航路', '郑和中路'] },
      { code: '350121', name: '闽侯县', streets: ['甘蔗街道东南路', '上街镇乌龙江中大道'] },
      { code: '350181', name: '福清市', streets: ['清昌大道', '福清市融城中路'] },
    ],
  },
  {
    code: '350200', name: '厦门市', short: '厦门', districts: [
      { code: '350203', name: '思明区', streets: ['湖滨南路', '莲前西路', '厦禾路'] },
      { code: '350205', name: '海沧区', streets: ['海沧大道', '滨湖北路'] },
      { code: '350206', name: '湖里区', streets: ['枋湖北二路', '金尚路', '湖里大道'] },
      { code: '350211', name: '集美区', streets: ['集美大道', '杏林湾路'] },
      { code: '350212', name: '同安区', streets: ['环城南路', '同集中路'] },
      { code: '350213', name: '翔安区', streets: ['新店镇翔安南路', '马巷镇民安大道'] },
    ],
  },
  {
    code: '350300', name: '莆田市', short: '莆田', districts: [
      { code: '350302', name: '城厢区', streets: ['学园南街', '荔城中大道'] },
      { code: '350303', name: '涵江区', streets: ['涵华西路', '涵西大道'] },
    ],
  },
  {
    code: '350400', name: '三明市', short: '三明', districts: [
      { code: '350404', name: '三元区', streets: ['新市北路', '列东街'] },
      { code: '350481', name: '永安市', streets: ['燕江中路', '南门路'] },
    ],
  },
  {
    code: '350500', name: '泉州市', short: '泉州', districts: [
      { code: '350502', name: '鲤城区', streets: ['中山中路', '温陵北路'] },
      { code: '350503', name: '丰泽区', streets: ['田安南路', '东海大街', '丰泽街'] },
      { code: '350504', name: '洛江区', streets: ['万安街道万新路', '双阳大道'] },
      { code: '350505', name: '泉港区', streets: ['驿峰中路', '山腰街道港口路'] },
      { code: '350521', name: '惠安县', streets: ['螺城镇建设北街', '世纪大道'] },
      { code: '350581', name: '石狮市', streets: ['八七路', '宝岛路'] },
      { code: '350582', name: '晋江市', streets: ['世纪大道', '迎宾路', '陈埭镇江滨南路'] },
      { code: '350583', name: '南安市', streets: ['成功街', '溪美街道南安大道'] },
    ],
  },
  {
    code: '350600', name: '漳州市', short: '漳州', districts: [
      { code: '350602', name: '芗城区', streets: ['胜利西路', '新华北路'] },
      { code: '350604', name: '龙海区', streets: ['石码街道紫泥路', '角美镇龙池大道'] },
    ],
  },
  {
    code: '350700', name: '南平市', short: '南平', districts: [
      { code: '350702', name: '延平区', streets: ['滨江中路', '八一路'] },
      { code: '350782', name: '武夷山市', streets: ['崇阳溪南路', '武夷大道'] },
    ],
  },
  {
    code: '350800', name: '龙岩市', short: '龙岩', districts: [
      { code: '350802', name: '新罗区', streets: ['九一南路', '龙岩大道'] },
      { code: '350881', name: '漳平市', streets: ['和平北路', '菁城街道城中路'] },
    ],
  },
  {
    code: '350900', name: '宁德市', short: '宁德', districts: [
      { code: '350902', name: '蕉城区', streets: ['蕉城南路', '天湖东路'] },
      { code: '350981', name: '福安市', streets: ['阳头街道富春路', '城南路'] },
    ],
  },
  {
    code: '350128', name: '平潭综合实验区', short: '平潭', districts: [
      { code: '350128', name: '平潭县', streets: ['潭城镇西航路', '金井湾大道'] },
    ],
  },
];

/** The city whose code is `regionCode`, if the demo knows it. */
export function cityByCode(regionCode: string): City | undefined {
  return FUJIAN_CITIES.find((c) => c.code === regionCode);
}
