import type { EntityManager } from '@mikro-orm/knex';
import { ForbiddenError, NotFoundError } from '../../../schema/contracts/errors';
import { handlesRequests, type AgencyContext } from '../context';
import { RequesterCaseReadEntity, RequestLetterEntity } from '../entities/letter.entity';
import { DisclosureRequestEntity } from '../entities/request.entity';
import { DeliveryMethod } from '../entities/request-enums';
import type { RequestReleaseFileEntity } from '../entities/request-release-file.entity';
import { lettersOf } from './letters';
import { releasedFilesOf } from './released-files';
import { newPin } from './requester-pin';
import { asVerifiedRequester, REFUSED_ON_PIN_FIELD } from './requester-verification';

/**
 * 申请人查阅 — the requester's own page: with the tracking code and the PIN given at submission,
 * the requester reads the request's progress, every letter addressed to them and the reply, and
 * downloads the information released with it. Nobody
 * else can: the PIN is kept only as a scrypt hash, five wrong PINs in a row lock the page for a
 * quarter of an hour, and every attempt, granted or refused, is logged (requester-verification.ts).
 */

/** The request, its letters to the requester and its released files; what {@link openRequesterCase} returns. */
export interface RequesterCase {
  request: DisclosureRequestEntity;
  letters: RequestLetterEntity[];
  releasedFiles: RequestReleaseFileEntity[];
}

/**
 * Opens the requester's page ({@link asVerifiedRequester}). Letters delivered online count as
 * delivered the first time the requester opens them here.
 * @throws BadUserInputError (field `pin`) for a wrong code or PIN, or while locked.
 */
export function openRequesterCase(ctx: AgencyContext, trackingCode: string, pin: string): Promise<RequesterCase> {
  return asVerifiedRequester(ctx, trackingCode, pin, null, REFUSED_ON_PIN_FIELD, async (em, request) => {
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
