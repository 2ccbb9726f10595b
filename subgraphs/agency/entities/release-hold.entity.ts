import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';

/**
 * 发布管控 (embargo) — a document of this agency linked to a confirmed release plan of the news
 * office. The coordination subgraph sets, moves and clears it through the gateway; the agency
 * refuses to publish the document before `releaseAt`, and to change it once it voted to release it.
 */
@Entity({ tableName: 'release_hold' })
export class ReleaseHoldEntity {
  [OptionalProps]?: 'preparedAt';

  @PrimaryKey({ type: 'string', length: 64 })
  documentId!: string;

  /** The coordination subgraph's plan id; one document may be held by several plans. */
  @PrimaryKey({ type: 'string', length: 64 })
  @Index()
  planId!: string;

  /** The plan's release time (embargo). */
  @Property({ type: Date })
  releaseAt!: Date;

  /** Set when the agency voted PREPARED for the plan: from then on the document is frozen until commit or abort. */
  @Property({ type: Date, nullable: true })
  preparedAt?: Date | null = null;
}

/** Where this agency stands in one coordinated release (a participant's durable two-phase state). */
export enum ParticipantState {
  /** Voted yes: every document checked, frozen, ready to publish on commit. */
  PREPARED = 'PREPARED',
  /** Voted no, with the problems found. */
  REFUSED = 'REFUSED',
  /** The coordinator gave up the attempt; the documents are no longer frozen. */
  ABORTED = 'ABORTED',
  /** Published; a repeated commit answers the recorded result. */
  COMMITTED = 'COMMITTED',
}

registerEnumType(ParticipantState, {
  name: 'ParticipantState',
  description: '参与协同发布的状态 / Where an agency stands in a coordinated release',
  valuesConfig: {
    PREPARED: { description: '已核验并表决同意，等待统一发布 / Checked and voted yes, waiting for the commit' },
    REFUSED: { description: '核验未通过，表决不同意 / A check failed: voted no' },
    ABORTED: { description: '本次协同发布已放弃 / The attempt was abandoned' },
    COMMITTED: { description: '已统一发布 / Published' },
  },
});

/** One published document of a committed release. */
export interface ReleasedDocumentRecord {
  id: string;
  /** ISO instant. */
  publishedAt: string;
}

/** This agency's part in one coordinated release, keyed by the plan: the participant's log of the protocol. */
@Entity({ tableName: 'coordinated_release' })
export class CoordinatedReleaseEntity {
  @PrimaryKey({ type: 'string', length: 64 })
  planId!: string;

  @Enum({ items: () => ParticipantState, type: 'string' })
  state!: ParticipantState;

  /** The documents and the content hashes they had when linked to the plan. */
  @Property({ type: 'json' })
  documents!: { id: string; contentHash: string }[];

  /** Why the vote was no; empty for a yes. */
  @Property({ type: 'json' })
  problems!: string[];

  @Property({ type: Date })
  votedAt!: Date;

  @Property({ type: Date, nullable: true })
  committedAt?: Date | null;

  /** What the commit published, answered again to a repeated commit. */
  @Property({ type: 'json', nullable: true })
  released?: ReleasedDocumentRecord[] | null;
}

/** 转载 — this document reprints another (often another agency's); STALE_REPRINT watches the source's validity. */
@Entity({ tableName: 'document_reprint' })
export class DocumentReprintEntity {
  @PrimaryKey({ type: 'string', length: 64 })
  documentId!: string;

  /** Id of the reprinted source document, e.g. "fjgov:00000031". */
  @Property({ type: 'string', length: 64 })
  sourceId!: string;
}
