import { Migration } from '@mikro-orm/migrations';

/** Release coordination on SQLite: embargo holds, the participant's two-phase log, reprint links. */
export class SqliteReleaseHolds20261128 extends Migration {
  override up(): void {
    this.addSql(`create table "release_hold" ("document_id" text not null, "plan_id" text not null, "release_at" datetime not null, "prepared_at" datetime null, primary key ("document_id", "plan_id"))`);
    this.addSql(`create index "release_hold_plan_id_index" on "release_hold" ("plan_id")`);
    this.addSql(`create table "coordinated_release" ("plan_id" text not null, "state" text check ("state" in ('PREPARED', 'REFUSED', 'ABORTED', 'COMMITTED')) not null, "documents" json not null, "problems" json not null, "voted_at" datetime not null, "committed_at" datetime null, "released" json null, primary key ("plan_id"))`);
    this.addSql(`create table "document_reprint" ("document_id" text not null, "source_id" text not null, primary key ("document_id"))`);
  }
}
