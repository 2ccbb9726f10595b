import { Migration } from '@mikro-orm/migrations';

/**
 * PostgreSQL: the statutory letters of each request (PDF kept as sent), the requester's PIN and the log
 * of the requester's page, and the mail outbox that delivers alerts and e-mailed letters.
 */
export class PostgresqlLetters20270104 extends Migration {
  override up(): void {
    this.addSql('create table "mail_outbox" ("id" serial primary key, "key" varchar(200) not null, "recipients" text not null, "subject" varchar(300) not null, "body" text not null, "letter_id" varchar(64) null, "queued_at" timestamptz not null, "attempts" int not null, "next_attempt_at" timestamptz not null, "lease_until" timestamptz null, "sent_at" timestamptz null, "gave_up_at" timestamptz null, "last_error" text null)');
    this.addSql('alter table "mail_outbox" add constraint "mail_outbox_key_unique" unique ("key")');
    this.addSql('create index "mail_outbox_sent_at_next_attempt_at_index" on "mail_outbox" ("sent_at", "next_attempt_at")');
    this.addSql('create table "requester_case_read" ("id" serial primary key, "request_id" varchar(64) not null, "at" timestamptz not null, "granted" boolean not null)');
    this.addSql('create index "requester_case_read_request_id_at_index" on "requester_case_read" ("request_id", "at")');
    this.addSql("create table \"request_letter\" (\"id\" varchar(64) not null, \"request_id\" varchar(64) not null, \"kind\" text check (\"kind\" in ('SUPPLEMENT_NOTICE', 'EXTENSION_NOTICE', 'CONSULTATION_LETTER', 'REASONS_NOTICE', 'FEE_NOTICE', 'REPLY')) not null, \"recipient\" text check (\"recipient\" in ('REQUESTER', 'THIRD_PARTY')) not null, \"title\" varchar(100) not null, \"issued_on\" varchar(10) not null, \"text\" text not null, \"layout\" text not null, \"pdf\" bytea null, \"sha256\" varchar(64) null, \"delivery_method\" text check (\"delivery_method\" in ('PAPER_BY_POST', 'PAPER_COLLECTED', 'EMAIL', 'DISC', 'FAX', 'INSPECTION', 'ONLINE')) null, \"delivered_on\" varchar(10) null, \"email_refused\" text null, \"handed_over_by\" varchar(128) null, \"issued_at\" timestamptz not null, \"issued_by\" varchar(128) not null, constraint \"request_letter_pkey\" primary key (\"id\"))");
    this.addSql('create index "request_letter_request_id_index" on "request_letter" ("request_id")');
    this.addSql('create index "request_letter_delivery_method_index" on "request_letter" ("delivery_method")');
    this.addSql('alter table "disclosure_request" add column "access_pin_hash" varchar(200) null');
  }
}
