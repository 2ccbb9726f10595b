import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { FindingKind, FindingSeverity, FindingStatus } from './enums';

/** One piece of evidence: a labelled value, with the document and agency it comes from. */
export interface EvidenceRecord {
  label: string;
  value: string;
  documentId: string | null;
  agency: string | null;
}

/**
 * 一致性问题 — something the province says inconsistently. Identified by a fingerprint of what it
 * is about (e.g. the normalised document number), so a rescan updates it rather than adding
 * another, and resolves it when it no longer holds.
 */
@Entity({ tableName: 'consistency_finding' })
@Index({ properties: ['firstSeenAt', 'id'] })
@Index({ properties: ['kind', 'status'] })
export class FindingEntity {
  [OptionalProps]?: 'status' | 'resolvedAt' | 'acknowledgedBy' | 'planId';

  /** Derived from the fingerprint, so it is stable across rescans. */
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 600, unique: true })
  fingerprint!: string;

  /** What a scoped rescan may resolve: "FULL", or "PLAN:<id>" for the release checks of one plan. */
  @Index()
  @Property({ type: 'string', length: 80 })
  scope!: string;

  @Enum({ items: () => FindingKind, type: 'string' })
  kind!: FindingKind;

  @Enum({ items: () => FindingSeverity, type: 'string' })
  severity!: FindingSeverity;

  @Enum({ items: () => FindingStatus, type: 'string' })
  status: FindingStatus = FindingStatus.OPEN;

  @Property({ type: 'text' })
  detail!: string;

  @Property({ type: 'json' })
  agencies!: string[];

  @Property({ type: 'json' })
  documents!: string[];

  @Property({ type: 'json' })
  evidence!: EvidenceRecord[];

  @Property({ type: 'string', length: 64, nullable: true })
  planId?: string | null = null;

  @Property({ type: Date })
  firstSeenAt!: Date;

  @Property({ type: Date })
  lastSeenAt!: Date;

  /** The scan that last saw it; a scan of its scope that did not see it resolves it. */
  @Property({ type: 'integer' })
  lastSeenScan!: number;

  @Property({ type: Date, nullable: true })
  resolvedAt?: Date | null = null;

  @Property({ type: 'string', length: 128, nullable: true })
  acknowledgedBy?: string | null = null;

  @Property({ type: 'text', nullable: true })
  note?: string | null;
}

/** One consistency scan: when, over what, with what result. */
@Entity({ tableName: 'scan_run' })
export class ScanRunEntity {
  [OptionalProps]?: 'documents' | 'unreachable' | 'findingsSeen' | 'findingsResolved' | 'finishedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 80 })
  scope!: string;

  @Property({ type: Date })
  startedAt!: Date;

  @Property({ type: Date, nullable: true })
  finishedAt?: Date | null;

  @Property({ type: 'integer' })
  documents: number = 0;

  /** Agencies the scan could not read; findings about them are left as they were. */
  @Property({ type: 'json' })
  unreachable: string[] = [];

  @Property({ type: 'integer' })
  findingsSeen: number = 0;

  @Property({ type: 'integer' })
  findingsResolved: number = 0;
}
