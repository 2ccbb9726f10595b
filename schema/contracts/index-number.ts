import { BadUserInputError } from './errors';

/**
 * 索引号 — the index number every agency gives its documents:
 * `<agency prefix>-<theme code>-<year>-<serial>`, e.g. `FJ00201-0200-2026-00012`. The prefix names
 * the agency (the directory's `indexPrefix`, the shard registry's `indexPrefix`), so the gateway can
 * route a lookup by index number to its owner; the agencies build and parse it with the same code.
 */

export {
  defaultIndexPrefix, formatIndexNumber, isIndexPrefix, normalizeIndexNumber, parseIndexNumber, type IndexNumberParts,
} from './index-number-format';

/** The BAD_USER_INPUT a lookup answers for text that is not an index number, wherever it is refused (gateway or agency). */
export function malformedIndexNumber(field: string, text: string): BadUserInputError {
  // The text is repeated so a reader sees the slip, unless it is far longer than any index number.
  const shown = text.length <= 64 ? `"${text}"` : '';
  return new BadUserInputError(
    field,
    `索引号${shown}格式不正确，应为"机关前缀-主题分类代码-年份-序号"，如 FJ00201-0200-2026-00012`,
    `${shown || 'The text'} is not an index number: expected <agency prefix>-<theme code>-<year>-<serial>, e.g. FJ00201-0200-2026-00012`,
  );
}
