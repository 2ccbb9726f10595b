import { MikroORM, type EntityClass, type MigrationObject, type Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** The two storage engines: embedded SQLite (default) and PostgreSQL (scale-out). */
export type DatabaseKind = 'sqlite' | 'postgresql';

/** Which engine a connection URL names: postgres(ql):// is PostgreSQL; anything else is a SQLite file. */
export function databaseKindOf(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite';
}

export interface DatabaseOptions {
  /** `postgresql://user@host:port/db`, or a SQLite file path (`sqlite:` prefix optional), or `:memory:`. */
  url: string;
  entities: EntityClass<unknown>[];
  /** Committed migrations per engine, applied in order at start. */
  migrations: Record<DatabaseKind, MigrationObject[]>;
  /** Tables the ORM must neither create nor drop (full-text indexes maintained in raw SQL). */
  unmanagedTables?: string[];
  /** Log every SQL statement through this function (tests count statements with it). */
  onQuery?: (sql: string) => void;
}

/**
 * Opens a deployment's database and brings its schema up to date with the committed migrations,
 * so that an upgrade never needs a wiped database.
 */
export async function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  const kind = databaseKindOf(options.url);
  const common: Partial<Options> = {
    entities: options.entities,
    extensions: [Migrator],
    migrations: { migrationsList: options.migrations[kind], transactional: true, allOrNothing: true, snapshot: false, silent: true },
    schemaGenerator: { skipTables: options.unmanagedTables ?? [] },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: options.onQuery ? ['query'] : false,
    logger: options.onQuery ? (message: string) => options.onQuery!(message) : undefined,
    colors: false,
    discovery: { warnWhenNoEntities: false },
  };
  let orm: MikroORM;
  if (kind === 'postgresql') {
    orm = await MikroORM.init({ ...common, driver: PostgreSqlDriver, clientUrl: options.url } as Options);
    await orm.schema.ensureDatabase({ create: true });
  } else {
    const file = options.url.replace(/^sqlite:/, '');
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    orm = await MikroORM.init({ ...common, driver: BetterSqliteDriver, dbName: file } as Options);
    const connection = orm.em.getConnection();
    // WAL lets readers go on while a writer commits; with WAL, synchronous=normal keeps the database
    // consistent on a crash (a power cut may lose the last commits, never corrupt) and makes
    // small transactions several times cheaper. The timeout rides out short write bursts.
    await connection.execute('pragma journal_mode = wal');
    await connection.execute('pragma synchronous = normal');
    await connection.execute('pragma busy_timeout = 5000');
    // SQLite's default page cache is 2 MiB: a search scoring thousands of matches, or the
    // catalogue holding a province, would read most pages from the kernel again on every query.
    // Up to 64 MiB, taken only as pages are read.
    await connection.execute('pragma cache_size = -65536');
  }
  await orm.getMigrator().up();
  return orm;
}
