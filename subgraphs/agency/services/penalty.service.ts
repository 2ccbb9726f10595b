import { appendPublicChange } from './public-feed';
import { PublicChangeSubject } from '../entities/public-change.entity';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { chinaDate } from '../../shared/clock';
import { findKeysetPage, type Page } from '../../shared/connection';
import { checkPageSize } from '../../../schema/contracts/cursor';
import { BadUserInputError, ForbiddenError, NotFoundError, WorkflowConflictError } from '../../../schema/contracts/errors';
import { creditCodeProblem, residentIdProblem } from '../../shared/identifiers';
import { containsText } from '../../shared/sql-like';
import { isIsoDate } from '../../shared/scalars';
import { actorOf, agencyOf, isStaff, seesInternals, type AgencyContext } from '../context';
import { PartyKind, PenaltyCategory, PenaltyStatus } from '../entities/enums';
import { PENALTY_CATEGORY_RULES } from './statutory-rules';
import { PenaltyDecisionEntity } from '../entities/penalty.entity';
import type { CreatePenaltyDecisionInput } from '../resolvers/penalty.types';
import { optionalText, requiredText } from '../../shared/text-input';
import { nextSerial } from './serial';
import type { WorkingDayDue } from '../../shared/calendar';

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * The last day a decision of `category` published on `publishedOn` is shown: the short class 3
 * months, the standard 3 years by default (SAMR order 45; `PENALTY_CATEGORY_RULES`).
 */
export function displayUntil(ctx: AgencyContext, publishedOn: string, category: PenaltyCategory): string {
  const { penaltyMinorMonths, penaltyOtherYears } = ctx.runtime.config;
  return addMonths(publishedOn, PENALTY_CATEGORY_RULES[category].publicity === 'short' ? penaltyMinorMonths : penaltyOtherYears * 12);
}

/** The publication due date of a decision made on `decidedOn`: the agency's publication period in working days. */
export function penaltyPublishDue(ctx: AgencyContext, decidedOn: string): WorkingDayDue {
  return ctx.runtime.calendar.addWorkingDays(decidedOn, ctx.runtime.config.penaltyPublishDays);
}

/** The category a new decision is recorded under: as given, else from `minor`; the two must agree. */
function categoryOf(input: CreatePenaltyDecisionInput): PenaltyCategory {
  const implied = input.minor ? PenaltyCategory.CRITICISM_OR_SMALL_FINE : PenaltyCategory.STANDARD;
  const category = input.category ?? implied;
  if (input.minor && category !== PenaltyCategory.CRITICISM_OR_SMALL_FINE) {
    throw new BadUserInputError('category', 'minor 为 true 即公示 3 个月的类别（CRITICISM_OR_SMALL_FINE），与所填 category 不一致', 'minor: true is the 3-month class CRITICISM_OR_SMALL_FINE and disagrees with the category given');
  }
  return category;
}

/** The decision is one SAMR's rules publish, not one under the simplified procedure or a warning only. */
export function isPublishedCategory(category: PenaltyCategory): boolean {
  return PENALTY_CATEGORY_RULES[category].published;
}

/** Publicly shown now: published and inside its publicity period. */
export function isShownToPublic(p: PenaltyDecisionEntity, today: string): boolean {
  return p.status === PenaltyStatus.PUBLISHED && !!p.displayUntil && today <= p.displayUntil;
}

function requireEditor(ctx: AgencyContext): void {
  if (!isStaff(ctx, ['editor'])) throw new ForbiddenError('只有本机关的编辑人员可以办理行政处罚公示', 'Only the agency\'s editors handle penalty publicity');
}

export async function createPenalty(ctx: AgencyContext, input: CreatePenaltyDecisionInput): Promise<PenaltyDecisionEntity> {
  requireEditor(ctx);
  const caseNumber = requiredText('caseNumber', '处罚决定书文号', input.caseNumber, 128);
  const partyName = normalizePartyName(requiredText('partyName', '当事人名称', input.partyName, 200));
  const partyIdNumber = requiredText('partyIdNumber', '当事人证件号码', input.partyIdNumber, 32).toUpperCase();
  const problem = input.partyKind === PartyKind.ENTERPRISE ? creditCodeProblem(partyIdNumber) : residentIdProblem(partyIdNumber, ctx.runtime.clock.today());
  if (problem) throw new BadUserInputError('partyIdNumber', problem.zh, problem.en);
  const category = categoryOf(input);
  if (!isIsoDate(input.decidedOn) || input.decidedOn > ctx.runtime.clock.today()) {
    throw new BadUserInputError('decidedOn', '处罚决定日期须为不晚于今天的 YYYY-MM-DD 日期', 'decidedOn must be a date YYYY-MM-DD, not in the future');
  }
  return ctx.em.transactional(async (em) => {
    if (await em.findOne(PenaltyDecisionEntity, { caseNumber })) {
      throw new BadUserInputError('caseNumber', '该处罚决定书文号已登记', 'This case number is already recorded');
    }
    const serial = await nextSerial(em, 'penalty');
    const due = penaltyPublishDue(ctx, input.decidedOn);
    const now = ctx.runtime.clock.now();
    const penalty = em.create(PenaltyDecisionEntity, {
      id: `${agencyOf(ctx)}:p${String(serial).padStart(7, '0')}`,
      agencyCode: agencyOf(ctx),
      caseNumber, partyKind: input.partyKind, partyName, partyIdNumber,
      facts: requiredText('facts', '违法事实', input.facts, 20_000),
      legalBasis: requiredText('legalBasis', '处罚依据', input.legalBasis, 5_000),
      penalty: requiredText('penalty', '处罚内容', input.penalty, 5_000),
      decidedOn: input.decidedOn, minor: category === PenaltyCategory.CRITICISM_OR_SMALL_FINE, category,
      publishDueOn: due.on, publishDueProvisional: due.provisional,
      listedAt: now, createdAt: now, createdBy: actorOf(ctx),
    });
    em.persist(penalty);
    return penalty;
  });
}

async function loadForWrite(ctx: AgencyContext, em: EntityManager, id: string): Promise<PenaltyDecisionEntity> {
  requireEditor(ctx);
  const penalty = await em.findOne(PenaltyDecisionEntity, { id });
  if (!penalty) throw new NotFoundError('行政处罚决定 penalty decision', id);
  return penalty;
}

export async function publishPenalty(ctx: AgencyContext, id: string): Promise<PenaltyDecisionEntity> {
  return ctx.em.transactional(async (em) => {
    const penalty = await loadForWrite(ctx, em, id);
    if (penalty.status !== PenaltyStatus.PENDING) throw new WorkflowConflictError('该处罚决定已公示或已撤下', 'The decision is already published or withdrawn', penalty.status);
    if (!isPublishedCategory(penalty.category)) {
      throw new WorkflowConflictError('适用简易程序作出的或仅给予警告的行政处罚决定不予公示', 'A decision under the simplified procedure or a warning only is not published', penalty.status);
    }
    const now = ctx.runtime.clock.now();
    penalty.status = PenaltyStatus.PUBLISHED;
    penalty.publishedAt = now;
    penalty.listedAt = now;
    penalty.displayUntil = displayUntil(ctx, chinaDate(now), penalty.category);
    await appendPublicChange(em, PublicChangeSubject.PENALTY, penalty.id, 'PENALTY_PUBLISHED', now);
    await em.flush();
    return penalty;
  });
}

/** A revoked or changed decision comes down (within 3 working days by default); the record stays. */
export async function revokePenalty(ctx: AgencyContext, id: string, revokedOn: string, reason: string): Promise<PenaltyDecisionEntity> {
  return ctx.em.transactional(async (em) => {
    const penalty = await loadForWrite(ctx, em, id);
    if (penalty.status === PenaltyStatus.WITHDRAWN) throw new WorkflowConflictError('该处罚决定已撤下', 'The decision is already withdrawn', penalty.status);
    if (!isIsoDate(revokedOn) || revokedOn < penalty.decidedOn || revokedOn > ctx.runtime.clock.today()) {
      throw new BadUserInputError('revokedOn', '撤销日期须在决定日期之后且不晚于今天', 'revokedOn must fall between the decision date and today');
    }
    penalty.revokedOn = revokedOn;
    penalty.withdrawDueOn = ctx.runtime.calendar.addWorkingDays(revokedOn, ctx.runtime.config.penaltyWithdrawDays).on;
    penalty.status = PenaltyStatus.WITHDRAWN;
    penalty.withdrawnAt = ctx.runtime.clock.now();
    penalty.withdrawalReason = requiredText('reason', '撤下理由', reason, 2000);
    await appendPublicChange(em, PublicChangeSubject.PENALTY, penalty.id, 'PENALTY_WITHDRAWN', penalty.withdrawnAt!);
    await em.flush();
    return penalty;
  });
}

export async function findVisiblePenalty(ctx: AgencyContext, id: string): Promise<PenaltyDecisionEntity | null> {
  const penalty = await ctx.em.findOne(PenaltyDecisionEntity, { id });
  if (!penalty) return null;
  return seesInternals(ctx) || isShownToPublic(penalty, ctx.runtime.clock.today()) ? penalty : null;
}

export type PenaltyPage = Page<{ cursor: string; node: PenaltyDecisionEntity }>;

/**
 * A party's name as stored and as searched: full-width letters, digits and spaces folded to
 * their ordinary forms (NFKC) and runs of white space made one, so that "ＡＢＣ 公司" finds "ABC 公司".
 */
export function normalizePartyName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/**
 * Penalty decisions newest first; the public sees those inside their publicity period. By
 * `partyName`: an enterprise's name is public in its decision, so anyone finds it by a part of
 * it; a natural person's name only the deciding agency's own staff find, and only by the whole
 * name, so that nobody else can confirm who stands behind a masked "张**".
 */
export async function listPenalties(ctx: AgencyContext, partyName: string | null | undefined, first: number, after?: string | null): Promise<PenaltyPage> {
  checkPageSize(first);
  const shown = seesInternals(ctx) ? {} : { status: PenaltyStatus.PUBLISHED, displayUntil: { $gte: ctx.runtime.clock.today() } };
  const text = optionalText('partyName', '当事人名称', partyName, 200);
  const name = text ? normalizePartyName(text) : null;
  const ownStaff = isStaff(ctx);
  const where = (): Record<string, unknown> => {
    if (!name) return shown;
    const enterprise = { partyKind: PartyKind.ENTERPRISE, ...containsText('party_name', name) };
    return { ...shown, $or: ownStaff ? [enterprise, { partyKind: PartyKind.NATURAL_PERSON, partyName: name }] : [enterprise] };
  };
  return findKeysetPage(ctx.em, PenaltyDecisionEntity, where as () => FilterQuery<PenaltyDecisionEntity>, { column: 'listedAt', direction: 'desc', first, after });
}
