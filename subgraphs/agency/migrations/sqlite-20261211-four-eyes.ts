import { Migration } from '@mikro-orm/migrations';

/** Four-eyes on SQLite: the pending revision of a published document, reviewed before it replaces the public text. */
export class SqliteFourEyes20261211 extends Migration {
  override up(): void {
    this.addSql(`create table "document_revision" ("document_id" text not null, "status" text check ("status" in ('DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'WITHDRAWN')) not null, "title" text not null, "summary" text null, "body" text not null, "theme" text not null, "theme_code" text not null, "genre" text not null, "doc_number" text null, "doc_number_norm" text null, "channels" json not null, "co_issuers" json not null, "key_facts" json not null, "reason" text not null, "authors" json not null, "created_at" datetime not null, "updated_at" datetime not null, primary key ("document_id"))`);
  }
}
