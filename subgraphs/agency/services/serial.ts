import type { EntityManager } from '@mikro-orm/knex';

/**
 * Next value of a per-deployment counter, atomically (one upsert with RETURNING on both SQLite
 * and PostgreSQL), inside the caller's transaction so a rolled-back write does not burn a number.
 */
export async function nextSerial(em: EntityManager, key: string): Promise<number> {
  const rows = await em.execute<{ last: number }[]>(
    'insert into serial_counter ("key", "last") values (?, 1) on conflict ("key") do update set "last" = serial_counter."last" + 1 returning "last"',
    [key],
  );
  return Number(rows[0].last);
}
