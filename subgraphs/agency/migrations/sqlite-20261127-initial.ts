import { Migration } from '@mikro-orm/migrations';

/** The agency database on SQLite: documents, their parts, penalty decisions and the FTS5 index. */
export class SqliteInitial20261127 extends Migration {
  override up(): void {
    this.addSql(`create table "attachment" ("id" integer not null primary key autoincrement, "document_id" text not null, "file_name" text not null, "media_type" text not null, "size_bytes" bigint not null)`);
    this.addSql(`create index "attachment_document_id_index" on "attachment" ("document_id")`);
    this.addSql(`create table "confidentiality_review" ("id" integer not null primary key autoincrement, "document_id" text not null, "reviewer" text not null, "reviewed_at" datetime not null, "result" text check ("result" in ('APPROVED', 'REFUSED')) not null, "note" text null)`);
    this.addSql(`create index "confidentiality_review_document_id_index" on "confidentiality_review" ("document_id")`);
    this.addSql(`create table "document" ("id" text not null, "agency_code" text not null, "index_number" text not null, "doc_number" text null, "doc_number_norm" text null, "title" text not null, "summary" text null, "body" text not null, "theme" text not null, "theme_code" text not null, "genre" text not null, "formed_on" text not null, "publish_due_on" text not null, "publish_due_provisional" integer not null default false, "published_at" datetime null, "listed_at" datetime not null, "disclosure" text check ("disclosure" in ('PROACTIVE', 'ON_REQUEST', 'NOT_DISCLOSED')) not null, "exemption_ground" text check ("exemption_ground" in ('STATE_SECRET', 'OTHER_LAW', 'THREE_SECURITIES_ONE_STABILITY', 'THIRD_PARTY_RIGHTS', 'INTERNAL_AFFAIRS', 'PROCESS_INFORMATION', 'LAW_ENFORCEMENT_CASE_FILE')) null, "validity" text check ("validity" in ('EFFECTIVE', 'AMENDED', 'REPEALED', 'EXPIRED')) not null default 'EFFECTIVE', "status" text check ("status" in ('DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'WITHDRAWN')) not null default 'DRAFT', "channels" json not null, "co_issuers" json not null, "version" integer not null default 0, "withdrawal_reason" text null, "withdrawn_at" datetime null, "created_by" text not null, "created_at" datetime not null, "updated_at" datetime not null, primary key ("id"))`);
    this.addSql(`create unique index "document_index_number_unique" on "document" ("index_number")`);
    this.addSql(`create index "document_doc_number_norm_index" on "document" ("doc_number_norm")`);
    this.addSql(`create index "document_status_index" on "document" ("status")`);
    this.addSql(`create index "document_listed_at_id_index" on "document" ("listed_at", "id")`);
    this.addSql(`create table "document_event" ("id" integer not null primary key autoincrement, "document_id" text not null, "kind" text check ("kind" in ('CREATED', 'EDITED', 'SUBMITTED', 'APPROVED', 'REFUSED', 'PUBLISHED', 'REVISED', 'VALIDITY_CHANGED', 'WITHDRAWN')) not null, "at" datetime not null, "actor" text not null, "note" text null)`);
    this.addSql(`create index "document_event_document_id_index" on "document_event" ("document_id")`);
    this.addSql(`create table "document_version" ("id" integer not null primary key autoincrement, "document_id" text not null, "version" integer not null, "title" text not null, "summary" text null, "body" text not null, "doc_number" text null, "key_facts" json not null, "reason" text not null, "created_at" datetime not null, "created_by" text not null)`);
    this.addSql(`create index "document_version_document_id_version_index" on "document_version" ("document_id", "version")`);
    this.addSql(`create table "key_fact" ("id" integer not null primary key autoincrement, "document_id" text not null, "position" integer not null, "subject" text not null, "value" text not null, "unit" text null, "as_of" text null)`);
    this.addSql(`create index "key_fact_subject_index" on "key_fact" ("subject")`);
    this.addSql(`create index "key_fact_document_id_position_index" on "key_fact" ("document_id", "position")`);
    this.addSql(`create table "penalty_decision" ("id" text not null, "agency_code" text not null, "case_number" text not null, "party_kind" text check ("party_kind" in ('ENTERPRISE', 'NATURAL_PERSON')) not null, "party_name" text not null, "party_id_number" text not null, "facts" text not null, "legal_basis" text not null, "penalty" text not null, "decided_on" text not null, "minor" integer not null, "publish_due_on" text not null, "publish_due_provisional" integer not null default false, "status" text check ("status" in ('PENDING', 'PUBLISHED', 'WITHDRAWN')) not null default 'PENDING', "published_at" datetime null, "listed_at" datetime not null, "display_until" text null, "revoked_on" text null, "withdraw_due_on" text null, "withdrawn_at" datetime null, "withdrawal_reason" text null, "created_by" text not null, "created_at" datetime not null, primary key ("id"))`);
    this.addSql(`create unique index "penalty_decision_case_number_unique" on "penalty_decision" ("case_number")`);
    this.addSql(`create index "penalty_decision_listed_at_id_index" on "penalty_decision" ("listed_at", "id")`);
    this.addSql(`create table "serial_counter" ("key" text not null, "last" integer not null, primary key ("key"))`);
    this.addSql(`create virtual table "document_fts" using fts5(doc_id unindexed, title, summary, body, doc_number, tokenize = 'unicode61 remove_diacritics 0')`);
  }
}
