import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { FeedbackStatus } from './request-enums';

/** 意见建议 — a public comment on the agency's disclosure work or on one of its published documents. */
@Entity({ tableName: 'public_feedback' })
@Index({ properties: ['listedAt', 'id'] })
export class PublicFeedbackEntity {
  [OptionalProps]?: 'status';

  /** "fjdrc:f0000001". */
  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  @Property({ type: 'string', length: 32 })
  agencyCode!: string;

  /** The published document commented on; null for the agency's disclosure work as a whole. */
  @Property({ type: 'string', length: 64, nullable: true })
  documentId?: string | null;

  @Property({ type: 'text' })
  body!: string;

  @Index()
  @Enum({ items: () => FeedbackStatus, type: 'string' })
  status: FeedbackStatus = FeedbackStatus.PENDING;

  @Property({ type: 'string', length: 10 })
  submittedOn!: string;

  @Property({ type: 'datetime' })
  listedAt!: Date;

  @Property({ type: 'string', length: 128, nullable: true })
  moderatedBy?: string | null;

  @Property({ type: 'text', nullable: true })
  rejectionReason?: string | null;

  @Property({ type: 'text', nullable: true })
  answer?: string | null;

  @Property({ type: 'string', length: 10, nullable: true })
  answeredOn?: string | null;

  /** Working days from submission to answer, for the supervision figures. */
  @Property({ type: 'integer', nullable: true })
  answerWorkingDays?: number | null;

  @Property({ type: 'string', length: 128, nullable: true })
  answeredBy?: string | null;
}
