import { Migration } from '@mikro-orm/migrations';

/** Release coordination on PostgreSQL: embargo holds, the participant's two-phase log, reprint links. */
export class PostgresqlReleaseHolds20261128 extends Migration {
  override up(): void {
    this.addSql(`create table "release_hold" ("document_id" varchar(64) not null, "plan_id" varchar(64) not null, "release_at" timestamptz not null, "prepared_at" timestamptz null, constraint "release_hold_pkey" primary key ("document_id", "plan_id"))`);
    this.addSql(`create index "release_hold_plan_id_index" on "release_hold" ("plan_id")`);
    this.addSql(`create table "coordinated_release" ("plan_id" varchar(64) not null, "state" text check ("state" in ('PREPARED', 'REFUSED', 'ABORTED', 'COMMITTED')) not null, "documents" jsonb not null, "problems" jsonb not null, "voted_at" timestamptz not null, "committed_at" timestamptz null, "released" jsonb null, constraint "coordinated_release_pkey" primary key ("plan_id"))`);
    this.addSql(`create table "document_reprint" ("document_id" varchar(64) not null, "source_id" varchar(64) not null, constraint "document_reprint_pkey" primary key ("document_id"))`);
  }
}
