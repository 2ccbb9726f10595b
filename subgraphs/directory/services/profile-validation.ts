import { isAgencyCode } from '../../../schema/contracts/shard-registry';
import { optionalText, requiredText } from '../../shared/text-input';
import { BadUserInputError } from '../../../schema/contracts/errors';
import { creditCodeProblem, isEmailAddress } from '../../shared/identifiers';
import type { AgencyProfileEntity } from '../entities/agency-profile.entity';
import type { AgencyProfileInput } from '../resolvers/agency.input';

/**
 * Checks of profile fields, each failing with the field's name and a bilingual message that says
 * what to do. Pure functions: the services decide when to call them.
 */

/** A registry code as agency deployments use it (HUB_AGENCY_CODE). */
export function checkAgencyCode(value: string): string {
  if (!isAgencyCode(value)) {
    throw new BadUserInputError('code', `机关代码"${value}"应为小写字母开头的字母、数字或连字符`, `Registry code "${value}" must be lower-case letters, digits or hyphens, starting with a letter`);
  }
  return value;
}

/** 行政区划代码: six digits. */
export function checkRegionCode(value: string): string {
  if (!/^\d{6}$/.test(value)) {
    throw new BadUserInputError('regionCode', '行政区划代码应为 6 位数字，如 350000', 'regionCode must be six digits, e.g. 350000');
  }
  return value;
}

/**
 * 统一社会信用代码, upper-cased, with the GB 11714 check character of its organisation code and
 * its GB 32100-2015 check character verified; the error says which check failed.
 */
export function checkCreditCode(value: string | null | undefined): string {
  const code = requiredText('creditCode', '统一社会信用代码', value, 18).toUpperCase();
  const problem = creditCodeProblem(code);
  if (problem) throw new BadUserInputError('creditCode', problem.zh, problem.en);
  return code;
}

/** A telephone number as agencies print it, e.g. 0591-87033911; `field` names the input it came in. */
export function checkPhone(value: string | null | undefined, field = 'phone'): string {
  const phone = requiredText(field, '电话', value, 32);
  if (!/^\+?\d[\d\s()-]{4,31}$/.test(phone)) {
    throw new BadUserInputError(field, '电话号码格式不正确，如 0591-87033911', `${field} must be a telephone number, e.g. 0591-87033911`);
  }
  return phone;
}

/** An e-mail address, or null when none is given. */
export function checkEmail(value: string | null | undefined): string | null {
  const email = optionalText('email', '电子邮箱', value, 128);
  if (email && !isEmailAddress(email)) {
    throw new BadUserInputError('email', '电子邮箱格式不正确', 'email must be an e-mail address, e.g. xxgk@fujian.gov.cn');
  }
  return email;
}

/** An http(s) address, or null when none is given. */
export function checkWebsite(value: string | null | undefined): string | null {
  const website = optionalText('website', '网站', value, 255);
  if (!website) return null;
  let protocol: string | undefined;
  try {
    protocol = new URL(website).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new BadUserInputError('website', '网站地址应以 http:// 或 https:// 开头', 'website must be an http:// or https:// address');
  }
  return website;
}

/** The fields of a profile an admin may change. */
export type ProfileChanges = Partial<Pick<AgencyProfileEntity,
  'name' | 'shortName' | 'creditCode' | 'docPrefix' | 'address' | 'phone' | 'email' | 'website' | 'officeHours' | 'disclosureGuide'>>;

/** The checked changes `input` asks for: a field left out is unchanged, null clears an optional one. */
export function checkProfileChanges(input: AgencyProfileInput): ProfileChanges {
  const changes: ProfileChanges = {};
  if (input.name !== undefined) changes.name = requiredText('name', '全称', input.name, 200);
  if (input.shortName !== undefined) changes.shortName = optionalText('shortName', '简称', input.shortName, 64);
  if (input.creditCode !== undefined) changes.creditCode = checkCreditCode(input.creditCode);
  if (input.docPrefix !== undefined) changes.docPrefix = optionalText('docPrefix', '发文字号前缀', input.docPrefix, 32);
  if (input.address !== undefined) changes.address = requiredText('address', '地址', input.address, 255);
  if (input.phone !== undefined) changes.phone = checkPhone(input.phone);
  if (input.email !== undefined) changes.email = checkEmail(input.email);
  if (input.website !== undefined) changes.website = checkWebsite(input.website);
  if (input.officeHours !== undefined) changes.officeHours = requiredText('officeHours', '办公时间', input.officeHours, 255);
  if (input.disclosureGuide !== undefined) changes.disclosureGuide = requiredText('disclosureGuide', '政府信息公开指南', input.disclosureGuide, 50_000);
  return changes;
}
