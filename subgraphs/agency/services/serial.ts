import type { EntityManager } from '@mikro-orm/knex';

/**
 * Next value of a per-deployment counter, atomically (one upsert with RETURNING on both SQLite
 * and PostgreSQL), inside the caller's transaction so a rolled-back write does not burn a number.
 * With `count`, takes that many numbers at once and returns the last of them.
 */
export async function nextSerial(em: EntityManager, key: string, count = 1): Promise<number> {
  const rows = await em.execute<{ last: number }[]>(
    'insert into serial_counter ("key", "last") values (?, ?) on conflict ("key") do update set "last" = serial_counter."last" + ? returning "last"',
    [key, count, count],
  );
  return Number(rows[0].last);
}

/** The last value a counter gave (0 before its first), without taking one. */
export async function currentSerial(em: EntityManager, key: string): Promise<number> {
  const rows = await em.execute<{ last: number }[]>('select "last" from serial_counter where "key" = ?', [key]);
  return Number(rows[0]?.last ?? 0);
}
