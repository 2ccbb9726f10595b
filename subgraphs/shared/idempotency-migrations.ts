import { Migration } from '@mikro-orm/migrations';

// The same table in every subgraph database whose mutations take an Idempotency-Key (idempotency.ts):
// the agency deployments', the directory's and the news office's, each listing these under its own name.

/** SQLite: idempotency keys of mutations, each with the outcome it answered (kept 24 h). */
export class SqliteIdempotencyKeys extends Migration {
  override up(): void {
    this.addSql(`create table "idempotency_key" ("caller" text not null, "key" text not null, "operation" text not null, "request" text not null, "outcome" json null, "expires_at" datetime not null, primary key ("caller", "key", "operation"))`);
    this.addSql(`create index "idempotency_key_expires_at_index" on "idempotency_key" ("expires_at")`);
  }
}

/** PostgreSQL: idempotency keys of mutations, each with the outcome it answered (kept 24 h). */
export class PostgresqlIdempotencyKeys extends Migration {
  override up(): void {
    this.addSql(`create table "idempotency_key" ("caller" varchar(200) not null, "key" varchar(64) not null, "operation" varchar(64) not null, "request" varchar(64) not null, "outcome" jsonb null, "expires_at" timestamptz not null, constraint "idempotency_key_pkey" primary key ("caller", "key", "operation"))`);
    this.addSql(`create index "idempotency_key_expires_at_index" on "idempotency_key" ("expires_at")`);
  }
}
