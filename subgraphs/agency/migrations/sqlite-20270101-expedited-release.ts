import { Migration } from '@mikro-orm/migrations';

/** SQLite: expedited releases (快速发布) — emergency and hot-issue drafts due within the hour, with their approver. */
export class SqliteExpeditedRelease20270101 extends Migration {
  override up(): void {
    this.addSql(`create table "expedited_release" ("document_id" text not null, "agency_code" text not null, "kind" text check ("kind" in ('EMERGENCY', 'HOT_ISSUE')) not null, "reason" text not null, "requested_by" text not null, "requested_at" datetime not null, "due_at" datetime not null, "approved_by" text null, "approved_at" datetime null, primary key ("document_id"))`);
    this.addSql(`create index "expedited_release_agency_code_index" on "expedited_release" ("agency_code")`);
    this.addSql(`create index "expedited_release_requested_at_index" on "expedited_release" ("requested_at")`);
  }
}
