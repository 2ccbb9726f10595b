import { Migration } from '@mikro-orm/migrations';

/**
 * SQLite: the SAMR publicity class of each penalty decision. A decision stored before was either
 * minor (the 3-month class: 通报批评 or a small fine) or not (the standard period).
 */
export class SqlitePenaltyCategory20261230 extends Migration {
  override up(): void {
    this.addSql(`alter table "penalty_decision" add column "category" text check ("category" in ('SIMPLIFIED_PROCEDURE', 'WARNING_ONLY', 'CRITICISM_OR_SMALL_FINE', 'STANDARD')) not null default 'STANDARD'`);
    this.addSql(`update "penalty_decision" set "category" = 'CRITICISM_OR_SMALL_FINE' where "minor" = 1`);
  }
}
