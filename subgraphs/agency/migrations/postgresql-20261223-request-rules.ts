import { Migration } from '@mikro-orm/migrations';
import { REQUEST_EVENT_KINDS } from './request-event-kinds';

/**
 * PostgreSQL: the request events that issue 14's rules add (the fee paid, the late supplement accepted, the deemed withdrawal, the reasons asked for and given): the check on
 * `request_event.kind` is replaced by one that lists them; `consultation` numbers the consultations
 * of a request (several of one party kind, Art. 32). Stored rows keep null there: one per kind.
 */
export class PostgresqlRequestRules20261223 extends Migration {
  override up(): void {
    this.addSql(`alter table "request_event" drop constraint if exists "request_event_kind_check"`);
    this.addSql(`alter table "request_event" add constraint "request_event_kind_check" check ("kind" in (${REQUEST_EVENT_KINDS}))`);
    this.addSql(`alter table "request_event" add column "consultation" int null`);
  }
}
