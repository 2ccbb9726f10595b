import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 9 finding 7: the events a requester caused by submitting online (SUBMITTED, and the
 * RECEIVED that submission is) and the request's `created_by` named the account the requester
 * happened to be signed in with, or "anonymous"; from now on they carry the fixed label
 * "申请人 / requester". This rewrites the rows stored before, which were never published.
 *
 * Such a request was submitted ONLINE and its SUBMITTED event's actor is its `created_by`; what
 * tells a requester's account from a staff member's who entered an online request by hand is
 * that a requester never does any handler's work: no other event, appeal or personal-data read
 * of this agency bears that account. The same SQL serves SQLite and PostgreSQL.
 */
export class Privacy20261212 extends Migration {
  override up(): void {
    const requester = `'申请人 / requester'`;
    const handlers = `
      select "actor" from "request_event" where "kind" not in ('SUBMITTED', 'RECEIVED')
      union select "created_by" from "request_appeal"
      union select "actor" from "personal_data_access"`;
    this.addSql(`create temporary table "requester_submitted" as
      select r."id", r."created_by" from "disclosure_request" r
      where r."channel" = 'ONLINE' and r."created_by" <> ${requester}
        and exists (select 1 from "request_event" e where e."request_id" = r."id" and e."kind" = 'SUBMITTED' and e."actor" = r."created_by")
        and r."created_by" not in (${handlers})`);
    this.addSql(`update "request_event" set "actor" = ${requester}
      where "kind" in ('SUBMITTED', 'RECEIVED')
        and exists (select 1 from "requester_submitted" s where s."id" = "request_event"."request_id" and s."created_by" = "request_event"."actor")`);
    this.addSql(`update "disclosure_request" set "created_by" = ${requester}
      where "id" in (select "id" from "requester_submitted")`);
    this.addSql(`drop table "requester_submitted"`);
  }
}
