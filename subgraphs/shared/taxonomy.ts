/**
 * 主题分类 — the theme taxonomy of the national policy library, with stable codes.
 * The code is part of every index number (索引号), so a code never changes once issued.
 */
export interface Theme {
  /** Four-digit stable code used in index numbers, e.g. "0100". */
  code: string;
  /** 主题分类 name as portals show it. */
  name: string;
}

export const THEMES: readonly Theme[] = [
  { code: '0100', name: '综合政务' },
  { code: '0200', name: '国民经济管理、国有资产监管' },
  { code: '0300', name: '财政、金融、审计' },
  { code: '0400', name: '国土资源、能源' },
  { code: '0500', name: '农业、林业、水利' },
  { code: '0600', name: '工业、交通' },
  { code: '0700', name: '商贸、海关、旅游' },
  { code: '0800', name: '市场监管、安全生产监管' },
  { code: '0900', name: '城乡建设、环境保护' },
  { code: '1000', name: '科技、教育' },
  { code: '1100', name: '文化、广电、新闻出版' },
  { code: '1200', name: '卫生、体育' },
  { code: '1300', name: '人口与计划生育、妇女儿童工作' },
  { code: '1400', name: '劳动、人事、监察' },
  { code: '1500', name: '公安、安全、司法' },
  { code: '1600', name: '民政、扶贫、救灾' },
  { code: '1700', name: '民族、宗教' },
  { code: '1800', name: '对外事务' },
  { code: '1900', name: '港澳台侨工作' },
  { code: '2000', name: '国防' },
  { code: '9000', name: '其他' },
];

const byName = new Map(THEMES.map((t) => [t.name, t]));
const byCode = new Map(THEMES.map((t) => [t.code, t]));

/** Finds a theme by its name or its code; undefined when it is not in the taxonomy. */
export function findTheme(nameOrCode: string): Theme | undefined {
  const key = nameOrCode.trim();
  return byName.get(key) ?? byCode.get(key);
}

/** 体裁 — genres of government documents. */
export const GENRES = [
  '通知', '公告', '意见', '决定', '办法', '规定', '批复', '报告', '函', '通报', '规划', '方案', '解读', '其他',
] as const;
export type Genre = (typeof GENRES)[number];
