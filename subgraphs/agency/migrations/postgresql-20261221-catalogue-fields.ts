import { Migration } from '@mikro-orm/migrations';

/** The tables that carry a document's catalogue fields: the document, its published versions, its revision. */
const TABLES = ['document', 'document_version', 'document_revision'];

/**
 * PostgreSQL: 主题词 (subject terms), 施行日期 and 废止日期 on documents, their versions and revisions.
 * What was stored before has no terms and no dates: an empty list and nulls, never invented values.
 * The default only fills the existing rows; the application always writes the column.
 */
export class PostgresqlCatalogueFields20261221 extends Migration {
  override up(): void {
    for (const table of TABLES) {
      this.addSql(`alter table "${table}" add column "subject_terms" jsonb not null default '[]', add column "effective_on" varchar(10) null, add column "repealed_on" varchar(10) null`);
      this.addSql(`alter table "${table}" alter column "subject_terms" drop default`);
    }
  }
}
