import { Migration } from '@mikro-orm/migrations';

/**
 * SQLite: the statutory letters of each request (PDF kept as sent), the requester's PIN and the log
 * of the requester's page, and the mail outbox that delivers alerts and e-mailed letters.
 */
export class SqliteLetters20270104 extends Migration {
  override up(): void {
    this.addSql('create table `mail_outbox` (`id` integer not null primary key autoincrement, `key` text not null, `recipients` text not null, `subject` text not null, `body` text not null, `letter_id` text null, `queued_at` datetime not null, `attempts` integer not null, `next_attempt_at` datetime not null, `lease_until` datetime null, `sent_at` datetime null, `gave_up_at` datetime null, `last_error` text null)');
    this.addSql('create unique index `mail_outbox_key_unique` on `mail_outbox` (`key`)');
    this.addSql('create index `mail_outbox_sent_at_next_attempt_at_index` on `mail_outbox` (`sent_at`, `next_attempt_at`)');
    this.addSql('create table `requester_case_read` (`id` integer not null primary key autoincrement, `request_id` text not null, `at` datetime not null, `granted` integer not null)');
    this.addSql('create index `requester_case_read_request_id_at_index` on `requester_case_read` (`request_id`, `at`)');
    this.addSql("create table `request_letter` (`id` text not null, `request_id` text not null, `kind` text check (`kind` in ('SUPPLEMENT_NOTICE', 'EXTENSION_NOTICE', 'CONSULTATION_LETTER', 'REASONS_NOTICE', 'FEE_NOTICE', 'REPLY')) not null, `recipient` text check (`recipient` in ('REQUESTER', 'THIRD_PARTY')) not null, `title` text not null, `issued_on` text not null, `text` text not null, `layout` text not null, `pdf` blob null, `sha256` text null, `delivery_method` text check (`delivery_method` in ('PAPER_BY_POST', 'PAPER_COLLECTED', 'EMAIL', 'DISC', 'FAX', 'INSPECTION', 'ONLINE')) null, `delivered_on` text null, `email_refused` text null, `handed_over_by` text null, `issued_at` datetime not null, `issued_by` text not null, primary key (`id`))");
    this.addSql('create index `request_letter_request_id_index` on `request_letter` (`request_id`)');
    this.addSql('create index `request_letter_delivery_method_index` on `request_letter` (`delivery_method`)');
    this.addSql('alter table `disclosure_request` add column `access_pin_hash` text null');
  }
}
