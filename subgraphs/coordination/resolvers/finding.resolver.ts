import { DEFAULT_PAGE_SIZE } from '../../../schema/contracts/cursor';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ForbiddenError } from '../../../schema/contracts/errors';
import { isCoordinator, type CoordinationContext } from '../context';
import { FindingKind, FindingStatus } from '../entities/enums';
import type { FindingEntity, ScanRunEntity } from '../entities/finding.entity';
import type { ReleasePlanEntity } from '../entities/release-plan.entity';
import { shardOfId } from '../../../schema/contracts/shard-routing';
import { runFullScan } from '../services/consistency-scan.service';
import * as findings from '../services/finding.service';
import { findPlan } from '../services/release-plan.service';
import {
  Agency, ConsistencyFinding, ConsistencyFindingConnection, ConsistencyScan, Document, DocumentLink, FindingEvidence, ReleasePlan,
} from './coordination.types';

/** Consistency findings across the province, and the scan that finds them. */
@Resolver(() => ConsistencyFinding)
export class FindingResolver {
  @Query(() => ConsistencyFindingConnection, { description: '一致性问题（新闻办、监察、相关机关）/ Consistency findings; news office, supervisors and the agencies concerned' })
  consistencyFindings(
    @Ctx() ctx: CoordinationContext,
    @Arg('kind', () => FindingKind, { nullable: true, description: '按类别筛选 / Only this kind' }) kind?: FindingKind | null,
    @Arg('status', () => FindingStatus, { nullable: true, description: '按状态筛选 / Only this status' }) status?: FindingStatus | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: '每页数量（最多 100）/ Page size, at most 100' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor / endCursor of the previous page' }) after?: string | null,
  ): Promise<findings.FindingPage> {
    return findings.listFindings(ctx, kind, status, first ?? DEFAULT_PAGE_SIZE, after);
  }

  @Mutation(() => ConsistencyFinding, { description: '确认知悉一致性问题 / Acknowledge a finding' })
  acknowledgeFinding(@Arg('id', () => ID) id: string, @Ctx() ctx: CoordinationContext, @Arg('note', () => String, { nullable: true }) note?: string | null): Promise<FindingEntity> {
    return findings.acknowledgeFinding(ctx, id, note);
  }

  @Mutation(() => ConsistencyFinding, { description: '标记一致性问题已解决；复查仍存在时重新打开 / Resolve a finding; a rescan that still sees it reopens it' })
  resolveFinding(@Arg('id', () => ID) id: string, @Ctx() ctx: CoordinationContext, @Arg('note', () => String, { nullable: true }) note?: string | null): Promise<FindingEntity> {
    return findings.resolveFinding(ctx, id, note);
  }

  @Mutation(() => ConsistencyScan, { description: '立即对全省进行一致性检查（新闻办）/ Scan the whole province now; news office' })
  runConsistencyScan(@Ctx() ctx: CoordinationContext): Promise<ScanRunEntity> {
    if (!isCoordinator(ctx)) throw new ForbiddenError('只有新闻办协调人员可以发起一致性检查', 'Only news-office coordinators start a consistency scan');
    return runFullScan(ctx.runtime);
  }

  @FieldResolver(() => [Agency])
  agencies(@Root() finding: FindingEntity): Agency[] {
    return finding.agencies.map((code) => ({ code }));
  }

  @FieldResolver(() => [Document])
  documents(@Root() finding: FindingEntity): Document[] {
    return finding.documents.map((id) => ({ id }));
  }

  @FieldResolver(() => [DocumentLink])
  documentLinks(@Root() finding: FindingEntity): DocumentLink[] {
    // Every document id names its agency (schema/contracts/agency-routing.ts).
    return finding.documents.map((id) => ({ documentId: id, agency: { code: shardOfId(id) ?? '' }, document: { id }, state: { id } }));
  }

  @FieldResolver(() => [FindingEvidence])
  evidence(@Root() finding: FindingEntity): FindingEvidence[] {
    return finding.evidence.map((e) => ({
      label: e.label, value: e.value, document: e.documentId ? { id: e.documentId } : null, documentId: e.documentId ?? null, agency: e.agency ? { code: e.agency } : null,
    }));
  }

  @FieldResolver(() => ReleasePlan, { nullable: true })
  plan(@Root() finding: FindingEntity, @Ctx() ctx: CoordinationContext): Promise<ReleasePlanEntity | null> | null {
    return finding.planId ? findPlan(ctx, finding.planId) : null;
  }
}
