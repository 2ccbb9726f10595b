import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars';
import {
  AppealKind, AppealResult, ConsultationParty, DeliveryMethod, RequestChannel, RequestEventKind, RequestOutcome, RequestStatus, RequesterKind,
} from '../entities/request-enums';
import { messages } from '../services/statutory-messages';
import { Agency, Document, PageInfo } from './document.types';

@ObjectType({ description: '已提交的申请：凭查询码查询进度 / A submitted request: follow it with the tracking code' })
export class SubmittedRequest {
  @Field({ description: '查询码（不含个人信息，请妥善保存）/ Tracking code; carries no personal data, keep it' }) trackingCode!: string;
  @Field(() => Agency, { description: '受理机关 / Agency asked' }) agency!: Agency;
  @Field(() => DateScalar, { nullable: true, description: '收到申请之日（第三十一条），即答复期限的起算日（当日不计入）；非工作日收到的，当日仍为起算日，自其后第一个工作日起计 / Receipt date (Art. 31), day zero of the reply period; a receipt on a non-working day still counts that day as day zero, so the first counted day is the next working day' }) receivedOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '答复期限 / Reply due date' }) replyDueOn?: string | null;
  @Field(() => DeliveryMethod, { nullable: true, description: '申请的获取信息方式 / How the information was asked to be delivered' }) deliveryMethod?: DeliveryMethod | null;
  @Field({ description: '查询密码（8位数字，仅此一次显示，请妥善保存）：凭查询码和查询密码在线查看告知书和答复 / The PIN (8 digits, shown this once): with the tracking code it opens the requester\'s page' }) accessPin!: string;
}

@ObjectType({ description: '办理进度中的一个环节（不含申请人身份）/ A step of the request, without the requester\'s identity' })
export class RequestEvent {
  @Field({ description: '环节 / What happened' }) kind!: string;
  @Field(() => DateScalar, { description: '日期 / When' }) on!: string;
}

@ObjectType({ description: '申请办理进度（凭查询码，无需登录）/ Progress of a request, by tracking code, without login' })
export class RequestProgress {
  @Field({ description: '办理状态 / Status' }) status!: string;
  @Field(() => DateScalar, { nullable: true, description: '收到申请之日（第三十一条），即答复期限的起算日（当日不计入）；非工作日收到的，当日仍为起算日，自其后第一个工作日起计 / Receipt date (Art. 31), day zero of the reply period; a receipt on a non-working day still counts that day as day zero, so the first counted day is the next working day' }) receivedOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '答复期限；等待补正时为空 / Reply due date; null while awaiting a supplement' }) replyDueOn?: string | null;
  @Field({ description: '答复期限是否暂定（跨入未公布放假安排的年份）/ Whether the due date is provisional' }) provisional!: boolean;
  @Field(() => [RequestEvent], { description: '办理环节 / What happened, when' }) events!: RequestEvent[];
  @Field(() => [String], { description: '答复期限的计算过程 / How the due date was computed' }) replyDueSteps!: string[];
  @Field(() => DateScalar, { nullable: true, description: '补正截止日期 / Last day to supplement, when asked to' }) supplementDueOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '答复之日 / Reply date' }) closedOn?: string | null;
  @Field(() => RequestOutcome, { nullable: true, description: '办理结果 / Outcome' }) outcome?: RequestOutcome | null;
  @Field(() => DeliveryMethod, { nullable: true, description: '申请的获取信息方式（不含邮箱）/ How the information was asked to be delivered (never the address)' }) deliveryMethod?: DeliveryMethod | null;
}

@ObjectType({ description: '申请办理记录（工作人员和监察）/ A recorded transition (staff and supervisors)' })
export class RequestHistoryEvent {
  @Field(() => RequestEventKind, { description: '环节 / Kind' }) kind!: RequestEventKind;
  @Field(() => DateScalar, { description: '法定日期 / The date the law counts from' }) on!: string;
  @Field(() => Int, { nullable: true, description: '给予的工作日 / Working days granted' }) days?: number | null;
  @Field(() => ConsultationParty, { nullable: true, description: '征求意见对象 / Party consulted' }) party?: ConsultationParty | null;
  @Field(() => Int, { nullable: true, description: '第几次征求意见（按发起顺序）/ Which consultation of the request, in the order started' }) consultation?: number | null;
  @Field(() => RequestOutcome, { nullable: true, description: '答复结果 / Outcome of a reply' }) outcome?: RequestOutcome | null;
  @Field(() => String, { nullable: true, description: '延期批准人 / Who approved an extension' }) approver?: string | null;
  @Field(() => String, { nullable: true, description: '说明（仅经办人员）/ Detail; disclosure officers and admin only' }) detail?: string | null;
  @Field(() => Date, { description: '登记时间 / When recorded' }) at!: Date;
  @Field({ description: '登记人：工作人员账号，申请人自己提交的环节为"申请人 / requester" / Recorded by: a staff account, or "申请人 / requester" for what the requester did' }) actor!: string;
}

@ObjectType({ description: '行政复议、行政诉讼案件 / A reconsideration or lawsuit' })
export class Appeal {
  @Field(() => ID, { description: '标识 / Id, "fjdrc:a0000001"' }) id!: string;
  @Field(() => AppealKind, { description: '类型 / Kind' }) kind!: AppealKind;
  @Field(() => DateScalar, { description: '提起日期 / Date filed' }) filedOn!: string;
  @Field(() => AppealResult, { description: '结果 / Result' }) result!: AppealResult;
  @Field(() => DateScalar, { nullable: true, description: '审结日期 / Date concluded' }) concludedOn?: string | null;
  @Field(() => String, { nullable: true, description: '说明（仅经办人员）/ Note; disclosure officers and admin only' }) note?: string | null;
  @Field(() => ID, { nullable: true, description: '所涉申请 / The request concerned' }) requestId?: string | null;
}

@ObjectType({ description: '政府信息公开申请（本机关工作人员和监察）/ A disclosure request (the agency\'s staff and supervisors)' })
@Directive('@key(fields: "id")')
export class DisclosureRequest {
  @Field(() => ID, { description: '标识，含机关代码 / Id naming its agency, "fjdrc:r0000001"' }) id!: string;
  @Field(() => Agency, { description: '受理机关 / Agency asked' }) agency!: Agency;
  @Field(() => RequesterKind, { description: '申请人类型 / Kind of requester' }) requesterKind!: RequesterKind;
  @Field(() => RequestChannel, { description: '申请渠道 / Channel' }) channel!: RequestChannel;
  @Field(() => DeliveryMethod, { nullable: true, description: '获取信息的方式；为空时由机关确定（第四十条）/ How the information is to be delivered; null: the agency decides (Art. 40)' }) deliveryMethod?: DeliveryMethod | null;
  @Field(() => DateScalar, { description: '提交日期 / Day submitted' }) submittedOn!: string;
  @Field(() => DateScalar, { nullable: true, description: '收到申请之日（第三十一条），即答复期限的起算日（当日不计入）；非工作日收到的，当日仍为起算日，自其后第一个工作日起计 / Receipt date (Art. 31), day zero of the reply period; a receipt on a non-working day still counts that day as day zero, so the first counted day is the next working day' }) receivedOn?: string | null;
  @Field(() => RequestStatus, { description: '状态 / Status' }) status!: RequestStatus;
  @Field(() => DateScalar, { nullable: true, description: '答复期限 / Reply due date' }) replyDueOn?: string | null;
  @Field({ description: '答复期限是否暂定 / Whether the due date is provisional' }) replyDueProvisional!: boolean;
  @Field({ description: '是否认定为数量、频次明显超过合理范围（第三十五条）/ Marked excessive (Art. 35)' }) excessive!: boolean;
  @Field(() => Int, { nullable: true, description: '信息处理费（元，第四十二条）/ Information-processing fee in yuan (Art. 42)' }) feeYuan?: number | null;
  @Field(() => RequestOutcome, { nullable: true, description: '办理结果 / Outcome' }) outcome?: RequestOutcome | null;
  @Field(() => DateScalar, { nullable: true, description: '答复之日（办结归档）/ Reply date; archived from then on' }) closedOn?: string | null;
  @Field(() => Int, { nullable: true, description: '收到至答复的工作日数 / Working days from receipt to reply' }) replyWorkingDays?: number | null;
  @Field(() => Boolean, { nullable: true, description: '是否逾期答复 / Replied after the due date' }) repliedLate?: boolean | null;
  // Field resolvers below: derived clock, staff-only text, personal data.
  @Field(() => String, { nullable: true, description: '年度报告表三行号 / Row of table 3 the outcome counts in' }) outcomeRow?: string | null;
  @Field(() => [String], { description: '答复期限的计算过程 / How the due date was computed' }) replyDueSteps!: string[];
  @Field(() => DateScalar, { nullable: true, description: '尚未确认收到时，确认收到的截止日（到达后按本机关规则计算，第三十一条）；逾期即为逾期 / While the receipt is unconfirmed, the last day to confirm it (the agency\'s bound, Art. 31); overdue after it' }) receiptConfirmationDueOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '要求说明理由后，申请人说明理由的截止日（第三十五条）/ Last day for the requester to state reasons, once asked (Art. 35)' }) reasonsDueOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: messages.supplementNoticeDueOnDescription() }) supplementNoticeDueOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '申请人补正截止日 / Last day for the requester to supplement' }) supplementDueOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: messages.feePaymentDueOnDescription() }) feePaymentDueOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '缴纳信息处理费之日 / Day the fee was paid' }) feePaidOn?: string | null;
  @Field(() => Int, { description: '征求意见、缴费暂停的工作日 / Working days paused for consultation or fee payment' }) pausedWorkingDays!: number;
  @Field(() => Int, { description: '延长的工作日（含第三十五条另定期限）/ Working days added by extension and Art. 35' }) extendedWorkingDays!: number;
  @Field(() => Boolean, { description: '是否逾期：逾期未答复，或逾期未确认收到 / Open and past its reply due date, or its receipt unconfirmed past the bound' }) overdue!: boolean;
  @Field(() => String, { nullable: true, description: '申请内容（仅经办人员）/ What was asked; disclosure officers and admin only' }) description?: string | null;
  @Field(() => String, { nullable: true, description: '答复书（仅经办人员）/ Response document; disclosure officers and admin only' }) responseText?: string | null;
  @Field(() => String, { nullable: true, description: '查询码（仅经办人员）/ Tracking code; disclosure officers and admin only' }) trackingCode?: string | null;
  @Field(() => String, { nullable: true, description: '申请人姓名或名称（仅经办人员，每次读取留痕）/ Requester\'s name; disclosure officers and admin only, every read logged' }) requesterName?: string | null;
  @Field(() => String, { nullable: true, description: '身份证件号码（仅经办人员，每次读取留痕）/ Identity number; disclosure officers and admin only, every read logged' }) idNumber?: string | null;
  @Field(() => String, { nullable: true, description: '联系方式（仅经办人员，每次读取留痕）/ Contact; disclosure officers and admin only, every read logged' }) contact?: string | null;
  @Field(() => String, { nullable: true, description: '接收信息的电子邮箱（仅经办人员，每次读取留痕）/ E-mail address to deliver to; disclosure officers and admin only, every read logged' }) deliveryEmail?: string | null;
  @Field(() => [RequestHistoryEvent], { description: '全部办理记录 / The whole history' }) events!: RequestHistoryEvent[];
  @Field(() => [Appeal], { description: '行政复议、诉讼 / Reconsiderations and lawsuits about it' }) appeals!: Appeal[];
}

@ObjectType({ description: '申请列表的一项 / A request in a list' })
export class DisclosureRequestEdge {
  @Field({ description: '游标 / Cursor' }) cursor!: string;
  @Field(() => DisclosureRequest, { description: '申请 / The request' }) node!: DisclosureRequest;
}

@ObjectType({ description: '申请列表 / A page of requests' })
export class DisclosureRequestConnection {
  @Field(() => Int, { description: '总数 / Number matching' }) totalCount!: number;
  @Field(() => [DisclosureRequestEdge], { description: '本页 / This page' }) edges!: DisclosureRequestEdge[];
  @Field(() => PageInfo, { description: '分页信息 / Page information' }) pageInfo!: PageInfo;
}

@ObjectType({ description: '年度报告表三的一行 / A row of table 3' })
export class ReportRow {
  @Field({ description: '行号，如 "3.3.1" / Row code, e.g. "3.3.1"' }) code!: string;
  @Field({ description: '项目 / Label as in the national format' }) label!: string;
  @Field(() => Int, { description: '自然人 / Natural persons' }) naturalPerson!: number;
  @Field(() => Int, { description: '商业企业 / Commercial enterprises' }) commercialEnterprise!: number;
  @Field(() => Int, { description: '科研机构 / Research institutions' }) researchInstitution!: number;
  @Field(() => Int, { description: '社会公益组织 / Public-interest organisations' }) publicInterestOrganisation!: number;
  @Field(() => Int, { description: '法律服务机构 / Legal-service organisations' }) legalServiceOrganisation!: number;
  @Field(() => Int, { description: '其他 / Other organisations' }) otherOrganisation!: number;
  @Field(() => Int, { description: '总计 / Total' }) total!: number;
}

@ObjectType({ description: '规章或行政规范性文件件数 / Counts of rules or normative documents' })
export class DocumentCounts {
  @Field(() => Int, { description: '本年制发件数 / Issued this year' }) issued!: number;
  @Field(() => Int, { description: '本年废止件数 / Repealed this year' }) repealed!: number;
  @Field(() => Int, { description: '现行有效件数（截至当年 12 月 31 日）/ In force on 31 December of the year' }) effective!: number;
}

@ObjectType({ description: '表二：主动公开政府信息情况 / Table 2: proactive disclosure' })
export class ProactiveTable {
  @Field(() => DocumentCounts, { description: '规章 / Government rules' }) rules!: DocumentCounts;
  @Field(() => DocumentCounts, { description: '行政规范性文件 / Normative documents' }) normativeDocuments!: DocumentCounts;
  @Field(() => Int, { description: '行政许可本年处理决定数量 / Administrative permit decisions this year' }) permitDecisions!: number;
  @Field(() => Int, { description: '行政处罚本年处理决定数量 / Administrative penalty decisions this year' }) penaltyDecisions!: number;
  @Field(() => Int, { description: '行政强制本年处理决定数量 / Compulsory measure decisions this year' }) compulsoryMeasureDecisions!: number;
  @Field(() => Float, { description: '行政事业性收费金额（万元）/ Administrative fees, 10,000 yuan' }) feeAmountTenThousandYuan!: number;
  @Field(() => String, { nullable: true, description: '行政许可、行政强制、行政事业性收费的数据来源（机关填报；全省汇总为空）/ Where the entered permit, compulsory measure and fee figures come from; null until entered and province-wide' }) figuresSource?: string | null;
  @Field(() => [String], { description: '口径说明 / How the figures are counted' }) notes!: string[];
}

@ObjectType({ description: '复议或诉讼结果件数 / Cases by result' })
export class AppealCounts {
  @Field(() => Int, { description: '结果维持 / Upheld' }) upheld!: number;
  @Field(() => Int, { description: '结果纠正 / Corrected' }) corrected!: number;
  @Field(() => Int, { description: '其他结果 / Other' }) other!: number;
  @Field(() => Int, { description: '尚未审结 / Not yet concluded' }) pending!: number;
  @Field(() => Int, { description: '总计 / Total' }) total!: number;
}

@ObjectType({ description: '表四：行政复议、行政诉讼情况 / Table 4: reconsideration and litigation' })
export class AppealsTable {
  @Field(() => AppealCounts, { description: '行政复议 / Administrative reconsideration' }) reconsideration!: AppealCounts;
  @Field(() => AppealCounts, { description: '未经复议直接起诉 / Litigation without prior reconsideration' }) litigationDirect!: AppealCounts;
  @Field(() => AppealCounts, { description: '复议后起诉 / Litigation after reconsideration' }) litigationAfterReconsideration!: AppealCounts;
}

@ObjectType({ description: '政府信息公开工作年度报告（国家 2021 年格式）/ Annual report in the national 2021 format' })
export class AnnualReport {
  @Field(() => Int, { description: '年度 / Year' }) year!: number;
  @Field(() => [ReportRow], { description: '表三：收到和处理政府信息公开申请情况，25 行 / Table 3: requests, 25 rows in the national order' }) requestsTable!: ReportRow[];
  @Field(() => ProactiveTable, { description: '表二：主动公开 / Table 2: proactive disclosure' }) proactiveTable!: ProactiveTable;
  @Field(() => AppealsTable, { description: '表四：行政复议、行政诉讼 / Table 4: reconsideration and litigation' }) appealsTable!: AppealsTable;
  @Field(() => String, { nullable: true, description: '一、总体情况（发布后公开；全省汇总为空）/ I. Overview; public once published, null province-wide' }) overview?: string | null;
  @Field(() => String, { nullable: true, description: '五、存在的主要问题及改进情况 / V. Main problems and improvements' }) problems?: string | null;
  @Field(() => String, { nullable: true, description: '六、其他需要报告的事项 / VI. Other matters' }) otherMatters?: string | null;
  @Field(() => Document, { nullable: true, description: '发布的报告文件 / The report as a published document' }) publishedDocument?: Document | null;
  @Field(() => String, { nullable: true, description: '表三 CSV（单个机关；全省汇总见 GET /export/annual-report）/ Table 3 as CSV for one agency; province-wide, GET /export/annual-report' }) requestsTableCsv?: string | null;
  @Field(() => String, { nullable: true, description: '表二 CSV（单个机关）/ Table 2 as CSV with the national labels, for one agency' }) proactiveTableCsv?: string | null;
  @Field(() => String, { nullable: true, description: '表四 CSV（单个机关）/ Table 4 as CSV with the national labels, for one agency' }) appealsTableCsv?: string | null;
  @Field({ description: '各表是否为发布时冻结的数据 / Whether the tables are the ones frozen when the report was published' }) frozen!: boolean;
  @Field(() => [String], { description: '对上一年度已发布报告数据的更正（单个机关）/ Corrections to the previous year\'s published figures, from a recount of its records; one agency\'s report only' }) corrections!: string[];
}
