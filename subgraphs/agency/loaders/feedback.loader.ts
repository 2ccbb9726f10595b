import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/knex';
import { FeedbackEntity, FeedbackStatus } from '../entities/feedback.entity';

/** Fresh per request: the shown feedback of a whole page of documents in one query. */
export function createFeedbackLoaders(em: EntityManager) {
  return {
    documentFeedback: new DataLoader<string, FeedbackEntity[]>(async (ids) => {
      const rows = await em.find(FeedbackEntity, { documentId: { $in: [...ids] }, status: FeedbackStatus.SHOWN }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      const byDocument = new Map<string, FeedbackEntity[]>(ids.map((id) => [id, []]));
      for (const row of rows) byDocument.get(row.documentId!)?.push(row);
      return ids.map((id) => byDocument.get(id)!);
    }),
  };
}
export type FeedbackLoaders = ReturnType<typeof createFeedbackLoaders>;
