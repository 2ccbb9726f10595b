import { MAX_FEED_WAIT_MS } from '../../../schema/contracts/agency-routing';
import type { EntityManager } from '@mikro-orm/knex';
import type { MikroORM } from '@mikro-orm/core';
import { ANONYMOUS } from '../../../schema/contracts/claims';
import { ForbiddenError, BadUserInputError } from '../../../schema/contracts/errors';
import { maskPersonName, maskResidentId } from '../../shared/identifiers';
import { createContext, type AgencyContext } from '../context';
import { DocumentEntity } from '../entities/document.entity';
import type { AttachmentEntity } from '../entities/document-parts.entity';
import { PartyKind } from '../entities/enums';
import { PenaltyDecisionEntity } from '../entities/penalty.entity';
import { PublicChangeEntity, PublicChangeSubject } from '../entities/public-change.entity';
import { isPublic } from './document.service';
import { isShownToPublic } from './penalty.service';
import { nextSerial } from './serial';

/** A coordinated release a change belongs to: the catalogue applies all of its documents at once. */
export interface ReleaseOfChange {
  planId: string;
  /** Documents the whole plan publishes, across every agency. */
  size: number;
}

/**
 * Appends "this public item changed" to the deployment's public change log, inside the caller's
 * transaction. The sequence comes from the serial counter, whose row stays locked until the
 * transaction commits, so sequence numbers commit in order: a reader that has applied seq n never
 * later finds an n-1 it missed (a timestamp or an autoincrement would allow that on PostgreSQL).
 */
export async function appendPublicChange(
  em: EntityManager, subject: PublicChangeSubject, subjectId: string, cause: string, at: Date, release?: ReleaseOfChange,
): Promise<void> {
  const seq = await nextSerial(em, 'public-change');
  em.persist(em.create(PublicChangeEntity, {
    seq, subject, subjectId, cause, at, releasePlanId: release?.planId ?? null, releaseSize: release?.size ?? null,
  }));
}

/** What the public sees of one document: its public columns, key facts, attachments and versions. */
export interface PublicDocumentRecord {
  document: Omit<DocumentEntity, 'exemptionGround' | 'createdBy' | 'publishDueOn' | 'publishDueProvisional'>;
  keyFacts: { position: number; subject: string; value: string; unit?: string | null; asOf?: string | null }[];
  attachments: { number: number; fileName: string; mediaType: string; sizeBytes: number; sha256: string | null }[];
  versions: {
    version: number; title: string; summary?: string | null; body: string; docNumber?: string | null; keyFacts: unknown[];
    subjectTerms: string[]; effectiveOn?: string | null; repealedOn?: string | null; reason: string; createdAt: Date;
  }[];
}

/** What the public sees of one penalty decision in its publicity period: a natural person masked. */
export type PublicPenaltyRecord = Omit<PenaltyDecisionEntity, 'createdBy' | 'publishDueOn' | 'publishDueProvisional' | 'withdrawDueOn'>;

/** One entry of the feed, with the item as the public sees it now (null: no longer public). */
export interface PublicChangeWithRecord {
  change: PublicChangeEntity;
  record: PublicDocumentRecord | PublicPenaltyRecord | null;
}

/** Wakes long-polling feed readers when a transaction commits (the catalogue's nudge). */
export class PublicChangeSignal {
  private waiters = new Set<() => void>();
  /** Commits seen so far: a reader notes it before looking, so a commit made while it looked is not missed. */
  private commits = 0;

  /** Registers on the ORM: every commit wakes the readers, who look for new entries. */
  attach(orm: MikroORM): void {
    orm.em.getEventManager().registerSubscriber({ afterTransactionCommit: () => this.wake() });
  }

  /** The mark to pass to {@link next}: take it before reading the log. */
  mark(): number {
    return this.commits;
  }

  wake(): void {
    this.commits++;
    const waiting = this.waiters;
    this.waiters = new Set();
    for (const resolve of waiting) resolve();
  }

  /**
   * Resolves at the next commit or after `ms`, whichever comes first — at once when a commit came
   * since `mark` (the reader's query may have run before it: waiting would miss it until `ms`).
   */
  next(ms: number, mark: number): Promise<void> {
    if (this.commits !== mark) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.waiters.add(done);
    });
  }
}

const MAX_FEED_PAGE = 500;

/**
 * The public change log after `after`, oldest first, each entry with the item as the public sees
 * it now. Only a service identity (the catalogue) reads it. With `waitMs`, an empty answer waits
 * for the next commit (long poll), so replication lag is a commit, not a polling interval.
 */
export async function readPublicChanges(
  ctx: AgencyContext, after: number, first: number, waitMs: number,
): Promise<{ changes: PublicChangeWithRecord[]; lastSeq: number }> {
  if (!ctx.claims.roles.includes('service')) {
    throw new ForbiddenError('只有省级目录服务可以读取公开变更日志', 'Only the provincial catalogue reads the public change log');
  }
  if (!Number.isInteger(after) || after < 0) throw new BadUserInputError('after', 'after 须为非负整数', 'after must be a non-negative integer');
  if (!Number.isInteger(first) || first < 1 || first > MAX_FEED_PAGE) {
    throw new BadUserInputError('first', `first 须在 1 到 ${MAX_FEED_PAGE} 之间`, `first must be between 1 and ${MAX_FEED_PAGE}`);
  }
  const deadline = Date.now() + Math.min(Math.max(waitMs, 0), MAX_FEED_WAIT_MS);
  for (;;) {
    const mark = ctx.runtime.publicChanges.mark();
    const em = ctx.runtime.orm.em.fork() as EntityManager;
    const changes = await em.find(PublicChangeEntity, { seq: { $gt: after } }, { orderBy: { seq: 'asc' }, limit: first });
    if (changes.length > 0 || Date.now() >= deadline) {
      const last = await em.findOne(PublicChangeEntity, { seq: { $gt: 0 } }, { orderBy: { seq: 'desc' }, fields: ['seq'] });
      // Most answers of a long poll are empty (it timed out): no public view to build for them.
      return { changes: changes.length ? await withRecords(ctx, changes) : [], lastSeq: last?.seq ?? 0 };
    }
    await ctx.runtime.publicChanges.next(deadline - Date.now(), mark);
  }
}

/** The records of a page of changes, read as the public would (one query per kind). */
async function withRecords(ctx: AgencyContext, changes: PublicChangeEntity[]): Promise<PublicChangeWithRecord[]> {
  const publicView = createContext(ctx.runtime, ANONYMOUS);
  const em = publicView.em;
  const ids = (subject: PublicChangeSubject) => [...new Set(changes.filter((c) => c.subject === subject).map((c) => c.subjectId))];
  const documentIds = ids(PublicChangeSubject.DOCUMENT);
  const penaltyIds = ids(PublicChangeSubject.PENALTY);
  const documents = new Map<string, PublicDocumentRecord>();
  const docs = documentIds.length ? (await em.find(DocumentEntity, { id: { $in: documentIds } })).filter(isPublic) : [];
  const loaders = publicView.loaders;
  const [facts, attachments, versions] = await Promise.all([
    loaders.keyFacts.loadMany(docs.map((d) => d.id)), loaders.attachments.loadMany(docs.map((d) => d.id)), loaders.versions.loadMany(docs.map((d) => d.id)),
  ]);
  docs.forEach((doc, i) => {
    const { exemptionGround: _e, createdBy: _c, publishDueOn: _p, publishDueProvisional: _q, ...columns } = doc;
    documents.set(doc.id, {
      document: columns,
      keyFacts: (facts[i] as { position: number; subject: string; value: string; unit?: string | null; asOf?: string | null }[])
        .map(({ position, subject, value, unit, asOf }) => ({ position, subject, value, unit, asOf })),
      // The metadata only (the file stays with its agency, which serves it); a revision's files are not public yet.
      attachments: (attachments[i] as AttachmentEntity[]).filter((a) => !a.inRevision)
        .map(({ number, fileName, mediaType, sizeBytes, sha256 }) => ({ number, fileName, mediaType, sizeBytes: Number(sizeBytes), sha256: sha256 ?? null })),
      versions: (versions[i] as PublicDocumentRecord['versions'])
        .map(({ version, title, summary, body, docNumber, keyFacts, subjectTerms, effectiveOn, repealedOn, reason, createdAt }) => ({
          version, title, summary, body, docNumber, keyFacts, subjectTerms, effectiveOn, repealedOn, reason, createdAt,
        })),
    });
  });
  const penalties = new Map<string, PublicPenaltyRecord>();
  const today = ctx.runtime.clock.today();
  for (const p of penaltyIds.length ? await em.find(PenaltyDecisionEntity, { id: { $in: penaltyIds } }) : []) {
    if (!isShownToPublic(p, today)) continue;
    const { createdBy: _c, publishDueOn: _p, publishDueProvisional: _q, withdrawDueOn: _w, ...columns } = p;
    const person = p.partyKind === PartyKind.NATURAL_PERSON;
    penalties.set(p.id, { ...columns, partyName: person ? maskPersonName(p.partyName) : p.partyName, partyIdNumber: person ? maskResidentId(p.partyIdNumber) : p.partyIdNumber });
  }
  return changes.map((change) => ({
    change,
    record: (change.subject === PublicChangeSubject.DOCUMENT ? documents.get(change.subjectId) : penalties.get(change.subjectId)) ?? null,
  }));
}
