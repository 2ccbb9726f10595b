import { Migration } from '@mikro-orm/migrations';

/** Four-eyes on PostgreSQL: the pending revision of a published document, reviewed before it replaces the public text. */
export class PostgresqlFourEyes20261211 extends Migration {
  override up(): void {
    this.addSql(`create table "document_revision" ("document_id" varchar(64) not null, "status" text check ("status" in ('DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'WITHDRAWN')) not null, "title" varchar(500) not null, "summary" text null, "body" text not null, "theme" varchar(64) not null, "theme_code" varchar(8) not null, "genre" varchar(32) not null, "doc_number" varchar(128) null, "doc_number_norm" varchar(128) null, "channels" jsonb not null, "co_issuers" jsonb not null, "key_facts" jsonb not null, "reason" text not null, "authors" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "document_revision_pkey" primary key ("document_id"))`);
  }
}
