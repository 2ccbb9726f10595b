import type { DemoAgency } from './seed-types';
import type { DirectoryRuntime } from '../../subgraphs/directory/context';
import { AgencyOfficialEntity } from '../../subgraphs/directory/entities/agency-official.entity';
import { AgencyProfileEntity } from '../../subgraphs/directory/entities/agency-profile.entity';
import { AgencyKind } from '../../subgraphs/directory/entities/enums';
import { OfficialRole } from '../../schema/contracts/official-role';
import { checkAgencyCode, checkCreditCode, checkPhone, checkRegionCode } from '../../subgraphs/directory/services/profile-validation';

/**
 * Office hours most Fujian agencies keep (夏季作息 from June to September). Seeded as a default
 * that each agency's admin corrects in its profile.
 */
const DEFAULT_OFFICE_HOURS = '法定工作日上午8:00—12:00，下午14:30—17:30（6月1日至9月30日下午15:00—18:00）';

/**
 * Where complaints about an agency's disclosure work go (Art. 47): the provincial competent
 * department for every agency in the province, the national one for that department itself.
 */
function supervisorOf(agency: DemoAgency): string {
  return agency.kind === 'PROVINCIAL_GOVERNMENT'
    ? '国务院办公厅政府信息与政务公开办公室（全国政府信息公开工作主管部门）'
    : '福建省人民政府办公厅（全省政府信息公开工作主管部门）';
}

/**
 * A 政府信息公开指南 in the shape Fujian agencies publish (Art. 12; Fujian measures): what is
 * published proactively and where, how to request the rest, the time limits, fees and remedies.
 */
function defaultDisclosureGuide(agency: DemoAgency, officeHours: string): string {
  const themes = agency.themes.length ? agency.themes.join('，') : '本机关职责范围内';
  return `${agency.name}政府信息公开指南

为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《福建省政府信息公开办法》，编制本指南。申请人在提出政府信息公开申请前，请仔细阅读本指南。

一、主动公开
（一）公开范围。本机关依照《条例》第十九条、第二十条的规定，主动公开涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息，主要涉及${themes}等方面。
（二）公开方式。主动公开的政府信息通过本机关门户网站“政府信息公开”专栏、《福建省人民政府公报》、新闻发布会、政务新媒体等途径公开，并在国家档案馆、公共图书馆和政务服务场所设置的政府信息查阅点提供查阅。
（三）公开时限。属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开。

二、依申请公开
（一）受理机构：${agency.name}政府信息公开工作机构。
地址：${agency.address}
电话：${agency.phone}
受理时间：${officeHours}，法定节假日除外。
（二）申请方式。申请人可以通过本机关门户网站“依申请公开”栏目在线提交，也可以通过信函、传真或者当面提交书面申请。以信函方式提出的，请在信封左下角注明“政府信息公开申请”字样。
（三）申请内容。申请应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；申请公开的政府信息的形式要求，包括获取信息的方式、途径。
（四）处理期限。本机关收到申请，能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。申请内容不明确的，本机关自收到申请之日起7个工作日内一次性告知申请人作出补正。征求第三方和其他机关意见所需时间不计算在答复期限内。
（五）收费。本机关依申请提供政府信息，不收取费用。申请公开政府信息的数量、频次明显超过合理范围的，可以按照国家规定收取信息处理费。

三、监督和救济
公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向${supervisorOf(agency)}投诉、举报，也可以依法申请行政复议或者提起行政诉讼。
`;
}

/** A registry entry for `agency`, checked as an admin's change would be. */
function profileOf(agency: DemoAgency, now: Date) {
  return {
    code: checkAgencyCode(agency.code),
    name: agency.name,
    kind: AgencyKind[agency.kind],
    regionCode: checkRegionCode(agency.regionCode),
    parentCode: agency.parent ?? null,
    creditCode: checkCreditCode(agency.creditCode),
    indexPrefix: agency.indexPrefix,
    docPrefix: agency.docPrefix,
    address: agency.address,
    phone: checkPhone(agency.phone),
    officeHours: DEFAULT_OFFICE_HOURS,
    disclosureGuide: defaultDisclosureGuide(agency, DEFAULT_OFFICE_HOURS),
    updatedAt: now,
  };
}

/** Made-up surnames for the demo officials (no real person is named). */
const DEMO_SURNAMES = ['林', '陈', '黄', '郑', '吴', '王', '张', '李', '刘', '蔡', '杨', '许'];

/**
 * The demo agency's named officials (主要负责同志, 分管负责人, 专人): invented names marked as
 * examples, the agency's switchboard as their office line, for its admin to replace.
 */
function officialsOf(agency: DemoAgency, index: number) {
  const surname = (offset: number) => DEMO_SURNAMES[(index * 3 + offset) % DEMO_SURNAMES.length];
  return [
    { role: OfficialRole.PRINCIPAL, name: `${surname(0)}某某（示例）`, title: '主要负责同志' },
    { role: OfficialRole.IN_CHARGE, name: `${surname(1)}某某（示例）`, title: '分管政务公开工作负责人' },
    { role: OfficialRole.DESIGNATED, name: `${surname(2)}某（示例）`, title: '政务公开工作人员' },
  ].map((official, position) => ({ ...official, agencyCode: agency.code, officePhone: agency.phone, position }));
}

/**
 * Fills an empty registry with `agencies`, in one transaction; a registry that already has
 * entries is left alone, so running it at every start is harmless. Returns how many it added.
 */
export async function seedDirectory(runtime: DirectoryRuntime, agencies: DemoAgency[]): Promise<number> {
  const now = runtime.clock.now();
  return runtime.orm.em.fork().transactional(async (em) => {
    if ((await em.count(AgencyProfileEntity, {})) > 0) return 0;
    agencies.forEach((agency, index) => {
      em.persist(em.create(AgencyProfileEntity, profileOf(agency, now)));
      for (const official of officialsOf(agency, index)) em.persist(em.create(AgencyOfficialEntity, official));
    });
    return agencies.length;
  });
}
