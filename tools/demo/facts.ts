/**
 * The province's official figures for the demo: one value per subject and year. Documents state
 * key facts only from this table, never from the random stream, so two agencies stating the same
 * subject and as-of date always agree and the consistency checker finds no false FACT_MISMATCH
 * in demo data. The figures are plausible, not official statistics.
 */
import type { DemoKeyFact } from './seed-types';

/** A yearly indicator and which documents may state it. */
export interface FactSeries {
  /** Subject after the year, e.g. 全省地区生产总值 → "2025年全省地区生产总值". */
  subject: string;
  unit: string;
  /** Value per year; a year is absent when its figure is not in the demo. */
  values: Readonly<Record<number, string>>;
  /** Themes under which a document plausibly states this figure. */
  themes: readonly string[];
  /** Set for a city's own figure: only that city, or the provincial statistics view, states it. */
  regionCode?: string;
}

const ECONOMY = '国民经济管理、国有资产监管';

export const FACT_SERIES: readonly FactSeries[] = [
  { subject: '全省地区生产总值', unit: '万亿元', themes: [ECONOMY, '综合政务', '财政、金融、审计'],
    values: { 2022: '5.31', 2023: '5.44', 2024: '5.58', 2025: '5.78' } },
  { subject: '全省常住人口', unit: '万人', themes: [ECONOMY, '人口与计划生育、妇女儿童工作', '综合政务'],
    values: { 2022: '4188', 2023: '4183', 2024: '4193', 2025: '4197' } },
  { subject: '全省城镇居民人均可支配收入', unit: '元', themes: [ECONOMY, '民政、扶贫、救灾', '劳动、人事、监察'],
    values: { 2022: '53817', 2023: '56153', 2024: '58735', 2025: '61190' } },
  { subject: '全省农村居民人均可支配收入', unit: '元', themes: [ECONOMY, '农业、林业、水利', '民政、扶贫、救灾'],
    values: { 2022: '24987', 2023: '26722', 2024: '28462', 2025: '30203' } },
  { subject: '全省一般公共预算收入', unit: '亿元', themes: ['财政、金融、审计', ECONOMY],
    values: { 2022: '3339.2', 2023: '3591.9', 2024: '3616.0', 2025: '3702.4' } },
  { subject: '全省一般公共预算支出', unit: '亿元', themes: ['财政、金融、审计'],
    values: { 2022: '5441.2', 2023: '5596.9', 2024: '5682.3', 2025: '5790.6' } },
  { subject: '全省设区市城市空气质量优良天数比例', unit: '%', themes: ['城乡建设、环境保护'],
    values: { 2022: '98.5', 2023: '98.6', 2024: '99.2', 2025: '98.9' } },
  { subject: '全省主要流域国控断面水质优良比例', unit: '%', themes: ['城乡建设、环境保护', '农业、林业、水利'],
    values: { 2022: '97.9', 2023: '98.9', 2024: '99.0', 2025: '98.5' } },
  { subject: '全省森林覆盖率', unit: '%', themes: ['农业、林业、水利', '城乡建设、环境保护'],
    values: { 2022: '65.12', 2023: '65.12', 2024: '65.12', 2025: '65.12' } },
  { subject: '全省食品安全监督抽检合格率', unit: '%', themes: ['市场监管、安全生产监管'],
    values: { 2022: '98.4', 2023: '98.7', 2024: '98.9', 2025: '99.1' } },
  { subject: '全省实有经营主体', unit: '万户', themes: ['市场监管、安全生产监管', '商贸、海关、旅游'],
    values: { 2022: '690', 2023: '738', 2024: '790', 2025: '835' } },
  { subject: '全省规模以上工业增加值增速', unit: '%', themes: ['工业、交通', ECONOMY],
    values: { 2022: '5.9', 2023: '2.3', 2024: '5.8', 2025: '6.1' } },
  { subject: '全省九年义务教育巩固率', unit: '%', themes: ['科技、教育'],
    values: { 2022: '98.6', 2023: '98.8', 2024: '99.0', 2025: '99.1' } },
  { subject: '全省研究与试验发展经费投入强度', unit: '%', themes: ['科技、教育', ECONOMY],
    values: { 2022: '1.98', 2023: '2.02', 2024: '2.08', 2025: '2.15' } },
  { subject: '全省居民人均预期寿命', unit: '岁', themes: ['卫生、体育', '人口与计划生育、妇女儿童工作'],
    values: { 2022: '79.4', 2023: '79.6', 2024: '79.8', 2025: '80.0' } },
  { subject: '全省城镇新增就业', unit: '万人', themes: ['劳动、人事、监察', ECONOMY],
    values: { 2022: '60.4', 2023: '61.7', 2024: '62.3', 2025: '63.1' } },
  { subject: '福州市地区生产总值', unit: '亿元', themes: [ECONOMY, '综合政务'], regionCode: '350100',
    values: { 2022: '12308', 2023: '12928', 2024: '13991', 2025: '14520' } },
  { subject: '厦门市地区生产总值', unit: '亿元', themes: [ECONOMY, '综合政务'], regionCode: '350200',
    values: { 2022: '7802', 2023: '8066', 2024: '8589', 2025: '8940' } },
  { subject: '泉州市地区生产总值', unit: '亿元', themes: [ECONOMY, '综合政务'], regionCode: '350500',
    values: { 2022: '12103', 2023: '12172', 2024: '12818', 2025: '13300' } },
];

/**
 * Yearly figures become public with the statistical communiqué; a document formed before this
 * day of the following year cannot yet state them.
 */
const RELEASE_MONTH_DAY = '-01-20';

/** The years of `series` whose figures were already released on `formedOn`, latest first. */
export function releasedYears(series: FactSeries, formedOn: string): number[] {
  return Object.keys(series.values)
    .map(Number)
    .filter((year) => `${year + 1}${RELEASE_MONTH_DAY}` <= formedOn)
    .sort((a, b) => b - a);
}

/** The key fact `series` states for `year`: the subject carries the year, the as-of date is year end. */
export function factFor(series: FactSeries, year: number): DemoKeyFact {
  const value = series.values[year];
  if (value === undefined) throw new RangeError(`no ${series.subject} figure for ${year}`);
  return { subject: `${year}年${series.subject}`, value, unit: series.unit, asOf: `${year}-12-31` };
}
