import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AgencyKind } from '../entities/enums';
import { OfficialRole } from '../../../schema/contracts/official-role';

/**
 * The directory's public types. Resolvers return ORM entities; these classes only declare the
 * schema, so storage can change without changing what clients rely on (the committed schema/directory.graphql).
 */

/** How to reach an agency, assembled from its profile. */
@ObjectType({ description: '联系方式 / How to reach the agency' })
export class AgencyContact {
  @Field({ description: '地址 / Postal address' }) address!: string;
  @Field({ description: '电话 / Telephone' }) phone!: string;
  @Field(() => String, { nullable: true, description: '电子邮箱 / E-mail' }) email?: string | null;
  @Field(() => String, { nullable: true, description: '网站 / Website' }) website?: string | null;
  @Field({ description: '办公（受理）时间 / Office hours' }) officeHours!: string;
}

/** A named official as the guide prints them: name, title, office line; nothing private. */
@ObjectType({ description: '政务公开责任人（公开指南所载）/ A named disclosure official, as the agency\'s guide prints them' })
export class AgencyOfficial {
  @Field(() => OfficialRole, { description: '职责 / What the official answers for' }) role!: OfficialRole;
  @Field({ description: '姓名 / Name' }) name!: string;
  @Field({ description: '职务 / Title' }) title!: string;
  @Field(() => String, { nullable: true, description: '办公电话 / Office telephone' }) officePhone?: string | null;
}

/** An agency; the agency subgraph extends it with `documents` by the same key. */
@ObjectType({ description: '机关：目录子图是其名称、层级和公开指南的权威来源 / An agency; the directory is the authority on its name, hierarchy and disclosure guide' })
@Directive('@key(fields: "code")')
export class Agency {
  @Field(() => ID, { description: '机关代码 / Registry code, e.g. fjdrc' }) code!: string;
  @Field({ description: '全称 / Full name, e.g. 福建省发展和改革委员会' }) name!: string;
  @Field(() => String, { nullable: true, description: '简称 / Short name' }) shortName?: string | null;
  @Field(() => AgencyKind, { description: '机关类别 / Kind of agency' }) kind!: AgencyKind;
  @Field({ description: '行政区划代码 / Administrative division code, e.g. 350000' }) regionCode!: string;
  @Field({ description: '统一社会信用代码 / Unified social credit code' }) creditCode!: string;
  @Field({ description: '索引号前缀 / Prefix of its index numbers, e.g. FJ00201' }) indexPrefix!: string;
  @Field(() => String, { nullable: true, description: '发文字号前缀 / Prefix of its document numbers, e.g. 闽发改' }) docPrefix?: string | null;
  @Field(() => String, { nullable: true, description: '政府信息公开指南 / Disclosure guide: how to request information, where and when' }) disclosureGuide?: string | null;
  @Field(() => Date, { description: '资料更新时间 / When the profile last changed' }) updatedAt!: Date;
  // Fields below come from field resolvers (hierarchy through loaders, contact assembled).
  @Field(() => Agency, { nullable: true, description: '上级机关 / The agency above it' }) parent?: Agency | null;
  @Field(() => [Agency], { description: '下级机关，按代码排序 / Agencies directly below it, ordered by code' }) children!: Agency[];
  @Field(() => AgencyContact, { description: '联系方式 / Contact details' }) contact!: AgencyContact;
  @Field(() => [AgencyOfficial], { description: '政务公开责任人（主要负责同志、分管负责人、专人），公开指南的一部分，按指南顺序 / The named disclosure officials (head, leader in charge, designated staff), part of the guide, in its order' }) officials!: AgencyOfficial[];
}
