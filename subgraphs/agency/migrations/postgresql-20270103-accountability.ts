import { Migration } from '@mikro-orm/migrations';

/** PostgreSQL: accountability records (责任追究) for findings and overdue items that caused harm. */
export class PostgresqlAccountability20270103 extends Migration {
  override up(): void {
    this.addSql(`create table "accountability_record" ("id" serial primary key, "agency_code" varchar(32) not null, "subject_kind" text check ("subject_kind" in ('FINDING', 'DOCUMENT', 'REQUEST')) not null, "subject_id" varchar(128) not null, "harm" text not null, "official_role" text check ("official_role" in ('PRINCIPAL', 'IN_CHARGE', 'DESIGNATED')) not null, "official_name" varchar(64) not null, "official_title" varchar(128) not null, "measure" text check ("measure" in ('INTERVIEW', 'CIRCULATED_CRITICISM', 'ORDERED_RECTIFICATION', 'DISCIPLINARY_SANCTION')) not null, "decided_on" varchar(10) not null, "decided_by" varchar(200) not null, "recorded_by" varchar(128) not null, "recorded_at" timestamptz not null)`);
    this.addSql(`create index "accountability_record_agency_code_index" on "accountability_record" ("agency_code")`);
  }
}
