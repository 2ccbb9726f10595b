import { isAgencyCode } from '../../../schema/contracts/shard-registry';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { randomUUID } from 'node:crypto';
import { findKeysetPage, type Page } from '../../shared/connection';
import { checkPageSize } from '../../../schema/contracts/cursor';
import { BadUserInputError, ForbiddenError, NotFoundError, WorkflowConflictError } from '../../../schema/contracts/errors';
import { isIsoDate } from '../../shared/scalars';
import { signPlanGrant } from '../../../schema/contracts/plan-grant';
import { shardOfId } from '../../../schema/contracts/shard-routing';
import { optionalText, requiredText } from '../../shared/text-input';
import { Channel } from '../../../schema/contracts/channel';
import { actorOf, isCoordinator, readsEverything, type CoordinationContext, type CoordinationRuntime } from '../context';
import { ReleaseKind, ReleasePlanStatus } from '../entities/enums';
import {
  PlanDocumentEntity, PlanParticipantEntity, ReleasePlanEntity, type AgreedFactRecord,
} from '../entities/release-plan.entity';
import type { AgreedFactInput, CreateReleasePlanInput } from '../resolvers/release-plan.input';
import { DOCUMENT_STATES, CLEAR_HOLDS, SET_HOLDS, type DocumentStateView } from './agency-operations';
import { GatewayCallError } from '../../shared/gateway-client';
import { releaseLock } from './release-lock';

/** A page of plans before GraphQL shapes it. */
export type PlanPage = Page<{ cursor: string; node: ReleasePlanEntity }>;

function requireCoordinator(ctx: CoordinationContext): void {
  if (!isCoordinator(ctx)) throw new ForbiddenError('只有省政府新闻办的协调人员可以管理协同发布计划', 'Only news-office coordinators manage release plans');
}

/**
 * Which plans the caller may read: coordinators and supervisors all; an agency's staff those
 * their agency takes part in; the public only released ones, whose content is no longer under
 * embargo. Null when the caller may read none.
 */
async function visiblePlans(ctx: CoordinationContext): Promise<FilterQuery<ReleasePlanEntity>> {
  if (readsEverything(ctx)) return {};
  if (ctx.claims.agency && ctx.claims.roles.length) {
    const rows = await ctx.em.find(PlanParticipantEntity, { agency: ctx.claims.agency }, { fields: ['planId'] });
    return { $or: [{ id: { $in: rows.map((r) => r.planId) } }, { status: ReleasePlanStatus.RELEASED }] };
  }
  return { status: ReleasePlanStatus.RELEASED };
}

/** Plans, latest release time first, keyset-paged on (releaseAt, id). */
export async function listPlans(ctx: CoordinationContext, first: number, after?: string | null): Promise<PlanPage> {
  checkPageSize(first);
  const where = await visiblePlans(ctx);
  return findKeysetPage(ctx.em, ReleasePlanEntity, where, { column: 'releaseAt', direction: 'desc', first, after });
}

/** A plan by id if the caller may read it; null otherwise (hidden looks like missing). */
export async function findPlan(ctx: CoordinationContext, id: string): Promise<ReleasePlanEntity | null> {
  return ctx.em.findOne(ReleasePlanEntity, { $and: [{ id }, await visiblePlans(ctx)] });
}

function checkFacts(facts: AgreedFactInput[] | null | undefined): AgreedFactRecord[] {
  const out = (facts ?? []).map((f, i) => {
    const field = `agreedFacts.${i}`;
    const asOf = f.asOf ?? null;
    if (asOf !== null && !isIsoDate(asOf)) throw new BadUserInputError(`${field}.asOf`, '截至日期格式应为 YYYY-MM-DD', 'asOf must be YYYY-MM-DD');
    return {
      subject: requiredText(`${field}.subject`, '指标', f.subject, 200),
      value: requiredText(`${field}.value`, '数值', f.value, 100),
      unit: optionalText(`${field}.unit`, '单位', f.unit, 32),
      asOf,
    };
  });
  const keys = new Set(out.map((f) => `${f.subject}|${f.asOf ?? ''}`));
  if (keys.size !== out.length) throw new BadUserInputError('agreedFacts', '同一指标和截至日期只能有一个统一口径', 'One agreed value per subject and as-of date');
  return out;
}

function checkAgencies(field: string, codes: readonly string[]): string[] {
  for (const code of codes) {
    if (!isAgencyCode(code)) throw new BadUserInputError(field, `机关代码无效：${code}`, `Invalid agency code: ${code}`);
  }
  return [...new Set(codes)];
}

/** A plan is made, confirmed or moved only for a release time still to come (now itself counts as to come). */
function checkReleaseTime(runtime: CoordinationRuntime, releaseAt: Date): void {
  if (releaseAt.getTime() < runtime.clock.now().getTime()) {
    throw new BadUserInputError('releaseAt', '发布时间不能早于当前时间', 'The release time cannot be in the past');
  }
}

/** Statuses of a document that may go out with a confirmed plan: approved by confidentiality review, or already public. */
const READY_STATUSES = ['APPROVED', 'PUBLISHED'];

/** A confirmed plan links only documents that passed confidentiality review: CONFLICT naming the first one that did not. */
function checkReady(states: Map<string, DocumentStateView>, ids: readonly string[]): void {
  for (const id of ids) {
    const status = states.get(id)?.status ?? 'NONE';
    if (!READY_STATUSES.includes(status)) {
      throw new WorkflowConflictError(
        `文件 ${id} 尚未通过保密审查（状态 ${status}），不能列入已确认的计划`,
        `Document ${id} has not passed confidentiality review (status ${status}) and cannot be in a confirmed plan`, status,
      );
    }
  }
}

/**
 * The grant the agency needs for an embargo or release call: signed with the plan-grant key, for
 * that agency only, naming the plan's state, release time, the agency's linked documents and the
 * plan's size across agencies.
 */
export function planGrantFor(runtime: CoordinationRuntime, plan: ReleasePlanEntity, agency: string, links: readonly PlanDocumentEntity[]): Promise<string> {
  const status = plan.status;
  if (status !== ReleasePlanStatus.CONFIRMED && status !== ReleasePlanStatus.COMMITTING) throw new Error(`no plan grant for a ${status} plan`);
  const documents = links.filter((l) => l.agency === agency).map((l) => ({ id: l.documentId, contentHash: l.contentHash }));
  const planSize = new Set(links.map((l) => l.documentId)).size;
  return signPlanGrant({ planId: plan.id, status, releaseAt: plan.releaseAt, agency, documents, planSize }, runtime.config.planGrantSecret);
}

/** 新建计划 — a draft plan; the lead agency always takes part. */
export async function createPlan(ctx: CoordinationContext, input: CreateReleasePlanInput): Promise<ReleasePlanEntity> {
  requireCoordinator(ctx);
  const title = requiredText('title', '标题', input.title, 500);
  const [leadAgency] = checkAgencies('leadAgency', [input.leadAgency]);
  const participants = checkAgencies('participants', [leadAgency, ...(input.participants ?? [])]);
  const kind = input.kind ?? ReleaseKind.REGULAR;
  const correctsDocumentIds = [...new Set(input.correctsDocumentIds ?? [])];
  if (kind === ReleaseKind.CLARIFICATION && !input.correctsPlanId && correctsDocumentIds.length === 0) {
    throw new BadUserInputError('correctsPlanId', '澄清发布须指明所更正的计划或文件', 'A clarification must name the plan or documents it corrects');
  }
  if (kind === ReleaseKind.REGULAR && (input.correctsPlanId || correctsDocumentIds.length)) {
    throw new BadUserInputError('kind', '只有澄清发布可以指明更正对象', 'Only a CLARIFICATION corrects earlier information');
  }
  for (const id of correctsDocumentIds) {
    if (!shardOfId(id)) throw new BadUserInputError('correctsDocumentIds', `文件标识无效：${id}`, `Invalid document id: ${id}`);
  }
  checkReleaseTime(ctx.runtime, input.releaseAt);
  return ctx.em.transactional(async (em) => {
    if (input.correctsPlanId && !(await em.findOne(ReleasePlanEntity, { id: input.correctsPlanId }))) {
      throw new NotFoundError('协同发布计划 release plan', input.correctsPlanId);
    }
    const now = ctx.runtime.clock.now();
    const plan = em.create(ReleasePlanEntity, {
      id: `rp-${randomUUID()}`, title, kind, leadAgency, releaseAt: input.releaseAt,
      channels: input.channels?.length ? [...new Set(input.channels)] : [Channel.PORTAL],
      agreedFacts: checkFacts(input.agreedFacts), correctsPlanId: input.correctsPlanId ?? null, correctsDocumentIds,
      createdBy: actorOf(ctx), createdAt: now, updatedAt: now,
    });
    em.persist(plan);
    for (const agency of participants) em.persist(em.create(PlanParticipantEntity, { planId: plan.id, agency }));
    return plan;
  });
}

async function loadForChange(em: EntityManager, id: string, allowed: ReleasePlanStatus[], action: string): Promise<ReleasePlanEntity> {
  const plan = await em.findOne(ReleasePlanEntity, { id });
  if (!plan) throw new NotFoundError('协同发布计划 release plan', id);
  if (!allowed.includes(plan.status)) {
    throw new WorkflowConflictError(`计划处于 ${plan.status} 状态，不能${action}`, `A ${plan.status} plan cannot be changed this way (${action})`, plan.status);
  }
  return plan;
}

/** The current state of documents through the gateway, grouped by agency (one call per agency). */
export async function documentStates(runtime: CoordinationRuntime, ids: readonly string[]): Promise<Map<string, DocumentStateView>> {
  const byAgency = new Map<string, string[]>();
  for (const id of ids) {
    const agency = shardOfId(id);
    if (!agency) continue;
    byAgency.set(agency, [...(byAgency.get(agency) ?? []), id]);
  }
  const states = new Map<string, DocumentStateView>();
  await Promise.all([...byAgency].map(async ([agency, list]) => {
    for (let i = 0; i < list.length; i += 500) {
      const data = await runtime.gateway.request<{ releaseDocumentStates: DocumentStateView[] }>(DOCUMENT_STATES, { agency, ids: list.slice(i, i + 500) });
      for (const state of data.releaseDocumentStates) states.set(state.id, state);
    }
  }));
  return states;
}

/** {@link documentStates}, with an unreachable agency told as such to the coordinator. */
async function readStates(runtime: CoordinationRuntime, ids: readonly string[]): Promise<Map<string, DocumentStateView>> {
  try {
    return await documentStates(runtime, ids);
  } catch (error) {
    throw new WorkflowConflictError('无法读取文件所属机关的信息，请稍后重试', `Could not read the documents' agencies through the gateway: ${(error as Error).message}`, 'AGENCY_UNAVAILABLE');
  }
}

/**
 * 关联文件 — links documents to a plan, recording each one's content hash and key facts as they
 * stand now (a document linked again is re-recorded, e.g. after a correction). The document's
 * agency joins the participants. A confirmed plan's embargo reaches the agencies at once.
 */
export async function linkDocuments(ctx: CoordinationContext, planId: string, documentIds: string[]): Promise<ReleasePlanEntity> {
  requireCoordinator(ctx);
  const ids = [...new Set(documentIds)];
  if (!ids.length) throw new BadUserInputError('documentIds', '请至少指定一份文件', 'Name at least one document');
  for (const id of ids) {
    if (!shardOfId(id)) throw new BadUserInputError('documentIds', `文件标识无效：${id}`, `Invalid document id: ${id}`);
  }
  return releaseLock.run(async () => {
    await loadForChange(ctx.em, planId, [ReleasePlanStatus.DRAFT, ReleasePlanStatus.CONFIRMED], '关联文件');
    const states = await readStates(ctx.runtime, ids);
    const plan = await ctx.em.transactional(async (em) => {
      const plan = await loadForChange(em, planId, [ReleasePlanStatus.DRAFT, ReleasePlanStatus.CONFIRMED], '关联文件');
      if (plan.status === ReleasePlanStatus.CONFIRMED) checkReady(states, ids);
      const now = ctx.runtime.clock.now();
      for (const id of ids) {
        const state = states.get(id);
        if (!state?.found || !state.contentHash) throw new BadUserInputError('documentIds', `未找到文件 ${id}`, `No document ${id}`);
        if (state.status === 'WITHDRAWN') throw new BadUserInputError('documentIds', `文件 ${id} 已撤回`, `Document ${id} is withdrawn`);
        const agency = shardOfId(id)!;
        const link = (await em.findOne(PlanDocumentEntity, { planId, documentId: id }))
          ?? em.create(PlanDocumentEntity, { planId, documentId: id, agency, title: state.title ?? id, contentHash: state.contentHash, keyFacts: [], linkedAt: now });
        em.assign(link, { title: state.title ?? id, contentHash: state.contentHash, keyFacts: state.keyFacts, linkedAt: now });
        em.persist(link);
        const participant = (await em.findOne(PlanParticipantEntity, { planId, agency })) ?? em.create(PlanParticipantEntity, { planId, agency });
        participant.holdsPending = plan.status === ReleasePlanStatus.CONFIRMED;
        em.persist(participant);
      }
      plan.failure = null;
      plan.updatedAt = now;
      return plan;
    });
    await syncHolds(ctx.runtime, plan.id);
    return plan;
  });
}

/** 确认 — the plan is agreed: its documents go under embargo in their agencies until the release time. */
export async function confirmPlan(ctx: CoordinationContext, id: string): Promise<ReleasePlanEntity> {
  requireCoordinator(ctx);
  return releaseLock.run(async () => {
    const linked = await ctx.em.find(PlanDocumentEntity, { planId: id }, { fields: ['documentId'] });
    const ids = linked.map((l) => l.documentId);
    const states = ids.length ? await readStates(ctx.runtime, ids) : new Map<string, DocumentStateView>();
    const plan = await ctx.em.transactional(async (em) => {
      const plan = await loadForChange(em, id, [ReleasePlanStatus.DRAFT], '确认');
      if ((await em.count(PlanDocumentEntity, { planId: id })) === 0) {
        throw new WorkflowConflictError('计划须至少关联一份文件才能确认', 'Link at least one document before confirming', plan.status);
      }
      checkReleaseTime(ctx.runtime, plan.releaseAt);
      checkReady(states, ids);
      plan.status = ReleasePlanStatus.CONFIRMED;
      plan.updatedAt = ctx.runtime.clock.now();
      await em.nativeUpdate(PlanParticipantEntity, { planId: id }, { holdsPending: true });
      return plan;
    });
    await syncHolds(ctx.runtime, id);
    ctx.runtime.onPlanChanged?.(id);
    return plan;
  });
}

/** 调整发布时间 — moves the release time; for a confirmed plan the new embargo reaches every agency. */
export async function movePlan(ctx: CoordinationContext, id: string, releaseAt: Date): Promise<ReleasePlanEntity> {
  requireCoordinator(ctx);
  checkReleaseTime(ctx.runtime, releaseAt);
  return releaseLock.run(async () => {
    const plan = await ctx.em.transactional(async (em) => {
      const plan = await loadForChange(em, id, [ReleasePlanStatus.DRAFT, ReleasePlanStatus.CONFIRMED], '调整发布时间');
      plan.releaseAt = releaseAt;
      plan.failure = null;
      plan.updatedAt = ctx.runtime.clock.now();
      if (plan.status === ReleasePlanStatus.CONFIRMED) await em.nativeUpdate(PlanParticipantEntity, { planId: id }, { holdsPending: true });
      return plan;
    });
    await syncHolds(ctx.runtime, id);
    ctx.runtime.onPlanChanged?.(id);
    return plan;
  });
}

/** 取消 — a draft or confirmed plan is called off; its embargoes are lifted in every agency. */
export async function cancelPlan(ctx: CoordinationContext, id: string, reason: string): Promise<ReleasePlanEntity> {
  requireCoordinator(ctx);
  const why = requiredText('reason', '取消理由', reason, 2000);
  return releaseLock.run(async () => {
    const plan = await ctx.em.transactional(async (em) => {
      const plan = await loadForChange(em, id, [ReleasePlanStatus.DRAFT, ReleasePlanStatus.CONFIRMED], '取消');
      const wasConfirmed = plan.status === ReleasePlanStatus.CONFIRMED;
      plan.status = ReleasePlanStatus.CANCELLED;
      plan.cancelReason = why;
      plan.updatedAt = ctx.runtime.clock.now();
      if (wasConfirmed) await em.nativeUpdate(PlanParticipantEntity, { planId: id }, { holdsPending: true });
      return plan;
    });
    await syncHolds(ctx.runtime, id);
    ctx.runtime.onPlanChanged?.(id);
    return plan;
  });
}

/**
 * Brings the embargo holds in each agency in line with the plan: a confirmed plan holds its
 * documents until it is released (the agencies keep the hold past the release time until the
 * commit); a plan whose release was refused, or in any other state, holds nothing. Each agency is done on its own
 * and marked done only when it answered, so an agency that was down is retried by the scheduler.
 */
export async function syncHolds(runtime: CoordinationRuntime, planId: string): Promise<void> {
  const em = runtime.orm.em.fork() as EntityManager;
  const plan = await em.findOne(ReleasePlanEntity, { id: planId });
  if (!plan) return;
  const pending = await em.find(PlanParticipantEntity, { planId, holdsPending: true });
  if (!pending.length) return;
  const links = await em.find(PlanDocumentEntity, { planId });
  await Promise.all(pending.map(async (participant) => {
    const documentIds = links.filter((l) => l.agency === participant.agency).map((l) => l.documentId);
    try {
      if (plan.status === ReleasePlanStatus.CONFIRMED && !plan.failure && documentIds.length) {
        // Once the release time has come there is nothing left to embargo: the prepare phase freezes the documents.
        if (plan.releaseAt.getTime() > runtime.clock.now().getTime()) {
          const grant = await planGrantFor(runtime, plan, participant.agency, links);
          await runtime.gateway.request(SET_HOLDS, { agency: participant.agency, planId, releaseAt: plan.releaseAt.toISOString(), documentIds, grant });
        }
      } else {
        await runtime.gateway.request(CLEAR_HOLDS, { agency: participant.agency, planId });
      }
      participant.holdsPending = false;
      participant.lastError = null;
    } catch (error) {
      participant.lastError = error instanceof GatewayCallError ? error.message : String(error);
    }
  }));
  await em.flush();
}

