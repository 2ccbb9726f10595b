import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { Channel } from '../../../schema/contracts/channel';
import { ParticipantVote, ReleaseKind, ReleasePlanStatus } from './enums';

/** 统一口径 — one canonical key fact of a plan's agreed wording. */
export interface AgreedFactRecord {
  subject: string;
  value: string;
  unit: string | null;
  asOf: string | null;
}

/**
 * 协同发布计划 — a release of information that involves several agencies (Art. 11; Fujian
 * measures Art. 5): who leads, who takes part, which documents, when (the embargo), where, and
 * the agreed wording (口径) every document must match.
 */
@Entity({ tableName: 'release_plan' })
@Index({ properties: ['releaseAt', 'id'] })
export class ReleasePlanEntity {
  [OptionalProps]?: 'status' | 'kind' | 'failure' | 'correctsPlanId' | 'correctsDocumentIds';

  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  @Property({ type: 'string', length: 500 })
  title!: string;

  @Enum({ items: () => ReleaseKind, type: 'string' })
  kind: ReleaseKind = ReleaseKind.REGULAR;

  /** Registry code of the lead agency (牵头单位). */
  @Property({ type: 'string', length: 32 })
  leadAgency!: string;

  /** The release time; linked documents are under embargo until then. */
  @Property({ type: Date })
  releaseAt!: Date;

  @Property({ type: 'json' })
  channels!: Channel[];

  @Property({ type: 'json' })
  agreedFacts!: AgreedFactRecord[];

  @Index()
  @Enum({ items: () => ReleasePlanStatus, type: 'string' })
  status: ReleasePlanStatus = ReleasePlanStatus.DRAFT;

  /** For a clarification: the plan whose information it corrects. */
  @Property({ type: 'string', length: 64, nullable: true })
  correctsPlanId?: string | null = null;

  /** For a clarification: the published documents it corrects. */
  @Property({ type: 'json' })
  correctsDocumentIds: string[] = [];

  /** Why the last release attempt did not go out (a failed check); cleared when the plan changes. */
  @Property({ type: 'text', nullable: true })
  failure?: string | null = null;

  @Property({ type: 'string', length: 128 })
  createdBy!: string;

  @Property({ type: Date })
  createdAt!: Date;

  @Property({ type: Date })
  updatedAt!: Date;

  @Property({ type: Date, nullable: true })
  releasedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  cancelReason?: string | null;
}

/** An agency taking part in a plan, with the coordinator's durable view of the protocol with it. */
@Entity({ tableName: 'plan_participant' })
export class PlanParticipantEntity {
  [OptionalProps]?: 'holdsPending' | 'vote' | 'problems' | 'committedAt' | 'lastError';

  @PrimaryKey({ type: 'string', length: 64 })
  planId!: string;

  @PrimaryKey({ type: 'string', length: 32 })
  agency!: string;

  /** The agency's embargo holds still have to be set, moved or cleared to match the plan (retried until done). */
  @Property({ type: 'boolean' })
  holdsPending: boolean = false;

  @Enum({ items: () => ParticipantVote, type: 'string', nullable: true })
  vote?: ParticipantVote | null = null;

  @Property({ type: 'json' })
  problems: string[] = [];

  /** When the agency acknowledged the commit (published its documents). */
  @Property({ type: Date, nullable: true })
  committedAt?: Date | null = null;

  /** Last failure to reach the agency, for the coordinator's eyes. */
  @Property({ type: 'text', nullable: true })
  lastError?: string | null = null;
}

/** A document linked to a plan, with what it said when it was linked. */
@Entity({ tableName: 'plan_document' })
export class PlanDocumentEntity {
  @PrimaryKey({ type: 'string', length: 64 })
  planId!: string;

  @PrimaryKey({ type: 'string', length: 64 })
  documentId!: string;

  @Index()
  @Property({ type: 'string', length: 32 })
  agency!: string;

  @Property({ type: 'string', length: 500 })
  title!: string;

  /** The agency's content hash at link time: a later edit fails the release check. */
  @Property({ type: 'string', length: 64 })
  contentHash!: string;

  @Property({ type: 'json' })
  keyFacts!: AgreedFactRecord[];

  @Property({ type: Date })
  linkedAt!: Date;
}
