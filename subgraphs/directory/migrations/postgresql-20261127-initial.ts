import { Migration } from '@mikro-orm/migrations';

/** The directory database on PostgreSQL: agency profiles and the holiday arrangements loaded at run time. */
export class PostgresqlInitial20261127 extends Migration {
  override up(): void {
    this.addSql(`create table "agency_profile" ("code" varchar(32) not null, "name" varchar(200) not null, "short_name" varchar(64) null, "kind" text check ("kind" in ('PROVINCIAL_GOVERNMENT', 'PROVINCIAL_DEPARTMENT', 'CITY_GOVERNMENT', 'COUNTY_GOVERNMENT', 'OTHER')) not null, "region_code" varchar(6) not null, "parent_code" varchar(32) null, "credit_code" varchar(18) not null, "index_prefix" varchar(16) not null, "doc_prefix" varchar(32) null, "address" varchar(255) not null, "phone" varchar(32) not null, "email" varchar(128) null, "website" varchar(255) null, "office_hours" varchar(255) not null, "disclosure_guide" text not null, "updated_at" timestamptz not null, constraint "agency_profile_pkey" primary key ("code"))`);
    this.addSql(`create index "agency_profile_parent_code_index" on "agency_profile" ("parent_code")`);
    this.addSql(`alter table "agency_profile" add constraint "agency_profile_credit_code_unique" unique ("credit_code")`);
    this.addSql(`alter table "agency_profile" add constraint "agency_profile_index_prefix_unique" unique ("index_prefix")`);
    this.addSql(`create table "holiday_arrangement" ("year" int not null, "json" text not null, "loaded_at" timestamptz not null, constraint "holiday_arrangement_pkey" primary key ("year"))`);
  }
}
