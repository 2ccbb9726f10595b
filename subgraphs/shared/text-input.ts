import { BadUserInputError } from '../../schema/contracts/errors';

/** A required text input, trimmed; empty or too long is a BAD_USER_INPUT naming the field (`label` is its Chinese name). */
export function requiredText(field: string, label: string, value: string | null | undefined, max: number): string {
  const text = (value ?? '').trim();
  if (!text) throw new BadUserInputError(field, `${label}不能为空`, `${field} must not be empty`);
  if (text.length > max) throw new BadUserInputError(field, `${label}不能超过 ${max} 个字符`, `${field} must be at most ${max} characters`);
  return text;
}

/** An optional text input, trimmed; empty becomes null. */
export function optionalText(field: string, label: string, value: string | null | undefined, max: number): string | null {
  const text = (value ?? '').trim();
  if (!text) return null;
  if (text.length > max) throw new BadUserInputError(field, `${label}不能超过 ${max} 个字符`, `${field} must be at most ${max} characters`);
  return text;
}
