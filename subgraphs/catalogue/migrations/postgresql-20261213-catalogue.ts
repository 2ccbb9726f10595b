import { Migration } from '@mikro-orm/migrations';

/** Postgresql: how far each agency's public change log is applied, and the held changes of coordinated releases. */
export class PostgresqlCatalogue20261213 extends Migration {
  override up(): void {
    this.addSql(`create table "catalogue_feed" ("agency" varchar(32) not null, "applied_seq" int not null default 0, "read_at" timestamptz null, constraint "catalogue_feed_pkey" primary key ("agency"))`);
    this.addSql(`create table "catalogue_held_change" ("id" serial primary key, "plan_id" varchar(64) not null, "plan_size" int not null, "agency" varchar(32) not null, "subject" text check ("subject" in ('DOCUMENT', 'PENALTY')) not null, "subject_id" varchar(64) not null, "record" text null)`);
    this.addSql(`create index "catalogue_held_change_plan_id_index" on "catalogue_held_change" ("plan_id")`);
  }
}
