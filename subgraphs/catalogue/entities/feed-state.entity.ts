import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { PublicChangeSubject } from '../../agency/entities/public-change.entity';

/**
 * How far the catalogue has applied one agency's public change log. Written in the same
 * transaction as the entries it applied, so each entry is applied exactly once.
 */
@Entity({ tableName: 'catalogue_feed' })
export class CatalogueFeedEntity {
  @PrimaryKey({ type: 'string', length: 32 })
  agency!: string;

  /** Highest sequence number applied (or held for a coordinated release). */
  @Property({ type: 'integer' })
  appliedSeq: number = 0;

  /** When a page with entries was last read and applied (an empty answer writes nothing; the live freshness is the replicator's, on /health). */
  @Property({ type: Date, nullable: true })
  readAt?: Date | null;

  /**
   * When the catalogue first caught up with this log. From then on it serves the agency's
   * documents, also after a restart while the agency does not answer (named stale meanwhile);
   * until then the gateway keeps the live fan-out.
   */
  @Property({ type: Date, nullable: true })
  backfilledAt?: Date | null;
}

/**
 * A change of a coordinated release, held until every document of the plan, from every agency,
 * has arrived: then all are applied in one transaction, so the public sees the plan all at once.
 */
@Entity({ tableName: 'catalogue_held_change' })
@Index({ properties: ['planId'] })
export class CatalogueHeldChangeEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64 })
  planId!: string;

  @Property({ type: 'integer' })
  planSize!: number;

  @Property({ type: 'string', length: 32 })
  agency!: string;

  @Enum({ items: () => PublicChangeSubject, type: 'string' })
  subject!: PublicChangeSubject;

  @Property({ type: 'string', length: 64 })
  subjectId!: string;

  @Property({ type: 'text', nullable: true })
  record?: string | null;
}

/**
 * The catalogue's own change sequence: each document it holds or held, at the sequence number of
 * the last change it applied to it (published, revised, withdrawn, removed). Numbers come from the
 * serial counter, whose row stays locked until the applying transaction commits, so they commit
 * in order and a harvest that resumes after n never misses a change numbered below a later one.
 */
@Entity({ tableName: 'catalogue_document_change' })
export class CatalogueDocumentChangeEntity {
  @PrimaryKey({ type: 'string', length: 64 })
  documentId!: string;

  @Property({ type: 'string', length: 32 })
  agency!: string;

  @Property({ type: 'integer', unique: true })
  seq!: number;
}

/** The serial counter key of the catalogue's change sequence. */
export const CATALOGUE_CHANGE_SERIAL = 'catalogue-change';
