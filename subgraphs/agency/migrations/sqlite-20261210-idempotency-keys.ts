import { Migration } from '@mikro-orm/migrations';

/** SQLite: idempotency keys of mutations, each with the outcome it answered (kept 24 h). */
export class SqliteIdempotencyKeys20261210 extends Migration {
  override up(): void {
    this.addSql(`create table "idempotency_key" ("caller" text not null, "key" text not null, "operation" text not null, "request" text not null, "outcome" json null, "expires_at" datetime not null, primary key ("caller", "key", "operation"))`);
    this.addSql(`create index "idempotency_key_expires_at_index" on "idempotency_key" ("expires_at")`);
  }
}
