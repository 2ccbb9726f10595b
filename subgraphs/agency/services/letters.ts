import type { EntityManager } from '@mikro-orm/knex';
import { BadUserInputError, ForbiddenError, NotFoundError, WorkflowConflictError } from '../../../schema/contracts/errors';
import { isIsoDate } from '../../shared/scalars';
import { actorOf, agencyOf, handlesRequests, type AgencyContext, type AgencyRuntime } from '../context';
import { LetterKind, LetterRecipient, RequestLetterEntity } from '../entities/letter.entity';
import { DeliveryMethod } from '../entities/request-enums';
import type { DisclosureRequestEntity } from '../entities/request.entity';
import { letterText, type LetterLayout } from './letter-pdf';
import { chineseDate, wordLetter, type LetterFacts } from './letter-templates';
import { queueMail } from './mail-outbox';
import { nextSerial } from './serial';

/**
 * 文书送达 — a request's letters: issued in the transaction of the step that requires them, kept
 * as sent, and delivered the way the requester chose (获取方式): e-mail through the outbox, online
 * in the requester's page, anything else printed by staff and recorded when handed over.
 */

/** 获取方式 that deliver a letter without staff: the rest (and every third party's letter) go to the print queue. */
const DELIVERED_WITHOUT_STAFF: ReadonlySet<DeliveryMethod> = new Set([DeliveryMethod.EMAIL, DeliveryMethod.ONLINE]);

/** The files released with a reply that its e-mail carries at most, in all; larger ones are downloaded from the requester's page. */
export const MAX_MAILED_RELEASE_BYTES = 10 * 1024 * 1024;

/**
 * Issues a letter of `request` dated `on` (the step's legal date), in the step's transaction (`em`):
 * worded from `facts` and laid out for its PDF (rendered when it first leaves the agency,
 * letter-pdf.ts), stored, and — when the requester chose e-mail — queued in the outbox in the same
 * transaction, so the letter is owed exactly when the step commits; a reply's mail carries the
 * released files too when they total at most {@link MAX_MAILED_RELEASE_BYTES}, and otherwise says
 * to download them from the requester's page.
 */
export async function issueLetter(
  runtime: AgencyRuntime, em: EntityManager, request: DisclosureRequestEntity, on: string, facts: LetterFacts, actor: string,
): Promise<RequestLetterEntity> {
  const id = `${request.agencyCode}:l${String(await nextSerial(em, 'letter')).padStart(7, '0')}`;
  const wording = wordLetter({
    agencyName: runtime.config.agencyName, requestId: request.id, requesterName: request.requesterName,
    submittedOn: request.submittedOn, receivedOn: request.receivedOn ?? null, issuedOn: on,
  }, facts);
  const issuedAt = runtime.clock.now();
  const layout: LetterLayout = { ...wording, reference: `申请编号：${request.id}　文书编号：${id}`, signature: [runtime.config.agencyName, chineseDate(on)], issuedAt };
  const recipient = facts.kind === LetterKind.CONSULTATION_LETTER ? LetterRecipient.THIRD_PARTY : LetterRecipient.REQUESTER;
  const deliveryMethod = recipient === LetterRecipient.REQUESTER ? request.deliveryMethod ?? null : null;
  const letter = em.create(RequestLetterEntity, {
    id, requestId: request.id, kind: facts.kind, recipient, title: wording.title, issuedOn: on, text: letterText(layout),
    layout: JSON.stringify(layout), pdf: null, sha256: null, deliveryMethod, deliveredOn: null, handedOverBy: null, issuedAt, issuedBy: actor,
  });
  em.persist(letter);
  if (deliveryMethod === DeliveryMethod.EMAIL && request.deliveryEmail) {
    const released = facts.kind === LetterKind.REPLY ? facts.releasedFiles : [];
    const attached = released.length > 0 && released.reduce((sum, f) => sum + f.bytes, 0) <= MAX_MAILED_RELEASE_BYTES;
    await queueMail(em, new Date(), {
      key: `letter:${id}`, to: [request.deliveryEmail], letterId: id, releasedFilesOf: attached ? request.id : undefined,
      subject: `${wording.title}（申请编号 ${request.id}）`,
      body: [
        `${request.requesterName}：`, '',
        `${runtime.config.agencyName}就您的政府信息公开申请（申请编号 ${request.id}）发出${wording.title}，全文见附件（PDF），正文如下。`,
        ...(released.length === 0 ? [] : attached
          ? ['随本答复书提供的政府信息作为附件一并发送，也可以凭查询码和查询密码在网上下载。']
          : [`随本答复书提供的政府信息合计超过 ${MAX_MAILED_RELEASE_BYTES / 1024 / 1024} MB，不随邮件发送，请凭查询码和查询密码在网上下载。`]),
        '您也可以凭查询码和查询密码在网上查看本机关就该申请发出的全部文书。', '',
        letter.text,
      ].join('\n'),
    });
  }
  return letter;
}

/** The letters of requests, oldest first; `requester` keeps only those addressed to the requester. */
export function lettersOf(em: EntityManager, requestId: string, requester = false): Promise<RequestLetterEntity[]> {
  return em.find(RequestLetterEntity, { requestId, ...(requester ? { recipient: LetterRecipient.REQUESTER } : {}) }, { orderBy: { id: 'asc' } });
}

function requireHandler(ctx: AgencyContext): void {
  if (!handlesRequests(ctx)) {
    throw new ForbiddenError('只有本机关的依申请公开经办人员可以办理文书送达', `Only ${agencyOf(ctx)}'s disclosure officers and admin handle letters`);
  }
}

/**
 * 待打印送达 — the letters staff must print and post or hand over, not yet delivered: those not
 * e-mailed nor online, and those the requester's mail server refused for good (`emailRefused`).
 */
export async function lettersToPrint(ctx: AgencyContext): Promise<RequestLetterEntity[]> {
  requireHandler(ctx);
  return ctx.em.find(RequestLetterEntity, {
    deliveredOn: null,
    $or: [{ deliveryMethod: null }, { deliveryMethod: { $nin: [...DELIVERED_WITHOUT_STAFF] } }, { emailRefused: { $ne: null } }],
  }, { orderBy: { id: 'asc' } });
}

/**
 * 送达 — staff record the day a printed letter was posted or handed over, once; that day is its
 * delivery date. Letters that go by e-mail or online are delivered by the system and refuse it.
 */
export async function recordLetterHandedOver(ctx: AgencyContext, id: string, on: string): Promise<RequestLetterEntity> {
  requireHandler(ctx);
  if (!isIsoDate(on)) throw new BadUserInputError('on', '送达日期格式应为 YYYY-MM-DD', 'on must be a date YYYY-MM-DD');
  return ctx.em.transactional(async (em) => {
    const letter = await em.findOne(RequestLetterEntity, { id });
    if (!letter) throw new NotFoundError('文书 letter', id);
    if (letter.deliveryMethod && DELIVERED_WITHOUT_STAFF.has(letter.deliveryMethod) && !letter.emailRefused) {
      throw new WorkflowConflictError('该文书通过电子邮件或网上送达，无需登记交付', 'This letter goes by e-mail or online; it is delivered by the system', letter.deliveryMethod);
    }
    if (letter.deliveredOn) throw new WorkflowConflictError(`该文书已于 ${letter.deliveredOn} 送达`, `This letter was delivered on ${letter.deliveredOn}`, 'DELIVERED');
    if (on < letter.issuedOn) throw new BadUserInputError('on', `送达日期不能早于发文日期（${letter.issuedOn}）`, `on cannot be before the letter's date (${letter.issuedOn})`);
    if (on > ctx.runtime.clock.today()) throw new BadUserInputError('on', '送达日期不能晚于今天', 'on cannot be in the future');
    letter.deliveredOn = on;
    letter.handedOverBy = actorOf(ctx);
    return letter;
  });
}
