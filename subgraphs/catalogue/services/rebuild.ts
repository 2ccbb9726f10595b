import type { EntityManager } from '@mikro-orm/knex';
import type { AgencyRuntime } from '../../agency/context';
import { DocumentEntity } from '../../agency/entities/document.entity';
import { AttachmentEntity, DocumentVersionEntity, KeyFactEntity } from '../../agency/entities/document-parts.entity';
import { PenaltyDecisionEntity } from '../../agency/entities/penalty.entity';
import { CatalogueFeedEntity, CatalogueHeldChangeEntity } from '../entities/feed-state.entity';

/**
 * Empties the catalogue in one transaction — every replicated item, the search index and the
 * high-water marks — so that replication starts again from sequence 0 of every agency's log.
 * The catalogue is derived data: nothing is lost that the agencies do not hold.
 */
export async function emptyCatalogue(runtime: AgencyRuntime): Promise<void> {
  await (runtime.orm.em.fork() as EntityManager).transactional(async (em) => {
    for (const entity of [KeyFactEntity, AttachmentEntity, DocumentVersionEntity, DocumentEntity, PenaltyDecisionEntity, CatalogueHeldChangeEntity, CatalogueFeedEntity]) {
      await em.nativeDelete(entity as never, {});
    }
    await runtime.search.clear(em);
  });
}
