import { Migration } from '@mikro-orm/migrations';

/**
 * SQLite: the files released to the requester with a reply (request_release_file), which reply
 * mail carries them, and which released file each requester's download attempt asked for.
 */
export class SqliteReleasedFiles20270105 extends Migration {
  override up(): void {
    this.addSql('create table `request_release_file` (`id` integer not null primary key autoincrement, `request_id` text not null, `number` integer not null, `file_name` text not null, `media_type` text not null, `bytes` integer not null, `sha256` text not null, `content` blob not null, `uploaded_at` datetime not null, `uploaded_by` text not null)');
    this.addSql('create unique index `request_release_file_request_id_sha256_unique` on `request_release_file` (`request_id`, `sha256`)');
    this.addSql('create unique index `request_release_file_request_id_number_unique` on `request_release_file` (`request_id`, `number`)');
    this.addSql('alter table `mail_outbox` add column `released_files_of` text null');
    this.addSql('alter table `requester_case_read` add column `file_number` integer null');
  }
}
