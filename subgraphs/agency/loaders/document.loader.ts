import DataLoader from 'dataloader';
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { findPlain } from '../../shared/plain-rows';
import { DocumentEntity } from '../entities/document.entity';
import {
  AttachmentEntity, ConfidentialityReviewEntity, DocumentEventEntity, DocumentRevisionEntity, DocumentVersionEntity, KeyFactEntity,
} from '../entities/document-parts.entity';
import { ExpeditedReleaseEntity } from '../entities/expedited-release.entity';

type PartEntity = { documentId: string };

/** One query for the parts of a whole page of documents, grouped back per document, read as plain rows. */
function partsLoader<T extends PartEntity>(em: EntityManager, entity: EntityClass<T>, orderBy: Record<string, 'asc'>): DataLoader<string, T[]> {
  return new DataLoader(async (ids) => {
    const rows = await findPlain(em, entity, { documentId: { $in: [...ids] } } as never, { orderBy: orderBy as never });
    const byDocument = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const row of rows) byDocument.get(row.documentId)!.push(row);
    return ids.map((id) => byDocument.get(id)!);
  });
}

/**
 * Fresh loaders per request, so nothing cached outlives the caller's view. What they load is only
 * read (a write loads its own entities in its transaction), so they read plain rows, not entities.
 */
export function createDocumentLoaders(em: EntityManager) {
  return {
    document: new DataLoader<string, DocumentEntity | null>(async (ids) => {
      const docs = await findPlain(em, DocumentEntity, { id: { $in: [...ids] } });
      const byId = new Map(docs.map((d) => [d.id, d]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    keyFacts: partsLoader(em, KeyFactEntity, { position: 'asc' }),
    attachments: partsLoader(em, AttachmentEntity, { id: 'asc' }),
    versions: partsLoader(em, DocumentVersionEntity, { version: 'asc' }),
    reviews: partsLoader(em, ConfidentialityReviewEntity, { id: 'asc' }),
    events: partsLoader(em, DocumentEventEntity, { id: 'asc' }),
    revisions: partsLoader(em, DocumentRevisionEntity, { documentId: 'asc' }),
    expeditedReleases: partsLoader(em, ExpeditedReleaseEntity, { documentId: 'asc' }),
  };
}
export type DocumentLoaders = ReturnType<typeof createDocumentLoaders>;
