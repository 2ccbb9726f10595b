import { Field, InputType } from 'type-graphql';

/**
 * What an agency's admin may change in its own profile: only the fields given. Registry structure
 * (code, kind, region, parent, index prefix) is the province's to set, not the agency's.
 */
@InputType({ description: '修改机关资料：只改所给字段 / Change an agency profile: only the fields given' })
export class AgencyProfileInput {
  @Field(() => String, { nullable: true, description: '全称 / Full name' }) name?: string | null;
  @Field(() => String, { nullable: true, description: '简称，null 清除 / Short name; null clears it' }) shortName?: string | null;
  @Field(() => String, { nullable: true, description: '统一社会信用代码 / Unified social credit code' }) creditCode?: string | null;
  @Field(() => String, { nullable: true, description: '发文字号前缀，null 清除 / Document-number prefix; null clears it' }) docPrefix?: string | null;
  @Field(() => String, { nullable: true, description: '地址 / Postal address' }) address?: string | null;
  @Field(() => String, { nullable: true, description: '电话 / Telephone' }) phone?: string | null;
  @Field(() => String, { nullable: true, description: '电子邮箱，null 清除 / E-mail; null clears it' }) email?: string | null;
  @Field(() => String, { nullable: true, description: '网站（http 或 https），null 清除 / Website (http or https); null clears it' }) website?: string | null;
  @Field(() => String, { nullable: true, description: '办公（受理）时间 / Office hours' }) officeHours?: string | null;
  @Field(() => String, { nullable: true, description: '政府信息公开指南 / Disclosure guide' }) disclosureGuide?: string | null;
}
