import { randomInt, scrypt as scryptCallback, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

/**
 * The requester's PIN (查询密码): random digits given once at submission (or by an officer), kept
 * only as a scrypt hash with its cost.
 */

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: { N: number }) => Promise<Buffer>;

/**
 * scrypt's cost: 2¹² (≈15 ms a hash here). An 8-digit PIN is guarded online by the lockout; the hash
 * only keeps PINs out of sight in dumps and backups, where no affordable cost would stop a search
 * of 10⁸ values, so a higher one would only slow every submission.
 */
const SCRYPT_COST = { N: 4096 };

/** Digits of a PIN: 10⁸ values, and five tries per quarter of an hour (requester-verification.ts). */
export const PIN_DIGITS = 8;

/** A new random PIN and the hash to store. */
export async function newPin(): Promise<{ pin: string; hash: string }> {
  const pin = Array.from({ length: PIN_DIGITS }, () => randomInt(10)).join('');
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, 32, SCRYPT_COST);
  return { pin, hash: `scrypt$${SCRYPT_COST.N}$${salt.toString('base64url')}$${key.toString('base64url')}` };
}

/** Whether `pin` is the one `stored` (a {@link newPin} hash) was made from. */
export async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const [scheme, cost, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !Number(cost) || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  // The cost a PIN was hashed with is kept with it, so a new cost never locks out older PINs.
  const actual = await scrypt(pin, Buffer.from(salt, 'base64url'), expected.length, { N: Number(cost) });
  return timingSafeEqual(actual, expected);
}
