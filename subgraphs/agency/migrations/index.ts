import type { MigrationObject } from '@mikro-orm/core';
import type { DatabaseKind } from '../../shared/orm';
import { PostgresqlLetters20270104 } from './postgresql-20270104-letters';
import { SqliteLetters20270104 } from './sqlite-20270104-letters';
import { PostgresqlReleasedFiles20270105 } from './postgresql-20270105-released-files';
import { SqliteReleasedFiles20270105 } from './sqlite-20270105-released-files';
import { ListIndexes20261202 } from './20261202-list-indexes';
import { Privacy20261212 } from './20261212-privacy';
import { PostgresqlFeedback20261203 } from './postgresql-20261203-feedback';
import { PostgresqlIdempotencyKeys, SqliteIdempotencyKeys } from '../../shared/idempotency-migrations';
import { PostgresqlInitial20261127 } from './postgresql-20261127-initial';
import { PostgresqlReleaseHolds20261128 } from './postgresql-20261128-release-holds';
import { PostgresqlRequests20261201 } from './postgresql-20261201-requests';
import { SqliteInitial20261127 } from './sqlite-20261127-initial';
import { SqliteReleaseHolds20261128 } from './sqlite-20261128-release-holds';
import { SqliteRequests20261201 } from './sqlite-20261201-requests';
import { SqliteFeedback20261203 } from './sqlite-20261203-feedback';
import { PostgresqlFourEyes20261211 } from './postgresql-20261211-four-eyes';
import { SqliteFourEyes20261211 } from './sqlite-20261211-four-eyes';
import { SqlitePublicChanges20261213 } from './sqlite-20261213-public-changes';
import { PostgresqlPublicChanges20261213 } from './postgresql-20261213-public-changes';
import { SqliteSearchKeys20261221 } from './sqlite-20261221-search-keys';
import { SqliteCatalogueFields20261221 } from './sqlite-20261221-catalogue-fields';
import { PostgresqlCatalogueFields20261221 } from './postgresql-20261221-catalogue-fields';
import { SqliteDeliveryMethod20261222 } from './sqlite-20261222-delivery-method';
import { PostgresqlDeliveryMethod20261222 } from './postgresql-20261222-delivery-method';
import { SqliteAttachmentFiles20261222 } from './sqlite-20261222-attachment-files';
import { PostgresqlAttachmentFiles20261222 } from './postgresql-20261222-attachment-files';
import { SqliteRequestRules20261223 } from './sqlite-20261223-request-rules';
import { PostgresqlRequestRules20261223 } from './postgresql-20261223-request-rules';
import { SqlitePenaltyCategory20261230 } from './sqlite-20261230-penalty-category';
import { PostgresqlPenaltyCategory20261230 } from './postgresql-20261230-penalty-category';
import { SqliteReportFigures20261231 } from './sqlite-20261231-report-figures';
import { PostgresqlReportFigures20261231 } from './postgresql-20261231-report-figures';
import { PostgresqlExpeditedRelease20270101 } from './postgresql-20270101-expedited-release';
import { SqliteExpeditedRelease20270101 } from './sqlite-20270101-expedited-release';
import { PostgresqlTraining20270102 } from './postgresql-20270102-training';
import { SqliteTraining20270102 } from './sqlite-20270102-training';
import { PostgresqlAccountability20270103 } from './postgresql-20270103-accountability';
import { SqliteAccountability20270103 } from './sqlite-20270103-accountability';

/**
 * Committed migrations of the agency database, per engine, oldest first. A schema change adds one
 * migration to each list (never edits an applied one), so no deployment ever needs a wiped database.
 */
export const AGENCY_MIGRATIONS: Record<DatabaseKind, MigrationObject[]> = {
  sqlite: [
    { name: 'sqlite-20261127-initial', class: SqliteInitial20261127 },
    { name: 'sqlite-20261128-release-holds', class: SqliteReleaseHolds20261128 },
    { name: 'sqlite-20261201-requests', class: SqliteRequests20261201 },
    { name: 'sqlite-20261202-list-indexes', class: ListIndexes20261202 },
    { name: 'sqlite-20261203-feedback', class: SqliteFeedback20261203 },
    { name: 'sqlite-20261210-idempotency-keys', class: SqliteIdempotencyKeys },
    { name: 'sqlite-20261211-four-eyes', class: SqliteFourEyes20261211 },
    { name: 'sqlite-20261212-privacy', class: Privacy20261212 },
    { name: 'sqlite-20261213-public-changes', class: SqlitePublicChanges20261213 },
    { name: 'sqlite-20261221-catalogue-fields', class: SqliteCatalogueFields20261221 },
    { name: 'sqlite-20261221-search-keys', class: SqliteSearchKeys20261221 },
    { name: 'sqlite-20261222-delivery-method', class: SqliteDeliveryMethod20261222 },
    { name: 'sqlite-20261222-attachment-files', class: SqliteAttachmentFiles20261222 },
    { name: 'sqlite-20261223-request-rules', class: SqliteRequestRules20261223 },
    { name: 'sqlite-20261230-penalty-category', class: SqlitePenaltyCategory20261230 },
    { name: 'sqlite-20261231-report-figures', class: SqliteReportFigures20261231 },
    { name: 'sqlite-20270101-expedited-release', class: SqliteExpeditedRelease20270101 },
    { name: 'sqlite-20270102-training', class: SqliteTraining20270102 },
    { name: 'sqlite-20270103-accountability', class: SqliteAccountability20270103 },
    { name: 'sqlite-20270104-letters', class: SqliteLetters20270104 },
    { name: 'sqlite-20270105-released-files', class: SqliteReleasedFiles20270105 },
  ],
  postgresql: [
    { name: 'postgresql-20261127-initial', class: PostgresqlInitial20261127 },
    { name: 'postgresql-20261128-release-holds', class: PostgresqlReleaseHolds20261128 },
    { name: 'postgresql-20261201-requests', class: PostgresqlRequests20261201 },
    { name: 'postgresql-20261202-list-indexes', class: ListIndexes20261202 },
    { name: 'postgresql-20261203-feedback', class: PostgresqlFeedback20261203 },
    { name: 'postgresql-20261210-idempotency-keys', class: PostgresqlIdempotencyKeys },
    { name: 'postgresql-20261211-four-eyes', class: PostgresqlFourEyes20261211 },
    { name: 'postgresql-20261212-privacy', class: Privacy20261212 },
    { name: 'postgresql-20261213-public-changes', class: PostgresqlPublicChanges20261213 },
    { name: 'postgresql-20261221-catalogue-fields', class: PostgresqlCatalogueFields20261221 },
    { name: 'postgresql-20261222-delivery-method', class: PostgresqlDeliveryMethod20261222 },
    { name: 'postgresql-20261222-attachment-files', class: PostgresqlAttachmentFiles20261222 },
    { name: 'postgresql-20261223-request-rules', class: PostgresqlRequestRules20261223 },
    { name: 'postgresql-20261230-penalty-category', class: PostgresqlPenaltyCategory20261230 },
    { name: 'postgresql-20261231-report-figures', class: PostgresqlReportFigures20261231 },
    { name: 'postgresql-20270101-expedited-release', class: PostgresqlExpeditedRelease20270101 },
    { name: 'postgresql-20270102-training', class: PostgresqlTraining20270102 },
    { name: 'postgresql-20270103-accountability', class: PostgresqlAccountability20270103 },
    { name: 'postgresql-20270104-letters', class: PostgresqlLetters20270104 },
    { name: 'postgresql-20270105-released-files', class: PostgresqlReleasedFiles20270105 },
  ],
};
