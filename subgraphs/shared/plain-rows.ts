import { JsonType, type EntityClass, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';

/**
 * Reads an entity's rows as plain objects with its property names and values as the entity has
 * them (dates as Date, JSON parsed, booleans as booleans), without making entities: no identity
 * map, no change tracking, no hydration. The lean read path of list pages and search, whose rows
 * are only read; every write goes through the ORM's entities. The query is the ORM's own
 * (the same FilterQuery, so the same SQL as `em.find`), only its rows are not turned into entities.
 */
export async function findPlain<T extends object>(
  em: EntityManager, entity: EntityClass<T>, where: FilterQuery<T>, options: { orderBy?: QueryOrderMap<T>; limit?: number } = {},
): Promise<T[]> {
  const qb = em.createQueryBuilder(entity).select('*').where(where as never);
  if (options.orderBy) qb.orderBy(options.orderBy as never);
  if (options.limit !== undefined) qb.limit(options.limit);
  const rows = await qb.execute<Record<string, unknown>[]>('all', true);
  const json = jsonPropertiesOf(em, entity);
  for (const row of rows) {
    for (const name of json) {
      // SQLite keeps JSON as text; PostgreSQL's driver has parsed it already.
      if (typeof row[name] === 'string') row[name] = JSON.parse(row[name] as string);
    }
  }
  return rows as T[];
}

const jsonProperties = new WeakMap<EntityClass<object>, string[]>();
function jsonPropertiesOf(em: EntityManager, entity: EntityClass<object>): string[] {
  let names = jsonProperties.get(entity);
  if (!names) {
    names = Object.values(em.getMetadata().get(entity.name).properties).filter((p) => p.customType instanceof JsonType).map((p) => p.name);
    jsonProperties.set(entity, names);
  }
  return names;
}
