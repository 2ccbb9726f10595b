import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { createHash } from 'node:crypto';
import { emptyPage, findKeysetPage, type Page } from '../../shared/connection';
import { checkPageSize } from '../../../schema/contracts/cursor';
import { ForbiddenError, NotFoundError, WorkflowConflictError } from '../../../schema/contracts/errors';
import { optionalText } from '../../shared/text-input';
import { actorOf, isCoordinator, readsEverything, type CoordinationContext, type CoordinationRuntime } from '../context';
import { FindingStatus, type FindingKind, type FindingSeverity } from '../entities/enums';
import { FindingEntity, type EvidenceRecord } from '../entities/finding.entity';
import { escapeLike, LIKE_ESCAPE } from '../../shared/sql-like';

/** A finding as a scan reports it, before it is matched with what is stored. */
export interface FindingDraft {
  kind: FindingKind;
  severity: FindingSeverity;
  /** Names what the finding is about, so the same problem found again is the same finding. */
  fingerprint: string;
  scope: string;
  detail: string;
  agencies: string[];
  documents: string[];
  evidence: EvidenceRecord[];
  planId?: string;
}

/** The finding's id, derived from its fingerprint: stable across rescans and even rebuilt databases. */
export function findingIdOf(fingerprint: string): string {
  return `cf-${createHash('sha256').update(fingerprint).digest('hex').slice(0, 32)}`;
}

/**
 * Records what a scan found: a new finding opens; a known one is refreshed (an acknowledged one
 * stays acknowledged); a resolved one that is found again reopens.
 */
export async function upsertFinding(runtime: CoordinationRuntime, scanId: number, draft: FindingDraft): Promise<void> {
  const em = runtime.orm.em.fork() as EntityManager;
  const now = runtime.clock.now();
  const found = await em.findOne(FindingEntity, { fingerprint: draft.fingerprint });
  const values = {
    kind: draft.kind, severity: draft.severity, scope: draft.scope, detail: draft.detail, agencies: draft.agencies,
    documents: draft.documents, evidence: draft.evidence, planId: draft.planId ?? null, lastSeenAt: now, lastSeenScan: scanId,
  };
  if (found) {
    em.assign(found, values);
    if (found.status === FindingStatus.RESOLVED) em.assign(found, { status: FindingStatus.OPEN, resolvedAt: null, acknowledgedBy: null });
  } else {
    em.persist(em.create(FindingEntity, { id: findingIdOf(draft.fingerprint), fingerprint: draft.fingerprint, firstSeenAt: now, ...values }));
  }
  await em.flush();
}

/**
 * Resolves the findings of `scope` that scan `scanId` did not see again, except those about an
 * agency it could not read. Returns how many.
 */
export async function resolveUnseen(runtime: CoordinationRuntime, scope: string, scanId: number, unreachable: string[]): Promise<number> {
  const em = runtime.orm.em.fork() as EntityManager;
  const stale = await em.find(FindingEntity, { scope, status: { $ne: FindingStatus.RESOLVED }, lastSeenScan: { $ne: scanId } });
  const now = runtime.clock.now();
  let resolved = 0;
  for (const finding of stale) {
    if (finding.agencies.some((a) => unreachable.includes(a))) continue;
    em.assign(finding, { status: FindingStatus.RESOLVED, resolvedAt: now, note: finding.note ?? '复查不再成立 / No longer holds on a rescan' });
    resolved++;
  }
  await em.flush();
  return resolved;
}

/** A page of findings before GraphQL shapes it. */
export type FindingPage = Page<{ cursor: string; node: FindingEntity }>;

/**
 * Which findings the caller may read: coordinators and supervisors all; an agency's staff those
 * concerning their agency. The public none (an empty list): a finding may be about embargoed information.
 */
async function visibleFindings(ctx: CoordinationContext): Promise<FilterQuery<FindingEntity> | null> {
  if (readsEverything(ctx)) return {};
  if (!ctx.claims.agency || !ctx.claims.roles.length) return null;
  // The agency list is a JSON array of codes: the quoted code, escaped, matches exactly that code.
  const ids: string[] = await ctx.em.getKnex()('consistency_finding')
    .whereRaw(`cast(agencies as text) like ? escape '${LIKE_ESCAPE}'`, [`%"${escapeLike(ctx.claims.agency)}"%`]).pluck('id');
  return { id: { $in: ids } };
}

/** Findings, newest first, keyset-paged on (firstSeenAt, id), filtered by kind and status. */
export async function listFindings(
  ctx: CoordinationContext, kind: FindingKind | null | undefined, status: FindingStatus | null | undefined, first: number, after?: string | null,
): Promise<FindingPage> {
  checkPageSize(first);
  const visible = await visibleFindings(ctx);
  if (!visible) return emptyPage();
  const where: FilterQuery<FindingEntity> = { $and: [visible, ...(kind ? [{ kind }] : []), ...(status ? [{ status }] : [])] };
  return findKeysetPage(ctx.em, FindingEntity, where, { column: 'firstSeenAt', direction: 'desc', first, after });
}

async function changeStatus(ctx: CoordinationContext, id: string, to: FindingStatus, note?: string | null): Promise<FindingEntity> {
  if (!isCoordinator(ctx)) throw new ForbiddenError('只有新闻办协调人员可以处理一致性问题', 'Only news-office coordinators handle consistency findings');
  const text = optionalText('note', '说明', note, 2000);
  return ctx.em.transactional(async (em) => {
    const finding = await em.findOne(FindingEntity, { id });
    if (!finding) throw new NotFoundError('一致性问题 finding', id);
    if (finding.status === FindingStatus.RESOLVED) throw new WorkflowConflictError('该问题已解决', 'The finding is already resolved', finding.status);
    if (to === FindingStatus.ACKNOWLEDGED) {
      if (finding.status !== FindingStatus.OPEN) throw new WorkflowConflictError('只有待处理的问题可以确认知悉', 'Only an OPEN finding can be acknowledged', finding.status);
      em.assign(finding, { status: to, acknowledgedBy: actorOf(ctx) });
    } else {
      em.assign(finding, { status: to, resolvedAt: ctx.runtime.clock.now() });
    }
    if (text) finding.note = text;
    return finding;
  });
}

/** 确认知悉 — a coordinator takes an open finding in hand. */
export function acknowledgeFinding(ctx: CoordinationContext, id: string, note?: string | null): Promise<FindingEntity> {
  return changeStatus(ctx, id, FindingStatus.ACKNOWLEDGED, note);
}

/** 标记解决 — a coordinator closes a finding; if the next scan still sees it, it reopens. */
export function resolveFinding(ctx: CoordinationContext, id: string, note?: string | null): Promise<FindingEntity> {
  return changeStatus(ctx, id, FindingStatus.RESOLVED, note);
}
