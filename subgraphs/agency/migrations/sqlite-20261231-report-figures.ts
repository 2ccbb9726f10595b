import { Migration } from '@mikro-orm/migrations';

/** SQLite: table 2's entered figures (permits, compulsory measures, fees) with their source, and the tables frozen at publication. */
export class SqliteReportFigures20261231 extends Migration {
  override up(): void {
    this.addSql(`alter table "annual_report_text" add column "permit_decisions" integer null`);
    this.addSql(`alter table "annual_report_text" add column "compulsory_measure_decisions" integer null`);
    this.addSql(`alter table "annual_report_text" add column "fee_amount_yuan" integer null`);
    this.addSql(`alter table "annual_report_text" add column "figures_source" text null`);
    this.addSql(`alter table "annual_report_text" add column "frozen_tables" text null`);
  }
}
