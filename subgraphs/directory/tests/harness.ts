import { inProcess, type InProcess } from '../../../test/support/in-process';
import { DEMO_AGENCIES } from '../../../tools/demo/province';
import { PUBLIC } from '../../../test/support/agency-harness';
import { freshDatabase } from '../../../test/support/databases';
import { TEST_SECRETS } from '../../../test/support/secrets';
import type { DatabaseKind } from '../../shared/orm';
import { loadDirectoryConfig, type DirectoryConfig } from '../config';
import { createContext, type DirectoryRuntime } from '../context';
import { buildDirectorySchema, createDirectoryRuntime } from '../server';
import { seedDirectory } from '../../../tools/demo/directory-seed';

export interface TestDirectory extends InProcess {
  runtime: DirectoryRuntime;
  config: DirectoryConfig;
  /** Every SQL statement run since the last `sql.length = 0`. */
  sql: string[];
  /** Executes a GraphQL operation in-process as `claims`, failing on errors; `T` is the data's shape. */
  /** Closes the database; a fresh one is dropped, a given `url` kept for the next open. */
  close(): Promise<void>;
}

/**
 * The directory on a fresh database of `kind` (or on `url`, to reopen one), with the demo
 * province's agencies seeded and a fixed clock.
 */
export async function openTestDirectory(kind: DatabaseKind, options: { url?: string; clock?: string } = {}): Promise<TestDirectory> {
  const db = options.url ? { url: options.url, drop: async () => {} } : await freshDatabase(kind);
  const config = loadDirectoryConfig({ ...TEST_SECRETS, HUB_DIRECTORY_DATABASE_URL: db.url, HUB_CLOCK: options.clock ?? '2026-11-27T10:00:00+08:00' });
  const sql: string[] = [];
  const runtime = await createDirectoryRuntime(config, (message) => sql.push(message));
  await seedDirectory(runtime, DEMO_AGENCIES);
  const schema = await buildDirectorySchema();
  return {
    runtime, config, sql,
    ...inProcess(schema, (claims) => createContext(runtime, claims), PUBLIC),
    async close() {
      await runtime.orm.close(true);
      await db.drop();
    },
  };
}

/** SQL statements that read or write rows (not transaction control or pragmas). */
export function statementsOf(sql: string[]): string[] {
  return sql.filter((line) => /\b(select|insert|update|delete)\b/i.test(line));
}
