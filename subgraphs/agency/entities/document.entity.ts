import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Channel } from '../../../schema/contracts/channel';
import { DisclosureAttribute, DocumentStatus, ExemptionGround, Validity } from './enums';

/**
 * A piece of government information (政府信息) of this agency, with its catalogue fields (Art. 12).
 * The current text lives here; every published state is also kept as a {@link DocumentVersion}.
 */
@Entity({ tableName: 'document' })
@Index({ properties: ['listedAt', 'id'] })
@Index({ properties: ['status', 'listedAt', 'id'] })
@Index({ properties: ['status', 'updatedAt', 'id'] })
export class DocumentEntity {
  [OptionalProps]?: 'publishDueProvisional' | 'validity' | 'status' | 'channels' | 'coIssuers' | 'version' | 'subjectTerms';

  /** Globally unique, names its agency: "fjdrc:00000012". */
  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  @Property({ type: 'string', length: 32 })
  agencyCode!: string;

  /** 索引号, e.g. FJ00201-0200-2026-00012. */
  @Property({ type: 'string', length: 64, unique: true })
  indexNumber!: string;

  /** 文号 as written. */
  @Property({ type: 'string', length: 128, nullable: true })
  docNumber?: string | null;

  /** 文号 normalised (brackets, width, spaces), for matching. */
  @Index()
  @Property({ type: 'string', length: 128, nullable: true })
  docNumberNorm?: string | null;

  @Property({ type: 'string', length: 500 })
  title!: string;

  @Property({ type: 'text', nullable: true })
  summary?: string | null;

  @Property({ type: 'text' })
  body!: string;

  /** 主题分类 name. */
  @Property({ type: 'string', length: 64 })
  theme!: string;

  @Property({ type: 'string', length: 8 })
  themeCode!: string;

  /** 体裁. */
  @Property({ type: 'string', length: 32 })
  genre!: string;

  /** 生成日期, "YYYY-MM-DD". */
  @Property({ type: 'string', length: 10 })
  formedOn!: string;

  /** 主题词 — the catalogue's subject terms, in the editor's order. */
  @Property({ type: 'json' })
  subjectTerms: string[] = [];

  /** 施行日期, "YYYY-MM-DD": the day the document takes effect, when it states one. */
  @Property({ type: 'string', length: 10, nullable: true })
  effectiveOn?: string | null;

  /**
   * 废止日期, "YYYY-MM-DD": the first day the document no longer has effect (its stated end, or
   * the repeal). A catalogue field; `validity` is the state the agency has declared.
   */
  @Property({ type: 'string', length: 10, nullable: true })
  repealedOn?: string | null;

  /** formedOn (or the last change) + 20 working days on the official calendar. */
  @Property({ type: 'string', length: 10 })
  publishDueOn!: string;

  /** True when the due date was counted through a year with no published arrangement. */
  @Property({ type: 'boolean' })
  publishDueProvisional: boolean = false;

  @Property({ type: Date, nullable: true })
  publishedAt?: Date | null;

  /** The list sort key: publishedAt once published, creation time before. */
  @Property({ type: Date })
  listedAt!: Date;

  @Enum({ items: () => DisclosureAttribute, type: 'string' })
  disclosure!: DisclosureAttribute;

  @Enum({ items: () => ExemptionGround, type: 'string', nullable: true })
  exemptionGround?: ExemptionGround | null;

  @Enum({ items: () => Validity, type: 'string' })
  validity: Validity = Validity.EFFECTIVE;

  @Index()
  @Enum({ items: () => DocumentStatus, type: 'string' })
  status: DocumentStatus = DocumentStatus.DRAFT;

  @Property({ type: 'json' })
  channels: Channel[] = [];

  /** Registry codes of co-issuing agencies (联合发文). */
  @Property({ type: 'json' })
  coIssuers: string[] = [];

  /** Current version number; 0 until first published. */
  @Property({ type: 'integer' })
  version: number = 0;

  @Property({ type: 'text', nullable: true })
  withdrawalReason?: string | null;

  @Property({ type: Date, nullable: true })
  withdrawnAt?: Date | null;

  @Property({ type: 'string', length: 128 })
  createdBy!: string;

  @Property({ type: Date })
  createdAt!: Date;

  @Property({ type: Date })
  updatedAt!: Date;
}
