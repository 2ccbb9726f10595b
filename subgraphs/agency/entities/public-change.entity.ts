import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** What a public change is about. */
export enum PublicChangeSubject {
  DOCUMENT = 'DOCUMENT',
  PENALTY = 'PENALTY',
}

/**
 * One entry of the deployment's public change log (the transactional outbox the provincial
 * catalogue replicates): "this public item changed", appended in the same transaction as the
 * change and numbered by a per-agency sequence that commits in order (see appendPublicChange).
 * The entry names the item; what the public sees of it is read when the feed is served.
 */
@Entity({ tableName: 'public_change' })
@Index({ properties: ['subjectId'] })
export class PublicChangeEntity {
  /** The agency's sequence number: 1, 2, 3… without gaps, in commit order. */
  @PrimaryKey({ type: 'integer', autoincrement: false })
  seq!: number;

  @Enum({ items: () => PublicChangeSubject, type: 'string' })
  subject!: PublicChangeSubject;

  /** Id of the document or penalty decision. */
  @Property({ type: 'string', length: 64 })
  subjectId!: string;

  /** The event that caused it (PUBLISHED, REVISED, WITHDRAWN, VALIDITY_CHANGED, PENALTY_PUBLISHED…). */
  @Property({ type: 'string', length: 32 })
  cause!: string;

  /** A coordinated release this change belongs to: the catalogue shows all of a plan at once. */
  @Property({ type: 'string', length: 64, nullable: true })
  releasePlanId?: string | null;

  /** How many documents, across every agency, that release publishes. */
  @Property({ type: 'integer', nullable: true })
  releaseSize?: number | null;

  @Property({ type: Date })
  at!: Date;
}
