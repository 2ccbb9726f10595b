import { Field, ID, InputType, Int, Float } from 'type-graphql';
import { DateScalar } from '../../shared/scalars';
import { AppealKind, AppealResult, DeliveryMethod, RequestChannel, RequestStatus, RequesterKind } from '../entities/request-enums';

@InputType({ description: '政府信息公开申请 / A disclosure request' })
export class DisclosureRequestInput {
  @Field(() => RequesterKind, { description: '申请人类型 / Kind of requester' })
  requesterKind!: RequesterKind;
  @Field({ description: '申请人姓名或名称 / Name of the person or organisation' })
  requesterName!: string;
  @Field(() => String, { nullable: true, description: '自然人填公民身份号码，法人或其他组织填统一社会信用代码 / Resident id for a natural person; unified social credit code for an organisation' })
  idNumber?: string | null;
  @Field({ description: '联系方式（电话、邮箱或地址）/ Contact: telephone, e-mail or postal address' })
  contact!: string;
  @Field(() => RequestChannel, { description: '申请渠道；公众在线提交为 ONLINE / Channel; ONLINE for a request submitted here' })
  channel!: RequestChannel;
  @Field(() => ID, { description: '受理机关代码 / Registry code of the agency asked' })
  agency!: string;
  @Field({ description: '所需政府信息的名称、文号或便于查询的其他特征性描述（第二十九条）/ The information sought: title, number or another description that finds it (Art. 29)' })
  description!: string;
  @Field(() => DeliveryMethod, { nullable: true, description: '获取信息的方式；不填时由机关根据实际情况确定（第四十条）/ How to receive the information; when left out the agency decides (Art. 40)' })
  deliveryMethod?: DeliveryMethod | null;
  @Field(() => String, { nullable: true, description: '接收信息的电子邮箱：获取方式为 EMAIL 时必填，其他方式不填 / E-mail address to send the information to: required with EMAIL, not given otherwise' })
  deliveryEmail?: string | null;
}

@InputType({ description: '工作人员登记的纸质、邮寄、传真或现场申请 / A request on paper, by post, fax or in person, entered by staff' })
export class RecordRequestInput extends DisclosureRequestInput {
  @Field(() => DateScalar, { description: '申请人提交（寄出、发送）之日 / Day the requester submitted, posted or sent it' })
  submittedOn!: string;
  @Field(() => DateScalar, { nullable: true, description: '收到申请之日：挂号信为签收之日，平信、传真、网上为双方确认之日；当面提交为提交当日，可不填 / Receipt date: registered post the day signed for; ordinary post, fax, online the day both sides confirm; in person the submission day (may be left out)' })
  receivedOn?: string | null;
}

@InputType({ description: '申请列表筛选（工作人员和监察）/ Request list filter (staff and supervisors)' })
export class RequestFilter {
  @Field(() => [ID], { nullable: true, description: '机关 / Agencies (registry codes)' })
  agencies?: string[] | null;
  @Field(() => [RequestStatus], { nullable: true, description: '状态 / Statuses' })
  status?: RequestStatus[] | null;
  @Field(() => Boolean, { nullable: true, description: '仅逾期未答复 / Only open requests past their reply date' })
  overdue?: boolean | null;
}

@InputType({ description: '登记行政复议或行政诉讼 / Record a reconsideration or lawsuit' })
export class AppealInput {
  @Field(() => ID, { nullable: true, description: '所涉申请 / The request concerned' })
  requestId?: string | null;
  @Field(() => AppealKind, { description: '类型 / Kind' })
  kind!: AppealKind;
  @Field(() => DateScalar, { description: '提起日期 / Date filed' })
  filedOn!: string;
  @Field(() => String, { nullable: true, description: '说明 / Note' })
  note?: string | null;
}

@InputType({ description: '复议、诉讼结果 / Conclusion of a reconsideration or lawsuit' })
export class AppealConclusionInput {
  @Field(() => AppealResult, { description: '结果（不能为 PENDING）/ Result (not PENDING)' })
  result!: AppealResult;
  @Field(() => DateScalar, { description: '审结日期 / Date concluded' })
  concludedOn!: string;
}

@InputType({ description: '年度报告的文字部分 / The written sections of an annual report' })
export class AnnualReportTextInput {
  @Field(() => String, { nullable: true, description: '一、总体情况 / I. Overview' })
  overview?: string | null;
  @Field(() => String, { nullable: true, description: '五、存在的主要问题及改进情况 / V. Main problems and improvements' })
  problems?: string | null;
  @Field(() => String, { nullable: true, description: '六、其他需要报告的事项 / VI. Other matters' })
  otherMatters?: string | null;
  @Field(() => Int, { nullable: true, description: '表二：行政许可本年处理决定数量（机关填报）/ Table 2: permit decisions this year, as entered' })
  permitDecisions?: number | null;
  @Field(() => Int, { nullable: true, description: '表二：行政强制本年处理决定数量（机关填报）/ Table 2: compulsory measure decisions this year, as entered' })
  compulsoryMeasureDecisions?: number | null;
  @Field(() => Float, { nullable: true, description: '表二：行政事业性收费本年收费金额（万元，机关填报，不含本系统记录的政府信息公开信息处理费，报告自动加上）/ Table 2: fees charged this year in 10,000 yuan, as entered, leaving out the information-processing fees recorded here, which the report adds' })
  feeAmountTenThousandYuan?: number | null;
  @Field(() => String, { nullable: true, description: '以上填报数据的来源，填报时必填 / Where the entered figures come from; required with them' })
  figuresSource?: string | null;
}
