import { Migration } from '@mikro-orm/migrations';

/** PostgreSQL: table 2's entered figures (permits, compulsory measures, fees) with their source, and the tables frozen at publication. */
export class PostgresqlReportFigures20261231 extends Migration {
  override up(): void {
    this.addSql(`alter table "annual_report_text" add column "permit_decisions" int null, add column "compulsory_measure_decisions" int null, add column "fee_amount_yuan" int null, add column "figures_source" text null, add column "frozen_tables" text null`);
  }
}
