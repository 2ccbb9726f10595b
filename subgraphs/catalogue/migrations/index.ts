import type { MigrationObject } from '@mikro-orm/core';
import type { DatabaseKind } from '../../shared/orm';
import { AGENCY_MIGRATIONS } from '../../agency/migrations';
import { PostgresqlCatalogue20261213 } from './postgresql-20261213-catalogue';
import { SqliteCatalogue20261213 } from './sqlite-20261213-catalogue';
import { PostgresqlDocumentChanges20261220 } from './postgresql-20261220-document-changes';
import { SqliteDocumentChanges20261220 } from './sqlite-20261220-document-changes';
import { PostgresqlFeedBackfilled20261222 } from './postgresql-20261222-feed-backfilled';
import { SqliteFeedBackfilled20261222 } from './sqlite-20261222-feed-backfilled';

/**
 * The catalogue's database is an agency database (the same tables, so the agency contract's
 * public reads run on it unchanged) plus the replication state; its migrations are the agency's
 * followed by its own.
 */
export const CATALOGUE_MIGRATIONS: Record<DatabaseKind, MigrationObject[]> = {
  sqlite: [...AGENCY_MIGRATIONS.sqlite, { name: 'sqlite-20261213-catalogue', class: SqliteCatalogue20261213 },
    { name: 'sqlite-20261220-document-changes', class: SqliteDocumentChanges20261220 },
    { name: 'sqlite-20261222-feed-backfilled', class: SqliteFeedBackfilled20261222 }],
  postgresql: [...AGENCY_MIGRATIONS.postgresql, { name: 'postgresql-20261213-catalogue', class: PostgresqlCatalogue20261213 },
    { name: 'postgresql-20261220-document-changes', class: PostgresqlDocumentChanges20261220 },
    { name: 'postgresql-20261222-feed-backfilled', class: PostgresqlFeedBackfilled20261222 }],
};
