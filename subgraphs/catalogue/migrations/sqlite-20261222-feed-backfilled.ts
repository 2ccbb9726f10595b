import { Migration } from '@mikro-orm/migrations';

/** Sqlite: when the catalogue first caught up with each agency's log (catalogue_feed.backfilled_at). */
export class SqliteFeedBackfilled20261222 extends Migration {
  override up(): void {
    this.addSql(`alter table "catalogue_feed" add column "backfilled_at" datetime null`);
  }
}
