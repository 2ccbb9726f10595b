import { Migration } from '@mikro-orm/migrations';

/** The directory database on SQLite: agency profiles and the holiday arrangements loaded at run time. */
export class SqliteInitial20261127 extends Migration {
  override up(): void {
    this.addSql(`create table "agency_profile" ("code" text not null, "name" text not null, "short_name" text null, "kind" text check ("kind" in ('PROVINCIAL_GOVERNMENT', 'PROVINCIAL_DEPARTMENT', 'CITY_GOVERNMENT', 'COUNTY_GOVERNMENT', 'OTHER')) not null, "region_code" text not null, "parent_code" text null, "credit_code" text not null, "index_prefix" text not null, "doc_prefix" text null, "address" text not null, "phone" text not null, "email" text null, "website" text null, "office_hours" text not null, "disclosure_guide" text not null, "updated_at" datetime not null, primary key ("code"))`);
    this.addSql(`create index "agency_profile_parent_code_index" on "agency_profile" ("parent_code")`);
    this.addSql(`create unique index "agency_profile_credit_code_unique" on "agency_profile" ("credit_code")`);
    this.addSql(`create unique index "agency_profile_index_prefix_unique" on "agency_profile" ("index_prefix")`);
    this.addSql(`create table "holiday_arrangement" ("year" integer not null, "json" text not null, "loaded_at" datetime not null, primary key ("year"))`);
  }
}
