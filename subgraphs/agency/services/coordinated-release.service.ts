import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { createHash } from 'node:crypto';
import { BadUserInputError, ForbiddenError, NotFoundError, WorkflowConflictError } from '../../../schema/contracts/errors';
import { normalizeDocNumber } from '../../shared/identifiers';
import { databaseKindOf } from '../../shared/orm';
import { verifyPlanGrant, type PlanGrant } from '../../../schema/contracts/plan-grant';
import { shardOfId } from '../../../schema/contracts/shard-routing';
import { agencyOf, isStaff, type AgencyContext } from '../context';
import { DocumentEntity } from '../entities/document.entity';
import { KeyFactEntity } from '../entities/document-parts.entity';
import { DisclosureAttribute, DocumentStatus } from '../entities/enums';
import {
  CoordinatedReleaseEntity, DocumentReprintEntity, ParticipantState, ReleaseHoldEntity, type ReleasedDocumentRecord,
} from '../entities/release-hold.entity';
import type { KeyFactInput } from '../resolvers/document.input';
import { markPublished } from './document.service';
import { appendPublicChange } from './public-feed';
import { PublicChangeSubject } from '../entities/public-change.entity';

/** A key fact as compared: subject, value, unit, as-of date. */
export type FactLike = Pick<KeyFactEntity, 'subject' | 'value'> & { unit?: string | null; asOf?: string | null };

/**
 * Fingerprint of what a document says: title, body, normalised document number and key facts in
 * order. The coordination subgraph records it when it links the document to a plan (so a later
 * edit is caught before release) and compares it across the copies of a joint document.
 */
export function contentHashOf(doc: Pick<DocumentEntity, 'title' | 'body' | 'docNumber'>, facts: readonly FactLike[]): string {
  const canonical = JSON.stringify([
    doc.title, doc.body, doc.docNumber ? normalizeDocNumber(doc.docNumber) : null,
    facts.map((f) => [f.subject, f.value, f.unit ?? null, f.asOf ?? null]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function checkAgency(ctx: AgencyContext, agency: string): void {
  if (agency !== agencyOf(ctx)) {
    throw new BadUserInputError('agency', `本服务属于机关 ${agencyOf(ctx)}，不是 ${agency}`, `This deployment serves ${agencyOf(ctx)}, not ${agency}`);
  }
}

/** True for the news office: its coordinators and the coordination subgraph's service identity. */
export function readsReleaseStates(ctx: AgencyContext): boolean {
  return ctx.claims.roles.some((r) => r === 'service' || r === 'coordinator');
}

/** Only the news office reads release states and acts on releases, and only for this deployment's agency. */
function requireCoordination(ctx: AgencyContext, agency: string): void {
  if (!readsReleaseStates(ctx)) {
    throw new ForbiddenError('只有省政府新闻办的协调人员或协同服务可以办理协同发布', 'Only news-office coordinators or the coordination service may act on coordinated releases');
  }
  checkAgency(ctx, agency);
}

/**
 * Embargoes and releases change only on the coordination service's word (role `service`), never on
 * a person's token directly: the service checks the plan and attaches its grant.
 */
function requireService(ctx: AgencyContext, agency: string): void {
  if (!ctx.claims.roles.includes('service')) {
    throw new ForbiddenError('发布管控和协同发布只能由协同服务依据已确认的计划办理', 'Only the coordination service, acting on a confirmed plan, may set embargoes and release documents');
  }
  checkAgency(ctx, agency);
}

/**
 * The coordination service's grant for `planId`, verified: signed with the plan-grant key, for
 * this agency, unexpired, and for a plan in `status`. FORBIDDEN otherwise.
 */
async function verifiedGrant(ctx: AgencyContext, token: string, planId: string, status: PlanGrant['status']): Promise<PlanGrant> {
  let grant: PlanGrant;
  try {
    grant = await verifyPlanGrant(token, ctx.runtime.config.planGrantSecret, agencyOf(ctx));
  } catch {
    throw new ForbiddenError('协同发布计划授权无效或已过期', 'The plan grant is invalid, expired or not for this agency');
  }
  if (grant.planId !== planId) {
    throw new ForbiddenError(`授权属于计划 ${grant.planId}，不是 ${planId}`, `The plan grant is for plan ${grant.planId}, not ${planId}`);
  }
  if (grant.status !== status) {
    throw new WorkflowConflictError(`计划 ${planId} 处于 ${grant.status} 状态`, `Plan ${planId} is ${grant.status}, this step needs ${status}`, grant.status);
  }
  return grant;
}

/** Every document acted on is one the plan links in this agency. */
function checkGranted(grant: PlanGrant, ids: readonly string[]): void {
  const linked = new Set(grant.documents.map((d) => d.id));
  const stray = ids.find((id) => !linked.has(id));
  if (stray) {
    throw new ForbiddenError(`文件 ${stray} 未列入协同发布计划 ${grant.planId}`, `Document ${stray} is not linked to release plan ${grant.planId}`);
  }
}

async function documentsOf(em: EntityManager, agency: string, ids: readonly string[]): Promise<Map<string, DocumentEntity>> {
  for (const id of ids) {
    if (shardOfId(id) !== agency) throw new BadUserInputError('documentIds', `文件 ${id} 不属于机关 ${agency}`, `Document ${id} does not belong to ${agency}`);
  }
  const docs = await em.find(DocumentEntity, { id: { $in: [...ids] } });
  return new Map(docs.map((d) => [d.id, d]));
}

async function factsOf(em: EntityManager, ids: readonly string[]): Promise<Map<string, KeyFactEntity[]>> {
  const rows = await em.find(KeyFactEntity, { documentId: { $in: [...ids] } }, { orderBy: { documentId: 'asc', position: 'asc' } });
  const byDoc = new Map<string, KeyFactEntity[]>(ids.map((id) => [id, []]));
  for (const row of rows) byDoc.get(row.documentId)?.push(row);
  return byDoc;
}

/**
 * Sets the embargo of plan `planId` on exactly `documentIds` of this agency, at `releaseAt`:
 * holds of the plan on other documents go (the document was unlinked), the rest move to the new
 * time. Idempotent, so the coordination subgraph simply repeats it until it gets through.
 */
export async function setReleaseHolds(
  ctx: AgencyContext, agency: string, planId: string, releaseAt: Date, documentIds: string[], grantToken: string,
): Promise<ReleaseHoldEntity[]> {
  requireService(ctx, agency);
  const grant = await verifiedGrant(ctx, grantToken, planId, 'CONFIRMED');
  const ids = [...new Set(documentIds)];
  checkGranted(grant, ids);
  if (releaseAt.getTime() !== grant.releaseAt.getTime()) {
    throw new BadUserInputError('releaseAt', '发布时间与计划不符', 'releaseAt differs from the plan\'s release time');
  }
  if (releaseAt.getTime() <= ctx.runtime.clock.now().getTime()) {
    throw new BadUserInputError('releaseAt', '发布管控的发布时间须晚于当前时间', 'The release time of an embargo must be in the future');
  }
  return ctx.em.transactional(async (em) => {
    const docs = await documentsOf(em, agency, ids);
    const missing = ids.find((id) => !docs.has(id));
    if (missing) throw new NotFoundError('文件 document', missing);
    const current = await em.find(ReleaseHoldEntity, { planId });
    for (const hold of current) {
      if (!ids.includes(hold.documentId) && !hold.preparedAt) em.remove(hold);
    }
    const held = new Map(current.map((h) => [h.documentId, h]));
    return ids.map((documentId) => {
      const hold = held.get(documentId) ?? em.create(ReleaseHoldEntity, { documentId, planId, releaseAt });
      hold.releaseAt = releaseAt;
      em.persist(hold);
      return hold;
    });
  });
}

/** Lifts every embargo of a plan in this agency (cancelled or released elsewhere); a vote still open is aborted. */
export async function clearReleaseHolds(ctx: AgencyContext, agency: string, planId: string): Promise<number> {
  requireService(ctx, agency);
  return ctx.em.transactional(async (em) => {
    await abortVote(em, planId);
    return em.nativeDelete(ReleaseHoldEntity, { planId });
  });
}

async function abortVote(em: EntityManager, planId: string): Promise<void> {
  const vote = await em.findOne(CoordinatedReleaseEntity, { planId });
  if (vote && vote.state !== ParticipantState.COMMITTED) vote.state = ParticipantState.ABORTED;
  await em.nativeUpdate(ReleaseHoldEntity, { planId }, { preparedAt: null });
}

/** What a participant answers in phase 1. */
export interface ReleaseVoteResult {
  planId: string;
  agency: string;
  state: ParticipantState;
  problems: string[];
}

/** Why `doc` may not go out with the plan; empty when it may. */
function problemsOf(doc: DocumentEntity | undefined, id: string, expectedHash: string, facts: KeyFactEntity[], agreed: readonly KeyFactInput[]): string[] {
  if (!doc) return [`文件 ${id} 不存在 / Document ${id} does not exist`];
  const problems: string[] = [];
  if (doc.status !== DocumentStatus.APPROVED && doc.status !== DocumentStatus.PUBLISHED) {
    problems.push(`文件 ${id} 未通过保密审查（状态 ${doc.status}）/ Document ${id} is not approved (status ${doc.status})`);
  }
  if (doc.disclosure !== DisclosureAttribute.PROACTIVE) {
    problems.push(`文件 ${id} 不是主动公开信息 / Document ${id} is not PROACTIVE`);
  }
  if (contentHashOf(doc, facts) !== expectedHash) {
    problems.push(`文件 ${id} 的内容在列入计划后被修改 / Document ${id} changed after it was linked to the plan`);
  }
  for (const fact of facts) {
    const wording = agreed.find((a) => a.subject === fact.subject && (a.asOf ?? null) === (fact.asOf ?? null));
    if (wording && (wording.value !== fact.value || (wording.unit ?? null) !== (fact.unit ?? null))) {
      problems.push(`文件 ${id} 的「${fact.subject}」为 ${fact.value}${fact.unit ?? ''}，与统一口径 ${wording.value}${wording.unit ?? ''} 不一致 / Document ${id} states ${fact.subject} = ${fact.value}${fact.unit ?? ''}, the agreed wording is ${wording.value}${wording.unit ?? ''}`);
    }
  }
  return problems;
}

/**
 * Phase 1 of the coordinated release: checks every document of this agency in the plan
 * (approved, proactive, content unchanged since it was linked, key facts equal to the agreed
 * wording) and records the vote durably before answering. A yes freezes the documents (see
 * {@link checkReleaseHolds}) so that the promise to publish them on commit can be kept.
 */
export async function prepareRelease(
  ctx: AgencyContext, agency: string, planId: string, documents: { id: string; contentHash: string }[], agreedFacts: KeyFactInput[], grantToken: string,
): Promise<ReleaseVoteResult> {
  requireService(ctx, agency);
  if (documents.length === 0) throw new BadUserInputError('documents', '协同发布须至少包含一份文件', 'A coordinated release needs at least one document');
  const grant = await verifiedGrant(ctx, grantToken, planId, 'CONFIRMED');
  checkGranted(grant, documents.map((d) => d.id));
  const linkedHash = new Map(grant.documents.map((d) => [d.id, d.contentHash]));
  const altered = documents.find((d) => linkedHash.get(d.id) !== d.contentHash);
  if (altered) {
    throw new ForbiddenError(`文件 ${altered.id} 的内容指纹与计划记录不符`, `The content hash given for ${altered.id} is not the one the plan recorded`);
  }
  return ctx.em.transactional(async (em) => {
    const existing = await em.findOne(CoordinatedReleaseEntity, { planId }, lockFor(ctx));
    if (existing?.state === ParticipantState.COMMITTED) return { planId, agency, state: existing.state, problems: [] };
    const ids = documents.map((d) => d.id);
    const docs = await documentsOf(em, agency, ids);
    const facts = await factsOf(em, ids);
    const problems = documents.flatMap((d) => problemsOf(docs.get(d.id), d.id, d.contentHash, facts.get(d.id) ?? [], agreedFacts));
    const now = ctx.runtime.clock.now();
    const state = problems.length ? ParticipantState.REFUSED : ParticipantState.PREPARED;
    const vote = existing ?? em.create(CoordinatedReleaseEntity, { planId, state, documents, problems, votedAt: now });
    em.assign(vote, { state, documents, problems, votedAt: now, committedAt: null, released: null });
    em.persist(vote);
    if (state === ParticipantState.PREPARED) {
      const holds = await em.find(ReleaseHoldEntity, { planId });
      const held = new Map(holds.map((h) => [h.documentId, h]));
      for (const id of ids) {
        // A hold that never arrived (the agency was down when the plan was confirmed) is made here.
        const hold = held.get(id) ?? em.create(ReleaseHoldEntity, { documentId: id, planId, releaseAt: now });
        hold.preparedAt = now;
        em.persist(hold);
      }
    } else {
      await em.nativeUpdate(ReleaseHoldEntity, { planId }, { preparedAt: null });
    }
    return { planId, agency, state, problems };
  });
}

/** What a participant answers in phase 2. */
export interface ReleaseCommitResult {
  planId: string;
  agency: string;
  documents: ReleasedDocumentRecord[];
  committedAt: Date;
}

/** On PostgreSQL a concurrent commit of the same plan waits for the first; SQLite serialises writers anyway. */
function lockFor(ctx: AgencyContext): { lockMode?: LockMode } {
  return databaseKindOf(ctx.runtime.config.databaseUrl) === 'postgresql' ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {};
}

/**
 * Phase 2: publishes every document this agency prepared for the plan, in one transaction with
 * the COMMITTED record, so a crash leaves either nothing or everything published. Idempotent by
 * plan id: a repeated commit (a retry after a lost answer) publishes nothing and answers the same.
 */
export async function commitRelease(ctx: AgencyContext, agency: string, planId: string, grantToken: string): Promise<ReleaseCommitResult> {
  requireService(ctx, agency);
  const grant = await verifiedGrant(ctx, grantToken, planId, 'COMMITTING');
  return ctx.em.transactional(async (em) => {
    const vote = await em.findOne(CoordinatedReleaseEntity, { planId }, lockFor(ctx));
    if (vote?.state === ParticipantState.COMMITTED) {
      return { planId, agency, documents: vote.released ?? [], committedAt: vote.committedAt! };
    }
    if (vote?.state !== ParticipantState.PREPARED) {
      throw new WorkflowConflictError(`机关 ${agency} 未就计划 ${planId} 表决同意，不能发布`, `${agency} has not voted PREPARED for plan ${planId}`, vote?.state ?? 'NONE');
    }
    checkGranted(grant, vote.documents.map((d) => d.id));
    const release = { planId, size: grant.planSize };
    const docs = await documentsOf(em, agency, vote.documents.map((d) => d.id));
    const released: ReleasedDocumentRecord[] = [];
    for (const { id } of vote.documents) {
      const doc = docs.get(id)!;
      // Frozen since the vote, so still APPROVED; one already public stays as it is (published once).
      // Every document of the plan enters the public change log with the plan's size, so the
      // provincial catalogue shows the whole plan in one transaction, at its one release instant.
      if (doc.status === DocumentStatus.APPROVED) await markPublished(ctx, em, doc, release, grant.releaseAt);
      else await appendPublicChange(em, PublicChangeSubject.DOCUMENT, doc.id, 'RELEASED', ctx.runtime.clock.now(), release);
      released.push({ id, publishedAt: doc.publishedAt!.toISOString() });
    }
    const now = ctx.runtime.clock.now();
    em.assign(vote, { state: ParticipantState.COMMITTED, committedAt: now, released });
    await em.nativeDelete(ReleaseHoldEntity, { planId });
    return { planId, agency, documents: released, committedAt: now };
  });
}

/** The coordinator gave up this attempt (another participant voted no): the documents thaw, the embargo stays. */
export async function abortRelease(ctx: AgencyContext, agency: string, planId: string): Promise<boolean> {
  requireService(ctx, agency);
  return ctx.em.transactional(async (em) => {
    const vote = await em.findOne(CoordinatedReleaseEntity, { planId }, lockFor(ctx));
    if (vote?.state === ParticipantState.COMMITTED) {
      throw new WorkflowConflictError(`计划 ${planId} 已在机关 ${agency} 发布，不能放弃`, `Plan ${planId} is already committed at ${agency}`, vote.state);
    }
    await abortVote(em, planId);
    return true;
  });
}

/** A document's state as the news office needs it for linking and for the consistency checks. */
export interface ReleaseDocumentStateResult {
  id: string;
  found: boolean;
  doc?: DocumentEntity;
  contentHash?: string;
  keyFacts: KeyFactEntity[];
  reprintOf?: string | null;
}

/**
 * States of some documents of this agency, published or not (a coordinator links documents before
 * they are public, and checks whether they went out on time); news office only.
 */
export async function releaseDocumentStates(ctx: AgencyContext, agency: string, ids: string[]): Promise<ReleaseDocumentStateResult[]> {
  requireCoordination(ctx, agency);
  if (ids.length > 500) throw new BadUserInputError('ids', '一次最多查询 500 份文件', 'At most 500 documents per call');
  const docs = await documentsOf(ctx.em, agency, ids);
  const facts = await factsOf(ctx.em, ids);
  const reprints = await ctx.em.find(DocumentReprintEntity, { documentId: { $in: ids } });
  const sources = new Map(reprints.map((r) => [r.documentId, r.sourceId]));
  return ids.map((id) => {
    const doc = docs.get(id);
    const keyFacts = facts.get(id) ?? [];
    return doc
      ? { id, found: true, doc, contentHash: contentHashOf(doc, keyFacts), keyFacts, reprintOf: sources.get(id) ?? null }
      : { id, found: false, keyFacts: [] };
  });
}

/**
 * Marks a document as a reprint (转载) of `sourceId`, or clears the mark with null: an editor of
 * the reprinting agency says what it reprints, so a repealed source shows up as STALE_REPRINT.
 */
export async function setReprintSource(ctx: AgencyContext, id: string, sourceId: string | null): Promise<DocumentEntity> {
  if (!isStaff(ctx, ['editor'])) throw new ForbiddenError('只有本机关的编辑人员可以标注转载来源', 'Only an editor of the agency may mark a reprint source');
  if (sourceId !== null && (!shardOfId(sourceId) || sourceId === id)) {
    throw new BadUserInputError('sourceId', '转载来源应为另一份文件的标识，如 fjgov:00000031', 'sourceId must be the id of another document, e.g. fjgov:00000031');
  }
  return ctx.em.transactional(async (em) => {
    const doc = await em.findOne(DocumentEntity, { id });
    if (!doc) throw new NotFoundError('文件 document', id);
    await em.nativeDelete(DocumentReprintEntity, { documentId: id });
    if (sourceId) em.persist(em.create(DocumentReprintEntity, { documentId: id, sourceId }));
    return doc;
  });
}
