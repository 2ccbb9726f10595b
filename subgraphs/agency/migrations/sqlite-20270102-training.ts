import { Migration } from '@mikro-orm/migrations';

/** SQLite: training sessions on disclosure work (培训), per agency, for the supervision figures. */
export class SqliteTraining20270102 extends Migration {
  override up(): void {
    this.addSql(`create table "training_session" ("id" integer not null primary key autoincrement, "agency_code" text not null, "held_on" text not null, "title" text not null, "kind" text check ("kind" in ('ALL_STAFF', 'DISCLOSURE_STAFF')) not null, "attendees" integer not null, "headcount" integer not null, "recorded_by" text not null, "recorded_at" datetime not null)`);
    this.addSql(`create index "training_session_agency_code_held_on_index" on "training_session" ("agency_code", "held_on")`);
  }
}
