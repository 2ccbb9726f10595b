import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { DeliveryMethod } from './request-enums';

/** The statutory letters of a disclosure request, each issued with the step that requires it. */
export enum LetterKind {
  /** 补正告知书 (Art. 30). */
  SUPPLEMENT_NOTICE = 'SUPPLEMENT_NOTICE',
  /** 延期答复告知书 (Art. 33). */
  EXTENSION_NOTICE = 'EXTENSION_NOTICE',
  /** 征求意见函 to a third party (Art. 32). */
  CONSULTATION_LETTER = 'CONSULTATION_LETTER',
  /** 说明理由通知书 (Art. 35). */
  REASONS_NOTICE = 'REASONS_NOTICE',
  /** 收费通知书 (Art. 42). */
  FEE_NOTICE = 'FEE_NOTICE',
  /** 政府信息公开申请答复书 (Art. 36). */
  REPLY = 'REPLY',
}

/** Who a letter is addressed to. */
export enum LetterRecipient { REQUESTER = 'REQUESTER', THIRD_PARTY = 'THIRD_PARTY' }

registerEnumType(LetterKind, {
  name: 'LetterKind',
  description: '告知书、答复书的种类 / Kind of statutory letter',
  valuesConfig: {
    SUPPLEMENT_NOTICE: { description: '补正告知书（第三十条）/ Notice to supplement the request (Art. 30)' },
    EXTENSION_NOTICE: { description: '延期答复告知书（第三十三条）/ Notice of an extended reply period (Art. 33)' },
    CONSULTATION_LETTER: { description: '征求第三方意见函（第三十二条）/ Letter consulting a third party (Art. 32)' },
    REASONS_NOTICE: { description: '说明理由通知书（第三十五条）/ Notice asking for reasons (Art. 35)' },
    FEE_NOTICE: { description: '信息处理费收费通知书（第四十二条）/ Notice of an information-processing fee (Art. 42)' },
    REPLY: { description: '政府信息公开申请答复书（第三十六条）/ The reply (Art. 36)' },
  },
});
registerEnumType(LetterRecipient, {
  name: 'LetterRecipient',
  description: '收件人 / Who the letter is addressed to',
  valuesConfig: {
    REQUESTER: { description: '申请人 / The requester' },
    THIRD_PARTY: { description: '第三方（由工作人员寄送）/ A third party (sent by staff)' },
  },
});

/**
 * 告知书、答复书 — one letter the agency sent about a request: its wording, fixed in the transaction
 * of the step that requires it, and the PDF rendered from that wording before it first leaves the
 * agency (e-mailed, downloaded or printed) and kept from then on (保存备查). Neither ever changes;
 * only the delivery (`deliveredOn`, `handedOverBy`) is recorded later.
 */
@Entity({ tableName: 'request_letter' })
export class RequestLetterEntity {
  /** "fjdrc:l0000001". */
  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 64 })
  requestId!: string;

  @Enum({ items: () => LetterKind, type: 'string' })
  kind!: LetterKind;

  @Enum({ items: () => LetterRecipient, type: 'string' })
  recipient!: LetterRecipient;

  @Property({ type: 'string', length: 100 })
  title!: string;

  /** The date the letter bears, the legal date of its step. */
  @Property({ type: 'string', length: 10 })
  issuedOn!: string;

  /** The letter's text as printed in the PDF. */
  @Property({ type: 'text' })
  text!: string;

  /** The layout the PDF is rendered from (services/letter-pdf.ts `LetterLayout`, JSON). */
  @Property({ type: 'text' })
  layout!: string;

  /** The PDF, once rendered (letter-pdf.ts `storedLetterPdf`); lists never load it. */
  @Property({ type: 'blob', lazy: true, nullable: true })
  pdf!: Buffer | null;

  /** SHA-256 of the PDF, hex, once rendered: what was sent can be proven unchanged. */
  @Property({ type: 'string', length: 64, nullable: true })
  sha256!: string | null;

  /**
   * How it goes out: the requester's 获取方式 (e-mail through the outbox, online in the requester's
   * page, anything else printed by staff); null for a third party's letter, which staff send.
   */
  @Index()
  @Enum({ items: () => DeliveryMethod, type: 'string', nullable: true })
  deliveryMethod?: DeliveryMethod | null;

  /** 送达日期: the mail server accepted it, the requester first read it online, or staff handed it over. */
  @Property({ type: 'string', length: 10, nullable: true })
  deliveredOn?: string | null;

  /**
   * The mail server's refusal of an e-mailed letter for good (a 5xx answer, e.g. no such mailbox):
   * the letter then goes to the print queue, to be posted or handed over like a paper one.
   */
  @Property({ type: 'text', nullable: true })
  emailRefused?: string | null;

  /** Who recorded a printed letter as handed over (posted or collected). */
  @Property({ type: 'string', length: 128, nullable: true })
  handedOverBy?: string | null;

  @Property({ type: Date })
  issuedAt!: Date;

  @Property({ type: 'string', length: 128 })
  issuedBy!: string;
}

/** 查阅记录 — every attempt to open a request's page, or to download a released file, with its tracking code and PIN, granted or refused. */
@Entity({ tableName: 'requester_case_read' })
@Index({ properties: ['requestId', 'at'] })
export class RequesterCaseReadEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64 })
  requestId!: string;

  @Property({ type: Date })
  at!: Date;

  @Property({ type: 'boolean' })
  granted!: boolean;

  /** The released file the requester asked to download (its number); null for a read of the page. */
  @Property({ type: 'integer', nullable: true })
  fileNumber?: number | null;
}
