import { WorkflowConflictError } from '../../../schema/contracts/errors';
import { requiredText } from '../../shared/text-input';
import { actorOf, agencyOf, type AgencyContext } from '../context';
import type { DocumentEntity } from '../entities/document.entity';
import { DisclosureAttribute, DocumentStatus } from '../entities/enums';
import { EXPEDITED_RELEASE_MS, ExpeditedReleaseEntity, type ExpeditedReleaseKind } from '../entities/expedited-release.entity';
import { loadForWrite, markSubmitted, publishApproved, recordReview } from './document.service';

/**
 * 快速发布 (2014 Fujian notice: 不失声、不缺位) — an editor marks a new proactive draft for release
 * within the hour, saying why; it goes to confidentiality review at once, due one hour from now.
 * Only a first publication is expedited: a published document's revision keeps the ordinary path,
 * since published information is never changed in haste.
 */
export async function requestExpeditedRelease(ctx: AgencyContext, id: string, kind: ExpeditedReleaseKind, reason: string): Promise<DocumentEntity> {
  const why = requiredText('reason', '快速发布理由', reason, 2000);
  return ctx.em.transactional(async (em) => {
    const doc = await loadForWrite(ctx, em, id, ['editor']);
    if (doc.status !== DocumentStatus.DRAFT && doc.status !== DocumentStatus.IN_REVIEW) {
      throw new WorkflowConflictError('只有尚未发布的草稿或待审文件可以快速发布', 'Only an unpublished draft or a document in review can be expedited', doc.status);
    }
    if (doc.disclosure !== DisclosureAttribute.PROACTIVE) {
      throw new WorkflowConflictError('只有主动公开的信息可以快速发布', 'Only PROACTIVE items can be expedited', doc.disclosure);
    }
    if (await em.findOne(ExpeditedReleaseEntity, { documentId: doc.id })) {
      throw new WorkflowConflictError('该文件已申请快速发布', 'This document is already marked for expedited release', doc.status);
    }
    const now = ctx.runtime.clock.now();
    em.persist(em.create(ExpeditedReleaseEntity, {
      documentId: doc.id, agencyCode: agencyOf(ctx), kind, reason: why, requestedBy: actorOf(ctx), requestedAt: now,
      dueAt: new Date(now.getTime() + EXPEDITED_RELEASE_MS),
    }));
    if (doc.status === DocumentStatus.DRAFT) markSubmitted(ctx, em, doc, null);
    return doc;
  });
}

/**
 * The named approver's step of an expedited release: the confidentiality review (a reviewer who
 * is not an author, as always) and publication in one transaction. Where the agency requires a
 * publisher other than the reviewer (`distinctPublisher`), the document stays approved for that
 * third person's `publishDocument`; the hour is measured to the publication either way. A refusal
 * goes through `reviewDocument`, as any other, and the release then counts as late.
 */
export async function approveExpeditedRelease(ctx: AgencyContext, id: string, note?: string | null): Promise<DocumentEntity> {
  return ctx.em.transactional(async (em) => {
    const doc = await loadForWrite(ctx, em, id, ['reviewer']);
    const expedited = await em.findOne(ExpeditedReleaseEntity, { documentId: doc.id });
    if (!expedited) {
      throw new WorkflowConflictError('该文件未申请快速发布，请按一般程序审查', 'This document is not marked for expedited release; review it the ordinary way', doc.status);
    }
    const revision = await recordReview(ctx, em, doc, true, note);
    expedited.approvedBy = actorOf(ctx);
    expedited.approvedAt = ctx.runtime.clock.now();
    if (!ctx.runtime.config.distinctPublisher) await publishApproved(ctx, em, doc, revision);
    return doc;
  });
}
