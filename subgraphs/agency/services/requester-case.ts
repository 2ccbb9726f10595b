import { randomInt, scrypt as scryptCallback, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { EntityManager } from '@mikro-orm/knex';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../../schema/contracts/errors';
import { handlesRequests, type AgencyContext } from '../context';
import { RequesterCaseReadEntity, RequestLetterEntity } from '../entities/letter.entity';
import { DisclosureRequestEntity } from '../entities/request.entity';
import { DeliveryMethod } from '../entities/request-enums';
import type { RequestReleaseFileEntity } from '../entities/request-release-file.entity';
import { lettersOf } from './letters';
import { releasedFilesOf } from './released-files';
import { findByTrackingCode } from './request.service';

/**
 * 申请人查阅 — the requester's own page: with the tracking code and the PIN given at submission,
 * the requester reads the request's progress, every letter addressed to them and the reply, and
 * downloads the information released with it. Nobody
 * else can: the PIN is kept only as a scrypt hash, five wrong PINs in a row lock the page for a
 * quarter of an hour, and every attempt, granted or refused, is logged.
 */

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: { N: number }) => Promise<Buffer>;

/**
 * scrypt's cost: 2¹² (≈15 ms a hash here). An 8-digit PIN is guarded online by the lockout; the hash
 * only keeps PINs out of sight in dumps and backups, where no affordable cost would stop a search
 * of 10⁸ values, so a higher one would only slow every submission.
 */
const SCRYPT_COST = { N: 4096 };

/** Digits of a PIN: 10⁸ values, and {@link MAX_FAILURES} tries per {@link LOCK_MS}. */
export const PIN_DIGITS = 8;
/** Wrong PINs in a row that lock the page. */
export const MAX_FAILURES = 5;
/** How long the page stays locked after {@link MAX_FAILURES} wrong PINs. */
export const LOCK_MS = 15 * 60_000;

/** A new random PIN and the hash to store. */
export async function newPin(): Promise<{ pin: string; hash: string }> {
  const pin = Array.from({ length: PIN_DIGITS }, () => randomInt(10)).join('');
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, 32, SCRYPT_COST);
  return { pin, hash: `scrypt$${SCRYPT_COST.N}$${salt.toString('base64url')}$${key.toString('base64url')}` };
}

async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const [scheme, cost, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !Number(cost) || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  // The cost a PIN was hashed with is kept with it, so a new cost never locks out older PINs.
  const actual = await scrypt(pin, Buffer.from(salt, 'base64url'), expected.length, { N: Number(cost) });
  return timingSafeEqual(actual, expected);
}

const WRONG = () => new BadUserInputError('pin', '查询码或查询密码不正确', 'The tracking code or the PIN is wrong');

/**
 * Whether the page is locked: the wrong PINs since the last right one, counting only the last
 * {@link LOCK_MS}. @returns when it unlocks, or null.
 */
async function lockedUntil(em: EntityManager, requestId: string, now: Date): Promise<Date | null> {
  const recent = await em.find(RequesterCaseReadEntity, { requestId, at: { $gt: new Date(now.getTime() - LOCK_MS) } }, { orderBy: { id: 'desc' }, limit: MAX_FAILURES });
  if (recent.length < MAX_FAILURES || recent.some((r) => r.granted)) return null;
  return new Date(recent[0].at.getTime() + LOCK_MS);
}

/** The request, its letters to the requester and its released files; what {@link openRequesterCase} returns. */
export interface RequesterCase {
  request: DisclosureRequestEntity;
  letters: RequestLetterEntity[];
  releasedFiles: RequestReleaseFileEntity[];
}

/**
 * Verifies the requester's tracking code and PIN — for the page and for each download of a released
 * file — and runs `granted` in the transaction that logs the attempt. An unknown code and a wrong PIN
 * get the same answer, so nobody learns which codes exist; {@link MAX_FAILURES} wrong PINs in a row
 * lock the request for {@link LOCK_MS}. Lockouts run on the wall clock, never the deployment's legal clock.
 * `fileNumber` names the released file a download asks for, kept in the log.
 * @throws BadUserInputError (field `pin`) for a wrong code or PIN, or while locked.
 */
export async function asVerifiedRequester<T>(
  ctx: AgencyContext, trackingCode: string, pin: string, fileNumber: number | null,
  granted: (em: EntityManager, request: DisclosureRequestEntity) => Promise<T>,
): Promise<T> {
  const request = await findByTrackingCode(ctx, trackingCode);
  if (!request?.accessPinHash) throw WRONG();
  const now = new Date();
  const outcome = await ctx.em.transactional(async (em) => {
    const until = await lockedUntil(em as EntityManager, request.id, now);
    if (until) {
      const minutes = Math.ceil((until.getTime() - now.getTime()) / 60_000);
      throw new BadUserInputError('pin', `查询密码连续输错${MAX_FAILURES}次，请${minutes}分钟后再试`, `${MAX_FAILURES} wrong PINs in a row: try again in ${minutes} min`);
    }
    const right = /^\d{8}$/.test(pin.trim()) && (await pinMatches(pin.trim(), request.accessPinHash!));
    em.persist(em.create(RequesterCaseReadEntity, { requestId: request.id, at: now, granted: right, fileNumber }));
    // A refusal commits its log row, so the error is thrown after the transaction.
    return right ? { value: await granted(em as EntityManager, request) } : null;
  });
  if (!outcome) throw WRONG();
  return outcome.value;
}

/**
 * Opens the requester's page ({@link asVerifiedRequester}). Letters delivered online count as
 * delivered the first time the requester opens them here.
 * @throws BadUserInputError (field `pin`) for a wrong code or PIN, or while locked.
 */
export function openRequesterCase(ctx: AgencyContext, trackingCode: string, pin: string): Promise<RequesterCase> {
  return asVerifiedRequester(ctx, trackingCode, pin, null, async (em, request) => {
    const letters = await lettersOf(em, request.id, true);
    for (const letter of letters) {
      if (letter.deliveryMethod === DeliveryMethod.ONLINE && !letter.deliveredOn) letter.deliveredOn = ctx.runtime.clock.today();
    }
    return { request, letters, releasedFiles: await releasedFilesOf(em, request.id) };
  });
}

/**
 * 重置查询密码 — a disclosure officer gives the requester a new PIN (for a request entered by staff,
 * or a requester who lost it): the old one stops working. @returns the new PIN, to hand over once.
 */
export async function issueRequesterPin(ctx: AgencyContext, id: string): Promise<string> {
  if (!handlesRequests(ctx)) throw new ForbiddenError('只有本机关的依申请公开经办人员可以重置查询密码', 'Only the agency\'s disclosure officers and admin issue PINs');
  const { pin, hash } = await newPin();
  await ctx.em.transactional(async (em) => {
    const request = await em.findOne(DisclosureRequestEntity, { id });
    if (!request) throw new NotFoundError('申请 request', id);
    request.accessPinHash = hash;
  });
  return pin;
}

/** The requester's page reads of a request, newest first, for its disclosure officers. */
export function requesterCaseReads(em: EntityManager, requestId: string): Promise<RequesterCaseReadEntity[]> {
  return em.find(RequesterCaseReadEntity, { requestId }, { orderBy: { id: 'desc' }, limit: 100 });
}
