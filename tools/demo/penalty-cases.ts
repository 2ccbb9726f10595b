/**
 * Kinds of administrative penalty cases the demo agencies decide, each with the provision that
 * was violated, the provision the penalty rests on and the fine range that provision allows, so
 * that facts, legal basis and penalty of one demo decision fit together.
 */
import type { SeededRandom } from './random';

/** Market regulation (市场监管) or ecology and environment (生态环境). */
export type PenaltyDomain = 'MARKET' | 'ENVIRONMENT';

/** What the facts of a case need to know about the party and the dates. */
export interface CaseFactsContext {
  rng: SeededRandom;
  /** Address of the party's premises, e.g. 福州市鼓楼区五四路118号. */
  address: string;
  /** Chinese date of the inspection that found the violation. */
  inspectedOn: string;
  /** Year and month the violation started, in Chinese, e.g. 2025年3月. */
  since: string;
}

/** One kind of case. */
export interface PenaltyCase {
  domain: PenaltyDomain;
  /** Whether a natural person (个体经营者) can be the party, not only an enterprise. */
  naturalPersons: boolean;
  /** Words for enterprise names: 福州鑫盛{industry}有限公司. */
  industries: readonly string[];
  /** Provision violated, cited at the end of the facts. */
  violated: string;
  /** Provision the penalty rests on: the decision's legal basis. */
  basis: string;
  /** Fine range in yuan the basis allows; min 0 means "may impose a fine of up to max". */
  fine: { min: number; max: number };
  /** Whether the basis allows a warning (警告) or public criticism (通报批评) alone. */
  warning: boolean;
  /** Whether illegal gains are confiscated on top of the fine. */
  confiscate: boolean;
  facts(ctx: CaseFactsContext): string;
}

const FOOD = ['食品', '商贸', '超市', '餐饮管理', '食品贸易'];
const FOOD_LAW = '《中华人民共和国食品安全法》';
const AIR_LAW = '《中华人民共和国大气污染防治法》';

/** Whole yuan amounts rounded to `step`, as decisions state them. */
function amount(rng: SeededRandom, min: number, max: number, step = 10): number {
  return Math.max(step, Math.round(rng.int(min, max) / step) * step);
}

export const PENALTY_CASES: readonly PenaltyCase[] = [
  {
    domain: 'MARKET', naturalPersons: true, industries: FOOD,
    violated: `${FOOD_LAW}第三十四条第（十）项`, basis: `${FOOD_LAW}第一百二十四条第一款第（五）项`,
    fine: { min: 50_000, max: 100_000 }, warning: false, confiscate: true,
    facts: ({ rng, address, inspectedOn }) => {
      const goods = rng.pick(['乳饮料', '糕点', '酱油', '速冻水饺', '瓶装白酒', '进口饼干', '袋装牛肉干']);
      return `${inspectedOn}，执法人员对当事人位于${address}的经营场所进行检查，发现其货架上摆放销售的${goods}`
        + `${rng.int(3, 60)}件已超过保质期，货值金额${amount(rng, 80, 3000)}元。`;
    },
  },
  {
    domain: 'MARKET', naturalPersons: true, industries: FOOD,
    violated: `${FOOD_LAW}第五十三条第一款`, basis: `${FOOD_LAW}第一百二十六条第一款第（三）项`,
    fine: { min: 5_000, max: 50_000 }, warning: true, confiscate: false,
    facts: ({ rng, address, since }) =>
      `当事人自${since}起在${address}从事食品销售，采购${rng.pick(['冷冻禽肉', '食用植物油', '预包装食品', '水产品'])}时`
      + '未查验供货者的许可证和食品出厂检验合格证明，亦未建立进货查验记录。',
  },
  {
    domain: 'MARKET', naturalPersons: true, industries: ['商贸', '超市', '药房', '汽车维修服务'],
    violated: '《明码标价和禁止价格欺诈规定》第五条', basis: '《中华人民共和国价格法》第四十二条',
    fine: { min: 0, max: 5_000 }, warning: true, confiscate: true,
    facts: ({ rng, address, inspectedOn }) =>
      `${inspectedOn}，执法人员检查发现当事人在${address}经营的${rng.int(4, 40)}种商品未按规定明码标价，`
      + `其中${rng.int(1, 3)}种商品实际收取价格高于标示价格。`,
  },
  {
    domain: 'MARKET', naturalPersons: false, industries: ['健康科技', '生物科技', '医疗器械', '贸易'],
    violated: '《中华人民共和国广告法》第二十八条第二款第（二）项', basis: '《中华人民共和国广告法》第五十五条第一款',
    fine: { min: 20_000, max: 300_000 }, warning: false, confiscate: false,
    facts: ({ rng, since }) =>
      `当事人自${since}起通过其微信公众号及电商平台店铺发布${rng.pick(['保健食品', '普通食品', '净水器', '按摩仪'])}广告，`
      + `宣称产品具有“${rng.pick(['降血糖', '防癌抗癌', '根治失眠', '提高免疫力百分之九十'])}”等功效，无法提供证明材料，`
      + `广告费用${amount(rng, 3_000, 60_000, 100)}元。`,
  },
  {
    domain: 'MARKET', naturalPersons: false, industries: ['电器', '电子科技', '服饰', '建材', '鞋业'],
    violated: '《中华人民共和国产品质量法》第十三条第二款', basis: '《中华人民共和国产品质量法》第四十九条',
    fine: { min: 5_000, max: 150_000 }, warning: false, confiscate: true,
    facts: ({ rng, address }) => {
      const [goods, item] = rng.pick([
        ['电动自行车充电器', '耐热和耐燃'], ['转换插座', '插头插座结构'], ['电线电缆', '导体电阻'], ['儿童服装', '纤维含量'],
        ['安全帽', '冲击吸收性能'],
      ] as const);
      return `经监督抽查，当事人在${address}销售的${goods}经检验${item}项目不合格，`
        + `共销售${rng.int(20, 600)}件，货值金额${amount(rng, 2_000, 50_000)}元。`;
    },
  },
  {
    domain: 'MARKET', naturalPersons: false, industries: ['物业服务', '置业', '商业管理', '酒店管理'],
    violated: '《中华人民共和国特种设备安全法》第四十条第三款', basis: '《中华人民共和国特种设备安全法》第八十四条第（一）项',
    fine: { min: 30_000, max: 300_000 }, warning: false, confiscate: false,
    facts: ({ rng, address, inspectedOn }) =>
      `${inspectedOn}，执法人员对${address}的特种设备进行检查，发现当事人管理的${rng.int(1, 6)}台`
      + `${rng.pick(['乘客电梯', '自动扶梯', '液化石油气储罐'])}超过定期检验有效期仍继续使用。`,
  },
  {
    domain: 'MARKET', naturalPersons: true, industries: ['商贸'],
    violated: '《无证无照经营查处办法》第二条', basis: '《无证无照经营查处办法》第十三条',
    fine: { min: 0, max: 10_000 }, warning: false, confiscate: true,
    facts: ({ rng, address, since }) =>
      `当事人自${since}起未依法取得营业执照，在${address}从事${rng.pick(['日用百货零售', '电子产品维修', '服装销售', '茶叶销售'])}`
      + `经营活动，经营额${amount(rng, 2_000, 40_000)}元。`,
  },
  {
    domain: 'MARKET', naturalPersons: true, industries: ['农贸', '水产', '超市'],
    violated: '《中华人民共和国计量法》第九条第一款', basis: '《中华人民共和国计量法实施细则》第四十三条',
    fine: { min: 0, max: 1_000 }, warning: false, confiscate: false,
    facts: ({ rng, address, inspectedOn }) =>
      `${inspectedOn}，执法人员在${address}检查发现，当事人使用的${rng.int(1, 4)}台电子计价秤未按规定申请强制检定。`,
  },
  {
    domain: 'MARKET', naturalPersons: false, industries: ['电子商务', '网络科技', '教育咨询'],
    violated: '《中华人民共和国反不正当竞争法》第八条第一款', basis: '《中华人民共和国反不正当竞争法》第二十条第一款',
    fine: { min: 200_000, max: 1_000_000 }, warning: false, confiscate: false,
    facts: ({ rng, since }) =>
      `当事人自${since}起在其网店首页宣传“${rng.pick(['全网销量第一', '连续五年行业冠军', '百分之百通过率', '国家级认证'])}”，`
      + '经查无事实依据，构成对商品的虚假商业宣传。',
  },
  {
    domain: 'ENVIRONMENT', naturalPersons: false, industries: ['化工', '陶瓷', '石材', '家具制造', '纺织印染'],
    violated: `${AIR_LAW}第十八条`, basis: `${AIR_LAW}第九十九条第（二）项`,
    fine: { min: 100_000, max: 1_000_000 }, warning: false, confiscate: false,
    facts: ({ rng, address, inspectedOn }) =>
      `${inspectedOn}，执法人员对当事人位于${address}的厂区进行现场检查并采样监测，其${rng.pick(['窑炉', '锅炉', '喷涂车间'])}`
      + `废气排放口${rng.pick(['颗粒物', '二氧化硫', '氮氧化物', '挥发性有机物'])}浓度超过排放标准${rng.int(11, 260) / 10}倍。`,
  },
  {
    domain: 'ENVIRONMENT', naturalPersons: false, industries: ['食品', '电镀', '纺织印染', '水产加工'],
    violated: '《中华人民共和国水污染防治法》第十条', basis: '《中华人民共和国水污染防治法》第八十三条第（二）项',
    fine: { min: 100_000, max: 1_000_000 }, warning: false, confiscate: false,
    facts: ({ rng, address, inspectedOn }) =>
      `${inspectedOn}，经对当事人位于${address}的废水总排放口采样监测，`
      + `${rng.pick(['化学需氧量', '氨氮', '总磷', '总铬'])}浓度超过《污水综合排放标准》规定限值。`,
  },
  {
    domain: 'ENVIRONMENT', naturalPersons: false, industries: ['新材料', '机械制造', '包装', '塑胶制品'],
    violated: '《中华人民共和国环境影响评价法》第二十五条', basis: '《中华人民共和国环境影响评价法》第三十一条第一款',
    fine: { min: 50_000, max: 400_000 }, warning: false, confiscate: false,
    facts: ({ rng, address, since }) =>
      `当事人位于${address}的${rng.pick(['年产5000吨塑料制品', '金属表面处理', '木制品加工', '包装材料生产'])}建设项目`
      + `总投资${rng.int(300, 4000)}万元，环境影响报告表未经审批，于${since}擅自开工建设。`,
  },
  {
    domain: 'ENVIRONMENT', naturalPersons: false, industries: ['汽车维修服务', '五金制品', '电子科技', '化工'],
    violated: '《中华人民共和国固体废物污染环境防治法》第八十一条第一款',
    basis: '《中华人民共和国固体废物污染环境防治法》第一百一十二条第一款',
    fine: { min: 100_000, max: 1_000_000 }, warning: false, confiscate: false,
    facts: ({ rng, address, inspectedOn }) =>
      `${inspectedOn}，执法人员检查发现当事人将${rng.pick(['废矿物油', '废活性炭', '废油漆桶', '含油抹布'])}约`
      + `${rng.int(2, 40) / 2}吨露天堆放于${address}厂区空地，未按国家有关规定贮存危险废物。`,
  },
  {
    domain: 'ENVIRONMENT', naturalPersons: false, industries: ['水泥制品', '建材', '化工'],
    violated: `${AIR_LAW}第二十四条第一款`, basis: `${AIR_LAW}第一百条第（三）项`,
    fine: { min: 20_000, max: 200_000 }, warning: false, confiscate: false,
    facts: ({ address, inspectedOn }) =>
      `${inspectedOn}，执法人员检查发现当事人作为重点排污单位，位于${address}的废气排放口未按规定安装大气污染物排放自动监测设备。`,
  },
  {
    domain: 'ENVIRONMENT', naturalPersons: false, industries: ['建筑工程', '市政工程', '土石方工程'],
    violated: `${AIR_LAW}第六十九条第三款`, basis: `${AIR_LAW}第一百一十五条第一款第（一）项`,
    fine: { min: 10_000, max: 100_000 }, warning: false, confiscate: false,
    facts: ({ rng, address, inspectedOn }) =>
      `${inspectedOn}，执法人员检查发现当事人承建的${address}${rng.pick(['住宅', '商业综合体', '道路改造', '学校'])}项目`
      + '施工工地裸露土方未覆盖，车辆出入口未设置冲洗设施，产生明显扬尘。',
  },
  {
    domain: 'ENVIRONMENT', naturalPersons: false, industries: ['化工', '纺织印染', '食品', '电子科技'],
    violated: '《企业环境信息依法披露管理办法》第八条', basis: '《企业环境信息依法披露管理办法》第二十八条',
    fine: { min: 10_000, max: 100_000 }, warning: true, confiscate: false,
    facts: ({ since }) =>
      `当事人为重点排污单位，未按规定于${since}前通过企业环境信息依法披露系统披露上一年度环境信息年度报告。`,
  },
  {
    domain: 'ENVIRONMENT', naturalPersons: true, industries: ['农业开发'],
    violated: `${AIR_LAW}第七十七条`, basis: `${AIR_LAW}第一百一十九条第一款`,
    fine: { min: 500, max: 2_000 }, warning: false, confiscate: false,
    facts: ({ rng, address, inspectedOn }) =>
      `${inspectedOn}，执法人员巡查发现当事人在${address}附近露天焚烧${rng.pick(['秸秆', '废旧轮胎', '园林枝叶', '废塑料'])}，产生大量烟尘。`,
  },
];

/** Chinese penalty wording for fines: 罚款人民币20000元. */
export function fineText(yuan: number): string {
  return `罚款人民币${yuan}元`;
}

/** An amount in [min, max] as a decision would fix it, rounded to a tidy figure. */
export function fineAmount(rng: SeededRandom, min: number, max: number): number {
  const step = max >= 100_000 ? 10_000 : max >= 10_000 ? 1_000 : 100;
  return Math.min(max, Math.max(min, step, Math.round(rng.int(min, max) / step) * step));
}

/** Illegal gains to confiscate, in yuan. */
export function illegalGains(rng: SeededRandom): number {
  return amount(rng, 50, 20_000);
}
