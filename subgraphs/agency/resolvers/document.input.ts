import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../shared/scalars';
import { Channel } from '../../../schema/contracts/channel';
import { DisclosureAttribute, DocumentStatus, ExemptionGround, Validity } from '../entities/enums';

@InputType({ description: '关键数据 / A key fact: subject, value, unit, as-of date' })
export class KeyFactInput {
  @Field({ description: '指标 / Subject, e.g. 2025年全省地区生产总值' })
  subject!: string;
  @Field({ description: '数值 / Value as written, e.g. 5.78' })
  value!: string;
  @Field(() => String, { nullable: true, description: '单位 / Unit, e.g. 万亿元' })
  unit?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '截至日期 / As-of date' })
  asOf?: string | null;
}

@InputType({ description: '附件信息 / Attachment metadata' })
export class AttachmentInput {
  @Field({ description: '文件名 / File name' })
  fileName!: string;
  @Field({ description: '媒体类型 / Media type, e.g. application/pdf' })
  mediaType!: string;
  @Field(() => Int, { description: '大小（字节）/ Size in bytes' })
  sizeBytes!: number;
}

/** Fields an editor sets; the same shape serves creation and revision. */
@InputType({ description: '新建文件 / A new document of the caller\'s agency' })
export class CreateDocumentInput {
  @Field({ description: '标题 / Title' })
  title!: string;
  @Field({ description: '正文 / Body' })
  body!: string;
  @Field({ description: '主题分类（名称或代码）/ Theme, by name or code' })
  theme!: string;
  @Field(() => DateScalar, { description: '生成日期 / Date formed' })
  formedOn!: string;
  @Field(() => DisclosureAttribute, { description: '公开属性 / Disclosure attribute' })
  disclosure!: DisclosureAttribute;
  @Field(() => String, { nullable: true, description: '不予公开理由，NOT_DISCLOSED 时必填 / Exemption ground, required when NOT_DISCLOSED' })
  exemptionGround?: string | null;
  @Field(() => String, { nullable: true, description: '文号（按原样）/ Document number as written' })
  docNumber?: string | null;
  @Field(() => String, { nullable: true, description: '内容概述 / Summary' })
  summary?: string | null;
  @Field(() => String, { nullable: true, description: '体裁，缺省按标题推断 / Genre; inferred from the title when absent' })
  genre?: string | null;
  @Field(() => [ID], { nullable: true, description: '联合发文机关 / Co-issuing agencies (registry codes)' })
  coIssuers?: string[] | null;
  @Field(() => [KeyFactInput], { nullable: true, description: '关键数据 / Key facts' })
  keyFacts?: KeyFactInput[] | null;
  @Field(() => [Channel], { nullable: true, description: '公开渠道 / Channels (portal by default)' })
  channels?: Channel[] | null;
  @Field(() => [AttachmentInput], { nullable: true, description: '附件 / Attachments' })
  attachments?: AttachmentInput[] | null;
  @Field(() => [String], { nullable: true, description: '主题词（每个一项，最多 20 个，每个最多 30 字）/ Subject terms, one per item: at most 20, each at most 30 characters' })
  subjectTerms?: string[] | null;
  @Field(() => DateScalar, { nullable: true, description: '施行日期 / Date the document takes effect' })
  effectiveOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '废止日期：自该日起不再有效，不早于施行日期 / Date it ceases to have effect; not before effectiveOn' })
  repealedOn?: string | null;
}

@InputType({ description: '修改文件：只改所给字段 / Change a document: only the fields given' })
export class UpdateDocumentInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) body?: string | null;
  @Field(() => String, { nullable: true }) summary?: string | null;
  @Field(() => String, { nullable: true }) theme?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '仅未发布时可改 / Only before publication' }) formedOn?: string | null;
  @Field(() => DisclosureAttribute, { nullable: true, description: '仅未发布时可改 / Only before publication' }) disclosure?: DisclosureAttribute | null;
  @Field(() => String, { nullable: true }) exemptionGround?: string | null;
  @Field(() => String, { nullable: true }) docNumber?: string | null;
  @Field(() => String, { nullable: true }) genre?: string | null;
  @Field(() => [ID], { nullable: true }) coIssuers?: string[] | null;
  @Field(() => [KeyFactInput], { nullable: true }) keyFacts?: KeyFactInput[] | null;
  @Field(() => [Channel], { nullable: true }) channels?: Channel[] | null;
  @Field(() => [String], { nullable: true, description: '主题词，整体替换 / Subject terms, replacing the list' }) subjectTerms?: string[] | null;
  @Field(() => DateScalar, { nullable: true, description: '施行日期；null 清除 / Date it takes effect; null clears it' }) effectiveOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '废止日期；null 清除 / Date it ceases to have effect; null clears it' }) repealedOn?: string | null;
}

@InputType({ description: '文件筛选 / Document filter' })
export class DocumentFilter {
  @Field(() => [ID], { nullable: true, description: '发布机构 / Agencies (registry codes)' })
  agencies?: string[] | null;
  @Field(() => String, { nullable: true, description: '主题分类（名称或代码）/ Theme by name or code' })
  theme?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '发布日期起 / Published on or after' })
  publishedFrom?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '发布日期止 / Published on or before' })
  publishedTo?: string | null;
  @Field(() => String, { nullable: true, description: '文号，括号写法不限 / Document number; any bracket style matches' })
  docNumber?: string | null;
  @Field(() => String, { nullable: true, description: '文种，如"通知""办法" / Genre, e.g. 通知 or 办法' })
  genre?: string | null;
  @Field(() => [Validity], { nullable: true, description: '有效性（任一）/ Validity, any of these' })
  validity?: Validity[] | null;
  @Field(() => Date, { nullable: true, description: '此时间之后有变化（发布、修改、撤回）的文件，含已撤回的 / Documents changed (published, revised, withdrawn) after this instant, withdrawn ones included' })
  updatedSince?: Date | null;
  @Field(() => [DocumentStatus], { nullable: true, description: '状态（本机关工作人员）/ Statuses; other than PUBLISHED only for the agency\'s own staff' })
  status?: DocumentStatus[] | null;
}

export { ExemptionGround };
