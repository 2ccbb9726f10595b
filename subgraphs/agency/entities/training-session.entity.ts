import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';

/** Who a training session was for: the 2014 Fujian notice (§四) asks for both. */
export enum TrainingKind {
  ALL_STAFF = 'ALL_STAFF',
  DISCLOSURE_STAFF = 'DISCLOSURE_STAFF',
}

registerEnumType(TrainingKind, {
  name: 'TrainingKind',
  description: '培训对象 / Who a training session was for',
  valuesConfig: {
    ALL_STAFF: { description: '全体工作人员：覆盖本机关及其工作人员 / Every member of staff of the body' },
    DISCLOSURE_STAFF: { description: '政务公开工作人员专题培训 / Dedicated training for the disclosure staff' },
  },
});

/**
 * 培训 — one training session on disclosure work an agency held, recorded by its admin: what the
 * supervision figures count for the notice's training duty (coverage of every body and its staff,
 * dedicated training for the disclosure staff).
 */
@Entity({ tableName: 'training_session' })
@Index({ properties: ['agencyCode', 'heldOn'] })
export class TrainingSessionEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 32 })
  agencyCode!: string;

  /** 培训日期, "YYYY-MM-DD". */
  @Property({ type: 'string', length: 10 })
  heldOn!: string;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Enum({ items: () => TrainingKind, type: 'string' })
  kind!: TrainingKind;

  /** 参训人数. */
  @Property({ type: 'integer' })
  attendees!: number;

  /** 应训人数: the staff the session was for (the body's headcount for ALL_STAFF). */
  @Property({ type: 'integer' })
  headcount!: number;

  @Property({ type: 'string', length: 128 })
  recordedBy!: string;

  @Property({ type: Date })
  recordedAt!: Date;
}
