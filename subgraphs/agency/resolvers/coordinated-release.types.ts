import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { DocumentStatus, Validity } from '../entities/enums';
import { ParticipantState } from '../entities/release-hold.entity';
import { KeyFact } from './document.types';

/**
 * The agency contract's side of release coordination: what the news office's coordination
 * subgraph calls through the gateway (service identity or coordinators only).
 */

@ObjectType({ description: '发布管控：列入已确认协同发布计划的文件在发布时间前不得发布 / An embargo: a document of a confirmed release plan is not published before the release time' })
export class ReleaseHold {
  @Field(() => ID, { description: '文件标识 / Document id' }) documentId!: string;
  @Field(() => ID, { description: '协同发布计划标识 / Release plan id' }) planId!: string;
  @Field(() => Date, { description: '发布时间 / Release time' }) releaseAt!: Date;
  @Field(() => Date, { nullable: true, description: '表决同意时间；此后文件冻结至统一发布 / When the agency voted yes; the document is frozen from then until the commit' }) preparedAt?: Date | null;
}

@InputType({ description: '列入计划的文件及列入时的内容指纹 / A linked document and its content hash when it was linked' })
export class ReleaseDocumentInput {
  @Field(() => ID, { description: '文件标识 / Document id' }) id!: string;
  @Field({ description: '列入计划时的内容指纹 / Content hash recorded when linked' }) contentHash!: string;
}

@ObjectType({ description: '第一阶段表决结果 / A participant\'s phase-1 vote' })
export class ReleaseVote {
  @Field(() => ID, { description: '计划标识 / Plan id' }) planId!: string;
  @Field(() => ID, { description: '机关代码 / Agency code' }) agency!: string;
  @Field(() => ParticipantState, { description: '表决状态 / State after the vote' }) state!: ParticipantState;
  @Field(() => [String], { description: '未通过核验的原因 / Why a check failed; empty for a yes' }) problems!: string[];
}

@ObjectType({ description: '统一发布的一份文件 / A document published by the coordinated release' })
export class ReleasedDocument {
  @Field(() => ID, { description: '文件标识 / Document id' }) id!: string;
  @Field(() => Date, { description: '发布时间 / When it was published' }) publishedAt!: Date;
}

@ObjectType({ description: '第二阶段发布结果；重复提交返回同一结果 / A participant\'s phase-2 result; a repeated commit answers the same' })
export class ReleaseCommit {
  @Field(() => ID, { description: '计划标识 / Plan id' }) planId!: string;
  @Field(() => ID, { description: '机关代码 / Agency code' }) agency!: string;
  @Field(() => [ReleasedDocument], { description: '已发布的文件 / Documents published' }) documents!: ReleasedDocument[];
  @Field(() => Date, { description: '提交时间 / When this agency committed' }) committedAt!: Date;
}

@ObjectType({ description: '供新闻办核验的文件状态（含未发布文件）/ A document\'s state for the news office, unpublished ones included' })
// An entity, so that a plan's or a finding's link to an unpublished document resolves for the
// news office (by id, at the owning deployment) where Document resolves to null.
@Directive('@key(fields: "id")')
export class ReleaseDocumentState {
  @Field(() => ID, { description: '文件标识 / Document id' }) id!: string;
  @Field({ description: '文件是否存在 / Whether the document exists' }) found!: boolean;
  @Field(() => String, { nullable: true, description: '标题 / Title' }) title?: string | null;
  @Field(() => String, { nullable: true, description: '文号 / Document number' }) docNumber?: string | null;
  @Field(() => DocumentStatus, { nullable: true, description: '状态 / Status' }) status?: DocumentStatus | null;
  @Field(() => Validity, { nullable: true, description: '有效性 / Validity' }) validity?: Validity | null;
  @Field(() => Date, { nullable: true, description: '发布时间 / When published' }) publishedAt?: Date | null;
  @Field(() => String, { nullable: true, description: '内容指纹 / Content hash' }) contentHash?: string | null;
  @Field(() => [KeyFact], { description: '关键数据 / Key facts' }) keyFacts!: KeyFact[];
  @Field(() => ID, { nullable: true, description: '转载来源文件 / The document it reprints' }) reprintOf?: string | null;
}
