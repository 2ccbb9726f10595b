import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import * as OpenCC from 'opencc-js';
import { normalizeDocNumber } from './identifiers';

/** Traditional to simplified characters (OpenCC's dictionaries), built once per process. */
let simplifier: ((text: string) => string) | undefined;
function toSimplified(text: string): string {
  simplifier ??= OpenCC.Converter({ from: 't', to: 'cn' });
  return simplifier(text);
}

/** One dictionary load per process: building it costs ~100 ms. */
let jieba: Jieba | undefined;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const MEANINGFUL = /[\p{L}\p{N}]/u;

/** Words of `text` for indexing: search-mode segmentation, so long words also yield their parts. */
export function indexTokens(text: string): string[] {
  return segmenter()
    .cutForSearch(normalizeDocNumber(text), true)
    .filter((w) => MEANINGFUL.test(w))
    .map((w) => w.toLowerCase());
}

/** Indexed text as the full-text engines store it: segmented words separated by spaces. */
export function segmentForIndex(text: string | null | undefined): string {
  return text ? indexTokens(text).join(' ') : '';
}

/**
 * A search query as groups of alternatives: each group is one query word, matched either whole or
 * as all of its search-mode parts, so "政府信息公开" still finds text segmented "政府 信息 公开".
 * Traditional characters are read as simplified ones (營商環境 finds 营商环境): the province
 * publishes in simplified characters, readers from Taiwan, Hong Kong and abroad type either.
 */
export interface QueryTerm { word: string; parts: string[] }

export function queryTerms(text: string): QueryTerm[] {
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  for (const raw of segmenter().cut(normalizeDocNumber(toSimplified(text)), true)) {
    const word = raw.toLowerCase();
    if (!MEANINGFUL.test(word) || seen.has(word)) continue;
    seen.add(word);
    const parts = segmenter().cutForSearch(word, true).map((p) => p.toLowerCase()).filter((p) => p !== word && MEANINGFUL.test(p));
    terms.push({ word, parts: [...new Set(parts)] });
  }
  return terms;
}

/**
 * The runs of the query the reader typed together (split at spaces and punctuation), simplified
 * and lower-cased: "电子监察系统" stays one phrase even though it is searched as 电子, 监察, 系统.
 * A run that is a single query word adds nothing and is left out.
 */
export function queryPhrases(text: string): string[] {
  const words = new Set(queryTerms(text).map((t) => t.word));
  const runs = toSimplified(text).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((r) => r.length > 1 && !words.has(r));
  return [...new Set(runs)];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A fragment of `text` around the first typed phrase it contains (else the first query word),
 * phrases and words wrapped in <em>…</em> — a phrase as one mark, the longest match winning — and
 * the rest HTML-escaped so a page can show it as is. Undefined when no word occurs.
 */
export function highlightFragment(text: string, terms: QueryTerm[], width = 80, phrases: string[] = []): string | undefined {
  // The text is shown as written; only the query was normalised (its brackets are not words anyway).
  const words = [...new Set([...phrases, ...terms.flatMap((t) => [t.word, ...t.parts])])].filter((w) => w.length > 0).sort((a, b) => b.length - a.length);
  const lower = text.toLowerCase();
  const firstOf = (candidates: string[]) => {
    let first = -1;
    for (const w of candidates) {
      const at = lower.indexOf(w);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    return first;
  };
  const atPhrase = firstOf(phrases);
  const first = atPhrase >= 0 ? atPhrase : firstOf(words);
  if (first < 0) return undefined;
  const start = Math.max(0, first - Math.floor(width / 4));
  const end = Math.min(text.length, start + width);
  const slice = text.slice(start, end);
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu');
  let out = '';
  let last = 0;
  for (const m of slice.matchAll(pattern)) {
    out += escapeHtml(slice.slice(last, m.index)) + '<em>' + escapeHtml(m[0]) + '</em>';
    last = m.index! + m[0].length;
  }
  out += escapeHtml(slice.slice(last));
  return (start > 0 ? '…' : '') + out + (end < text.length ? '…' : '');
}
