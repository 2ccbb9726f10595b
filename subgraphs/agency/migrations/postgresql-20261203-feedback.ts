import { Migration } from '@mikro-orm/migrations';

/** PostgreSQL: public feedback (意见建议). */
export class PostgresqlFeedback20261203 extends Migration {
  override up(): void {
    this.addSql(`create table "feedback" ("id" varchar(64) not null, "agency_code" varchar(32) not null, "document_id" varchar(64) null, "author_name" varchar(50) null, "contact" varchar(200) null, "text" text not null, "status" text check ("status" in ('PENDING', 'SHOWN', 'REJECTED')) not null default 'PENDING', "moderation_reason" text null, "moderated_at" timestamptz null, "moderated_by" varchar(128) null, "answer" text null, "answered_at" timestamptz null, "answered_by" varchar(128) null, "answer_hours" int null, "created_at" timestamptz not null, constraint "feedback_pkey" primary key ("id"))`);
    this.addSql(`create index "feedback_status_index" on "feedback" ("status")`);
    this.addSql(`create index "feedback_created_at_id_index" on "feedback" ("created_at", "id")`);
    this.addSql(`create index "feedback_document_id_status_index" on "feedback" ("document_id", "status")`);
  }
}
