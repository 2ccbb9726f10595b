import type { FilterQuery } from '@mikro-orm/core';
import { emptyPage, findKeysetPage, type Page } from '../../shared/connection';
import { checkPageSize } from '../../../schema/contracts/cursor';
import { BadUserInputError, ForbiddenError, NotFoundError, WorkflowConflictError } from '../../../schema/contracts/errors';
import { optionalText, requiredText } from '../../shared/text-input';
import { actorOf, agencyOf, handlesRequests, isStaff, type AgencyContext } from '../context';
import { FeedbackEntity, FeedbackStatus } from '../entities/feedback.entity';
import { DocumentStatus } from '../entities/enums';
import type { FeedbackFilter, FeedbackInput } from '../resolvers/feedback.input';
import { isPublic } from './document.service';
import { nextSerial } from './serial';

/**
 * 意见建议 (notice §一): anyone comments on the agency's disclosure work or on a published
 * document; the admin moderates before the public sees it; the admin or a disclosure officer
 * answers. Submissions are rate-limited by the gateway's per-IP quotas, not here.
 */

/** Shortest and longest feedback text, in characters. */
export const FEEDBACK_TEXT_MIN = 5;
export const FEEDBACK_TEXT_MAX = 2000;

/** A page of feedback, newest first, keyset-paged on (createdAt, id) so the gateway merges shards. */
export type FeedbackPage = Page<{ cursor: string; node: FeedbackEntity }>;

function checkText(value: string): string {
  const text = requiredText('text', '意见内容', value, FEEDBACK_TEXT_MAX);
  if (text.length < FEEDBACK_TEXT_MIN) {
    throw new BadUserInputError('text', `意见内容不能少于 ${FEEDBACK_TEXT_MIN} 个字符`, `text must be at least ${FEEDBACK_TEXT_MIN} characters`);
  }
  return text;
}

/** 提交 — by anyone; pending until the admin moderates it. */
export async function submitFeedback(ctx: AgencyContext, input: FeedbackInput): Promise<FeedbackEntity> {
  if (input.agency !== agencyOf(ctx)) {
    throw new BadUserInputError('agency', `本系统不受理机关 ${input.agency} 的意见`, `This deployment does not take feedback for ${input.agency}`);
  }
  const text = checkText(input.text);
  const authorName = optionalText('authorName', '署名', input.authorName, 50);
  const contact = optionalText('contact', '联系方式', input.contact, 200);
  const documentId = input.documentId?.trim() || null;
  if (documentId) {
    const doc = await ctx.loaders.document.load(documentId);
    // Another agency's id and an unpublished one look alike: neither may be commented on here.
    if (!doc || doc.agencyCode !== agencyOf(ctx) || !isPublic(doc) || doc.status !== DocumentStatus.PUBLISHED) {
      throw new BadUserInputError('documentId', `本机关没有已发布的文件 ${documentId}`, `${documentId} is not a published document of this agency`);
    }
  }
  return ctx.em.transactional(async (em) => {
    const serial = await nextSerial(em, 'feedback');
    const feedback = em.create(FeedbackEntity, {
      id: `${agencyOf(ctx)}:f${String(serial).padStart(7, '0')}`, agencyCode: agencyOf(ctx), documentId, authorName, contact, text,
      createdAt: ctx.runtime.clock.now(),
    });
    em.persist(feedback);
    return feedback;
  });
}

async function findForStaff(ctx: AgencyContext, id: string): Promise<FeedbackEntity> {
  const feedback = await ctx.em.findOne(FeedbackEntity, { id });
  if (!feedback) throw new NotFoundError('意见 feedback', id);
  return feedback;
}

/** 审核 — the agency admin shows or rejects a pending item; a rejection needs a reason. */
export async function moderateFeedback(ctx: AgencyContext, id: string, show: boolean, reason?: string | null): Promise<FeedbackEntity> {
  if (!isStaff(ctx, [])) throw new ForbiddenError('只有本机关管理员可以审核意见', `Only ${agencyOf(ctx)}'s admin moderates feedback`);
  const why = show ? optionalText('reason', '审核理由', reason, 500) : requiredText('reason', '不予公开的理由', reason, 500);
  return ctx.em.transactional(async (em) => {
    const feedback = await findForStaff({ ...ctx, em }, id);
    if (feedback.status !== FeedbackStatus.PENDING) throw new WorkflowConflictError('该意见已审核', 'This feedback is already moderated', feedback.status);
    feedback.status = show ? FeedbackStatus.SHOWN : FeedbackStatus.REJECTED;
    feedback.moderationReason = why;
    feedback.moderatedAt = ctx.runtime.clock.now();
    feedback.moderatedBy = actorOf(ctx);
    return feedback;
  });
}

/** 答复 — once, by the agency admin or a disclosure officer; a rejected item gets no answer. */
export async function answerFeedback(ctx: AgencyContext, id: string, answer: string): Promise<FeedbackEntity> {
  if (!handlesRequests(ctx)) throw new ForbiddenError('只有本机关管理员和经办人员可以答复意见', `Only ${agencyOf(ctx)}'s admin and disclosure officers answer feedback`);
  const text = requiredText('answer', '答复', answer, FEEDBACK_TEXT_MAX);
  return ctx.em.transactional(async (em) => {
    const feedback = await findForStaff({ ...ctx, em }, id);
    if (feedback.status === FeedbackStatus.REJECTED) throw new WorkflowConflictError('不予公开的意见不能答复', 'Rejected feedback is not answered', feedback.status);
    if (feedback.answeredAt) throw new WorkflowConflictError('该意见已答复', 'This feedback is already answered', feedback.status);
    const now = ctx.runtime.clock.now();
    feedback.answer = text;
    feedback.answeredAt = now;
    feedback.answeredBy = actorOf(ctx);
    feedback.answerHours = Math.floor((now.getTime() - feedback.createdAt.getTime()) / 3_600_000);
    return feedback;
  });
}

/**
 * Feedback newest first. The agency's own staff see every status; everyone else sees SHOWN items
 * only, so asking for another status is an empty page rather than an error.
 */
export async function listFeedback(ctx: AgencyContext, filter: FeedbackFilter | null | undefined, first: number, after?: string | null): Promise<FeedbackPage> {
  checkPageSize(first);
  const where: Record<string, unknown> = {};
  if (filter?.agencies) where.agencyCode = { $in: filter.agencies };
  if (filter?.documentId) where.documentId = filter.documentId;
  const requested = filter?.status?.length ? filter.status : Object.values(FeedbackStatus);
  const allowed = isStaff(ctx) ? requested : requested.filter((s) => s === FeedbackStatus.SHOWN);
  if (allowed.length === 0) return emptyPage();
  where.status = { $in: allowed };
  return findKeysetPage(ctx.em, FeedbackEntity, where as FilterQuery<FeedbackEntity>, { column: 'createdAt', direction: 'desc', first, after });
}

/**
 * The agency's admin and disclosure officers see a contact; nobody else. Each read is logged
 * like a requester's identity (a personal_data_access row naming the feedback id, and an audit
 * line), before the value is handed out; an item without a contact reads nothing and logs nothing.
 */
export async function visibleContact(ctx: AgencyContext, feedback: FeedbackEntity): Promise<string | null> {
  if (!handlesRequests(ctx) || !feedback.contact) return null;
  await ctx.loaders.personalData.load(`${feedback.id}\u0000contact`);
  return feedback.contact;
}

