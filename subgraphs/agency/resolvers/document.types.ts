import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars';
import { Channel } from '../../../schema/contracts/channel';
import {
  DisclosureAttribute, DocumentEventKind, DocumentStatus, ExemptionGround, ReviewResult, Validity,
} from '../entities/enums';
import { ExpeditedReleaseKind } from '../entities/expedited-release.entity';

/**
 * The agency contract's public types. Resolvers return ORM entities; these classes only declare
 * the schema, so storage can change without changing what clients rely on (the committed schema/agency.graphql).
 */

@ObjectType({ description: '机关（由目录子图提供名称等资料）/ An agency; the directory subgraph supplies its profile' })
@Directive('@key(fields: "code")')
export class Agency {
  @Field(() => ID, { description: '机关代码 / Registry code, e.g. fjdrc' })
  code!: string;
}

@ObjectType({ description: '关键数据 / A key fact the document states' })
export class KeyFact {
  @Field({ description: '指标 / Subject' }) subject!: string;
  @Field({ description: '数值 / Value' }) value!: string;
  @Field(() => String, { nullable: true, description: '单位 / Unit' }) unit?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '截至日期 / As of' }) asOf?: string | null;
}

@ObjectType({ description: '附件 / Attachment metadata' })
export class Attachment {
  @Field(() => Int, { description: '附件序号（在本文件内）/ Its number within the document' }) number!: number;
  @Field({ description: '文件名 / File name' }) fileName!: string;
  @Field({ description: '媒体类型 / Media type' }) mediaType!: string;
  @Field(() => Int, { description: '大小（字节）/ Size in bytes' }) sizeBytes!: number;
  @Field(() => String, { nullable: true, description: '文件内容的 SHA-256（十六进制）；仅登记信息、未上传文件时为 null / SHA-256 of the stored file, hex; null when only its metadata was recorded' }) sha256?: string | null;
  @Field(() => String, { nullable: true, description: '经省级网关下载的路径，如 /attachments/fjdrc:00000012/1；未上传文件时为 null / Where to download it through the gateway; null when no file was uploaded' }) downloadPath?: string | null;
  @Field({ description: '属于尚未发布的修订稿（仅本机关工作人员可见）/ Part of the revision not yet published; only the agency\'s staff see such files' }) inRevision!: boolean;
}

@ObjectType({ description: '文件版本：发布后的每次修改都是新版本 / A published version; every change after publication is a new one' })
export class DocumentVersion {
  @Field(() => Int, { description: '版本号 / Version number' }) version!: number;
  @Field({ description: '标题 / Title' }) title!: string;
  @Field(() => String, { nullable: true, description: '内容概述 / Summary' }) summary?: string | null;
  @Field({ description: '正文 / Body' }) body!: string;
  @Field(() => String, { nullable: true, description: '文号 / Document number' }) docNumber?: string | null;
  @Field(() => [KeyFact], { description: '关键数据 / Key facts of this version' }) keyFacts!: KeyFact[];
  @Field(() => [String], { description: '主题词 / Subject terms' }) subjectTerms!: string[];
  @Field(() => DateScalar, { nullable: true, description: '施行日期 / Date it takes effect' }) effectiveOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '废止日期 / Date it ceases to have effect' }) repealedOn?: string | null;
  @Field({ description: '修改理由 / Why this version was made' }) reason!: string;
  @Field(() => Date, { description: '形成时间 / When this version was made' }) createdAt!: Date;
}

@ObjectType({ description: '修订稿：已发布文件的下一版本，经保密审查并发布后才替换公开文本（仅工作人员）/ The next version of a published document, public only once reviewed and published (staff only)' })
export class DocumentRevision {
  @Field(() => DocumentStatus, { description: '修订稿状态（草稿、待审、已通过）/ DRAFT, IN_REVIEW or APPROVED' }) status!: DocumentStatus;
  @Field({ description: '标题 / Title' }) title!: string;
  @Field(() => String, { nullable: true, description: '内容概述 / Summary' }) summary?: string | null;
  @Field({ description: '正文 / Body' }) body!: string;
  @Field(() => String, { nullable: true, description: '文号 / Document number' }) docNumber?: string | null;
  @Field(() => [KeyFact], { description: '关键数据 / Key facts' }) keyFacts!: KeyFact[];
  @Field(() => [String], { description: '主题词 / Subject terms' }) subjectTerms!: string[];
  @Field(() => DateScalar, { nullable: true, description: '施行日期 / Date it takes effect' }) effectiveOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '废止日期 / Date it ceases to have effect' }) repealedOn?: string | null;
  @Field({ description: '修改理由 / Why the document changes' }) reason!: string;
  @Field(() => [String], { description: '起草人（不能审核本修订稿）/ Who wrote it; none of them may review it' }) authors!: string[];
  @Field(() => Date, { description: '最后修改时间 / When last changed' }) updatedAt!: Date;
}

@ObjectType({ description: '保密审查记录（仅工作人员）/ Confidentiality review record (staff only)' })
export class ConfidentialityReview {
  @Field({ description: '审查人 / Reviewer' }) reviewer!: string;
  @Field(() => Date, { description: '审查时间 / When' }) reviewedAt!: Date;
  @Field(() => ReviewResult, { description: '结论 / Result' }) result!: ReviewResult;
  @Field(() => String, { nullable: true, description: '意见 / Note' }) note?: string | null;
}

@ObjectType({ description: '快速发布记录（突发事件、社会热点；仅工作人员）/ An expedited release (emergency or hot issue); staff only' })
export class ExpeditedRelease {
  @Field(() => ExpeditedReleaseKind, { description: '缘由 / Why it is expedited' }) kind!: ExpeditedReleaseKind;
  @Field({ description: '理由 / Reason given' }) reason!: string;
  @Field({ description: '申请人 / Who asked for it' }) requestedBy!: string;
  @Field(() => Date, { description: '申请时间 / When it was asked for' }) requestedAt!: Date;
  @Field(() => Date, { description: '应发布时间（申请后一小时）/ When it is due: an hour after it was asked for' }) dueAt!: Date;
  @Field(() => String, { nullable: true, description: '审批人（保密审查人）/ The named approver (its confidentiality reviewer)' }) approvedBy?: string | null;
  @Field(() => Date, { nullable: true, description: '审批时间 / When it was approved' }) approvedAt?: Date | null;
  @Field(() => Date, { nullable: true, description: '发布时间 / When it was published' }) publishedAt?: Date | null;
  @Field({ description: '是否在一小时内发布 / Whether it was published within the hour' }) withinHour!: boolean;
}

@ObjectType({ description: '文件事件（仅工作人员）/ What happened to the document (staff only)' })
export class DocumentEvent {
  @Field(() => DocumentEventKind, { description: '事件 / Kind' }) kind!: DocumentEventKind;
  @Field(() => Date, { description: '时间 / When' }) at!: Date;
  @Field({ description: '操作人 / Actor' }) actor!: string;
  @Field(() => String, { nullable: true, description: '说明 / Note' }) note?: string | null;
}

@ObjectType({ description: '政府信息（文件）/ A piece of government information' })
@Directive('@key(fields: "id")')
export class Document {
  @Field(() => ID, { description: '全局唯一标识，含机关代码 / Globally unique id naming its agency, "fjdrc:00000012"' }) id!: string;
  @Field({ description: '索引号 / Index number' }) indexNumber!: string;
  @Field(() => String, { nullable: true, description: '文号（按原样）/ Document number as written' }) docNumber?: string | null;
  @Field({ description: '标题 / Title' }) title!: string;
  @Field(() => String, { nullable: true, description: '内容概述 / Summary' }) summary?: string | null;
  @Field({ description: '正文 / Body' }) body!: string;
  @Field({ description: '主题分类 / Theme' }) theme!: string;
  @Field({ description: '主题分类代码 / Theme code' }) themeCode!: string;
  @Field({ description: '体裁 / Genre' }) genre!: string;
  @Field(() => DateScalar, { description: '生成日期 / Date formed' }) formedOn!: string;
  @Field(() => Date, { nullable: true, description: '发布时间 / When published' }) publishedAt?: Date | null;
  @Field(() => Validity, { description: '有效性 / Validity' }) validity!: Validity;
  @Field(() => [String], { description: '主题词 / Subject terms' }) subjectTerms!: string[];
  @Field(() => DateScalar, { nullable: true, description: '施行日期 / Date the document takes effect' }) effectiveOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '废止日期：自该日起不再有效；有效性（validity）是机关宣告的状态，不随日期自动改变 / Date it ceases to have effect; validity is the state the agency declared and does not change by itself on this date' }) repealedOn?: string | null;
  @Field(() => DisclosureAttribute, { description: '公开属性 / Disclosure attribute' }) disclosure!: DisclosureAttribute;
  @Field(() => DocumentStatus, { description: '状态 / Status' }) status!: DocumentStatus;
  @Field(() => [Channel], { description: '公开渠道 / Channels' }) channels!: Channel[];
  @Field(() => Int, { description: '当前版本号（未发布为 0）/ Current version, 0 before publication' }) version!: number;
  @Field(() => String, { nullable: true, description: '撤回理由 / Why it was withdrawn' }) withdrawalReason?: string | null;
  @Field(() => Date, { nullable: true, description: '撤回时间 / When withdrawn' }) withdrawnAt?: Date | null;
  // Fields below come from field resolvers (relations, staff-only fields).
  @Field(() => Agency, { description: '发布机构 / Issuing agency' }) agency!: Agency;
  @Field(() => [Agency], { description: '联合发文机关 / Co-issuing agencies' }) coIssuers!: Agency[];
  @Field(() => [KeyFact], { description: '关键数据 / Key facts' }) keyFacts!: KeyFact[];
  @Field(() => [Attachment], { description: '附件 / Attachments' }) attachments!: Attachment[];
  @Field(() => [DocumentVersion], { description: '已发布的各版本 / Published versions, oldest first' }) versions!: DocumentVersion[];
  @Field(() => DateScalar, { nullable: true, description: '应发布日期（仅工作人员和监察）/ Publication due date; staff and supervisors only, null for the public' }) publishDueOn?: string | null;
  @Field(() => Boolean, { nullable: true, description: '应发布日期是否为暂定（跨入未公布放假安排的年份）/ Whether the due date is provisional; staff and supervisors only' }) publishDueProvisional?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: '是否逾期发布（仅工作人员和监察）/ Late for publication; staff and supervisors only' }) overdue?: boolean | null;
  @Field(() => ExemptionGround, { nullable: true, description: '不予公开理由（仅工作人员）/ Exemption ground; staff only' }) exemptionGround?: ExemptionGround | null;
  @Field(() => [ConfidentialityReview], { nullable: true, description: '保密审查记录（仅工作人员）/ Confidentiality reviews; staff only' }) reviews?: ConfidentialityReview[] | null;
  @Field(() => [DocumentEvent], { nullable: true, description: '事件记录（仅工作人员）/ Event history; staff only' }) events?: DocumentEvent[] | null;
  @Field(() => ExpeditedRelease, { nullable: true, description: '快速发布记录（仅工作人员）；一般程序发布的文件为 null / Its expedited release; staff only, null for the ordinary path' }) expeditedRelease?: ExpeditedRelease | null;
  @Field(() => DocumentRevision, { nullable: true, description: '进行中的修订稿（仅工作人员；公众在其发布前看到的仍是已发布版本）/ The revision in progress; staff only — until it is published everyone else reads the published version' }) revision?: DocumentRevision | null;
}

@ObjectType({ description: '文件列表的一项 / A document in a list' })
export class DocumentEdge {
  @Field({ description: '游标 / Cursor of this item' }) cursor!: string;
  @Field(() => Document, { description: '文件 / The document' }) node!: Document;
  @Field(() => String, { nullable: true, description: '命中片段（仅搜索）/ Highlighted fragment, search only' }) highlight?: string | null;
}

@ObjectType({ description: '分页信息 / Page information' })
export class PageInfo {
  @Field({ description: '是否还有下一页 / Whether more items follow' }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: '本页最后一项的游标 / Cursor of the last item' }) endCursor?: string | null;
}

@ObjectType({ description: '分面计数的一项 / One value of a facet and how many matching documents have it' })
export class FacetCount {
  @Field({ description: '取值（机关代码、主题、年份、文种或有效性）/ The value: agency code, theme, year, genre or validity' }) value!: string;
  @Field(() => Int, { description: '符合条件的文件数 / Number of matching documents with this value' }) count!: number;
}

@ObjectType({ description: '检索结果的分面计数，按数量降序 / Facet counts of the matching documents, largest first' })
export class DocumentFacets {
  @Field(() => [FacetCount], { description: '按机关 / By agency code' }) agencies!: FacetCount[];
  @Field(() => [FacetCount], { description: '按主题 / By theme' }) themes!: FacetCount[];
  @Field(() => [FacetCount], { description: '按发布年份（北京时间）/ By year of publication, China time' }) years!: FacetCount[];
  @Field(() => [FacetCount], { description: '按文种 / By genre' }) genres!: FacetCount[];
  @Field(() => [FacetCount], { description: '按有效性（EFFECTIVE、AMENDED、REPEALED、EXPIRED）/ By validity, the Validity values' }) validities!: FacetCount[];
}

@ObjectType({ description: '文件列表 / A page of documents' })
export class DocumentConnection {
  @Field(() => Int, { description: '符合条件的总数 / Number of matching documents' }) totalCount!: number;
  @Field(() => DocumentFacets, { nullable: true, description: '全部匹配文件的分面计数（仅搜索，选择时才计算）/ Facet counts over every matching document; search only, computed only when selected' }) facets?: DocumentFacets | null;
  @Field(() => [DocumentEdge], { description: '本页文件 / Documents of this page' }) edges!: DocumentEdge[];
  @Field(() => PageInfo, { description: '分页信息 / Page information' }) pageInfo!: PageInfo;
}
