import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { PartyKind, PenaltyCategory, PenaltyStatus } from './enums';

/**
 * 行政处罚决定 — an administrative penalty decision, published under its own periods
 * (SAMR order 45 defaults: publish within 20 working days, withdraw within 3 of a revocation,
 * shown for 3 months when minor and 3 years otherwise).
 */
@Entity({ tableName: 'penalty_decision' })
@Index({ properties: ['listedAt', 'id'] })
export class PenaltyDecisionEntity {
  [OptionalProps]?: 'publishDueProvisional' | 'status' | 'category';

  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  @Property({ type: 'string', length: 32 })
  agencyCode!: string;

  /** 处罚决定书文号. */
  @Property({ type: 'string', length: 128, unique: true })
  caseNumber!: string;

  @Enum({ items: () => PartyKind, type: 'string' })
  partyKind!: PartyKind;

  /** Party's full name; a natural person's is masked whenever it leaves the agency. */
  @Property({ type: 'string', length: 200 })
  partyName!: string;

  /** Enterprise: unified social credit code (public). Natural person: resident id (never public). */
  @Property({ type: 'string', length: 32 })
  partyIdNumber!: string;

  @Property({ type: 'text' })
  facts!: string;

  @Property({ type: 'text' })
  legalBasis!: string;

  @Property({ type: 'text' })
  penalty!: string;

  @Property({ type: 'string', length: 10 })
  decidedOn!: string;

  /** The short publicity class (category CRITICISM_OR_SMALL_FINE), kept for the `minor` field. */
  @Property({ type: 'boolean' })
  minor!: boolean;

  /** The SAMR publicity class: whether the decision is published and for how long. */
  @Enum({ items: () => PenaltyCategory, type: 'string' })
  category: PenaltyCategory = PenaltyCategory.STANDARD;

  @Property({ type: 'string', length: 10 })
  publishDueOn!: string;

  @Property({ type: 'boolean' })
  publishDueProvisional: boolean = false;

  @Enum({ items: () => PenaltyStatus, type: 'string' })
  status: PenaltyStatus = PenaltyStatus.PENDING;

  @Property({ type: Date, nullable: true })
  publishedAt?: Date | null;

  /** Sort key of lists: publishedAt once published, creation time before. */
  @Property({ type: Date })
  listedAt!: Date;

  /** Last day the decision is shown to the public (publicity period). */
  @Property({ type: 'string', length: 10, nullable: true })
  displayUntil?: string | null;

  @Property({ type: 'string', length: 10, nullable: true })
  revokedOn?: string | null;

  /** revokedOn + the withdrawal period in working days. */
  @Property({ type: 'string', length: 10, nullable: true })
  withdrawDueOn?: string | null;

  @Property({ type: Date, nullable: true })
  withdrawnAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  withdrawalReason?: string | null;

  @Property({ type: 'string', length: 128 })
  createdBy!: string;

  @Property({ type: Date })
  createdAt!: Date;
}
