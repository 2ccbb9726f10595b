import { isAgencyCode } from '../../../schema/contracts/shard-registry';
import { BadUserInputError } from '../../../schema/contracts/errors';
import { optionalText, requiredText } from '../../shared/text-input';
import { normalizeDocNumber } from '../../shared/identifiers';
import { isIsoDate } from '../../shared/scalars';
import { findTheme, GENRES, type Theme } from '../../shared/taxonomy';
import { DisclosureAttribute, ExemptionGround } from '../entities/enums';
import type { AttachmentInput, KeyFactInput } from '../resolvers/document.input';

/**
 * Checks of editor input, each failing with the field's name and a bilingual message that says
 * what to do. Pure functions: the service decides when to call them.
 */

export function checkTheme(value: string): Theme {
  const theme = findTheme(value);
  if (!theme) throw new BadUserInputError('theme', `主题分类"${value}"不在分类表中`, `Unknown theme "${value}": use a name or code of the theme taxonomy`);
  return theme;
}

export function checkFormedOn(value: string, today: string): string {
  if (!isIsoDate(value)) throw new BadUserInputError('formedOn', '生成日期格式应为 YYYY-MM-DD', 'formedOn must be a date YYYY-MM-DD');
  if (value > today) throw new BadUserInputError('formedOn', '生成日期不能晚于今天', 'formedOn cannot be in the future');
  return value;
}

/** The exemption ground is required exactly when the item is not disclosed (Art. 14–16). */
export function checkExemption(disclosure: DisclosureAttribute, ground: string | null | undefined): ExemptionGround | null {
  if (disclosure !== DisclosureAttribute.NOT_DISCLOSED) {
    if (ground) throw new BadUserInputError('exemptionGround', '仅不予公开的信息需要填写不予公开理由', 'exemptionGround is only for NOT_DISCLOSED items');
    return null;
  }
  if (!ground) throw new BadUserInputError('exemptionGround', '不予公开的信息必须注明理由（条例第十四至十六条）', 'NOT_DISCLOSED items need an exemptionGround (Art. 14–16)');
  if (!(Object.values(ExemptionGround) as string[]).includes(ground)) {
    throw new BadUserInputError('exemptionGround', `不予公开理由应为：${Object.values(ExemptionGround).join('、')}`, `exemptionGround must be one of ${Object.values(ExemptionGround).join(', ')}`);
  }
  return ground as ExemptionGround;
}

export function checkDocNumber(value: string | null | undefined): { docNumber: string | null; docNumberNorm: string | null } {
  const docNumber = optionalText('docNumber', '文号', value, 128);
  if (!docNumber) return { docNumber: null, docNumberNorm: null };
  const docNumberNorm = normalizeDocNumber(docNumber);
  if (!/〔\d{4}〕/.test(docNumberNorm)) {
    throw new BadUserInputError('docNumber', '文号应包含年份，如 闽政办〔2014〕52号', 'docNumber must carry a year, e.g. 闽政办〔2014〕52号');
  }
  return { docNumber, docNumberNorm };
}

export function checkGenre(value: string | null | undefined, title: string): string {
  if (value) {
    if (!(GENRES as readonly string[]).includes(value)) throw new BadUserInputError('genre', `体裁应为：${GENRES.join('、')}`, `genre must be one of ${GENRES.join(', ')}`);
    return value;
  }
  // A title ends with its genre word in Chinese administrative writing (…的通知, …办法).
  return GENRES.find((g) => g !== '其他' && title.endsWith(g)) ?? GENRES.find((g) => title.includes(g)) ?? '其他';
}

export function checkCoIssuers(value: string[] | null | undefined, self: string): string[] {
  const codes = [...new Set((value ?? []).map((c) => c.trim()))];
  for (const code of codes) {
    if (!isAgencyCode(code)) throw new BadUserInputError('coIssuers', `联合发文机关代码"${code}"无效`, `coIssuers: "${code}" is not a registry code`);
    if (code === self) throw new BadUserInputError('coIssuers', '联合发文机关不能是本机关', 'coIssuers must not include the issuing agency itself');
  }
  return codes;
}

export function checkKeyFacts(value: KeyFactInput[] | null | undefined): KeyFactInput[] {
  return (value ?? []).map((fact, i) => {
    const field = `keyFacts[${i}]`;
    if (fact.asOf && !isIsoDate(fact.asOf)) throw new BadUserInputError(`${field}.asOf`, '截至日期格式应为 YYYY-MM-DD', 'asOf must be YYYY-MM-DD');
    return {
      subject: requiredText(`${field}.subject`, '关键数据指标', fact.subject, 200),
      value: requiredText(`${field}.value`, '关键数据数值', fact.value, 100),
      unit: optionalText(`${field}.unit`, '单位', fact.unit, 32),
      asOf: fact.asOf ?? null,
    };
  });
}

export function checkAttachments(value: AttachmentInput[] | null | undefined): AttachmentInput[] {
  return (value ?? []).map((a, i) => {
    const field = `attachments[${i}]`;
    if (!Number.isInteger(a.sizeBytes) || a.sizeBytes < 0) throw new BadUserInputError(`${field}.sizeBytes`, '附件大小无效', 'sizeBytes must be a non-negative integer');
    if (!/^[\w.+-]+\/[\w.+-]+$/.test(a.mediaType)) throw new BadUserInputError(`${field}.mediaType`, '附件媒体类型无效', 'mediaType must look like application/pdf');
    return { fileName: requiredText(`${field}.fileName`, '附件文件名', a.fileName, 255), mediaType: a.mediaType, sizeBytes: a.sizeBytes };
  });
}

/** At most this many 主题词 per document. */
export const MAX_SUBJECT_TERMS = 20;
/** At most this many characters per 主题词 (a term is a word or a short phrase, not a sentence). */
export const MAX_SUBJECT_TERM_LENGTH = 30;

/**
 * 主题词: each term trimmed, none empty, none holding a list separator (a term with "；" in it is
 * two terms typed in one box), repeated terms kept once, in the editor's order.
 */
export function checkSubjectTerms(value: string[] | null | undefined): string[] {
  if ((value ?? []).length > MAX_SUBJECT_TERMS) {
    throw new BadUserInputError('subjectTerms', `主题词不能超过 ${MAX_SUBJECT_TERMS} 个`, `At most ${MAX_SUBJECT_TERMS} subject terms`);
  }
  const terms: string[] = [];
  for (const [i, raw] of (value ?? []).entries()) {
    const field = `subjectTerms[${i}]`;
    const term = requiredText(field, '主题词', raw, MAX_SUBJECT_TERM_LENGTH);
    if (/[;；,，、]/.test(term)) {
      throw new BadUserInputError(field, `主题词"${term}"含有分隔符，请把每个主题词分别填写`, `Subject term "${term}" holds a separator: give each term on its own`);
    }
    if (!terms.includes(term)) terms.push(term);
  }
  return terms;
}

/** A 施行日期 or 废止日期 as given: a date YYYY-MM-DD, or null. */
export function checkOptionalDate(field: 'effectiveOn' | 'repealedOn', value: string | null | undefined): string | null {
  if (value == null) return null;
  if (!isIsoDate(value)) {
    const label = field === 'effectiveOn' ? '施行日期' : '废止日期';
    throw new BadUserInputError(field, `${label}格式应为 YYYY-MM-DD`, `${field} must be a date YYYY-MM-DD`);
  }
  return value;
}

/** A document cannot cease to have effect before it takes effect (the two may fall on one day). */
export function checkEffectivePeriod(effectiveOn: string | null | undefined, repealedOn: string | null | undefined): void {
  if (effectiveOn && repealedOn && repealedOn < effectiveOn) {
    throw new BadUserInputError('repealedOn', '废止日期不能早于施行日期', 'repealedOn must not be before effectiveOn');
  }
}
