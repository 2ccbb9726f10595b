import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { OfficialRole } from '../../../schema/contracts/official-role';

/** What an accountability record is about. */
export enum AccountabilitySubject {
  FINDING = 'FINDING',
  DOCUMENT = 'DOCUMENT',
  REQUEST = 'REQUEST',
}

/** 问责措施 — the measures the 2014 Fujian notice's 责任追究 and the disciplinary rules provide. */
export enum AccountabilityMeasure {
  INTERVIEW = 'INTERVIEW',
  CIRCULATED_CRITICISM = 'CIRCULATED_CRITICISM',
  ORDERED_RECTIFICATION = 'ORDERED_RECTIFICATION',
  DISCIPLINARY_SANCTION = 'DISCIPLINARY_SANCTION',
}

registerEnumType(AccountabilitySubject, {
  name: 'AccountabilitySubject',
  description: '责任追究所涉事项 / What an accountability record is about',
  valuesConfig: {
    FINDING: { description: '新闻办的一致性检查发现 / A consistency finding of the news office' },
    DOCUMENT: { description: '逾期发布或逾期未发布的主动公开文件 / A proactive document published late or overdue' },
    REQUEST: { description: '逾期答复或逾期未答复的依申请公开 / A disclosure request replied late or overdue' },
  },
});
registerEnumType(AccountabilityMeasure, {
  name: 'AccountabilityMeasure',
  description: '问责措施 / The measure taken',
  valuesConfig: {
    INTERVIEW: { description: '约谈 / A formal interview (admonishing talk) with the official' },
    CIRCULATED_CRITICISM: { description: '通报批评 / Criticism circulated in a notice' },
    ORDERED_RECTIFICATION: { description: '责令整改 / Ordered to rectify' },
    DISCIPLINARY_SANCTION: { description: '处分 / A disciplinary sanction' },
  },
});
/**
 * 责任追究 — a record that a finding or an overdue item caused harm, naming the official held
 * responsible (as the agency's guide named them that day), the measure, when and by whom it was
 * decided. Kept in the agency's own database; supervisors and that agency's admin read it, nobody
 * else. Never changed once recorded.
 */
@Entity({ tableName: 'accountability_record' })
export class AccountabilityRecordEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', length: 32 })
  agencyCode!: string;

  @Enum({ items: () => AccountabilitySubject, type: 'string' })
  subjectKind!: AccountabilitySubject;

  /** The finding's, document's or request's id. */
  @Property({ type: 'string', length: 128 })
  subjectId!: string;

  /** 造成的后果: the harm the finding or delay caused. */
  @Property({ type: 'text' })
  harm!: string;

  @Enum({ items: () => OfficialRole, type: 'string' })
  officialRole!: OfficialRole;

  @Property({ type: 'string', length: 64 })
  officialName!: string;

  @Property({ type: 'string', length: 128 })
  officialTitle!: string;

  @Enum({ items: () => AccountabilityMeasure, type: 'string' })
  measure!: AccountabilityMeasure;

  /** 决定日期, "YYYY-MM-DD". */
  @Property({ type: 'string', length: 10 })
  decidedOn!: string;

  /** 决定机关, e.g. 福建省人民政府办公厅. */
  @Property({ type: 'string', length: 200 })
  decidedBy!: string;

  @Property({ type: 'string', length: 128 })
  recordedBy!: string;

  @Property({ type: Date })
  recordedAt!: Date;
}
