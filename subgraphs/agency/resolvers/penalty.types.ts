import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars';
import { PartyKind, PenaltyCategory, PenaltyStatus } from '../entities/enums';
import { Agency, PageInfo } from './document.types';

@ObjectType({ description: '行政处罚决定 / Administrative penalty decision' })
@Directive('@key(fields: "id")')
export class PenaltyDecision {
  @Field(() => ID, { description: '标识，含机关代码 / Id naming its agency' }) id!: string;
  @Field({ description: '处罚决定书文号 / Case number' }) caseNumber!: string;
  @Field(() => PartyKind, { description: '当事人类型 / Kind of party' }) partyKind!: PartyKind;
  @Field({ description: '当事人（自然人姓名脱敏）/ Party; a natural person\'s name masked outside the agency' }) partyName!: string;
  @Field(() => String, { nullable: true, description: '统一社会信用代码（企业）/ Unified social credit code of an enterprise' }) partyCreditCode?: string | null;
  @Field(() => String, { nullable: true, description: '身份证号（自然人，脱敏）/ Resident id of a natural person, masked outside the agency' }) partyIdNumber?: string | null;
  @Field({ description: '违法事实 / Facts' }) facts!: string;
  @Field({ description: '处罚依据 / Legal basis' }) legalBasis!: string;
  @Field({ description: '处罚内容 / Penalty' }) penalty!: string;
  @Field(() => DateScalar, { description: '决定日期 / Date of the decision' }) decidedOn!: string;
  @Field(() => Agency, { description: '处罚机关 / Deciding authority' }) authority!: Agency;
  @Field({ description: '是否属公示 3 个月的类别（通报批评或较低数额罚款）/ In the 3-month publicity class (public criticism or a small fine); see category' }) minor!: boolean;
  @Field(() => PenaltyCategory, { description: '公示类别：是否公示及公示期 / Publicity class: whether the decision is published, and for how long' }) category!: PenaltyCategory;
  @Field(() => PenaltyStatus, { description: '公示状态 / Publicity status' }) status!: PenaltyStatus;
  @Field(() => Date, { nullable: true, description: '公示时间 / When published' }) publishedAt?: Date | null;
  @Field(() => DateScalar, { nullable: true, description: '公示截止日期 / Last day shown' }) displayUntil?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '撤销日期 / Date revoked' }) revokedOn?: string | null;
  @Field(() => String, { nullable: true, description: '撤下理由 / Why withdrawn' }) withdrawalReason?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '应公示日期（仅工作人员和监察）/ Publication due date; staff and supervisors only' }) publishDueOn?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '应撤下日期（仅工作人员和监察）/ Withdrawal due date; staff and supervisors only' }) withdrawDueOn?: string | null;
  @Field(() => Boolean, { nullable: true, description: '是否逾期公示（仅工作人员和监察）/ Late for publication; staff and supervisors only' }) overdue?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: '是否逾期撤下：撤销后超过撤下期限才撤下（仅工作人员和监察）/ Withdrawn after its withdrawal due date (a revocation entered late); staff and supervisors only, null while not withdrawn' }) withdrawnLate?: boolean | null;
}

@ObjectType({ description: '行政处罚决定列表的一项 / A penalty decision in a list' })
export class PenaltyDecisionEdge {
  @Field() cursor!: string;
  @Field(() => PenaltyDecision) node!: PenaltyDecision;
}

@ObjectType({ description: '行政处罚决定列表 / A page of penalty decisions' })
export class PenaltyDecisionConnection {
  @Field(() => Int) totalCount!: number;
  @Field(() => [PenaltyDecisionEdge]) edges!: PenaltyDecisionEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@InputType({ description: '登记行政处罚决定 / Record a penalty decision' })
export class CreatePenaltyDecisionInput {
  @Field({ description: '处罚决定书文号 / Case number' }) caseNumber!: string;
  @Field(() => PartyKind) partyKind!: PartyKind;
  @Field({ description: '当事人名称 / Party name' }) partyName!: string;
  @Field({ description: '企业：统一社会信用代码；自然人：身份证号 / Enterprise: credit code; natural person: resident id' }) partyIdNumber!: string;
  @Field() facts!: string;
  @Field() legalBasis!: string;
  @Field() penalty!: string;
  @Field(() => DateScalar) decidedOn!: string;
  @Field({ defaultValue: false, description: '公示 3 个月的类别（通报批评或较低数额罚款）；给出 category 时须与之一致 / The 3-month class (public criticism or a small fine); must agree with category when both are given' }) minor!: boolean;
  @Field(() => PenaltyCategory, { nullable: true, description: '公示类别；不填时 minor 为 true 即 CRITICISM_OR_SMALL_FINE，否则 STANDARD / Publicity class; when left out, CRITICISM_OR_SMALL_FINE if minor, else STANDARD' }) category?: PenaltyCategory | null;
}
