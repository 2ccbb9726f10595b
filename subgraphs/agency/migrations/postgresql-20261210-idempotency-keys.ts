import { Migration } from '@mikro-orm/migrations';

/** PostgreSQL: idempotency keys of mutations, each with the outcome it answered (kept 24 h). */
export class PostgresqlIdempotencyKeys20261210 extends Migration {
  override up(): void {
    this.addSql(`create table "idempotency_key" ("caller" varchar(200) not null, "key" varchar(64) not null, "operation" varchar(64) not null, "request" varchar(64) not null, "outcome" jsonb null, "expires_at" timestamptz not null, constraint "idempotency_key_pkey" primary key ("caller", "key", "operation"))`);
    this.addSql(`create index "idempotency_key_expires_at_index" on "idempotency_key" ("expires_at")`);
  }
}
