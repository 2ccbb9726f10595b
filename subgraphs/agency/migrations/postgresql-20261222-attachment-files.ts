import { Migration } from '@mikro-orm/migrations';

/**
 * Postgresql: attachment files. Each attachment gets its number within its document (the
 * existing ones numbered in the order they were recorded), the content hash of its file and
 * whether it waits in a revision (a file at most once per document); the files themselves are
 * stored once per hash (bytea).
 */
export class PostgresqlAttachmentFiles20261222 extends Migration {
  override up(): void {
    this.addSql(`create table "attachment_file" ("sha256" varchar(64) not null, "content" bytea not null, "size_bytes" int not null, "created_at" timestamptz not null, constraint "attachment_file_pkey" primary key ("sha256"))`);
    this.addSql(`alter table "attachment" add column "number" int not null default 0, add column "sha256" varchar(64) null, add column "in_revision" boolean not null default false`);
    this.addSql(`update "attachment" set "number" = (select count(*) from "attachment" as "a" where "a"."document_id" = "attachment"."document_id" and "a"."id" <= "attachment"."id")`);
    this.addSql(`alter table "attachment" alter column "number" drop default`);
    this.addSql(`alter table "attachment" add constraint "attachment_document_id_number_unique" unique ("document_id", "number")`);
    this.addSql(`alter table "attachment" add constraint "attachment_document_id_sha256_unique" unique ("document_id", "sha256")`);
  }
}
