import { Field, ID, Int, ObjectType } from 'type-graphql';
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

@ObjectType({ description: '随答复提供的政府信息（文件）/ A file of the information released with the reply' })
export class ReleasedFile {
  @Field(() => Int, { description: '序号（1、2……，答复书按此列出）/ Number within the request (1, 2, …), as the reply lists it' }) number!: number;
  @Field({ description: '文件名 / File name' }) fileName!: string;
  @Field({ description: '媒体类型 / Media type' }) mediaType!: string;
  @Field(() => Int, { description: '大小（字节）/ Size in bytes' }) bytes!: number;
  @Field({ description: '内容的 SHA-256（十六进制）/ SHA-256 of the content, hex' }) sha256!: string;
  @Field({ description: '下载路径（经网关）；申请人下载须在 x-requester-pin 请求头中带查询密码 / Download path through the gateway; the requester sends the PIN in the x-requester-pin header' }) downloadPath!: string;
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
  @Field(() => [ReleasedFile], { description: '随答复提供的政府信息，按序号 / The files released with the reply, by number' }) releasedFiles!: ReleasedFile[];
}

@ObjectType({ description: '申请人查阅记录 / One attempt to open the requester\'s page' })
export class RequesterCaseRead {
  @Field(() => Date, { description: '时间 / When' }) at!: Date;
  @Field({ description: '是否凭正确的查询密码 / Whether the PIN was right' }) granted!: boolean;
  @Field(() => Int, { nullable: true, description: '下载的随答复提供的文件序号；查看页面时为空 / The released file downloaded; null for a read of the page' }) fileNumber?: number | null;
}
