import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars';
import { RequestOutcome } from '../entities/request-enums';
import { messages } from '../services/statutory-messages';
import { Agency } from './document.types';

@ObjectType({ description: '用时分布的一档（全省数据按档相加）/ One bucket of a duration histogram; the province\'s histogram is the agencies\' added bucket by bucket' })
export class HistogramBucket {
  @Field(() => Int, { description: '下限（含）/ Lower bound, inclusive' }) min!: number;
  @Field(() => Int, { nullable: true, description: '上限（含），末档为空 / Upper bound, inclusive; null for the open last bucket' }) max?: number | null;
  @Field({ description: '标签，如 "0–5 工作日" / Label, e.g. "0–5 工作日"' }) label!: string;
  @Field(() => Int, { description: '件数 / Number of items' }) count!: number;
}

@ObjectType({ description: '某一办理结果的申请数 / Requests replied with one outcome' })
export class OutcomeCount {
  @Field(() => RequestOutcome, { description: '办理结果 / Outcome' }) outcome!: RequestOutcome;
  @Field(() => Int, { description: '件数 / Number of requests' }) count!: number;
}

@ObjectType({ description: '电子监察数据（可跨机关相加；不含任何个人身份）/ Supervision figures that add up across agencies; never any identity' })
export class SupervisionFigures {
  @Field(() => DateScalar, { description: '统计期间起（默认本年 1 月 1 日）/ Period start, default 1 January of this year' }) from!: string;
  @Field(() => DateScalar, { description: '统计期间止（默认今天）/ Period end, default today' }) to!: string;
  @Field(() => DateScalar, { description: '"当前"数据的统计日 / Day the "now" figures are taken' }) asOf!: string;
  @Field(() => Int, { description: '"即将到期"的工作日数 / Working days within which an item counts as due soon' }) dueSoonWorkingDays!: number;
  @Field(() => Int, { description: '当前逾期未发布的主动公开文件 / Proactive documents unpublished past their due date, now' }) documentsOverdue!: number;
  @Field(() => Int, { description: messages.dueSoonDescription('到期未发布的主动公开文件', 'Proactive documents due for publication') }) documentsDueSoon!: number;
  @Field(() => Int, { description: '期间发布的主动公开文件 / Proactive documents published in the period' }) documentsPublished!: number;
  @Field(() => Int, { description: '期间逾期发布的文件 / Of those, published after their due date' }) documentsPublishedLate!: number;
  @Field(() => [HistogramBucket], { description: '期间发布文件自生成至发布的工作日分布；各档可相加，全省中位数由相加后的分布读出 / Working days from formation to publication of documents published in the period; buckets add up across agencies, so the province median is read from the summed histogram' }) publishDaysHistogram!: HistogramBucket[];
  @Field(() => Int, { description: '当前逾期未答复的申请 / Open requests past their reply due date, now' }) requestsOverdue!: number;
  @Field(() => Int, { description: messages.dueSoonDescription('到期的申请', 'Open requests due') }) requestsDueSoon!: number;
  @Field(() => Int, { description: '期间答复的申请 / Requests replied in the period' }) requestsReplied!: number;
  @Field(() => Int, { description: '期间逾期答复的申请 / Of those, replied after their due date' }) requestsRepliedLate!: number;
  @Field(() => [HistogramBucket], { description: '期间答复申请自收到至答复的工作日分布；各档可相加，全省中位数由相加后的分布读出 / Working days from receipt to reply of requests replied in the period; buckets add up, so the province median is read from the summed histogram' }) replyDaysHistogram!: HistogramBucket[];
  @Field(() => [OutcomeCount], { description: '期间答复申请按办理结果的件数（全部结果，固定顺序）/ Requests replied in the period per outcome, every outcome in a fixed order' }) requestOutcomes!: OutcomeCount[];
  @Field(() => Int, { description: '期间收到的意见建议 / Feedback received in the period' }) feedbackReceived!: number;
  @Field(() => Int, { description: '期间答复的意见建议 / Feedback answered in the period' }) feedbackAnswered!: number;
  @Field(() => Int, { description: '当前尚未答复的意见建议（不含不予公开的）/ Feedback not yet answered, rejected items aside, now' }) feedbackUnanswered!: number;
  @Field(() => [HistogramBucket], { description: '期间答复意见的用时（小时）分布；各档可相加 / Hours from submission to answer of feedback answered in the period; buckets add up' }) answerHoursHistogram!: HistogramBucket[];
  @Field(() => Int, { description: '当前逾期未公示的行政处罚决定 / Penalty decisions unpublished past their due date, now' }) penaltiesOverdue!: number;
  @Field(() => Int, { description: messages.dueSoonDescription('到期未公示的行政处罚决定', 'Penalty decisions due for publication') }) penaltiesDueSoon!: number;
  @Field(() => Int, { description: '期间申请的快速发布（突发事件、社会热点），另行统计 / Expedited releases (emergency, hot issue) asked for in the period, counted apart' }) expeditedReleases!: number;
  @Field(() => Int, { description: '其中一小时内发布的 / Of those, published within the hour' }) expeditedWithinHour!: number;
  @Field(() => Int, { description: '其中超过一小时才发布或至今未发布的 / Of those, published after the hour or, past it, not yet' }) expeditedLate!: number;
  @Field(() => Int, { description: '期间举办的政务公开培训场次 / Disclosure training sessions held in the period' }) trainingSessions!: number;
  @Field(() => Int, { description: '全员培训参训人次 / Attendances of all-staff sessions' }) trainingAllStaffAttendees!: number;
  @Field(() => Int, { description: '全员培训应训人数（各机关取期间最大值后相加）；覆盖率为参训人次除以应训人数 / Staff the all-staff sessions were for (each agency\'s largest in the period, added); coverage is attendances over this' }) trainingHeadcount!: number;
  @Field(() => Int, { description: '政务公开工作人员专题培训场次 / Dedicated training sessions for the disclosure staff' }) disclosureStaffTrainings!: number;
  @Field(() => Int, { description: '期间对政务公开工作人员开展专题培训的机关数（单个机关为 0 或 1）/ Agencies that gave their disclosure staff dedicated training in the period (0 or 1 for one agency)' }) agenciesWithDisclosureTraining!: number;
}

@ObjectType({ description: '一个机关的电子监察数据：可相加的数据，另加中位数和 CSV 导出 / One agency\'s supervision figures: the summable ones plus medians and a CSV export' })
export class AgencySupervisionFigures extends SupervisionFigures {
  @Field(() => Agency, { description: '机关 / Agency' }) agency!: Agency;
  @Field(() => Float, { nullable: true, description: '发布用时中位数（工作日）；中位数不能跨机关相加，全省请读 publishDaysHistogram / Median working days to publish; medians do not add up, read the province\'s from publishDaysHistogram' }) publishDaysMedian?: number | null;
  @Field(() => Float, { nullable: true, description: '答复用时中位数（工作日）；全省请读 replyDaysHistogram / Median working days to reply; for the province read replyDaysHistogram' }) replyDaysMedian?: number | null;
  @Field(() => Float, { nullable: true, description: '意见答复用时中位数（小时）；全省请读 answerHoursHistogram / Median hours to answer feedback; for the province read answerHoursHistogram' }) feedbackAnswerHoursMedian?: number | null;
  @Field(() => Float, { nullable: true, description: '全员培训覆盖率（0–1，参训人次除以应训人数，至多为 1）；未记录全员培训时为空 / All-staff training coverage, 0–1 (attendances over headcount, at most 1); null when no all-staff session was recorded' }) trainingCoverage?: number | null;
  @Field({ description: '以上数据的 CSV（UTF-8，中文标签）/ These figures as CSV, UTF-8 with Chinese labels' }) csv!: string;
}
