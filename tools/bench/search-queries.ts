/**
 * The search every benchmark asks (bench.ts through the gateways, search-bench.ts against one
 * deployment's database), so their figures compare: a page of 20 with the count and highlights.
 */
export const SEARCH = /* GraphQL */ `query Search($text: String!) { search(text: $text, first: 20) { totalCount edges { highlight node { id title agency { name } } } } }`;
/** The same search asked of an agency subgraph directly, which has no agency names (the directory's). */
export const SEARCH_DIRECT = SEARCH.replace('agency { name }', 'agency { code }');

/** Common words of government documents: each matches many documents, as a portal's searches do. */
export const SEARCH_WORDS = ['公开', '通知', '实施', '发展', '管理', '建设', '服务', '安全', '资金', '监督', '规划', '改革', '教育', '环境', '市场', '数字经济'];

/** The `i`th search's text: a word, every third one with a second word (two words, scored for proximity). */
export function searchText(i: number): string {
  return SEARCH_WORDS[i % SEARCH_WORDS.length] + (i % 3 === 0 ? ' 工作' : '');
}
