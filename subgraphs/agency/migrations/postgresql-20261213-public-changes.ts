import { Migration } from '@mikro-orm/migrations';

/**
 * Postgresql: the public change log (outbox) the provincial catalogue replicates, back-filled with one
 * entry per item that is public today, so a catalogue built from sequence 0 holds everything.
 */
export class PostgresqlPublicChanges20261213 extends Migration {
  override up(): void {
    this.addSql(`create table "public_change" ("seq" int not null, "subject" text check ("subject" in ('DOCUMENT', 'PENALTY')) not null, "subject_id" varchar(64) not null, "cause" varchar(32) not null, "release_plan_id" varchar(64) null, "release_size" int null, "at" timestamptz not null, constraint "public_change_pkey" primary key ("seq"))`);
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
