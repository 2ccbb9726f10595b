import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { CoordinationContext } from '../context';
import type { PlanDocumentEntity, PlanParticipantEntity, ReleasePlanEntity } from '../entities/release-plan.entity';
import * as plans from '../services/release-plan.service';
import {
  Agency, Document, LinkedDocument, ReleaseParticipant, ReleasePlan, ReleasePlanConnection,
} from './coordination.types';
import { CreateReleasePlanInput } from './release-plan.input';
import { DEFAULT_PAGE_SIZE } from '../../../schema/contracts/cursor';

const FIRST = { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: '每页数量（最多 100）/ Page size, at most 100' };
const AFTER = { nullable: true, description: '上一页的 endCursor / endCursor of the previous page' };

/** Release plans: the news office manages them; agencies read theirs; the public reads released ones. */
@Resolver(() => ReleasePlan)
export class ReleasePlanResolver {
  @Query(() => ReleasePlanConnection, { description: '协同发布计划（公众仅见已发布的）/ Release plans; the public sees released ones only' })
  releasePlans(
    @Ctx() ctx: CoordinationContext,
    @Arg('first', () => Int, FIRST) first?: number | null,
    @Arg('after', () => String, AFTER) after?: string | null,
  ): Promise<plans.PlanPage> {
    return plans.listPlans(ctx, first ?? DEFAULT_PAGE_SIZE, after);
  }

  @Query(() => ReleasePlan, { nullable: true, description: '按标识取计划；无权查看时为 null / A plan by id; null when missing or not visible' })
  releasePlan(@Arg('id', () => ID) id: string, @Ctx() ctx: CoordinationContext): Promise<ReleasePlanEntity | null> {
    return plans.findPlan(ctx, id);
  }

  @Mutation(() => ReleasePlan, { description: '新建协同发布计划（草稿，新闻办）/ Create a draft release plan; news office' })
  createReleasePlan(@Arg('input', () => CreateReleasePlanInput) input: CreateReleasePlanInput, @Ctx() ctx: CoordinationContext): Promise<ReleasePlanEntity> {
    return plans.createPlan(ctx, input);
  }

  @Mutation(() => ReleasePlan, { description: '关联文件，记录其当前内容指纹和关键数据 / Link documents, recording their content hash and key facts as they stand' })
  linkDocumentsToPlan(
    @Arg('id', () => ID) id: string,
    @Arg('documentIds', () => [ID]) documentIds: string[],
    @Ctx() ctx: CoordinationContext,
  ): Promise<ReleasePlanEntity> {
    return plans.linkDocuments(ctx, id, documentIds);
  }

  @Mutation(() => ReleasePlan, { description: '确认计划：关联文件在发布时间前不得发布 / Confirm: linked documents go under embargo until the release time' })
  confirmReleasePlan(@Arg('id', () => ID) id: string, @Ctx() ctx: CoordinationContext): Promise<ReleasePlanEntity> {
    return plans.confirmPlan(ctx, id);
  }

  @Mutation(() => ReleasePlan, { description: '调整发布时间，通知各机关 / Move the release time; the agencies\' embargoes move with it' })
  moveReleasePlan(@Arg('id', () => ID) id: string, @Arg('releaseAt', () => Date) releaseAt: Date, @Ctx() ctx: CoordinationContext): Promise<ReleasePlanEntity> {
    return plans.movePlan(ctx, id, releaseAt);
  }

  @Mutation(() => ReleasePlan, { description: '取消计划，解除发布管控 / Cancel a draft or confirmed plan; embargoes are lifted' })
  cancelReleasePlan(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: CoordinationContext): Promise<ReleasePlanEntity> {
    return plans.cancelPlan(ctx, id, reason);
  }

  @FieldResolver(() => Agency)
  leadAgency(@Root() plan: ReleasePlanEntity): Agency {
    return { code: plan.leadAgency };
  }

  @FieldResolver(() => [ReleaseParticipant])
  async participants(@Root() plan: ReleasePlanEntity, @Ctx() ctx: CoordinationContext): Promise<ReleaseParticipant[]> {
    const rows: PlanParticipantEntity[] = await ctx.loaders.participants.load(plan.id);
    return rows.map((p) => ({
      agency: { code: p.agency }, vote: p.vote ?? null, problems: p.problems, holdsSynced: !p.holdsPending, committedAt: p.committedAt ?? null, lastError: p.lastError ?? null,
    }));
  }

  @FieldResolver(() => [LinkedDocument])
  async documents(@Root() plan: ReleasePlanEntity, @Ctx() ctx: CoordinationContext): Promise<LinkedDocument[]> {
    const rows: PlanDocumentEntity[] = await ctx.loaders.documents.load(plan.id);
    return rows.map((d) => ({
      document: { id: d.documentId }, documentId: d.documentId, state: { id: d.documentId }, agency: { code: d.agency }, title: d.title, contentHash: d.contentHash, keyFacts: d.keyFacts, linkedAt: d.linkedAt,
    }));
  }

  @FieldResolver(() => ReleasePlan, { nullable: true })
  corrects(@Root() plan: ReleasePlanEntity, @Ctx() ctx: CoordinationContext): Promise<ReleasePlanEntity | null> | null {
    return plan.correctsPlanId ? plans.findPlan(ctx, plan.correctsPlanId) : null;
  }

  @FieldResolver(() => [Document])
  correctsDocuments(@Root() plan: ReleasePlanEntity): Document[] {
    return plan.correctsDocumentIds.map((id) => ({ id }));
  }
}

/** Plans the gateway resolves by key (e.g. from a finding in another query plan). */
export const planReferenceResolvers = {
  ReleasePlan: {
    // Async so that a failure rejects one representation rather than the whole batch.
    __resolveReference: async (ref: { id: string }, ctx: CoordinationContext) => plans.findPlan(ctx, ref.id),
  },
};
