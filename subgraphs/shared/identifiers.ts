/**
 * Identifiers the law and national standards define: the unified social credit code
 * (统一社会信用代码, GB 32100-2015), the resident identity number (公民身份号码, GB 11643-1999)
 * and document numbers (文号), which departments write with many kinds of brackets.
 */

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

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

/** True when `code` is an 18-character unified social credit code with a correct check character. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 check character for the first 17 digits of a resident identity number. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** True when `id` is an 18-digit resident identity number with a real birth date and check digit. */
export function isValidResidentId(id: string): boolean {
  const upper = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(upper)) return false;
  const y = Number(upper.slice(6, 10));
  const m = Number(upper.slice(10, 12));
  const d = Number(upper.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false;
  return residentIdCheckChar(upper.slice(0, 17)) === upper[17];
}

/**
 * Masks a natural person's name and identity number for publication, as penalty publicity
 * rules require: 张三丰 → 张**, 350102199001011234 → 350102********1234.
 */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}
export function maskResidentId(id: string): string {
  return id.length < 10 ? '*'.repeat(id.length) : id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
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
