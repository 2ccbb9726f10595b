import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';

/** Why a release is expedited: the two cases the 2014 Fujian notice names (不失声、不缺位). */
export enum ExpeditedReleaseKind {
  EMERGENCY = 'EMERGENCY',
  HOT_ISSUE = 'HOT_ISSUE',
}

registerEnumType(ExpeditedReleaseKind, {
  name: 'ExpeditedReleaseKind',
  description: '快速发布的缘由 / Why a release is expedited',
  valuesConfig: {
    EMERGENCY: { description: '突发事件：第一时间发布权威信息 / An emergency: authoritative information first' },
    HOT_ISSUE: { description: '社会热点：及时回应关切 / A hot social issue: a timely, authoritative response' },
  },
});

/** An expedited release is due this long after it was asked for: within the hour. */
export const EXPEDITED_RELEASE_MS = 60 * 60 * 1000;

/**
 * 快速发布 — a draft its editor marked for release within the hour, in an emergency or on a hot
 * social issue. It goes through the same confidentiality review (another person approves); the
 * approver is named here, and publication time is the document's own `publishedAt`, so the record
 * never duplicates what publication already records. Counted apart in supervision.
 */
@Entity({ tableName: 'expedited_release' })
export class ExpeditedReleaseEntity {
  @PrimaryKey({ type: 'string', length: 64 })
  documentId!: string;

  /** The document's agency, for supervision's per-agency figures. */
  @Index()
  @Property({ type: 'string', length: 32 })
  agencyCode!: string;

  @Enum({ items: () => ExpeditedReleaseKind, type: 'string' })
  kind!: ExpeditedReleaseKind;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'string', length: 128 })
  requestedBy!: string;

  @Index()
  @Property({ type: Date })
  requestedAt!: Date;

  /** requestedAt + one hour. */
  @Property({ type: Date })
  dueAt!: Date;

  @Property({ type: 'string', length: 128, nullable: true })
  approvedBy?: string | null;

  @Property({ type: Date, nullable: true })
  approvedAt?: Date | null;
}
