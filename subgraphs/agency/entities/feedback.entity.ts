import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';

/** 审核状态 — feedback is moderated before the public sees it. */
export enum FeedbackStatus { PENDING = 'PENDING', SHOWN = 'SHOWN', REJECTED = 'REJECTED' }

registerEnumType(FeedbackStatus, { name: 'FeedbackStatus', description: '意见建议审核状态 / Moderation status of a feedback item' });

/**
 * 意见建议 — public feedback on this agency's disclosure work, or on one of its published
 * documents (`documentId`). Shown to the public only once the admin moderates it SHOWN.
 */
@Entity({ tableName: 'feedback' })
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['documentId', 'status'] })
export class FeedbackEntity {
  [OptionalProps]?: 'status';

  /** "fjdrc:f0000001". */
  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  @Property({ type: 'string', length: 32 })
  agencyCode!: string;

  /** The published document commented on; null for the agency's disclosure work as a whole. */
  @Property({ type: 'string', length: 64, nullable: true })
  documentId?: string | null;

  /** Display name the author chose, if any (never required). */
  @Property({ type: 'string', length: 50, nullable: true })
  authorName?: string | null;

  /** Personal data: read only by the agency's admin and disclosure officers. */
  @Property({ type: 'string', length: 200, nullable: true })
  contact?: string | null;

  @Property({ type: 'text' })
  text!: string;

  @Index()
  @Enum({ items: () => FeedbackStatus, type: 'string' })
  status: FeedbackStatus = FeedbackStatus.PENDING;

  @Property({ type: 'text', nullable: true })
  moderationReason?: string | null;

  @Property({ type: Date, nullable: true })
  moderatedAt?: Date | null;

  @Property({ type: 'string', length: 128, nullable: true })
  moderatedBy?: string | null;

  @Property({ type: 'text', nullable: true })
  answer?: string | null;

  @Property({ type: Date, nullable: true })
  answeredAt?: Date | null;

  @Property({ type: 'string', length: 128, nullable: true })
  answeredBy?: string | null;

  /** Whole hours from submission to answer, stored at the answer for the supervision median. */
  @Property({ type: 'integer', nullable: true })
  answerHours?: number | null;

  @Property({ type: Date })
  createdAt!: Date;
}
