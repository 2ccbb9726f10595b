import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { AgencyKind } from './enums';

/**
 * An agency's registry entry and public profile: who it is, where it sits, how to reach it and its
 * 政府信息公开指南 (the disclosure guide every agency must publish, Art. 12). The directory is the
 * authority on these fields; agency deployments only carry the code.
 */
@Entity({ tableName: 'agency_profile' })
export class AgencyProfileEntity {
  /** Registry code, lower case, e.g. "fjdrc"; never changes once issued. */
  @PrimaryKey({ type: 'string', length: 32 })
  code!: string;

  /** 全称, e.g. 福建省发展和改革委员会. */
  @Property({ type: 'string', length: 200 })
  name!: string;

  /** 简称, e.g. 省发改委. */
  @Property({ type: 'string', length: 64, nullable: true })
  shortName?: string | null;

  @Enum({ items: () => AgencyKind, type: 'string' })
  kind!: AgencyKind;

  /** 行政区划代码, six digits, e.g. "350000". */
  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  /**
   * Code of the agency above it. A plain column rather than an ORM relation: the registry is
   * loaded in batches by code, and a new entry may name a parent registered in the same seed.
   */
  @Index()
  @Property({ type: 'string', length: 32, nullable: true })
  parentCode?: string | null;

  /** 统一社会信用代码 (GB 32100-2015). */
  @Property({ type: 'string', length: 18, unique: true })
  creditCode!: string;

  /** Prefix of the agency's index numbers (索引号), e.g. "FJ00201"; part of every number issued. */
  @Property({ type: 'string', length: 16, unique: true })
  indexPrefix!: string;

  /** 发文字号前缀, e.g. 闽发改. */
  @Property({ type: 'string', length: 32, nullable: true })
  docPrefix?: string | null;

  @Property({ type: 'string', length: 255 })
  address!: string;

  @Property({ type: 'string', length: 32 })
  phone!: string;

  @Property({ type: 'string', length: 128, nullable: true })
  email?: string | null;

  @Property({ type: 'string', length: 255, nullable: true })
  website?: string | null;

  /** 办公（受理）时间, as the agency words it. */
  @Property({ type: 'string', length: 255 })
  officeHours!: string;

  /** 政府信息公开指南: how to request information, where, when, and the remedies. */
  @Property({ type: 'text' })
  disclosureGuide!: string;

  @Property({ type: Date })
  updatedAt!: Date;
}
