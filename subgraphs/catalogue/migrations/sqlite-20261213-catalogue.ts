import { Migration } from '@mikro-orm/migrations';

/** Sqlite: how far each agency's public change log is applied, and the held changes of coordinated releases. */
export class SqliteCatalogue20261213 extends Migration {
  override up(): void {
    this.addSql(`create table "catalogue_feed" ("agency" text not null, "applied_seq" integer not null default 0, "read_at" datetime null, primary key ("agency"))`);
    this.addSql(`create table "catalogue_held_change" ("id" integer not null primary key autoincrement, "plan_id" text not null, "plan_size" integer not null, "agency" text not null, "subject" text check ("subject" in ('DOCUMENT', 'PENALTY')) not null, "subject_id" text not null, "record" text null)`);
    this.addSql(`create index "catalogue_held_change_plan_id_index" on "catalogue_held_change" ("plan_id")`);
  }
}
