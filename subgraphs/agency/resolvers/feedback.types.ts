import { Field, ID, Int, ObjectType } from 'type-graphql';
import { registerEnumType } from 'type-graphql';
import { FeedbackStatus } from '../entities/feedback.entity';
import { Agency, Document, PageInfo } from './document.types';

/** 意见对象 — what a feedback item is about. */
export enum FeedbackTarget { DISCLOSURE_WORK = 'DISCLOSURE_WORK', DOCUMENT = 'DOCUMENT' }

registerEnumType(FeedbackTarget, { name: 'FeedbackTarget', description: '意见对象：机关的政府信息公开工作或某一文件 / What feedback is about: the agency\'s disclosure work, or a document' });

@ObjectType({ description: '意见建议：公众看到已审核公开的意见及答复 / Public feedback; the public sees moderated, shown items and their answers' })
export class Feedback {
  @Field(() => ID, { description: '标识，含机关代码 / Id naming its agency, "fjdrc:f0000001"' }) id!: string;
  @Field(() => Agency, { description: '机关 / Agency' }) agency!: Agency;
  @Field(() => FeedbackTarget, { description: '意见对象 / What it is about' }) target!: FeedbackTarget;
  @Field(() => Document, { nullable: true, description: '所评论的文件 / Document commented on' }) document?: Document | null;
  @Field(() => String, { nullable: true, description: '署名 / Display name the author chose' }) authorName?: string | null;
  @Field(() => String, { nullable: true, description: '联系方式（仅本机关管理员和经办人员）/ Contact; only the agency\'s admin and disclosure officers' }) contact?: string | null;
  @Field({ description: '意见内容 / The feedback' }) text!: string;
  @Field(() => FeedbackStatus, { description: '审核状态 / Moderation status' }) status!: FeedbackStatus;
  @Field(() => String, { nullable: true, description: '审核理由（仅本机关工作人员）/ Moderation reason; the agency\'s staff only' }) moderationReason?: string | null;
  @Field(() => String, { nullable: true, description: '答复 / The agency\'s answer' }) answer?: string | null;
  @Field(() => Date, { nullable: true, description: '答复时间 / When answered' }) answeredAt?: Date | null;
  @Field(() => String, { nullable: true, description: '答复人（仅本机关工作人员）/ Who answered; the agency\'s staff only' }) answeredBy?: string | null;
  @Field(() => Date, { description: '提交时间 / When submitted' }) createdAt!: Date;
}

@ObjectType({ description: '意见建议列表中的一项 / An item of a feedback page' })
export class FeedbackEdge {
  @Field({ description: '游标 / Cursor' }) cursor!: string;
  @Field(() => Feedback, { description: '意见 / The feedback' }) node!: Feedback;
}

@ObjectType({ description: '意见建议列表，最新在前 / A page of feedback, newest first' })
export class FeedbackConnection {
  @Field(() => Int, { description: '总数 / Number matching' }) totalCount!: number;
  @Field(() => [FeedbackEdge], { description: '本页 / This page' }) edges!: FeedbackEdge[];
  @Field(() => PageInfo, { description: '分页信息 / Page information' }) pageInfo!: PageInfo;
}
