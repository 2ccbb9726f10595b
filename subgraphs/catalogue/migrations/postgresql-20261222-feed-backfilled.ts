import { Migration } from '@mikro-orm/migrations';

/** PostgreSQL: when the catalogue first caught up with each agency's log (catalogue_feed.backfilled_at). */
export class PostgresqlFeedBackfilled20261222 extends Migration {
  override up(): void {
    this.addSql(`alter table "catalogue_feed" add column "backfilled_at" timestamptz null`);
  }
}
