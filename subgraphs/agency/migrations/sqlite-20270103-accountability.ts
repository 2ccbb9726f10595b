import { Migration } from '@mikro-orm/migrations';

/** SQLite: accountability records (责任追究) for findings and overdue items that caused harm. */
export class SqliteAccountability20270103 extends Migration {
  override up(): void {
    this.addSql(`create table "accountability_record" ("id" integer not null primary key autoincrement, "agency_code" text not null, "subject_kind" text check ("subject_kind" in ('FINDING', 'DOCUMENT', 'REQUEST')) not null, "subject_id" text not null, "harm" text not null, "official_role" text check ("official_role" in ('PRINCIPAL', 'IN_CHARGE', 'DESIGNATED')) not null, "official_name" text not null, "official_title" text not null, "measure" text check ("measure" in ('INTERVIEW', 'CIRCULATED_CRITICISM', 'ORDERED_RECTIFICATION', 'DISCIPLINARY_SANCTION')) not null, "decided_on" text not null, "decided_by" text not null, "recorded_by" text not null, "recorded_at" datetime not null)`);
    this.addSql(`create index "accountability_record_agency_code_index" on "accountability_record" ("agency_code")`);
  }
}
