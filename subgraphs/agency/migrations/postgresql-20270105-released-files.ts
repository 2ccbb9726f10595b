import { Migration } from '@mikro-orm/migrations';

/**
 * PostgreSQL: the files released to the requester with a reply (request_release_file), which reply
 * mail carries them, and which released file each requester's download attempt asked for.
 */
export class PostgresqlReleasedFiles20270105 extends Migration {
  override up(): void {
    this.addSql('create table "request_release_file" ("id" serial primary key, "request_id" varchar(64) not null, "number" int not null, "file_name" varchar(255) not null, "media_type" varchar(128) not null, "bytes" int not null, "sha256" varchar(64) not null, "content" bytea not null, "uploaded_at" timestamptz not null, "uploaded_by" varchar(128) not null)');
    this.addSql('alter table "request_release_file" add constraint "request_release_file_request_id_sha256_unique" unique ("request_id", "sha256")');
    this.addSql('alter table "request_release_file" add constraint "request_release_file_request_id_number_unique" unique ("request_id", "number")');
    this.addSql('alter table "mail_outbox" add column "released_files_of" varchar(64) null');
    this.addSql('alter table "requester_case_read" add column "file_number" int null');
  }
}
