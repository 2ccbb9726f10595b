import { Migration } from '@mikro-orm/migrations';

/** SQLite: each agency's named disclosure officials (主要负责同志, 分管负责人, 专人), printed in its guide. */
export class SqliteOfficials20270101 extends Migration {
  override up(): void {
    this.addSql(`create table "agency_official" ("id" integer not null primary key autoincrement, "agency_code" text not null, "role" text check ("role" in ('PRINCIPAL', 'IN_CHARGE', 'DESIGNATED')) not null, "name" text not null, "title" text not null, "office_phone" text null, "position" integer not null)`);
    this.addSql(`create index "agency_official_agency_code_position_index" on "agency_official" ("agency_code", "position")`);
  }
}
