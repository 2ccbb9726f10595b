import DataLoader from 'dataloader';
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { PlanDocumentEntity, PlanParticipantEntity } from '../entities/release-plan.entity';

/** One query for the rows of a whole page of plans, grouped back per plan. */
function byPlan<T extends { planId: string }>(em: EntityManager, entity: EntityClass<T>, orderBy: Record<string, 'asc'>): DataLoader<string, T[]> {
  return new DataLoader(async (ids) => {
    const rows = await em.find(entity, { planId: { $in: [...ids] } } as never, { orderBy: orderBy as never });
    const grouped = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const row of rows) grouped.get(row.planId)!.push(row);
    return ids.map((id) => grouped.get(id)!);
  });
}

/** Fresh loaders per request. */
export function createPlanLoaders(em: EntityManager) {
  return {
    documents: byPlan(em, PlanDocumentEntity, { agency: 'asc', documentId: 'asc' }),
    participants: byPlan(em, PlanParticipantEntity, { agency: 'asc' }),
  };
}
export type PlanLoaders = ReturnType<typeof createPlanLoaders>;
