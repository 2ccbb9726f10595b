import type { MigrationObject } from '@mikro-orm/core';
import type { DatabaseKind } from '../../shared/orm';
import { PostgresqlInitial20261127 } from './postgresql-20261127-initial';
import { SqliteInitial20261127 } from './sqlite-20261127-initial';
import { PostgresqlOfficials20270101 } from './postgresql-20270101-officials';
import { SqliteOfficials20270101 } from './sqlite-20270101-officials';
import { PostgresqlIdempotencyKeys, SqliteIdempotencyKeys } from '../../shared/idempotency-migrations';

/**
 * Committed migrations of the directory database, per engine, oldest first. A schema change adds
 * one migration to each list (never edits an applied one), so the registry is never wiped.
 */
export const DIRECTORY_MIGRATIONS: Record<DatabaseKind, MigrationObject[]> = {
  sqlite: [
    { name: 'sqlite-20261127-initial', class: SqliteInitial20261127 },
    { name: 'sqlite-20261223-idempotency-keys', class: SqliteIdempotencyKeys },
    { name: 'sqlite-20270101-officials', class: SqliteOfficials20270101 },
  ],
  postgresql: [
    { name: 'postgresql-20261127-initial', class: PostgresqlInitial20261127 },
    { name: 'postgresql-20261223-idempotency-keys', class: PostgresqlIdempotencyKeys },
    { name: 'postgresql-20270101-officials', class: PostgresqlOfficials20270101 },
  ],
};
