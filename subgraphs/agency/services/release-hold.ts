import type { EntityManager } from '@mikro-orm/knex';
import { chinaDateTime } from '../../shared/clock';
import { WorkflowConflictError } from '../../../schema/contracts/errors';
import { ReleaseHoldEntity } from '../entities/release-hold.entity';

/**
 * The embargo as the agency enforces it (Art. 11, coordinated release): a document
 * linked to a confirmed release plan is not published alone — not before the plan's release time,
 * nor after it until the coordinated commit lifts the hold (or the news office lifts it: the plan
 * cancelled, or its release refused): a release that is late (an agency down at prepare or commit)
 * would otherwise let a document of the plan out ahead of the others. Once the agency voted to release it with the others it is
 * not changed either. Throws a bilingual CONFLICT naming the release time.
 */
export async function checkReleaseHolds(em: EntityManager, documentId: string, now: Date, action: 'publish' | 'change'): Promise<void> {
  const holds = await em.find(ReleaseHoldEntity, { documentId }, { orderBy: { releaseAt: 'desc' } });
  const prepared = holds.find((h) => h.preparedAt);
  if (prepared) {
    throw new WorkflowConflictError(
      `该文件已确认参加协同发布（计划 ${prepared.planId}），将于 ${chinaDateTime(prepared.releaseAt)} 统一发布，在此之前不能单独${action === 'publish' ? '发布' : '修改'}`,
      `This document is prepared for the coordinated release of plan ${prepared.planId} at ${chinaDateTime(prepared.releaseAt)} and cannot be ${action === 'publish' ? 'published alone' : 'changed'} until then`,
      'PREPARED_FOR_RELEASE',
    );
  }
  const [embargo] = holds;
  if (action !== 'publish' || !embargo) return;
  const at = chinaDateTime(embargo.releaseAt);
  if (embargo.releaseAt.getTime() > now.getTime()) {
    throw new WorkflowConflictError(
      `该文件列入协同发布计划 ${embargo.planId}，发布时间为 ${at}，此前不得发布`,
      `This document is under embargo by release plan ${embargo.planId} until ${at}; it cannot be published before then`,
      'EMBARGOED',
    );
  }
  throw new WorkflowConflictError(
    `该文件列入协同发布计划 ${embargo.planId}（发布时间 ${at}），须由统一发布一并发布，计划取消前不得单独发布`,
    `This document is under embargo by release plan ${embargo.planId} (release time ${at}) until the coordinated release publishes it; it cannot be published alone unless the plan is cancelled`,
    'EMBARGOED',
  );
}
