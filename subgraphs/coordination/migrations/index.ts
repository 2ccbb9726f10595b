import type { MigrationObject } from '@mikro-orm/core';
import type { DatabaseKind } from '../../shared/orm';
import { PostgresqlInitial20261128 } from './postgresql-20261128-initial';
import { SqliteInitial20261128 } from './sqlite-20261128-initial';

/** Committed migrations of the coordination database, per engine, oldest first; a change adds one to each list. */
export const COORDINATION_MIGRATIONS: Record<DatabaseKind, MigrationObject[]> = {
  sqlite: [{ name: 'sqlite-20261128-initial', class: SqliteInitial20261128 }],
  postgresql: [{ name: 'postgresql-20261128-initial', class: PostgresqlInitial20261128 }],
};
