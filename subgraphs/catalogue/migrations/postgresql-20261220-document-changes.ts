import { Migration } from '@mikro-orm/migrations';

/**
 * Postgresql: the catalogue's change sequence (catalogue_document_change). Documents already held
 * are numbered in the order they last changed, and the counter continues after them.
 */
export class PostgresqlDocumentChanges20261220 extends Migration {
  override up(): void {
    this.addSql(`create table "catalogue_document_change" ("document_id" varchar(64) not null, "agency" varchar(32) not null, "seq" int not null, constraint "catalogue_document_change_pkey" primary key ("document_id"))`);
    this.addSql(`alter table "catalogue_document_change" add constraint "catalogue_document_change_seq_unique" unique ("seq")`);
    this.addSql(`insert into "catalogue_document_change" ("document_id", "agency", "seq") select "id", "agency_code", row_number() over (order by "updated_at", "id") from "document"`);
    this.addSql(`insert into "serial_counter" ("key", "last") select 'catalogue-change', count(*) from "document" where exists (select 1 from "document")`);
  }
}
