import { Migration } from '@mikro-orm/migrations';

/**
 * Sqlite: the public change log (outbox) the provincial catalogue replicates, back-filled with one
 * entry per item that is public today, so a catalogue built from sequence 0 holds everything.
 */
export class SqlitePublicChanges20261213 extends Migration {
  override up(): void {
    this.addSql(`create table "public_change" ("seq" integer not null, "subject" text check ("subject" in ('DOCUMENT', 'PENALTY')) not null, "subject_id" text not null, "cause" text not null, "release_plan_id" text null, "release_size" integer null, "at" datetime not null, primary key ("seq"))`);
    this.addSql(`create index "public_change_subject_id_index" on "public_change" ("subject_id")`);
    this.addSql(`insert into "public_change" ("seq", "subject", "subject_id", "cause", "at")
      select row_number() over (order by "kind", "at", "id"), "kind", "id", 'BACKFILL', "at" from (
        select 'DOCUMENT' as "kind", "id", "updated_at" as "at" from "document" where "disclosure" = 'PROACTIVE' and "status" in ('PUBLISHED', 'WITHDRAWN')
        union all
        select 'PENALTY' as "kind", "id", "created_at" as "at" from "penalty_decision" where "status" in ('PUBLISHED', 'WITHDRAWN')
      ) as "public_items"`);
    this.addSql(`insert into "serial_counter" ("key", "last") select 'public-change', count(*) from "public_change" where exists (select 1 from "public_change")`);
  }
}
