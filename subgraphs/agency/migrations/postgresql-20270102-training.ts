import { Migration } from '@mikro-orm/migrations';

/** PostgreSQL: training sessions on disclosure work (培训), per agency, for the supervision figures. */
export class PostgresqlTraining20270102 extends Migration {
  override up(): void {
    this.addSql(`create table "training_session" ("id" serial primary key, "agency_code" varchar(32) not null, "held_on" varchar(10) not null, "title" varchar(200) not null, "kind" text check ("kind" in ('ALL_STAFF', 'DISCLOSURE_STAFF')) not null, "attendees" int not null, "headcount" int not null, "recorded_by" varchar(128) not null, "recorded_at" timestamptz not null)`);
    this.addSql(`create index "training_session_agency_code_held_on_index" on "training_session" ("agency_code", "held_on")`);
  }
}
