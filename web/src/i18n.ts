import { useEffect, useState } from 'preact/hooks';

/** The portal's languages: Chinese first, English on request. */
export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'hub.lang';

/** Every text the portal shows, in Chinese; `en` must have the same keys (the compiler checks). */
const zh = {
  siteTitle: '福建省政府信息公开专栏',
  siteSubtitle: '省级政府信息公开平台',
  skipToContent: '跳到主要内容',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch to English',
  mainNav: '主导航',
  navHome: '首页',
  loading: '正在加载…',
  loadFailed: '加载失败，请稍后重试。',
  notFound: '未找到该页面。',
  backHome: '返回首页',
  latestReleases: '最新公开',
  latestReleasesIntro: '全省各机关最新主动公开的政府信息。',
  searchLabel: '搜索政府信息',
  searchPlaceholder: '输入关键词，如：政务公开',
  searchButton: '搜索',
  totalDocuments: '共 {n} 件',
  noDocuments: '暂无公开信息。',
  publishedOn: '发布日期',
  agency: '发布机构',
  docNumber: '文号',
  moreDocuments: '加载更多',
  bannerUnavailable: '以下机关的信息暂时无法获取，页面仅显示其他机关的内容：{agencies}',
  bannerStale: '以下机关的信息可能不是最新的（目录同步延迟）：{agencies}',
  footerNote: '本平台汇集全省各级行政机关依《中华人民共和国政府信息公开条例》主动公开的政府信息。',
  footerApi: '开发者接口（GraphQL）',
};

/** The dictionary's keys. */
export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  siteTitle: 'Fujian Government Information Disclosure',
  siteSubtitle: 'Provincial disclosure portal',
  skipToContent: 'Skip to main content',
  switchLanguage: '中文',
  switchLanguageLabel: '切换到中文',
  mainNav: 'Main navigation',
  navHome: 'Home',
  loading: 'Loading…',
  loadFailed: 'Loading failed, please try again later.',
  notFound: 'Page not found.',
  backHome: 'Back to the home page',
  latestReleases: 'Latest releases',
  latestReleasesIntro: "The province's agencies' latest proactively disclosed information.",
  searchLabel: 'Search government information',
  searchPlaceholder: 'Keywords, e.g. 政务公开',
  searchButton: 'Search',
  totalDocuments: '{n} in total',
  noDocuments: 'Nothing published yet.',
  publishedOn: 'Published',
  agency: 'Issuing agency',
  docNumber: 'Document number',
  moreDocuments: 'Load more',
  bannerUnavailable: "These agencies' information cannot be reached right now; the page shows the others': {agencies}",
  bannerStale: "These agencies' information may be out of date (catalogue behind): {agencies}",
  footerNote: "This portal gathers the information the province's administrative agencies publish under the Regulations on the Disclosure of Government Information.",
  footerApi: 'Developer API (GraphQL)',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    // Storage can be off (private mode, policy): Chinese, not remembered.
    return 'zh';
  }
}

let current: Lang = initialLang();
const listeners = new Set<(lang: Lang) => void>();

function applyToDocument(lang: Lang): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = dictionaries[lang].siteTitle;
}
applyToDocument(current);

/** The language now shown. */
export function currentLang(): Lang {
  return current;
}

/** Switches the language and remembers it for the next visit. */
export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch { /* not remembered; still switched */ }
  applyToDocument(lang);
  for (const listener of listeners) listener(lang);
}

/** `key`'s text in `lang`, with `{name}` placeholders filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The language and its translator; the component renders again when the language changes. */
export function useI18n(): { lang: Lang; t: (key: MessageKey, params?: Record<string, string | number>) => string } {
  const [lang, setState] = useState(current);
  useEffect(() => {
    listeners.add(setState);
    return () => void listeners.delete(setState);
  }, []);
  return { lang, t: (key, params) => translate(lang, key, params) };
}

/** A date (or the date of an ISO instant, in China Standard Time as the API writes it) for `lang`. */
export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  const [y, m, d] = value.slice(0, 10).split('-');
  return lang === 'zh' ? `${y}年${Number(m)}月${Number(d)}日` : `${y}-${m}-${d}`;
}
