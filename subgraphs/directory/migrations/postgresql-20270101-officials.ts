import { Migration } from '@mikro-orm/migrations';

/** PostgreSQL: each agency's named disclosure officials (主要负责同志, 分管负责人, 专人), printed in its guide. */
export class PostgresqlOfficials20270101 extends Migration {
  override up(): void {
    this.addSql(`create table "agency_official" ("id" serial primary key, "agency_code" varchar(32) not null, "role" text check ("role" in ('PRINCIPAL', 'IN_CHARGE', 'DESIGNATED')) not null, "name" varchar(64) not null, "title" varchar(128) not null, "office_phone" varchar(32) null, "position" int not null)`);
    this.addSql(`create index "agency_official_agency_code_position_index" on "agency_official" ("agency_code", "position")`);
  }
}
