import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Channel } from '../../../schema/contracts/channel';
import { DocumentEventKind, DocumentStatus, ReviewResult } from './enums';

/**
 * The parts of a document kept in their own tables. They reference the document by id (not as
 * ORM relations) because they are always loaded in batches for a page of documents.
 */

/** 关键数据 — a canonical fact a document states (subject, value, unit, as-of date). */
@Entity({ tableName: 'key_fact' })
@Index({ properties: ['documentId', 'position'] })
export class KeyFactEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64 })
  documentId!: string;

  @Property({ type: 'integer' })
  position!: number;

  @Index()
  @Property({ type: 'string', length: 200 })
  subject!: string;

  @Property({ type: 'string', length: 100 })
  value!: string;

  @Property({ type: 'string', length: 32, nullable: true })
  unit?: string | null;

  @Property({ type: 'string', length: 10, nullable: true })
  asOf?: string | null;
}

/**
 * 附件 — an attached file of a document: its metadata, and the content hash of its stored bytes
 * ({@link AttachmentFileEntity}) when the file was uploaded. An attachment that is part of a
 * published version never changes; a new version brings its own files.
 */
@Entity({ tableName: 'attachment' })
@Unique({ properties: ['documentId', 'number'] })
// One file once per document: a concurrent retry of an upload fails here and answers the first.
@Unique({ properties: ['documentId', 'sha256'] })
export class AttachmentEntity {
  [OptionalProps]?: 'sha256' | 'inRevision';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', length: 64 })
  documentId!: string;

  /** Its number within the document (1, 2, …), never reused: the download path names it. */
  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Property({ type: 'string', length: 100 })
  mediaType!: string;

  @Property({ type: 'bigint' })
  sizeBytes!: number;

  /** SHA-256 (hex) of the stored file; null for an attachment recorded by its metadata only. */
  @Property({ type: 'string', length: 64, nullable: true })
  sha256?: string | null;

  /**
   * Added to the revision of a published document: hidden from the public until that revision is
   * published, when it joins the document's attachments for good.
   */
  @Property({ type: 'boolean', default: false })
  inRevision: boolean = false;
}

/**
 * The bytes of an uploaded attachment, stored once per content hash in the owning deployment's
 * own database (SQLite blob, PostgreSQL bytea), so that a file commits or rolls back with its
 * metadata and a backup of the database holds everything the agency published.
 */
@Entity({ tableName: 'attachment_file' })
export class AttachmentFileEntity {
  /** SHA-256 of the content, hex. */
  @PrimaryKey({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'blob', lazy: true })
  content!: Buffer;

  @Property({ type: 'integer' })
  sizeBytes!: number;

  @Property({ type: Date })
  createdAt!: Date;
}

/** A published state of a document, kept for ever: nothing published is silently changed. */
@Entity({ tableName: 'document_version' })
@Index({ properties: ['documentId', 'version'] })
export class DocumentVersionEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64 })
  documentId!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'string', length: 500 })
  title!: string;

  @Property({ type: 'text', nullable: true })
  summary?: string | null;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'string', length: 128, nullable: true })
  docNumber?: string | null;

  /** Key facts as they stood in this version. */
  @Property({ type: 'json' })
  keyFacts!: { subject: string; value: string; unit?: string | null; asOf?: string | null }[];

  /** 主题词 as they stood in this version. */
  @Property({ type: 'json' })
  subjectTerms!: string[];

  /** 施行日期. */
  @Property({ type: 'string', length: 10, nullable: true })
  effectiveOn?: string | null;

  /** 废止日期. */
  @Property({ type: 'string', length: 10, nullable: true })
  repealedOn?: string | null;

  /** Why this version was made ("首次发布" for the first). */
  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: Date })
  createdAt!: Date;

  @Property({ type: 'string', length: 128 })
  createdBy!: string;
}

/** 保密审查记录 — the confidentiality review (Art. 17): reviewer, time, result, note. */
@Entity({ tableName: 'confidentiality_review' })
export class ConfidentialityReviewEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', length: 64 })
  documentId!: string;

  @Property({ type: 'string', length: 128 })
  reviewer!: string;

  @Property({ type: Date })
  reviewedAt!: Date;

  @Enum({ items: () => ReviewResult, type: 'string' })
  result!: ReviewResult;

  @Property({ type: 'text', nullable: true })
  note?: string | null;
}

/** What happened to a document, when, by whom: the audit trail staff and supervisors read. */
@Entity({ tableName: 'document_event' })
export class DocumentEventEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', length: 64 })
  documentId!: string;

  @Enum({ items: () => DocumentEventKind, type: 'string' })
  kind!: DocumentEventKind;

  @Property({ type: Date })
  at!: Date;

  @Property({ type: 'string', length: 128 })
  actor!: string;

  @Property({ type: 'text', nullable: true })
  note?: string | null;
}

/** Per-agency counters for ids and index-number serials (key: "document", "index:<theme>:<year>"...). */
@Entity({ tableName: 'serial_counter' })
export class SerialCounterEntity {
  @PrimaryKey({ type: 'string', length: 64 })
  key!: string;

  @Property({ type: 'integer' })
  last!: number;
}

/**
 * 修订稿 — the next version of a published document while it is written and reviewed: the public
 * keeps reading the published text in the document row until this revision is approved by a
 * reviewer who did not write it and published; then it replaces the text and becomes a
 * {@link DocumentVersionEntity}. At most one per document.
 */
@Entity({ tableName: 'document_revision' })
export class DocumentRevisionEntity {
  @PrimaryKey({ type: 'string', length: 64 })
  documentId!: string;

  /** DRAFT, IN_REVIEW or APPROVED, as a document before its first publication. */
  @Enum({ items: () => DocumentStatus, type: 'string' })
  status!: DocumentStatus;

  @Property({ type: 'string', length: 500 })
  title!: string;

  @Property({ type: 'text', nullable: true })
  summary?: string | null;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'string', length: 64 })
  theme!: string;

  @Property({ type: 'string', length: 8 })
  themeCode!: string;

  @Property({ type: 'string', length: 32 })
  genre!: string;

  @Property({ type: 'string', length: 128, nullable: true })
  docNumber?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  docNumberNorm?: string | null;

  @Property({ type: 'json' })
  channels!: Channel[];

  @Property({ type: 'json' })
  coIssuers!: string[];

  @Property({ type: 'json' })
  keyFacts!: { subject: string; value: string; unit?: string | null; asOf?: string | null }[];

  /** 主题词. */
  @Property({ type: 'json' })
  subjectTerms!: string[];

  /** 施行日期. */
  @Property({ type: 'string', length: 10, nullable: true })
  effectiveOn?: string | null;

  /** 废止日期. */
  @Property({ type: 'string', length: 10, nullable: true })
  repealedOn?: string | null;

  /** Why the published document changes (the latest editor's reason). */
  @Property({ type: 'text' })
  reason!: string;

  /** Everyone who wrote this revision: none of them may approve it. */
  @Property({ type: 'json' })
  authors!: string[];

  @Property({ type: Date })
  createdAt!: Date;

  @Property({ type: Date })
  updatedAt!: Date;
}
