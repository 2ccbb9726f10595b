import { Client } from 'pg';
import type { DatabaseKind } from '../../subgraphs/shared/orm';

/** Where the PostgreSQL suite runs (the CI machine's server, trust auth). */
export const PG_ADMIN_URL = process.env.HUB_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Engines to run a suite on, as decided by test/global-setup.ts: SQLite always, PostgreSQL when up (always in CI). */
export function testEngines(): DatabaseKind[] {
  return (process.env.HUB_TEST_ENGINES ?? 'sqlite').split(',') as DatabaseKind[];
}

let counter = 0;

/** A fresh, empty database URL of `kind`; drop it with the returned function. */
export async function freshDatabase(kind: DatabaseKind): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === 'sqlite') return { url: ':memory:', drop: async () => {} };
  const name = `hub_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  return {
    url: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`),
    drop: async () => {
      const client = new Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}
