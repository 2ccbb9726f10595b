import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars';
import { LetterKind, LetterRecipient } from '../entities/letter.entity';
import { DeliveryMethod, RequestOutcome, RequestStatus } from '../entities/request-enums';
import { Agency } from './document.types';

@ObjectType({ description: '告知书、答复书（按发出时原样保存备查）/ A statutory letter of a request, kept as sent' })
export class RequestLetter {
  @Field(() => ID, { description: '文书编号，含机关代码 / Id naming its agency, "fjdrc:l0000001"' }) id!: string;
  @Field(() => ID, { description: '所属申请 / The request it is about' }) requestId!: string;
  @Field(() => LetterKind, { description: '种类 / Kind' }) kind!: LetterKind;
  @Field(() => LetterRecipient, { description: '收件人 / Addressed to' }) recipient!: LetterRecipient;
  @Field({ description: '标题 / Title' }) title!: string;
  @Field(() => DateScalar, { description: '发文日期 / The date it bears' }) issuedOn!: string;
  @Field(() => DeliveryMethod, { nullable: true, description: '送达方式（申请人选择的获取方式；第三方的函为空，由工作人员寄送）/ How it goes out: the requester\'s delivery method; null for a third party\'s letter, sent by staff' }) deliveryMethod?: DeliveryMethod | null;
  @Field(() => DateScalar, { nullable: true, description: '送达日期：邮件服务器接收、申请人首次在线查看或工作人员登记交付之日 / Delivered: mail accepted, first read online, or handed over as recorded by staff' }) deliveredOn?: string | null;
  @Field(() => String, { nullable: true, description: '邮件服务器拒收（如邮箱不存在）：该文书转入打印送达 / The mail server refused the e-mailed letter for good (e.g. no such mailbox): it went to the print queue' }) emailRefused?: string | null;
  @Field({ description: '正文（与 PDF 相同）/ The text, as in the PDF' }) text!: string;
}

@ObjectType({ description: '申请人查阅页：办理情况、告知书和答复 / The requester\'s page: progress, letters and the reply' })
export class RequesterCase {
  @Field({ description: '查询码 / Tracking code' }) trackingCode!: string;
  @Field(() => Agency, { description: '受理机关 / Agency asked' }) agency!: Agency;
  @Field(() => RequestStatus, { description: '办理状态 / Status' }) status!: RequestStatus;
  @Field(() => DateScalar, { description: '提交日期 / Submitted' }) submittedOn!: string;
  @Field(() => DateScalar, { nullable: true, description: '收到申请之日 / Receipt date' }) receivedOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '答复期限 / Reply due date' }) replyDueOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '答复之日 / Reply date' }) closedOn?: string | null;
  @Field(() => RequestOutcome, { nullable: true, description: '办理结果 / Outcome' }) outcome?: RequestOutcome | null;
  @Field(() => DeliveryMethod, { nullable: true, description: '申请的获取信息方式 / How the information was asked to be delivered' }) deliveryMethod?: DeliveryMethod | null;
  @Field(() => String, { nullable: true, description: '答复书正文（答复后）/ The reply\'s text, once replied' }) responseText?: string | null;
  @Field(() => [RequestLetter], { description: '发给申请人的文书，先发在前 / The letters to the requester, oldest first' }) letters!: RequestLetter[];
}

@ObjectType({ description: '申请人查阅记录 / One attempt to open the requester\'s page' })
export class RequesterCaseRead {
  @Field(() => Date, { description: '时间 / When' }) at!: Date;
  @Field({ description: '是否凭正确的查询密码 / Whether the PIN was right' }) granted!: boolean;
}
