import { Migration } from '@mikro-orm/migrations';

/**
 * PostgreSQL: 获取信息的方式 on disclosure requests, and the e-mail address an e-mail delivery goes to.
 * Requests stored before asked for no way (null: the agency decides, Art. 40).
 */
export class PostgresqlDeliveryMethod20261222 extends Migration {
  override up(): void {
    this.addSql(`alter table "disclosure_request" add column "delivery_method" text check ("delivery_method" in ('PAPER_BY_POST', 'PAPER_COLLECTED', 'EMAIL', 'DISC', 'FAX', 'INSPECTION', 'ONLINE')) null, add column "delivery_email" varchar(254) null`);
  }
}
