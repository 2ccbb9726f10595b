import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 待发邮件 — one e-mail the deployment owes someone (an alert to its responsible officers, a
 * letter to a requester), written in the same transaction as the event that causes it and sent by
 * the outbox worker until the mail server accepts it. `key` names what the mail is about, so the
 * same event never queues it twice.
 */
@Entity({ tableName: 'mail_outbox' })
@Index({ properties: ['sentAt', 'nextAttemptAt'] })
export class OutboxMailEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** What the mail is about, unique per deployment, e.g. `deadline-digest:2026-12-02`. */
  @Property({ type: 'string', length: 200, unique: true })
  key!: string;

  /** Addresses, comma-separated. */
  @Property({ type: 'text' })
  recipients!: string;

  @Property({ type: 'string', length: 300 })
  subject!: string;

  @Property({ type: 'text' })
  body!: string;

  /** A letter to attach as PDF, and to mark delivered when the server accepts the mail. */
  @Property({ type: 'string', length: 64, nullable: true })
  letterId!: string | null;

  /** A request whose released files (request_release_file) the mail carries as attachments. */
  @Property({ type: 'string', length: 64, nullable: true })
  releasedFilesOf?: string | null;

  @Property({ type: Date })
  queuedAt!: Date;

  /** Failed attempts so far. */
  @Property({ type: 'integer' })
  attempts!: number;

  @Property({ type: Date })
  nextAttemptAt!: Date;

  /** Set while a worker is sending it: no other worker claims it before then. */
  @Property({ type: Date, nullable: true })
  leaseUntil!: Date | null;

  /** When the mail server accepted it; never sent again after. */
  @Property({ type: Date, nullable: true })
  sentAt!: Date | null;

  /** When the mail server refused it for good (a 5xx answer): never tried again. */
  @Property({ type: Date, nullable: true })
  gaveUpAt!: Date | null;

  /** The mail server's last refusal or the connection error, for the operator. */
  @Property({ type: 'text', nullable: true })
  lastError!: string | null;
}
