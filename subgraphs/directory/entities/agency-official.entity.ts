import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { OfficialRole } from '../../../schema/contracts/official-role';

/**
 * One of an agency's named disclosure officials (主要负责同志, 分管负责人, 专人), published in its
 * 政府信息公开指南 and named by accountability records. Only what the guide prints is kept: name,
 * title and office telephone, nothing private.
 */
@Entity({ tableName: 'agency_official' })
@Index({ properties: ['agencyCode', 'position'] })
export class AgencyOfficialEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** Registry code of the agency (a plain column, like `parentCode`). */
  @Property({ type: 'string', length: 32 })
  agencyCode!: string;

  @Enum({ items: () => OfficialRole, type: 'string' })
  role!: OfficialRole;

  /** 姓名. */
  @Property({ type: 'string', length: 64 })
  name!: string;

  /** 职务, e.g. 党组书记、主任. */
  @Property({ type: 'string', length: 128 })
  title!: string;

  /** 办公电话, the public office line; never a personal number. */
  @Property({ type: 'string', length: 32, nullable: true })
  officePhone?: string | null;

  /** Order in the guide, 0 first. */
  @Property({ type: 'integer' })
  position!: number;
}
