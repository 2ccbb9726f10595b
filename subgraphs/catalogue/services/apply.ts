import type { EntityManager } from '@mikro-orm/knex';
import type { AgencyRuntime } from '../../agency/context';
import { DocumentEntity } from '../../agency/entities/document.entity';
import { AttachmentEntity, DocumentVersionEntity, KeyFactEntity } from '../../agency/entities/document-parts.entity';
import { DocumentStatus } from '../../agency/entities/enums';
import { PenaltyDecisionEntity } from '../../agency/entities/penalty.entity';
import { PublicChangeSubject } from '../../agency/entities/public-change.entity';
import type { PublicDocumentRecord, PublicPenaltyRecord } from '../../agency/services/public-feed';
import { nextSerial } from '../../agency/services/serial';
import { CATALOGUE_CHANGE_SERIAL, CatalogueDocumentChangeEntity, CatalogueFeedEntity, CatalogueHeldChangeEntity } from '../entities/feed-state.entity';

/** One entry of an agency's log as the catalogue reads it (the agency contract's PublicChange). */
export interface FeedChange {
  seq: number;
  subject: PublicChangeSubject;
  subjectId: string;
  releasePlanId?: string | null;
  releaseSize?: number | null;
  /** JSON of what the public sees of the item now; null when it is no longer public. */
  record: string | null;
}

/** Staff-only columns the catalogue has no value for: it never serves them (every caller is public there). */
const NOT_REPLICATED = 'catalogue';

/** Replaces the catalogue's copy of one document with the public record (or removes it). */
async function applyDocument(runtime: AgencyRuntime, em: EntityManager, id: string, record: PublicDocumentRecord | null): Promise<void> {
  await em.nativeDelete(KeyFactEntity, { documentId: id });
  await em.nativeDelete(AttachmentEntity, { documentId: id });
  await em.nativeDelete(DocumentVersionEntity, { documentId: id });
  await runtime.search.remove(em, id);
  if (!record) {
    await em.nativeDelete(DocumentEntity, { id });
    return;
  }
  const d = record.document;
  const columns = {
    ...d,
    publishedAt: d.publishedAt ? new Date(d.publishedAt) : null,
    listedAt: new Date(d.listedAt), createdAt: new Date(d.createdAt), updatedAt: new Date(d.updatedAt),
    withdrawnAt: d.withdrawnAt ? new Date(d.withdrawnAt) : null,
    exemptionGround: null, createdBy: NOT_REPLICATED, publishDueOn: d.formedOn, publishDueProvisional: false,
  };
  const existing = await em.findOne(DocumentEntity, { id });
  const doc = existing ? em.assign(existing, columns) : em.create(DocumentEntity, columns);
  em.persist(doc);
  for (const fact of record.keyFacts) em.persist(em.create(KeyFactEntity, { documentId: id, ...fact }));
  for (const a of record.attachments) em.persist(em.create(AttachmentEntity, { documentId: id, ...a }));
  for (const v of record.versions) {
    em.persist(em.create(DocumentVersionEntity, { documentId: id, ...v, keyFacts: v.keyFacts as DocumentVersionEntity['keyFacts'], createdAt: new Date(v.createdAt), createdBy: NOT_REPLICATED }));
  }
  await em.flush();
  if (doc.status === DocumentStatus.PUBLISHED) await runtime.search.put(em, doc);
}

/** Replaces the catalogue's copy of one penalty decision (already masked by its agency), or removes it. */
async function applyPenalty(em: EntityManager, id: string, record: PublicPenaltyRecord | null): Promise<void> {
  if (!record) {
    await em.nativeDelete(PenaltyDecisionEntity, { id });
    return;
  }
  const columns = {
    ...record,
    publishedAt: record.publishedAt ? new Date(record.publishedAt) : null,
    listedAt: new Date(record.listedAt), createdAt: new Date(record.createdAt),
    withdrawnAt: record.withdrawnAt ? new Date(record.withdrawnAt) : null,
    createdBy: NOT_REPLICATED, publishDueOn: record.decidedOn, publishDueProvisional: false, withdrawDueOn: null,
  };
  const existing = await em.findOne(PenaltyDecisionEntity, { id });
  em.persist(existing ? em.assign(existing, columns) : em.create(PenaltyDecisionEntity, columns));
  await em.flush();
}

/** Gives the document the next number of the catalogue's change sequence (what `?sinceSeq=` harvests). */
async function numberChange(em: EntityManager, agency: string, documentId: string): Promise<void> {
  const seq = await nextSerial(em, CATALOGUE_CHANGE_SERIAL);
  await em.nativeDelete(CatalogueDocumentChangeEntity, { documentId });
  await em.insert(CatalogueDocumentChangeEntity, { documentId, agency, seq });
}

async function applyOne(runtime: AgencyRuntime, em: EntityManager, agency: string, subject: PublicChangeSubject, id: string, record: string | null): Promise<void> {
  const parsed = record ? JSON.parse(record) : null;
  if (subject === PublicChangeSubject.DOCUMENT) {
    await applyDocument(runtime, em, id, parsed);
    await numberChange(em, agency, id);
  } else await applyPenalty(em, id, parsed);
}

/**
 * Applies a page of one agency's log in one transaction, together with the new high-water mark,
 * so a crash leaves the catalogue either before or after the whole page. Entries of a coordinated
 * release are held until the plan's every document, from every agency, is there; then they are
 * applied together. Returns the ids of the plans released by this page.
 */
export async function applyFeedPage(runtime: AgencyRuntime, agency: string, changes: FeedChange[], readAt: Date): Promise<string[]> {
  const em = runtime.orm.em.fork() as EntityManager;
  return em.transactional(async (tx) => {
    const appliedBefore = (await tx.findOne(CatalogueFeedEntity, { agency }))?.appliedSeq ?? 0;
    let applied = appliedBefore;
    const released: string[] = [];
    for (const change of changes) {
      // A page read twice (a retry after a lost answer) applies nothing twice.
      if (change.seq <= applied) continue;
      if (change.releasePlanId && change.releaseSize) {
        tx.persist(tx.create(CatalogueHeldChangeEntity, {
          planId: change.releasePlanId, planSize: change.releaseSize, agency, subject: change.subject, subjectId: change.subjectId, record: change.record,
        }));
        await tx.flush();
        const held = await tx.find(CatalogueHeldChangeEntity, { planId: change.releasePlanId }, { orderBy: { id: 'asc' } });
        if (new Set(held.map((h) => h.subjectId)).size >= change.releaseSize) {
          for (const h of held) await applyOne(runtime, tx, h.agency, h.subject, h.subjectId, h.record ?? null);
          await tx.nativeDelete(CatalogueHeldChangeEntity, { planId: change.releasePlanId });
          released.push(change.releasePlanId);
        }
      } else {
        // A later change of an item still held for its release travels with the release, never ahead of it.
        const updatedHeld = await tx.nativeUpdate(CatalogueHeldChangeEntity, { subjectId: change.subjectId }, { record: change.record });
        if (updatedHeld === 0) await applyOne(runtime, tx, agency, change.subject, change.subjectId, change.record);
      }
      applied = change.seq;
      // Nothing applied is read again in this transaction: an identity map that grew with the page
      // would make every flush walk all of it.
      tx.clear();
    }
    const feed = (await tx.findOne(CatalogueFeedEntity, { agency })) ?? tx.create(CatalogueFeedEntity, { agency, appliedSeq: 0 });
    feed.appliedSeq = applied;
    feed.readAt = readAt;
    tx.persist(feed);
    return released;
  });
}
