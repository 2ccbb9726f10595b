import { Migration } from '@mikro-orm/migrations';

/**
 * Sqlite: the catalogue's change sequence (catalogue_document_change). Documents already held are
 * numbered in the order they last changed, and the counter continues after them.
 */
export class SqliteDocumentChanges20261220 extends Migration {
  override up(): void {
    this.addSql(`create table "catalogue_document_change" ("document_id" text not null, "agency" text not null, "seq" integer not null, primary key ("document_id"))`);
    this.addSql(`create unique index "catalogue_document_change_seq_unique" on "catalogue_document_change" ("seq")`);
    this.addSql(`insert into "catalogue_document_change" ("document_id", "agency", "seq") select "id", "agency_code", row_number() over (order by "updated_at", "id") from "document"`);
    this.addSql(`insert into "serial_counter" ("key", "last") select 'catalogue-change', count(*) from "document" where exists (select 1 from "document")`);
  }
}
