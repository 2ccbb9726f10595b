import type { EntityManager } from '@mikro-orm/knex';
import { BadUserInputError, ForbiddenError } from '../../../schema/contracts/errors';
import type { AgencyContext } from '../context';
import { RequesterCaseReadEntity } from '../entities/letter.entity';
import type { DisclosureRequestEntity } from '../entities/request.entity';
import { findByTrackingCode } from './request.service';
import { pinMatches } from './requester-pin';

/** Wrong PINs in a row that lock the page. */
export const MAX_FAILURES = 5;
/** How long the page stays locked after {@link MAX_FAILURES} wrong PINs. */
export const LOCK_MS = 15 * 60_000;

/**
 * How a refusal reaches the requester: on the page's form, as an error on its PIN field; for a
 * download over HTTP, as a 403. The words are the same.
 */
export type RequesterRefusal = (zh: string, en: string) => Error;
export const REFUSED_ON_PIN_FIELD: RequesterRefusal = (zh, en) => new BadUserInputError('pin', zh, en);
export const REFUSED_AS_FORBIDDEN: RequesterRefusal = (zh, en) => new ForbiddenError(zh, en);

/**
 * Whether the page is locked: the wrong PINs since the last right one, counting only the last
 * {@link LOCK_MS}. @returns when it unlocks, or null.
 */
async function lockedUntil(em: EntityManager, requestId: string, now: Date): Promise<Date | null> {
  const recent = await em.find(RequesterCaseReadEntity, { requestId, at: { $gt: new Date(now.getTime() - LOCK_MS) } }, { orderBy: { id: 'desc' }, limit: MAX_FAILURES });
  if (recent.length < MAX_FAILURES || recent.some((r) => r.granted)) return null;
  return new Date(recent[0].at.getTime() + LOCK_MS);
}

/**
 * Verifies the requester's tracking code and PIN — for the page and for each download of a released
 * file — and runs `granted` in the transaction that logs the attempt. An unknown code and a wrong PIN
 * get the same answer, so nobody learns which codes exist; {@link MAX_FAILURES} wrong PINs in a row
 * lock the request for {@link LOCK_MS}. Lockouts run on the wall clock, never the deployment's legal clock.
 * `fileNumber` names the released file a download asks for, kept in the log.
 * @throws what `refuse` makes, for a wrong code or PIN, or while locked.
 */
export async function asVerifiedRequester<T>(
  ctx: AgencyContext, trackingCode: string, pin: string, fileNumber: number | null, refuse: RequesterRefusal,
  granted: (em: EntityManager, request: DisclosureRequestEntity) => Promise<T>,
): Promise<T> {
  const wrong = () => refuse('查询码或查询密码不正确', 'The tracking code or the PIN is wrong');
  const request = await findByTrackingCode(ctx, trackingCode);
  if (!request?.accessPinHash) throw wrong();
  const now = new Date();
  const outcome = await ctx.em.transactional(async (em) => {
    const until = await lockedUntil(em as EntityManager, request.id, now);
    if (until) {
      const minutes = Math.ceil((until.getTime() - now.getTime()) / 60_000);
      throw refuse(`查询密码连续输错${MAX_FAILURES}次，请${minutes}分钟后再试`, `${MAX_FAILURES} wrong PINs in a row: try again in ${minutes} min`);
    }
    const right = /^\d{8}$/.test(pin.trim()) && (await pinMatches(pin.trim(), request.accessPinHash!));
    em.persist(em.create(RequesterCaseReadEntity, { requestId: request.id, at: now, granted: right, fileNumber }));
    // A refusal commits its log row, so the error is thrown after the transaction.
    return right ? { value: await granted(em as EntityManager, request) } : null;
  });
  if (!outcome) throw wrong();
  return outcome.value;
}
