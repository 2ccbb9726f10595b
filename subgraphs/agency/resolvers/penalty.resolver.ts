import { DateScalar } from '../../shared/scalars';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { maskPersonName, maskResidentId } from '../../shared/identifiers';
import { chinaDate } from '../../shared/clock';
import { isStaff, seesInternals, type AgencyContext } from '../context';
import { PartyKind, PenaltyStatus } from '../entities/enums';
import type { PenaltyDecisionEntity } from '../entities/penalty.entity';
import * as penalties from '../services/penalty.service';
import { Agency } from './document.types';
import { CreatePenaltyDecisionInput, PenaltyDecision, PenaltyDecisionConnection } from './penalty.types';
import { DEFAULT_PAGE_SIZE } from '../../../schema/contracts/cursor';

@Resolver(() => PenaltyDecision)
export class PenaltyResolver {
  @Query(() => PenaltyDecision, { nullable: true, description: '按标识取行政处罚决定 / A penalty decision by id' })
  penaltyDecision(@Arg('id', () => ID) id: string, @Ctx() ctx: AgencyContext): Promise<PenaltyDecisionEntity | null> {
    return penalties.findVisiblePenalty(ctx, id);
  }

  @Query(() => PenaltyDecisionConnection, { description: '行政处罚决定公示，最新在前 / Published penalty decisions, newest first' })
  penaltyDecisions(
    @Ctx() ctx: AgencyContext,
    @Arg('partyName', () => String, { nullable: true, description: '当事人名称：企业名称的一部分；自然人须完整姓名，且仅处罚机关本机关工作人员可查 / Party name: part of an enterprise\'s name; a natural person\'s whole name, for the deciding agency\'s own staff only' }) partyName?: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<penalties.PenaltyPage> {
    return penalties.listPenalties(ctx, partyName, first ?? DEFAULT_PAGE_SIZE, after);
  }

  @Mutation(() => PenaltyDecision, { description: '登记行政处罚决定 / Record a penalty decision' })
  createPenaltyDecision(@Arg('input', () => CreatePenaltyDecisionInput) input: CreatePenaltyDecisionInput, @Ctx() ctx: AgencyContext): Promise<PenaltyDecisionEntity> {
    return penalties.createPenalty(ctx, input);
  }

  @Mutation(() => PenaltyDecision, { description: '公示行政处罚决定 / Publish a penalty decision' })
  publishPenaltyDecision(@Arg('id', () => ID) id: string, @Ctx() ctx: AgencyContext): Promise<PenaltyDecisionEntity> {
    return penalties.publishPenalty(ctx, id);
  }

  @Mutation(() => PenaltyDecision, { description: '处罚决定被撤销或变更后撤下公示 / Withdraw a revoked or changed decision' })
  revokePenaltyDecision(
    @Arg('id', () => ID) id: string,
    @Arg('revokedOn', () => DateScalar) revokedOn: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: AgencyContext,
  ): Promise<PenaltyDecisionEntity> {
    return penalties.revokePenalty(ctx, id, revokedOn, reason);
  }

  @FieldResolver(() => String)
  partyName(@Root() p: PenaltyDecisionEntity, @Ctx() ctx: AgencyContext): string {
    return p.partyKind === PartyKind.NATURAL_PERSON && !isStaff(ctx) ? maskPersonName(p.partyName) : p.partyName;
  }

  @FieldResolver(() => String, { nullable: true })
  partyCreditCode(@Root() p: PenaltyDecisionEntity): string | null {
    return p.partyKind === PartyKind.ENTERPRISE ? p.partyIdNumber : null;
  }

  @FieldResolver(() => String, { nullable: true })
  partyIdNumber(@Root() p: PenaltyDecisionEntity, @Ctx() ctx: AgencyContext): string | null {
    if (p.partyKind !== PartyKind.NATURAL_PERSON) return null;
    return isStaff(ctx) ? p.partyIdNumber : maskResidentId(p.partyIdNumber);
  }

  @FieldResolver(() => Agency)
  authority(@Root() p: PenaltyDecisionEntity): Agency {
    return { code: p.agencyCode };
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  publishDueOn(@Root() p: PenaltyDecisionEntity, @Ctx() ctx: AgencyContext): string | null {
    return seesInternals(ctx) ? p.publishDueOn : null;
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  withdrawDueOn(@Root() p: PenaltyDecisionEntity, @Ctx() ctx: AgencyContext): string | null {
    return seesInternals(ctx) ? (p.withdrawDueOn ?? null) : null;
  }

  @FieldResolver(() => Boolean, { nullable: true })
  overdue(@Root() p: PenaltyDecisionEntity, @Ctx() ctx: AgencyContext): boolean | null {
    if (!seesInternals(ctx)) return null;
    if (p.publishedAt) return chinaDate(p.publishedAt) > p.publishDueOn;
    // A decision SAMR's rules do not publish never falls due.
    return p.status === PenaltyStatus.PENDING && penalties.isPublishedCategory(p.category) && ctx.runtime.clock.today() > p.publishDueOn;
  }

  @FieldResolver(() => Boolean, { nullable: true })
  withdrawnLate(@Root() p: PenaltyDecisionEntity, @Ctx() ctx: AgencyContext): boolean | null {
    if (!seesInternals(ctx) || !p.withdrawnAt || !p.withdrawDueOn) return null;
    // Only a decision the public saw can come down late.
    return !!p.publishedAt && chinaDate(p.withdrawnAt) > p.withdrawDueOn;
  }
}
