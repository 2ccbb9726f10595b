import { Migration } from '@mikro-orm/migrations';

/** The agency database on PostgreSQL: documents, their parts, penalty decisions and the tsvector index. */
export class PostgresqlInitial20261127 extends Migration {
  override up(): void {
    this.addSql(`create table "attachment" ("id" serial primary key, "document_id" varchar(64) not null, "file_name" varchar(255) not null, "media_type" varchar(100) not null, "size_bytes" bigint not null)`);
    this.addSql(`create index "attachment_document_id_index" on "attachment" ("document_id")`);
    this.addSql(`create table "confidentiality_review" ("id" serial primary key, "document_id" varchar(64) not null, "reviewer" varchar(128) not null, "reviewed_at" timestamptz not null, "result" text check ("result" in ('APPROVED', 'REFUSED')) not null, "note" text null)`);
    this.addSql(`create index "confidentiality_review_document_id_index" on "confidentiality_review" ("document_id")`);
    this.addSql(`create table "document" ("id" varchar(64) not null, "agency_code" varchar(32) not null, "index_number" varchar(64) not null, "doc_number" varchar(128) null, "doc_number_norm" varchar(128) null, "title" varchar(500) not null, "summary" text null, "body" text not null, "theme" varchar(64) not null, "theme_code" varchar(8) not null, "genre" varchar(32) not null, "formed_on" varchar(10) not null, "publish_due_on" varchar(10) not null, "publish_due_provisional" boolean not null default false, "published_at" timestamptz null, "listed_at" timestamptz not null, "disclosure" text check ("disclosure" in ('PROACTIVE', 'ON_REQUEST', 'NOT_DISCLOSED')) not null, "exemption_ground" text check ("exemption_ground" in ('STATE_SECRET', 'OTHER_LAW', 'THREE_SECURITIES_ONE_STABILITY', 'THIRD_PARTY_RIGHTS', 'INTERNAL_AFFAIRS', 'PROCESS_INFORMATION', 'LAW_ENFORCEMENT_CASE_FILE')) null, "validity" text check ("validity" in ('EFFECTIVE', 'AMENDED', 'REPEALED', 'EXPIRED')) not null default 'EFFECTIVE', "status" text check ("status" in ('DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'WITHDRAWN')) not null default 'DRAFT', "channels" jsonb not null, "co_issuers" jsonb not null, "version" int not null default 0, "withdrawal_reason" text null, "withdrawn_at" timestamptz null, "created_by" varchar(128) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "document_pkey" primary key ("id"))`);
    this.addSql(`alter table "document" add constraint "document_index_number_unique" unique ("index_number")`);
    this.addSql(`create index "document_doc_number_norm_index" on "document" ("doc_number_norm")`);
    this.addSql(`create index "document_status_index" on "document" ("status")`);
    this.addSql(`create index "document_listed_at_id_index" on "document" ("listed_at", "id")`);
    this.addSql(`create table "document_event" ("id" serial primary key, "document_id" varchar(64) not null, "kind" text check ("kind" in ('CREATED', 'EDITED', 'SUBMITTED', 'APPROVED', 'REFUSED', 'PUBLISHED', 'REVISED', 'VALIDITY_CHANGED', 'WITHDRAWN')) not null, "at" timestamptz not null, "actor" varchar(128) not null, "note" text null)`);
    this.addSql(`create index "document_event_document_id_index" on "document_event" ("document_id")`);
    this.addSql(`create table "document_version" ("id" serial primary key, "document_id" varchar(64) not null, "version" int not null, "title" varchar(500) not null, "summary" text null, "body" text not null, "doc_number" varchar(128) null, "key_facts" jsonb not null, "reason" text not null, "created_at" timestamptz not null, "created_by" varchar(128) not null)`);
    this.addSql(`create index "document_version_document_id_version_index" on "document_version" ("document_id", "version")`);
    this.addSql(`create table "key_fact" ("id" serial primary key, "document_id" varchar(64) not null, "position" int not null, "subject" varchar(200) not null, "value" varchar(100) not null, "unit" varchar(32) null, "as_of" varchar(10) null)`);
    this.addSql(`create index "key_fact_subject_index" on "key_fact" ("subject")`);
    this.addSql(`create index "key_fact_document_id_position_index" on "key_fact" ("document_id", "position")`);
    this.addSql(`create table "penalty_decision" ("id" varchar(64) not null, "agency_code" varchar(32) not null, "case_number" varchar(128) not null, "party_kind" text check ("party_kind" in ('ENTERPRISE', 'NATURAL_PERSON')) not null, "party_name" varchar(200) not null, "party_id_number" varchar(32) not null, "facts" text not null, "legal_basis" text not null, "penalty" text not null, "decided_on" varchar(10) not null, "minor" boolean not null, "publish_due_on" varchar(10) not null, "publish_due_provisional" boolean not null default false, "status" text check ("status" in ('PENDING', 'PUBLISHED', 'WITHDRAWN')) not null default 'PENDING', "published_at" timestamptz null, "listed_at" timestamptz not null, "display_until" varchar(10) null, "revoked_on" varchar(10) null, "withdraw_due_on" varchar(10) null, "withdrawn_at" timestamptz null, "withdrawal_reason" text null, "created_by" varchar(128) not null, "created_at" timestamptz not null, constraint "penalty_decision_pkey" primary key ("id"))`);
    this.addSql(`alter table "penalty_decision" add constraint "penalty_decision_case_number_unique" unique ("case_number")`);
    this.addSql(`create index "penalty_decision_listed_at_id_index" on "penalty_decision" ("listed_at", "id")`);
    this.addSql(`create table "serial_counter" ("key" varchar(64) not null, "last" int not null, constraint "serial_counter_pkey" primary key ("key"))`);
    this.addSql(`create table "document_search" ("document_id" varchar(64) not null primary key, "vector" tsvector not null)`);
    this.addSql(`create index "document_search_vector_index" on "document_search" using gin ("vector")`);
  }
}
