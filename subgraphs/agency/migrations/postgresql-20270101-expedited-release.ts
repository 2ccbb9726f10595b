import { Migration } from '@mikro-orm/migrations';

/** PostgreSQL: expedited releases (快速发布) — emergency and hot-issue drafts due within the hour, with their approver. */
export class PostgresqlExpeditedRelease20270101 extends Migration {
  override up(): void {
    this.addSql(`create table "expedited_release" ("document_id" varchar(64) not null, "agency_code" varchar(32) not null, "kind" text check ("kind" in ('EMERGENCY', 'HOT_ISSUE')) not null, "reason" text not null, "requested_by" varchar(128) not null, "requested_at" timestamptz not null, "due_at" timestamptz not null, "approved_by" varchar(128) null, "approved_at" timestamptz null, constraint "expedited_release_pkey" primary key ("document_id"))`);
    this.addSql(`create index "expedited_release_agency_code_index" on "expedited_release" ("agency_code")`);
    this.addSql(`create index "expedited_release_requested_at_index" on "expedited_release" ("requested_at")`);
  }
}
