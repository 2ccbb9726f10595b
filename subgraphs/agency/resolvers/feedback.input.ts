import { Field, ID, InputType } from 'type-graphql';
import { FeedbackStatus } from '../entities/feedback.entity';

@InputType({ description: '意见建议 / Feedback on an agency\'s disclosure work or on one of its published documents' })
export class FeedbackInput {
  @Field(() => ID, { description: '机关代码 / Registry code of the agency' })
  agency!: string;
  @Field(() => ID, { nullable: true, description: '所评论的已发布文件；不填则针对机关的政府信息公开工作 / The published document commented on; leave out to comment on the agency\'s disclosure work' })
  documentId?: string | null;
  @Field(() => String, { nullable: true, description: '署名（可不填，公开显示）/ Display name, optional, shown publicly' })
  authorName?: string | null;
  @Field(() => String, { nullable: true, description: '联系方式（可不填，仅本机关管理员和经办人员可见）/ Contact, optional; only the agency\'s admin and disclosure officers see it' })
  contact?: string | null;
  @Field({ description: '意见内容（5–2000 字）/ The feedback, 5 to 2000 characters' })
  text!: string;
}

@InputType({ description: '意见建议筛选 / Feedback filter' })
export class FeedbackFilter {
  @Field(() => [ID], { nullable: true, description: '机关 / Agencies (registry codes)' })
  agencies?: string[] | null;
  @Field(() => ID, { nullable: true, description: '所评论的文件 / Document commented on' })
  documentId?: string | null;
  @Field(() => [FeedbackStatus], { nullable: true, description: '审核状态（公众仅能查看已公开的）/ Statuses; the public sees SHOWN only' })
  status?: FeedbackStatus[] | null;
}
