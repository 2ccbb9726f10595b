import type { MigrationObject } from '@mikro-orm/core';
import type { DatabaseKind } from '../../shared/orm';
import { PostgresqlInitial20261128 } from './postgresql-20261128-initial';
import { SqliteInitial20261128 } from './sqlite-20261128-initial';
import { PostgresqlIdempotencyKeys, SqliteIdempotencyKeys } from '../../shared/idempotency-migrations';

/** Committed migrations of the coordination database, per engine, oldest first; a change adds one to each list. */
export const COORDINATION_MIGRATIONS: Record<DatabaseKind, MigrationObject[]> = {
  sqlite: [
    { name: 'sqlite-20261128-initial', class: SqliteInitial20261128 },
    { name: 'sqlite-20261223-idempotency-keys', class: SqliteIdempotencyKeys },
  ],
  postgresql: [
    { name: 'postgresql-20261128-initial', class: PostgresqlInitial20261128 },
    { name: 'postgresql-20261223-idempotency-keys', class: PostgresqlIdempotencyKeys },
  ],
};
