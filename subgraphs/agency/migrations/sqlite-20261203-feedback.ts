import { Migration } from '@mikro-orm/migrations';

/** SQLite: public feedback (意见建议). */
export class SqliteFeedback20261203 extends Migration {
  override up(): void {
    this.addSql(`create table "feedback" ("id" text not null, "agency_code" text not null, "document_id" text null, "author_name" text null, "contact" text null, "text" text not null, "status" text check ("status" in ('PENDING', 'SHOWN', 'REJECTED')) not null default 'PENDING', "moderation_reason" text null, "moderated_at" datetime null, "moderated_by" text null, "answer" text null, "answered_at" datetime null, "answered_by" text null, "answer_hours" integer null, "created_at" datetime not null, primary key ("id"))`);
    this.addSql(`create index "feedback_status_index" on "feedback" ("status")`);
    this.addSql(`create index "feedback_created_at_id_index" on "feedback" ("created_at", "id")`);
    this.addSql(`create index "feedback_document_id_status_index" on "feedback" ("document_id", "status")`);
  }
}
