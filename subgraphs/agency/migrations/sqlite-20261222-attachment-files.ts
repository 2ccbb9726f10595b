import { Migration } from '@mikro-orm/migrations';

/**
 * Sqlite: attachment files. Each attachment gets its number within its document (the existing
 * ones numbered in the order they were recorded), the content hash of its file and whether it
 * waits in a revision (a file at most once per document); the files themselves are stored once
 * per hash (blob).
 */
export class SqliteAttachmentFiles20261222 extends Migration {
  override up(): void {
    this.addSql(`create table "attachment_file" ("sha256" text not null, "content" blob not null, "size_bytes" integer not null, "created_at" datetime not null, primary key ("sha256"))`);
    // SQLite adds a NOT NULL column only with a default; every row is numbered just after.
    this.addSql(`alter table "attachment" add column "number" integer not null default 0`);
    this.addSql(`alter table "attachment" add column "sha256" text null`);
    this.addSql(`alter table "attachment" add column "in_revision" integer not null default 0`);
    this.addSql(`update "attachment" set "number" = (select count(*) from "attachment" as "a" where "a"."document_id" = "attachment"."document_id" and "a"."id" <= "attachment"."id")`);
    this.addSql(`create unique index "attachment_document_id_number_unique" on "attachment" ("document_id", "number")`);
    this.addSql(`create unique index "attachment_document_id_sha256_unique" on "attachment" ("document_id", "sha256")`);
  }
}
