/**
 * Identifiers the law and national standards define: the unified social credit code
 * (统一社会信用代码, GB 32100-2015) with its organisation code (组织机构代码, GB 11714-1997), the
 * resident identity number (公民身份号码, GB 11643-1999) and document numbers (文号), which
 * departments write with many kinds of brackets; and e-mail addresses as forms take them.
 */

import { chinaDate } from './clock';

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * An e-mail address as a form takes it: one "@", no spaces, a domain with a dot. Deliberately
 * loose (the mail server is the judge); it catches the typing slips a reader can fix.
 */
export function isEmailAddress(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/**
 * What is wrong with the address an e-mail delivery (获取方式 EMAIL) is sent to, or null: missing or
 * not an address. The message never repeats the address (an error may be logged, personal data
 * must not be). The agency refuses with it and the request form shows it live.
 */
export function deliveryEmailProblem(value: string): IdentifierProblem | null {
  if (!value.trim()) return { zh: '选择以电子邮件获取信息时须填写接收邮箱', en: 'The EMAIL delivery method needs deliveryEmail, the address to send the information to' };
  if (!isEmailAddress(value.trim())) return { zh: '接收邮箱格式不正确，应如 zhangsan@example.com', en: 'deliveryEmail is not an e-mail address, e.g. zhangsan@example.com' };
  return null;
}

/** The GB 32100-2015 check character for the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CHARSET.indexOf(first17[i]);
    if (value < 0) throw new RangeError(`invalid credit code character ${first17[i]}`);
    sum += value * CREDIT_WEIGHTS[i];
  }
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31];
}

/** Why an identifier is refused, in both languages, for a BAD_USER_INPUT naming its field. */
export interface IdentifierProblem {
  zh: string;
  en: string;
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * The GB 11714-1997 check character of an organisation code (组织机构代码) from its 8-character
 * body: digits count as themselves, letters A–Z as 10–35; "X" stands for 10.
 */
export function organisationCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new RangeError(`organisation code body must be 8 digits or capital letters: ${body8}`);
  const sum = [...body8].reduce((s, ch, i) => s + parseInt(ch, 36) * ORG_WEIGHTS[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * What is wrong with a unified social credit code, or null when it is valid: 18 characters of
 * the GB 32100 set, an organisation code (characters 9–17) with its GB 11714 check character,
 * and the GB 32100 check character last.
 */
export function creditCodeProblem(code: string): IdentifierProblem | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) {
    return { zh: '统一社会信用代码无效（应为 18 位数字或大写字母）', en: 'Invalid unified social credit code (18 digits or capital letters)' };
  }
  if (organisationCodeCheckChar(code.slice(8, 16)) !== code[16]) {
    return { zh: '统一社会信用代码无效（第 9 至 17 位组织机构代码的校验码不符合 GB 11714）', en: 'Invalid unified social credit code (the organisation code in characters 9–17 fails its GB 11714 check)' };
  }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) {
    return { zh: '统一社会信用代码无效（末位校验码不符合 GB 32100-2015）', en: 'Invalid unified social credit code (the last character fails the GB 32100-2015 check)' };
  }
  return null;
}

/** True when `code` is a unified social credit code passing both check characters. */
export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 check character for the first 17 digits of a resident identity number. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/**
 * What is wrong with a resident identity number (upper-cased first), or null when it is valid:
 * 18 digits (the last may be X), a birth date that exists, lies between 1900-01-01 and `today`
 * ("YYYY-MM-DD", China time), and the GB 11643 check digit.
 */
export function residentIdProblem(id: string, today: string): IdentifierProblem | null {
  const upper = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(upper)) {
    return { zh: '公民身份号码无效（应为 18 位，末位可为 X）', en: 'Invalid resident identity number (18 digits, the last may be X)' };
  }
  const y = Number(upper.slice(6, 10));
  const m = Number(upper.slice(10, 12));
  const d = Number(upper.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return { zh: '公民身份号码无效（第 7 至 14 位的出生日期不存在）', en: 'Invalid resident identity number (the birth date in digits 7–14 does not exist)' };
  }
  const born = `${upper.slice(6, 10)}-${upper.slice(10, 12)}-${upper.slice(12, 14)}`;
  if (y < 1900 || born > today) {
    return { zh: '公民身份号码无效（出生日期须在 1900 年之后且不晚于今天）', en: 'Invalid resident identity number (the birth date must be after 1900 and not in the future)' };
  }
  if (residentIdCheckChar(upper.slice(0, 17)) !== upper[17]) {
    return { zh: '公民身份号码无效（末位校验码不符合 GB 11643）', en: 'Invalid resident identity number (the last digit fails the GB 11643 check)' };
  }
  return null;
}

/**
 * True when `id` is a resident identity number with a real, past birth date and a correct check
 * digit; `today` is the real date in China unless given (services pass their clock's).
 */
export function isValidResidentId(id: string, today: string = chinaDate(new Date())): boolean {
  return residentIdProblem(id, today) === null;
}

/** Stars in every mask: the mask's width never tells how long the masked value is. */
const MASK = '**';

/**
 * Masks a natural person's name for publication as penalty publicity rules require (surname
 * only): always the first character and two stars, so 王五, 张三丰 and 欧阳娜娜 all become "X**".
 */
export function maskPersonName(name: string): string {
  const first = [...name.trim()][0];
  return (first ?? '*') + MASK;
}

/**
 * Masks a resident identity number for publication, hiding digits 7–14 (the birth date): always
 * 6 digits, 8 stars and 4 digits, 350102199001011234 → 350102********1234; a value too short
 * to keep 10 digits of is all stars, 18 of them.
 */
export function maskResidentId(id: string): string {
  return id.length < 10 ? '*'.repeat(18) : id.slice(0, 6) + '*'.repeat(8) + id.slice(-4);
}

const OPEN_BRACKETS = /[\[［(（【〔〖{｛]/g;
const CLOSE_BRACKETS = /[\]］)）】〕〗}｝]/g;

/**
 * Normalises a document number (文号) so that the ways departments write it compare equal:
 * 闽政办[2014]52号, 闽政办（2014）52号 and 闽政办〔2014〕 52 号 all become 闽政办〔2014〕52号.
 * Full-width digits and letters become ASCII; white space disappears.
 */
export function normalizeDocNumber(docNumber: string): string {
  return docNumber
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(OPEN_BRACKETS, '〔')
    .replace(CLOSE_BRACKETS, '〕');
}
