import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import {
  AppealKind, AppealResult, ConsultationParty, DeliveryMethod, RequestChannel, RequestEventKind, RequestOutcome, RequestStatus, RequesterKind,
} from './request-enums';

/**
 * 依申请公开 — a disclosure request to this agency. The events are the record; the dates and
 * status here are derived from them (services/request-clock.ts) and stored so that lists, the
 * annual report and supervision can be answered by SQL. Dates are "YYYY-MM-DD" strings in China
 * time, so the same SQL compares them on both engines.
 */
@Entity({ tableName: 'disclosure_request' })
@Index({ properties: ['listedAt', 'id'] })
@Index({ properties: ['receivedOn', 'closedOn'] })
export class DisclosureRequestEntity {
  [OptionalProps]?: 'replyDueProvisional' | 'excessive' | 'feeYuan' | 'version';

  /** "fjdrc:r0000001". */
  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  @Property({ type: 'string', length: 32 })
  agencyCode!: string;

  /** What the requester follows progress with: agency code + random, no personal data. */
  @Property({ type: 'string', length: 64, unique: true })
  trackingCode!: string;

  @Enum({ items: () => RequesterKind, type: 'string' })
  requesterKind!: RequesterKind;

  /** Personal data: read only by the agency's disclosure officers and admin, every read logged. */
  @Property({ type: 'string', length: 200 })
  requesterName!: string;

  /** Resident id (natural person) or unified social credit code (organisation); personal data. */
  @Property({ type: 'string', length: 32, nullable: true })
  idNumber?: string | null;

  /** Personal data. */
  @Property({ type: 'string', length: 200 })
  contact!: string;

  @Enum({ items: () => RequestChannel, type: 'string' })
  channel!: RequestChannel;

  @Property({ type: 'text' })
  description!: string;

  /** 获取信息的方式 the requester asked for; null when none (the agency then chooses, Art. 40). */
  @Enum({ items: () => DeliveryMethod, type: 'string', nullable: true })
  deliveryMethod?: DeliveryMethod | null;

  /** Where to send the information when it goes by e-mail; personal data. */
  @Property({ type: 'string', length: 254, nullable: true })
  deliveryEmail?: string | null;

  @Property({ type: 'string', length: 10 })
  submittedOn!: string;

  /** Art. 31 receipt date; null until confirmed (ordinary post, fax, online entered by staff). */
  @Property({ type: 'string', length: 10, nullable: true })
  receivedOn?: string | null;

  @Index()
  @Enum({ items: () => RequestStatus, type: 'string' })
  status!: RequestStatus;

  /**
   * The next date the agency must meet, for lists (`overdue`), supervision and the deadline watch:
   * the reply due date, or while the receipt is unconfirmed the last day to confirm it (Art. 31).
   * The API's `replyDueOn` is the reply due date only (from the clock).
   */
  @Property({ type: 'string', length: 10, nullable: true })
  replyDueOn?: string | null;

  @Property({ type: 'boolean' })
  replyDueProvisional: boolean = false;

  /** Art. 35: marked excessive in volume or frequency (only then may a fee be charged, Art. 42). */
  @Property({ type: 'boolean' })
  excessive: boolean = false;

  /** Art. 42 information-processing fee notified, in yuan. */
  @Property({ type: 'integer', nullable: true })
  feeYuan?: number | null;

  @Enum({ items: () => RequestOutcome, type: 'string', nullable: true })
  outcome?: RequestOutcome | null;

  /** Reply date; the request is archived from then on. */
  @Property({ type: 'string', length: 10, nullable: true })
  closedOn?: string | null;

  /** Working days from receipt to reply, stored at the reply for the supervision medians. */
  @Property({ type: 'integer', nullable: true })
  replyWorkingDays?: number | null;

  /** Replied after replyDueOn. */
  @Property({ type: 'boolean', nullable: true })
  repliedLate?: boolean | null;

  /**
   * The requester's PIN for the requester's page (scrypt, `scrypt$<salt>$<hash>` in base64url); null
   * when none was given (a request entered by staff before an officer issues one).
   */
  @Property({ type: 'string', length: 200, nullable: true })
  accessPinHash?: string | null;

  /** 答复书 — the response document's text. */
  @Property({ type: 'text', nullable: true })
  responseText?: string | null;

  /** List sort key: when it was entered. */
  @Property({ type: Date })
  listedAt!: Date;

  @Property({ type: 'string', length: 128 })
  createdBy!: string;

  @Property({ type: 'integer' })
  version: number = 1;
}

/** One transition of a request: its legal date (`on`), when and by whom it was recorded, and what it says. */
@Entity({ tableName: 'request_event' })
export class RequestEventEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', length: 64 })
  requestId!: string;

  @Enum({ items: () => RequestEventKind, type: 'string' })
  kind!: RequestEventKind;

  /** The date the law counts from, "YYYY-MM-DD" (e.g. the day a registered letter was signed for). */
  @Property({ type: 'string', length: 10 })
  on!: string;

  /** Working days granted (extension, Art. 35 period) when the event grants any. */
  @Property({ type: 'integer', nullable: true })
  days?: number | null;

  @Enum({ items: () => ConsultationParty, type: 'string', nullable: true })
  party?: ConsultationParty | null;

  /** Which consultation of the request (1, 2, … in the order started) a start or an answer is; null on rows from before. */
  @Property({ type: 'integer', nullable: true })
  consultation?: number | null;

  /** The outcome a reply gave. */
  @Enum({ items: () => RequestOutcome, type: 'string', nullable: true })
  outcome?: RequestOutcome | null;

  /** Who approved an extension (the head of disclosure work). */
  @Property({ type: 'string', length: 128, nullable: true })
  approver?: string | null;

  @Property({ type: 'text', nullable: true })
  detail?: string | null;

  @Property({ type: Date })
  at!: Date;

  @Property({ type: 'string', length: 128 })
  actor!: string;
}

/** 行政复议、行政诉讼 about this agency's disclosure work (table 4). */
@Entity({ tableName: 'request_appeal' })
export class RequestAppealEntity {
  [OptionalProps]?: 'result';

  /** "fjdrc:a0000001". */
  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 64, nullable: true })
  requestId?: string | null;

  @Enum({ items: () => AppealKind, type: 'string' })
  kind!: AppealKind;

  @Property({ type: 'string', length: 10 })
  filedOn!: string;

  @Enum({ items: () => AppealResult, type: 'string' })
  result: AppealResult = AppealResult.PENDING;

  @Property({ type: 'string', length: 10, nullable: true })
  concludedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ type: 'string', length: 128 })
  createdBy!: string;
}

/** Sections 一, 五 and 六 of an agency's annual report, written by its admin, and the published document. */
@Entity({ tableName: 'annual_report_text' })
export class AnnualReportTextEntity {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  /** 一、总体情况. */
  @Property({ type: 'text', nullable: true })
  overview?: string | null;

  /** 五、存在的主要问题及改进情况. */
  @Property({ type: 'text', nullable: true })
  problems?: string | null;

  /** 六、其他需要报告的事项. */
  @Property({ type: 'text', nullable: true })
  otherMatters?: string | null;

  /** The Document the report was published as. */
  @Property({ type: 'string', length: 64, nullable: true })
  documentId?: string | null;

  /** Table 2: 行政许可 decisions this year, as the agency entered them (no permit records here). */
  @Property({ type: 'integer', nullable: true })
  permitDecisions?: number | null;

  /** Table 2: 行政强制 decisions this year, as entered. */
  @Property({ type: 'integer', nullable: true })
  compulsoryMeasureDecisions?: number | null;

  /** Table 2: 行政事业性收费 this year in yuan, as entered (the report shows 万元). */
  @Property({ type: 'integer', nullable: true })
  feeAmountYuan?: number | null;

  /** Where the entered figures come from (the permit system's export, the finance office's ledger…). */
  @Property({ type: 'text', nullable: true })
  figuresSource?: string | null;

  /**
   * Tables 2–4 as published (JSON), frozen: the report of that year reads them from here, so a
   * later change to the year's records shows as a correction in the next year's report instead.
   */
  @Property({ type: 'text', nullable: true })
  frozenTables?: string | null;

  @Property({ type: Date })
  updatedAt!: Date;

  @Property({ type: 'string', length: 128 })
  updatedBy!: string;
}

/**
 * Who read which personal data of which request or feedback item, and when: one row per item
 * and resolution. `requestId` holds the item's id, whose letter tells the kind ("fjdrc:r…" a
 * request, "fjdrc:f…" feedback).
 */
@Entity({ tableName: 'personal_data_access' })
export class PersonalDataAccessEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', length: 64 })
  requestId!: string;

  @Property({ type: 'string', length: 128 })
  actor!: string;

  @Property({ type: Date })
  at!: Date;

  /** Field names read, comma-separated in schema order ("requesterName,idNumber"). */
  @Property({ type: 'string', length: 100 })
  fields!: string;
}
