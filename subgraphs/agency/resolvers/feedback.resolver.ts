import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isStaff, type AgencyContext } from '../context';
import type { DocumentEntity } from '../entities/document.entity';
import type { FeedbackEntity } from '../entities/feedback.entity';
import * as documents from '../services/document.service';
import * as feedback from '../services/feedback.service';
import { Agency, Document } from './document.types';
import { FeedbackFilter, FeedbackInput } from './feedback.input';
import { Feedback, FeedbackConnection, FeedbackTarget } from './feedback.types';
import { DEFAULT_PAGE_SIZE } from '../../../schema/contracts/cursor';

@Resolver(() => Feedback)
export class FeedbackResolver {
  @Query(() => FeedbackConnection, { description: '意见建议，最新在前：公众看到已公开的意见及答复，本机关工作人员看到全部 / Feedback, newest first: the public sees shown items with their answers, the agency\'s staff see all of theirs' })
  feedback(
    @Ctx() ctx: AgencyContext,
    @Arg('filter', () => FeedbackFilter, { nullable: true }) filter?: FeedbackFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: '每页数量（最多 100）/ Page size, at most 100' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor / endCursor of the previous page' }) after?: string,
  ): Promise<feedback.FeedbackPage> {
    return feedback.listFeedback(ctx, filter, first ?? DEFAULT_PAGE_SIZE, after);
  }

  @Mutation(() => Feedback, { description: '提交意见建议（任何人；经审核后公开）/ Leave feedback (anyone; shown once moderated)' })
  submitFeedback(@Arg('input', () => FeedbackInput) input: FeedbackInput, @Ctx() ctx: AgencyContext): Promise<FeedbackEntity> {
    return feedback.submitFeedback(ctx, input);
  }

  @Mutation(() => Feedback, { description: '审核意见：公开或不予公开，须说明不予公开的理由（机关管理员）/ Moderate: show, or reject with a reason (agency admin)' })
  moderateFeedback(
    @Arg('id', () => ID) id: string,
    @Arg('show', { description: '是否公开 / Show it to the public' }) show: boolean,
    @Ctx() ctx: AgencyContext,
    @Arg('reason', () => String, { nullable: true, description: '理由（不予公开时必填）/ Reason; required to reject' }) reason?: string | null,
  ): Promise<FeedbackEntity> {
    return feedback.moderateFeedback(ctx, id, show, reason);
  }

  @Mutation(() => Feedback, { description: '答复意见（机关管理员或经办人员，一次）/ Answer feedback, once (agency admin or disclosure officers)' })
  answerFeedback(
    @Arg('id', () => ID) id: string,
    @Arg('answer', { description: '答复内容 / The answer' }) answer: string,
    @Ctx() ctx: AgencyContext,
  ): Promise<FeedbackEntity> {
    return feedback.answerFeedback(ctx, id, answer);
  }

  @FieldResolver(() => Agency)
  agency(@Root() item: FeedbackEntity): Agency {
    return { code: item.agencyCode };
  }

  @FieldResolver(() => FeedbackTarget)
  target(@Root() item: FeedbackEntity): FeedbackTarget {
    return item.documentId ? FeedbackTarget.DOCUMENT : FeedbackTarget.DISCLOSURE_WORK;
  }

  @FieldResolver(() => Document, { nullable: true })
  document(@Root() item: FeedbackEntity, @Ctx() ctx: AgencyContext): Promise<DocumentEntity | null> | null {
    return item.documentId ? documents.findVisibleDocument(ctx, item.documentId) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  contact(@Root() item: FeedbackEntity, @Ctx() ctx: AgencyContext): Promise<string | null> {
    return feedback.visibleContact(ctx, item);
  }

  @FieldResolver(() => String, { nullable: true })
  moderationReason(@Root() item: FeedbackEntity, @Ctx() ctx: AgencyContext): string | null {
    return isStaff(ctx) ? item.moderationReason ?? null : null;
  }

  @FieldResolver(() => String, { nullable: true })
  answeredBy(@Root() item: FeedbackEntity, @Ctx() ctx: AgencyContext): string | null {
    return isStaff(ctx) ? item.answeredBy ?? null : null;
  }
}

@Resolver(() => Document)
export class DocumentFeedbackResolver {
  @FieldResolver(() => [Feedback], { description: '对本文件已公开的意见建议及答复 / Shown feedback on this document, with answers' })
  feedback(@Root() doc: DocumentEntity, @Ctx() ctx: AgencyContext): Promise<FeedbackEntity[]> {
    return ctx.loaders.documentFeedback.load(doc.id);
  }
}
