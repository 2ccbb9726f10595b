import { Migration } from '@mikro-orm/migrations';
import { REQUEST_EVENT_KINDS } from './request-event-kinds';

/**
 * SQLite: the request events that issue 14's rules add (the fee paid, the late supplement accepted, the deemed withdrawal, the reasons asked for and given). SQLite cannot change a
 * column's check, so `request_event` is rebuilt with the new list and every row copied, ids kept;
 * `consultation` numbers the consultations of a request (Art. 32), null on stored rows.
 */
export class SqliteRequestRules20261223 extends Migration {
  override up(): void {
    this.addSql(`create table "request_event_new" ("id" integer not null primary key autoincrement, "request_id" text not null, "kind" text check ("kind" in (${REQUEST_EVENT_KINDS})) not null, "on" text not null, "days" integer null, "party" text check ("party" in ('THIRD_PARTY', 'CO_PRODUCER')) null, "consultation" integer null, "outcome" text check ("outcome" in ('DISCLOSED', 'PARTLY_DISCLOSED', 'NOT_DISCLOSED_STATE_SECRET', 'NOT_DISCLOSED_OTHER_LAW', 'NOT_DISCLOSED_THREE_SECURITIES_ONE_STABILITY', 'NOT_DISCLOSED_THIRD_PARTY_RIGHTS', 'NOT_DISCLOSED_INTERNAL_AFFAIRS', 'NOT_DISCLOSED_PROCESS_INFORMATION', 'NOT_DISCLOSED_LAW_ENFORCEMENT_CASE_FILE', 'NOT_DISCLOSED_ADMINISTRATIVE_ENQUIRY', 'CANNOT_PROVIDE_NOT_HELD', 'CANNOT_PROVIDE_NEEDS_CREATION', 'CANNOT_PROVIDE_STILL_UNCLEAR', 'NOT_PROCESSED_PETITION', 'NOT_PROCESSED_REPEAT', 'NOT_PROCESSED_PUBLICATION', 'NOT_PROCESSED_EXCESSIVE', 'NOT_PROCESSED_CONFIRM_OBTAINED', 'OTHER_NO_SUPPLEMENT', 'OTHER_FEE_UNPAID', 'OTHER')) null, "approver" text null, "detail" text null, "at" datetime not null, "actor" text not null)`);
    this.addSql(`insert into "request_event_new" ("id", "request_id", "kind", "on", "days", "party", "outcome", "approver", "detail", "at", "actor")
      select "id", "request_id", "kind", "on", "days", "party", "outcome", "approver", "detail", "at", "actor" from "request_event"`);
    this.addSql(`drop table "request_event"`);
    this.addSql(`alter table "request_event_new" rename to "request_event"`);
    this.addSql(`create index "request_event_request_id_index" on "request_event" ("request_id")`);
  }
}
