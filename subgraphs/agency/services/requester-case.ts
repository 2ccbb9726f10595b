import { randomInt, scrypt as scryptCallback, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { EntityManager } from '@mikro-orm/knex';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../../schema/contracts/errors';
import { handlesRequests, type AgencyContext } from '../context';
import { RequesterCaseReadEntity, RequestLetterEntity } from '../entities/letter.entity';
import { DisclosureRequestEntity } from '../entities/request.entity';
import { DeliveryMethod } from '../entities/request-enums';
import { lettersOf } from './letters';
import { findByTrackingCode } from './request.service';

/**
 * 申请人查阅 — the requester's own page: with the tracking code and the PIN given at submission,
 * the requester reads the request's progress, every letter addressed to them and the reply. Nobody
 * else can: the PIN is kept only as a scrypt hash, five wrong PINs in a row lock the page for a
 * quarter of an hour, and every attempt, granted or refused, is logged.
 */

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

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
  const key = await scrypt(pin, salt, 32);
  return { pin, hash: `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}` };
}

async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(pin, Buffer.from(salt, 'base64url'), expected.length);
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

/** The request, its letters to the requester and when the page was opened; what {@link openRequesterCase} returns. */
export interface RequesterCase {
  request: DisclosureRequestEntity;
  letters: RequestLetterEntity[];
}

/**
 * Opens the requester's page. An unknown code and a wrong PIN get the same answer, so the page
 * tells nobody which codes exist. Letters delivered online count as delivered the first time
 * the requester opens them here. Lockouts run on the wall clock, never the deployment's legal clock.
 * @throws BadUserInputError (field `pin`) for a wrong code or PIN, or while locked.
 */
export async function openRequesterCase(ctx: AgencyContext, trackingCode: string, pin: string): Promise<RequesterCase> {
  const request = await findByTrackingCode(ctx, trackingCode);
  if (!request?.accessPinHash) throw WRONG();
  const now = new Date();
  return ctx.em.transactional(async (em) => {
    const until = await lockedUntil(em as EntityManager, request.id, now);
    if (until) {
      const minutes = Math.ceil((until.getTime() - now.getTime()) / 60_000);
      throw new BadUserInputError('pin', `查询密码连续输错${MAX_FAILURES}次，请${minutes}分钟后再试`, `${MAX_FAILURES} wrong PINs in a row: try again in ${minutes} min`);
    }
    const granted = /^\d{8}$/.test(pin.trim()) && (await pinMatches(pin.trim(), request.accessPinHash!));
    em.persist(em.create(RequesterCaseReadEntity, { requestId: request.id, at: now, granted }));
    // A refusal commits its log row, so the error is thrown after the transaction.
    if (!granted) return null;
    const letters = await lettersOf(em as EntityManager, request.id, true);
    for (const letter of letters) {
      if (letter.deliveryMethod === DeliveryMethod.ONLINE && !letter.deliveredOn) letter.deliveredOn = ctx.runtime.clock.today();
    }
    return { request, letters };
  }).then((result) => {
    if (!result) throw WRONG();
    return result;
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
