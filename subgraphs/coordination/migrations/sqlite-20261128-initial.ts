import { Migration } from '@mikro-orm/migrations';

/**
 * The coordination database on SQLite: release plans with participants and linked documents,
 * consistency findings, scan runs, and the staging tables a scan fills page by page (unit and
 * as-of are stored as '' when absent, so that equality in SQL groups them).
 */
export class SqliteInitial20261128 extends Migration {
  override up(): void {
    this.addSql(`create table "release_plan" ("id" text not null, "title" text not null, "kind" text check ("kind" in ('REGULAR', 'CLARIFICATION')) not null, "lead_agency" text not null, "release_at" datetime not null, "channels" json not null, "agreed_facts" json not null, "status" text check ("status" in ('DRAFT', 'CONFIRMED', 'COMMITTING', 'RELEASED', 'CANCELLED')) not null, "corrects_plan_id" text null, "corrects_document_ids" json not null, "failure" text null, "created_by" text not null, "created_at" datetime not null, "updated_at" datetime not null, "released_at" datetime null, "cancel_reason" text null, primary key ("id"))`);
    this.addSql(`create table "plan_participant" ("plan_id" text not null, "agency" text not null, "holds_pending" integer not null, "vote" text check ("vote" in ('PREPARED', 'REFUSED')) null, "problems" json not null, "committed_at" datetime null, "last_error" text null, primary key ("plan_id", "agency"))`);
    this.addSql(`create table "plan_document" ("plan_id" text not null, "document_id" text not null, "agency" text not null, "title" text not null, "content_hash" text not null, "key_facts" json not null, "linked_at" datetime not null, primary key ("plan_id", "document_id"))`);
    this.addSql(`create table "consistency_finding" ("id" text not null, "fingerprint" text not null, "scope" text not null, "kind" text check ("kind" in ('FACT_MISMATCH', 'MISSING_RELEASE', 'EARLY_RELEASE', 'CONTENT_DRIFT', 'DUPLICATE_DOC_NUMBER', 'STALE_REPRINT')) not null, "severity" text check ("severity" in ('LOW', 'MEDIUM', 'HIGH')) not null, "status" text check ("status" in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')) not null, "detail" text not null, "agencies" json not null, "documents" json not null, "evidence" json not null, "plan_id" text null, "first_seen_at" datetime not null, "last_seen_at" datetime not null, "last_seen_scan" integer not null, "resolved_at" datetime null, "acknowledged_by" text null, "note" text null, primary key ("id"))`);
    this.addSql(`create table "scan_run" ("id" integer not null primary key autoincrement, "scope" text not null, "started_at" datetime not null, "finished_at" datetime null, "documents" integer not null, "unreachable" json not null, "findings_seen" integer not null, "findings_resolved" integer not null)`);
    this.addSql(`create index "release_plan_release_at_id_index" on "release_plan" ("release_at", "id")`);
    this.addSql(`create index "release_plan_status_index" on "release_plan" ("status")`);
    this.addSql(`create index "plan_document_agency_index" on "plan_document" ("agency")`);
    this.addSql(`create unique index "consistency_finding_fingerprint_unique" on "consistency_finding" ("fingerprint")`);
    this.addSql(`create index "consistency_finding_scope_index" on "consistency_finding" ("scope")`);
    this.addSql(`create index "consistency_finding_first_seen_at_id_index" on "consistency_finding" ("first_seen_at", "id")`);
    this.addSql(`create index "consistency_finding_kind_status_index" on "consistency_finding" ("kind", "status")`);
    this.addSql(`create table "scan_document" ("scan_id" integer not null, "id" text not null, "agency" text not null, "doc_number" text null, "doc_number_norm" text null, "title" text not null, "issuers" text not null, "content_hash" text not null, "validity" text not null, "published_at" text null, "reprint_of" text null)`);
    this.addSql(`create index "scan_document_number_index" on "scan_document" ("scan_id", "doc_number_norm")`);
    this.addSql(`create index "scan_document_id_index" on "scan_document" ("scan_id", "id")`);
    this.addSql(`create index "scan_document_reprint_index" on "scan_document" ("scan_id", "reprint_of")`);
    this.addSql(`create table "scan_fact" ("scan_id" integer not null, "document_id" text not null, "agency" text not null, "subject" text not null, "value" text not null, "unit" text not null, "as_of" text not null)`);
    this.addSql(`create index "scan_fact_subject_index" on "scan_fact" ("scan_id", "subject", "as_of")`);
  }
}
