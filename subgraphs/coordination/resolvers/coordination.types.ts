import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Channel } from '../../../schema/contracts/channel';
import { DateScalar } from '../../shared/scalars';
import { FindingKind, FindingSeverity, FindingStatus, ParticipantVote, ReleaseKind, ReleasePlanStatus } from '../entities/enums';

/**
 * The coordination subgraph's public types. Resolvers return ORM entities; these classes only
 * declare the schema. Agencies and documents are entity references the gateway resolves in the
 * directory and the agency deployments.
 */

@ObjectType({ description: '机关（由目录子图和机关子图提供资料）/ An agency; the directory and agency subgraphs supply its data' })
@Directive('@key(fields: "code", resolvable: false)')
export class Agency {
  @Field(() => ID, { description: '机关代码 / Registry code, e.g. fjdrc' }) code!: string;
}

@ObjectType({ description: '政府信息（由机关子图提供内容）/ A document; its agency\'s deployment supplies its content' })
@Directive('@key(fields: "id", resolvable: false)')
export class Document {
  @Field(() => ID, { description: '全局唯一标识，含机关代码 / Globally unique id naming its agency' }) id!: string;
}

@ObjectType({ description: '供新闻办核验的文件状态（含未发布文件）/ A document\'s state for the news office, unpublished ones included' })
@Directive('@key(fields: "id", resolvable: false)')
export class ReleaseDocumentState {
  @Field(() => ID, { description: '文件标识 / Document id' }) id!: string;
}

@ObjectType({ description: '一致性问题涉及的文件：标识和机关始终可读 / A document a finding concerns: its id and agency are always readable' })
export class DocumentLink {
  @Field(() => ID, { description: '文件标识（文件未公开时也可读）/ Document id, readable also while the document is not public' }) documentId!: string;
  @Field(() => Agency, { description: '所属机关 / Its agency' }) agency!: Agency;
  @Field(() => Document, { nullable: true, description: '文件；调用者无权查看（如未公开）时为 null / The document; null when the caller may not read it (e.g. not public)' }) document?: Document | null;
  @Field(() => ReleaseDocumentState, { nullable: true, description: '文件状态（仅新闻办，含未发布文件）/ Its state, unpublished ones included; news office only, null for others' }) state?: ReleaseDocumentState | null;
}

@ObjectType({ description: '统一口径中的一项关键数据 / A key fact of the agreed wording' })
export class AgreedFact {
  @Field({ description: '指标 / Subject' }) subject!: string;
  @Field({ description: '数值 / Value' }) value!: string;
  @Field(() => String, { nullable: true, description: '单位 / Unit' }) unit?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '截至日期 / As of' }) asOf?: string | null;
}

@ObjectType({ description: '参与机关及其在统一发布中的进展 / A participating agency and where it stands in the release' })
export class ReleaseParticipant {
  @Field(() => Agency, { description: '机关 / The agency' }) agency!: Agency;
  @Field(() => ParticipantVote, { nullable: true, description: '第一阶段表决 / Phase-1 vote of the last attempt' }) vote?: ParticipantVote | null;
  @Field(() => [String], { description: '核验未通过的原因 / Why its check failed' }) problems!: string[];
  @Field({ description: '发布管控是否已同步到该机关 / Whether its embargo holds match the plan' }) holdsSynced!: boolean;
  @Field(() => Date, { nullable: true, description: '该机关确认发布的时间 / When it acknowledged the commit' }) committedAt?: Date | null;
  @Field(() => String, { nullable: true, description: '最近一次无法联系该机关的原因 / Last failure to reach it' }) lastError?: string | null;
}

@ObjectType({ description: '关联到计划的文件及关联时的内容 / A document linked to the plan, as it stood when linked' })
export class LinkedDocument {
  @Field(() => Document, { description: '文件；调用者无权查看（如未公开）时为 null，标识见 documentId / The document; null when the caller may not read it (e.g. not public): see documentId' }) document!: Document;
  @Field(() => ID, { description: '文件标识（文件未公开时也可读）/ Document id, readable also while the document is not public' }) documentId!: string;
  @Field(() => ReleaseDocumentState, { nullable: true, description: '文件当前状态（仅新闻办，含未发布文件）/ Its current state, unpublished ones included; news office only, null for others' }) state?: ReleaseDocumentState | null;
  @Field(() => Agency, { description: '所属机关 / Its agency' }) agency!: Agency;
  @Field({ description: '关联时的标题 / Title when linked' }) title!: string;
  @Field({ description: '关联时的内容指纹 / Content hash when linked' }) contentHash!: string;
  @Field(() => [AgreedFact], { description: '关联时的关键数据 / Key facts when linked' }) keyFacts!: AgreedFact[];
  @Field(() => Date, { description: '关联时间 / When linked' }) linkedAt!: Date;
}

@ObjectType({ description: '协同发布计划 / A release plan of the news office' })
@Directive('@key(fields: "id")')
export class ReleasePlan {
  @Field(() => ID, { description: '计划标识 / Plan id' }) id!: string;
  @Field({ description: '标题 / Title' }) title!: string;
  @Field(() => ReleaseKind, { description: '发布类别 / Kind' }) kind!: ReleaseKind;
  @Field(() => ReleasePlanStatus, { description: '状态 / Status' }) status!: ReleasePlanStatus;
  @Field(() => Date, { description: '发布时间 / Release time (embargo)' }) releaseAt!: Date;
  @Field(() => [Channel], { description: '公开渠道 / Channels' }) channels!: Channel[];
  @Field(() => [AgreedFact], { description: '统一口径 / Agreed wording' }) agreedFacts!: AgreedFact[];
  @Field(() => String, { nullable: true, description: '最近一次统一发布未能进行的原因 / Why the last release attempt did not go out' }) failure?: string | null;
  @Field(() => Date, { nullable: true, description: '统一发布完成时间 / When the release completed' }) releasedAt?: Date | null;
  @Field(() => String, { nullable: true, description: '取消理由 / Why it was cancelled' }) cancelReason?: string | null;
  @Field(() => Date, { description: '创建时间 / Created at' }) createdAt!: Date;
  @Field(() => Date, { description: '最近修改时间 / Last changed at' }) updatedAt!: Date;
  // Fields below come from field resolvers.
  @Field(() => Agency, { description: '牵头机关 / Lead agency' }) leadAgency!: Agency;
  @Field(() => [ReleaseParticipant], { description: '参与机关 / Participating agencies' }) participants!: ReleaseParticipant[];
  @Field(() => [LinkedDocument], { description: '关联文件 / Linked documents' }) documents!: LinkedDocument[];
  @Field(() => ReleasePlan, { nullable: true, description: '澄清发布所更正的计划 / For a clarification: the plan it corrects' }) corrects?: ReleasePlan | null;
  @Field(() => [Document], { description: '澄清发布所更正的文件 / For a clarification: the documents it corrects' }) correctsDocuments!: Document[];
}

@ObjectType({ description: '分页信息 / Page information' })
export class CoordinationPageInfo {
  @Field({ description: '是否还有下一页 / Whether more items follow' }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: '本页最后一项的游标 / Cursor of the last item' }) endCursor?: string | null;
}

@ObjectType({ description: '计划列表的一项 / A plan in a list' })
export class ReleasePlanEdge {
  @Field({ description: '游标 / Cursor' }) cursor!: string;
  @Field(() => ReleasePlan, { description: '计划 / The plan' }) node!: ReleasePlan;
}

@ObjectType({ description: '协同发布计划列表，发布时间晚者在前 / Release plans, latest release time first' })
export class ReleasePlanConnection {
  @Field(() => [ReleasePlanEdge], { description: '本页计划 / Plans of this page' }) edges!: ReleasePlanEdge[];
  @Field(() => CoordinationPageInfo, { description: '分页信息 / Page information' }) pageInfo!: CoordinationPageInfo;
}

@ObjectType({ description: '证据 / One piece of evidence' })
export class FindingEvidence {
  @Field({ description: '说明 / What it is' }) label!: string;
  @Field({ description: '数值或内容 / The value' }) value!: string;
  @Field(() => Document, { nullable: true, description: '出处文件 / The document it comes from' }) document?: Document | null;
  @Field(() => ID, { nullable: true, description: '出处文件标识（文件未公开时也可读）/ Id of the document it comes from, readable also while it is not public' }) documentId?: string | null;
  @Field(() => Agency, { nullable: true, description: '出处机关 / The agency it comes from' }) agency?: Agency | null;
}

@ObjectType({ description: '一致性问题 / A consistency finding' })
export class ConsistencyFinding {
  @Field(() => ID, { description: '标识（由问题指纹导出，复查不变）/ Id, derived from the fingerprint, stable across rescans' }) id!: string;
  @Field(() => FindingKind, { description: '类别 / Kind' }) kind!: FindingKind;
  @Field(() => FindingSeverity, { description: '严重程度 / Severity' }) severity!: FindingSeverity;
  @Field(() => FindingStatus, { description: '处理状态 / Status' }) status!: FindingStatus;
  @Field({ description: '说明 / What is wrong' }) detail!: string;
  @Field(() => Date, { description: '首次发现 / First seen' }) firstSeenAt!: Date;
  @Field(() => Date, { description: '最近一次复查仍存在 / Last seen by a scan' }) lastSeenAt!: Date;
  @Field(() => Date, { nullable: true, description: '解决时间 / When resolved' }) resolvedAt?: Date | null;
  @Field(() => String, { nullable: true, description: '确认知悉人 / Who acknowledged it' }) acknowledgedBy?: string | null;
  @Field(() => String, { nullable: true, description: '处理说明 / Handling note' }) note?: string | null;
  // Fields below come from field resolvers.
  @Field(() => [Agency], { description: '涉及机关 / Agencies concerned' }) agencies!: Agency[];
  @Field(() => [Document], { description: '涉及文件 / Documents concerned' }) documents!: Document[];
  @Field(() => [DocumentLink], { description: '涉及文件的标识、机关和状态（文件未公开时也可读）/ The documents concerned by id, agency and state, readable also while not public' }) documentLinks!: DocumentLink[];
  @Field(() => [FindingEvidence], { description: '证据 / Evidence' }) evidence!: FindingEvidence[];
  @Field(() => ReleasePlan, { nullable: true, description: '相关协同发布计划 / The release plan concerned' }) plan?: ReleasePlan | null;
}

@ObjectType({ description: '一致性问题列表的一项 / A finding in a list' })
export class ConsistencyFindingEdge {
  @Field({ description: '游标 / Cursor' }) cursor!: string;
  @Field(() => ConsistencyFinding, { description: '问题 / The finding' }) node!: ConsistencyFinding;
}

@ObjectType({ description: '一致性问题列表，新发现者在前 / Consistency findings, newest first' })
export class ConsistencyFindingConnection {
  @Field(() => Int, { description: '符合条件的总数 / Number of matching findings' }) totalCount!: number;
  @Field(() => [ConsistencyFindingEdge], { description: '本页问题 / Findings of this page' }) edges!: ConsistencyFindingEdge[];
  @Field(() => CoordinationPageInfo, { description: '分页信息 / Page information' }) pageInfo!: CoordinationPageInfo;
}

@ObjectType({ description: '一次一致性检查 / One consistency scan' })
export class ConsistencyScan {
  @Field(() => Int, { description: '序号 / Number' }) id!: number;
  @Field({ description: '范围：FULL（全省）或 PLAN:<计划> / Scope: FULL or PLAN:<plan id>' }) scope!: string;
  @Field(() => Date, { description: '开始时间 / Started at' }) startedAt!: Date;
  @Field(() => Date, { nullable: true, description: '结束时间 / Finished at' }) finishedAt?: Date | null;
  @Field(() => Int, { description: '检查的已发布文件数 / Published documents read' }) documents!: number;
  @Field(() => [String], { description: '无法读取的机关 / Agencies it could not read' }) unreachable!: string[];
  @Field(() => Int, { description: '发现的问题数 / Findings seen' }) findingsSeen!: number;
  @Field(() => Int, { description: '复查后解决的问题数 / Findings resolved because no longer seen' }) findingsResolved!: number;
}
