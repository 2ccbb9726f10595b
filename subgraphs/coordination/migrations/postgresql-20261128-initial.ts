import { Migration } from '@mikro-orm/migrations';

/**
 * The coordination database on PostgreSQL: release plans with participants and linked documents,
 * consistency findings, scan runs, and the staging tables a scan fills page by page (unit and
 * as-of are stored as '' when absent, so that equality in SQL groups them).
 */
export class PostgresqlInitial20261128 extends Migration {
  override up(): void {
    this.addSql(`create table "release_plan" ("id" varchar(64) not null, "title" varchar(500) not null, "kind" text check ("kind" in ('REGULAR', 'CLARIFICATION')) not null, "lead_agency" varchar(32) not null, "release_at" timestamptz not null, "channels" jsonb not null, "agreed_facts" jsonb not null, "status" text check ("status" in ('DRAFT', 'CONFIRMED', 'COMMITTING', 'RELEASED', 'CANCELLED')) not null, "corrects_plan_id" varchar(64) null, "corrects_document_ids" jsonb not null, "failure" text null, "created_by" varchar(128) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "released_at" timestamptz null, "cancel_reason" text null, constraint "release_plan_pkey" primary key ("id"))`);
    this.addSql(`create table "plan_participant" ("plan_id" varchar(64) not null, "agency" varchar(32) not null, "holds_pending" boolean not null, "vote" text check ("vote" in ('PREPARED', 'REFUSED')) null, "problems" jsonb not null, "committed_at" timestamptz null, "last_error" text null, constraint "plan_participant_pkey" primary key ("plan_id", "agency"))`);
    this.addSql(`create table "plan_document" ("plan_id" varchar(64) not null, "document_id" varchar(64) not null, "agency" varchar(32) not null, "title" varchar(500) not null, "content_hash" varchar(64) not null, "key_facts" jsonb not null, "linked_at" timestamptz not null, constraint "plan_document_pkey" primary key ("plan_id", "document_id"))`);
    this.addSql(`create table "consistency_finding" ("id" varchar(40) not null, "fingerprint" varchar(600) not null, "scope" varchar(80) not null, "kind" text check ("kind" in ('FACT_MISMATCH', 'MISSING_RELEASE', 'EARLY_RELEASE', 'CONTENT_DRIFT', 'DUPLICATE_DOC_NUMBER', 'STALE_REPRINT')) not null, "severity" text check ("severity" in ('LOW', 'MEDIUM', 'HIGH')) not null, "status" text check ("status" in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')) not null, "detail" text not null, "agencies" jsonb not null, "documents" jsonb not null, "evidence" jsonb not null, "plan_id" varchar(64) null, "first_seen_at" timestamptz not null, "last_seen_at" timestamptz not null, "last_seen_scan" int not null, "resolved_at" timestamptz null, "acknowledged_by" varchar(128) null, "note" text null, constraint "consistency_finding_pkey" primary key ("id"))`);
    this.addSql(`create table "scan_run" ("id" serial primary key, "scope" varchar(80) not null, "started_at" timestamptz not null, "finished_at" timestamptz null, "documents" int not null, "unreachable" jsonb not null, "findings_seen" int not null, "findings_resolved" int not null)`);
    this.addSql(`create index "release_plan_release_at_id_index" on "release_plan" ("release_at", "id")`);
    this.addSql(`create index "release_plan_status_index" on "release_plan" ("status")`);
    this.addSql(`create index "plan_document_agency_index" on "plan_document" ("agency")`);
    this.addSql(`create unique index "consistency_finding_fingerprint_unique" on "consistency_finding" ("fingerprint")`);
    this.addSql(`create index "consistency_finding_scope_index" on "consistency_finding" ("scope")`);
    this.addSql(`create index "consistency_finding_first_seen_at_id_index" on "consistency_finding" ("first_seen_at", "id")`);
    this.addSql(`create index "consistency_finding_kind_status_index" on "consistency_finding" ("kind", "status")`);
    this.addSql(`create table "scan_document" ("scan_id" int not null, "id" text not null, "agency" text not null, "doc_number" text null, "doc_number_norm" text null, "title" text not null, "issuers" text not null, "content_hash" text not null, "validity" text not null, "published_at" text null, "reprint_of" text null)`);
    this.addSql(`create index "scan_document_number_index" on "scan_document" ("scan_id", "doc_number_norm")`);
    this.addSql(`create index "scan_document_id_index" on "scan_document" ("scan_id", "id")`);
    this.addSql(`create index "scan_document_reprint_index" on "scan_document" ("scan_id", "reprint_of")`);
    this.addSql(`create table "scan_fact" ("scan_id" int not null, "document_id" text not null, "agency" text not null, "subject" text not null, "value" text not null, "unit" text not null, "as_of" text not null)`);
    this.addSql(`create index "scan_fact_subject_index" on "scan_fact" ("scan_id", "subject", "as_of")`);
  }
}
