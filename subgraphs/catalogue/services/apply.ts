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

/** Rows per statement of a bulk delete or insert (well inside both databases' bound-parameter limits). */
const CHUNK = 200;

function chunks<T>(items: T[]): T[][] {
  return Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));
}

/**
 * Replaces the catalogue's copy of each document with its public record (or removes it, for a
 * null record), in a few statements for the whole set rather than a dozen per document: the
 * per-document path cost ~6.6 ms a document, most of it the ORM's per-statement work.
 */
async function applyDocuments(runtime: AgencyRuntime, em: EntityManager, records: Map<string, PublicDocumentRecord | null>): Promise<void> {
  for (const ids of chunks([...records.keys()])) {
    for (const entity of [KeyFactEntity, AttachmentEntity, DocumentVersionEntity]) await em.nativeDelete(entity, { documentId: { $in: ids } });
    await runtime.search.removeMany(em, ids);
    await em.nativeDelete(DocumentEntity, { id: { $in: ids } });
  }
  const present = [...records].filter((entry): entry is [string, PublicDocumentRecord] => entry[1] !== null);
  const documents = present.map(([, { document: d }]) => ({
    ...d,
    publishedAt: d.publishedAt ? new Date(d.publishedAt) : null,
    listedAt: new Date(d.listedAt), createdAt: new Date(d.createdAt), updatedAt: new Date(d.updatedAt),
    withdrawnAt: d.withdrawnAt ? new Date(d.withdrawnAt) : null,
    exemptionGround: null, createdBy: NOT_REPLICATED, publishDueOn: d.formedOn, publishDueProvisional: false,
    // A deployment not yet upgraded sends no catalogue fields added later: none is what it has.
    subjectTerms: d.subjectTerms ?? [], effectiveOn: d.effectiveOn ?? null, repealedOn: d.repealedOn ?? null,
  }));
  const facts = present.flatMap(([id, r]) => r.keyFacts.map((fact) => ({ documentId: id, ...fact })));
  const attachments = present.flatMap(([id, r]) => r.attachments.map((a) => ({ documentId: id, ...a })));
  const versions = present.flatMap(([id, r]) => r.versions.map((v) => ({
    documentId: id, ...v, keyFacts: v.keyFacts as DocumentVersionEntity['keyFacts'], createdAt: new Date(v.createdAt), createdBy: NOT_REPLICATED,
    subjectTerms: v.subjectTerms ?? [], effectiveOn: v.effectiveOn ?? null, repealedOn: v.repealedOn ?? null,
  })));
  for (const rows of chunks(documents)) await em.insertMany(DocumentEntity, rows as never);
  for (const rows of chunks(facts)) await em.insertMany(KeyFactEntity, rows as never);
  for (const rows of chunks(attachments)) await em.insertMany(AttachmentEntity, rows as never);
  for (const rows of chunks(versions)) await em.insertMany(DocumentVersionEntity, rows as never);
  await runtime.search.insertMany(em, documents.filter((d) => d.status === DocumentStatus.PUBLISHED));
}

/** Replaces the catalogue's copy of each penalty decision (already masked by its agency), or removes it. */
async function applyPenalties(em: EntityManager, records: Map<string, PublicPenaltyRecord | null>): Promise<void> {
  for (const ids of chunks([...records.keys()])) await em.nativeDelete(PenaltyDecisionEntity, { id: { $in: ids } });
  const rows = [...records.values()].filter((r): r is PublicPenaltyRecord => r !== null).map((record) => ({
    ...record,
    publishedAt: record.publishedAt ? new Date(record.publishedAt) : null,
    listedAt: new Date(record.listedAt), createdAt: new Date(record.createdAt),
    withdrawnAt: record.withdrawnAt ? new Date(record.withdrawnAt) : null,
    createdBy: NOT_REPLICATED, publishDueOn: record.decidedOn, publishDueProvisional: false, withdrawDueOn: null,
  }));
  for (const chunk of chunks(rows)) await em.insertMany(PenaltyDecisionEntity, chunk as never);
}

/**
 * Gives each document, in order, the next number of the catalogue's change sequence (what
 * `?sinceSeq=` harvests): a document sits at the number of its latest applied change.
 */
async function numberChanges(em: EntityManager, documents: { documentId: string; agency: string }[]): Promise<void> {
  const last = await nextSerial(em, CATALOGUE_CHANGE_SERIAL, documents.length);
  const first = last - documents.length + 1;
  for (const ids of chunks(documents.map((d) => d.documentId))) await em.nativeDelete(CatalogueDocumentChangeEntity, { documentId: { $in: ids } });
  for (const rows of chunks(documents.map((d, i) => ({ ...d, seq: first + i })))) await em.insertMany(CatalogueDocumentChangeEntity, rows);
}

/** What a page leaves to apply: the latest record of each item it touched (a later entry of an item supersedes an earlier one). */
class PendingRecords {
  /** Each document's record and agency (a coordinated release brings several agencies' documents in one page). */
  readonly documents = new Map<string, { agency: string; record: PublicDocumentRecord | null }>();
  readonly penalties = new Map<string, PublicPenaltyRecord | null>();

  add(agency: string, subject: PublicChangeSubject, id: string, record: string | null): void {
    const parsed = record ? JSON.parse(record) : null;
    // Re-inserted so the map's order stays the order of the last change of each item.
    if (subject === PublicChangeSubject.DOCUMENT) {
      this.documents.delete(id);
      this.documents.set(id, { agency, record: parsed });
    } else {
      this.penalties.delete(id);
      this.penalties.set(id, parsed);
    }
  }

  async apply(runtime: AgencyRuntime, em: EntityManager): Promise<void> {
    if (this.documents.size) {
      await applyDocuments(runtime, em, new Map([...this.documents].map(([id, { record }]) => [id, record])));
      await numberChanges(em, [...this.documents].map(([documentId, { agency }]) => ({ documentId, agency })));
    }
    if (this.penalties.size) await applyPenalties(em, this.penalties);
  }
}

/** The counter that serialises the arrivals of one coordinated release's parts. */
const planArrivalKey = (planId: string) => `catalogue-plan:${planId}`;

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
    // A page read twice (a retry after a lost answer) applies nothing twice.
    const fresh = changes.filter((change) => change.seq > appliedBefore);
    const pending = new PendingRecords();
    const released: string[] = [];
    // Items of this page still held for a coordinated release (one query for the page).
    const subjectIds = [...new Set(fresh.map((c) => c.subjectId))];
    const held = new Set<string>();
    for (const ids of chunks(subjectIds)) {
      for (const h of await tx.find(CatalogueHeldChangeEntity, { subjectId: { $in: ids } }, { fields: ['subjectId'] })) held.add(h.subjectId);
    }
    for (const change of fresh) {
      if (change.releasePlanId && change.releaseSize) {
        // One arrival at a time per plan. The agencies' feeds apply concurrently, and every agency of
        // a plan commits its part at the same instant: on PostgreSQL two transactions that each counted
        // the held parts without the other's (not yet committed) would both find the plan incomplete,
        // and it would stay held for ever. The counter row stays locked until this one commits.
        await nextSerial(tx, planArrivalKey(change.releasePlanId));
        tx.persist(tx.create(CatalogueHeldChangeEntity, {
          planId: change.releasePlanId, planSize: change.releaseSize, agency, subject: change.subject, subjectId: change.subjectId, record: change.record,
        }));
        await tx.flush();
        held.add(change.subjectId);
        const plan = await tx.find(CatalogueHeldChangeEntity, { planId: change.releasePlanId }, { orderBy: { id: 'asc' } });
        if (new Set(plan.map((h) => h.subjectId)).size >= change.releaseSize) {
          // The whole plan is here: its documents go public together, in this transaction.
          for (const h of plan) {
            pending.add(h.agency, h.subject, h.subjectId, h.record ?? null);
            held.delete(h.subjectId);
          }
          await tx.nativeDelete(CatalogueHeldChangeEntity, { planId: change.releasePlanId });
          await tx.execute('delete from serial_counter where "key" = ?', [planArrivalKey(change.releasePlanId)]);
          released.push(change.releasePlanId);
        }
      } else if (held.has(change.subjectId)) {
        // A later change of an item still held for its release travels with the release, never ahead of it.
        await tx.nativeUpdate(CatalogueHeldChangeEntity, { subjectId: change.subjectId }, { record: change.record });
      } else {
        pending.add(agency, change.subject, change.subjectId, change.record);
      }
      // Nothing applied is read again in this transaction: an identity map that grew with the page
      // would make every flush walk all of it.
      tx.clear();
    }
    await pending.apply(runtime, tx);
    const feed = (await tx.findOne(CatalogueFeedEntity, { agency })) ?? tx.create(CatalogueFeedEntity, { agency, appliedSeq: 0 });
    feed.appliedSeq = fresh.at(-1)?.seq ?? appliedBefore;
    feed.readAt = readAt;
    tx.persist(feed);
    return released;
  });
}
