import { DEFAULT_PAGE_SIZE } from '../../../schema/contracts/cursor';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../shared/scalars';
import { handlesRequests, type AgencyContext } from '../context';
import type { DisclosureRequestEntity, RequestAppealEntity, RequestEventEntity } from '../entities/request.entity';
import { ConsultationParty, FeeMethod, OUTCOME_ROW, RequestOutcome, RequestStatus } from '../entities/request-enums';
import type { PersonalField } from '../loaders/request.loader';
import type { ReplyClock } from '../services/request-clock';
import * as requests from '../services/request.service';
import { messages } from '../services/statutory-messages';
import { Agency } from './document.types';
import { AppealConclusionInput, AppealInput, DisclosureRequestInput, RecordRequestInput, RequestFilter } from './request.input';
import {
  Appeal, DisclosureRequest, DisclosureRequestConnection, RequestHistoryEvent, RequestProgress, SubmittedRequest,
} from './request.types';

const ON = { description: '法定日期（如签收、确认、发出之日）/ The legal date of the step (signed for, confirmed, sent...)' };

// One derivation per request and GraphQL operation: the events loader hands back the same array
// for a request all through an operation, so every field of a row reads the same derived state.
const derived = new WeakMap<readonly RequestEventEntity[], ReplyClock>();

/**
 * The request's derived state (status, dates, steps) from its events, batched through the events
 * loader: the one path every resolver reads it by, so no answer mixes a stored value with a
 * fresh one.
 */
async function clockOf(ctx: AgencyContext, request: Pick<DisclosureRequestEntity, 'id'>): Promise<ReplyClock> {
  const events = await ctx.loaders.requestEvents.load(request.id);
  let clock = derived.get(events);
  if (!clock) derived.set(events, clock = requests.clockOf(ctx, events));
  return clock;
}

/**
 * Personal data: only the agency's disclosure officers and admin, and each read goes through the
 * access-log loader (one row and one audit line per request and resolution) before it is handed out.
 */
async function personal(ctx: AgencyContext, request: DisclosureRequestEntity, field: Exclude<PersonalField, 'letters'>): Promise<string | null> {
  if (!handlesRequests(ctx)) return null;
  await ctx.loaders.personalData.load(`${request.id}\u0000${field}`);
  return request[field] ?? null;
}

@Resolver(() => DisclosureRequest)
export class DisclosureRequestResolver {
  @Query(() => RequestProgress, { nullable: true, description: '凭查询码查询办理进度（不含申请人身份）；查询码不存在时为 null / Progress by tracking code, never the identity; null for an unknown code' })
  async requestProgress(@Arg('trackingCode') trackingCode: string, @Ctx() ctx: AgencyContext): Promise<RequestProgress | null> {
    const request = await requests.findByTrackingCode(ctx, trackingCode);
    if (!request) return null;
    const [events, clock] = [await ctx.loaders.requestEvents.load(request.id), await clockOf(ctx, request)];
    return {
      status: clock.status, receivedOn: clock.receivedOn, replyDueOn: clock.replyDueOn, provisional: clock.provisional,
      events: events.map((e) => ({ kind: e.kind, on: e.on })), replyDueSteps: clock.steps, supplementDueOn: clock.supplementDueOn,
      closedOn: clock.closedOn, outcome: clock.outcome, deliveryMethod: request.deliveryMethod ?? null,
    };
  }

  @Query(() => DisclosureRequest, { nullable: true, description: '按标识取申请（本机关工作人员和监察）/ A request by id; the agency\'s staff and supervisors' })
  request(@Arg('id', () => ID) id: string, @Ctx() ctx: AgencyContext): Promise<DisclosureRequestEntity | null> {
    return requests.findVisibleRequest(ctx, id);
  }

  @Query(() => DisclosureRequestConnection, { description: '申请列表，最新登记在前（工作人员和监察）/ Requests, newest first; staff and supervisors' })
  disclosureRequests(
    @Ctx() ctx: AgencyContext,
    @Arg('filter', () => RequestFilter, { nullable: true }) filter?: RequestFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: '每页数量 / Page size' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor / endCursor of the previous page' }) after?: string,
  ): Promise<requests.RequestPage> {
    return requests.listRequests(ctx, filter, first ?? DEFAULT_PAGE_SIZE, after);
  }

  @Mutation(() => SubmittedRequest, { description: '在线提交政府信息公开申请 / Submit a disclosure request online' })
  async submitDisclosureRequest(@Arg('input', () => DisclosureRequestInput) input: DisclosureRequestInput, @Ctx() ctx: AgencyContext): Promise<SubmittedRequest> {
    const { request: r, accessPin } = await requests.submitRequest(ctx, input);
    return {
      accessPin,
      trackingCode: r.trackingCode, agency: { code: r.agencyCode }, receivedOn: r.receivedOn ?? null, replyDueOn: r.replyDueOn ?? null,
      deliveryMethod: r.deliveryMethod ?? null,
    };
  }

  @Mutation(() => DisclosureRequest, { description: '登记当面、邮寄、传真等渠道收到的申请（经办人员）/ Enter a request received in person, by post or fax (disclosure officers)' })
  recordDisclosureRequest(@Arg('input', () => RecordRequestInput) input: RecordRequestInput, @Ctx() ctx: AgencyContext): Promise<DisclosureRequestEntity> {
    return requests.recordRequest(ctx, input);
  }

  @Mutation(() => DisclosureRequest, { description: '确认收到申请之日（平信、传真、网上）/ Record the day receipt was confirmed (ordinary post, fax, online)' })
  confirmRequestReceipt(@Arg('id', () => ID) id: string, @Arg('on', () => DateScalar, ON) on: string, @Ctx() ctx: AgencyContext): Promise<DisclosureRequestEntity> {
    return requests.confirmReceipt(ctx, id, on);
  }

  @Mutation(() => DisclosureRequest, { description: messages.requestSupplementDescription() })
  requestSupplement(
    @Arg('id', () => ID) id: string, @Arg('on', () => DateScalar, ON) on: string,
    @Arg('detail', { description: '需要补正的事项 / What is unclear' }) detail: string, @Ctx() ctx: AgencyContext,
  ): Promise<DisclosureRequestEntity> {
    return requests.requestSupplement(ctx, id, on, detail);
  }

  @Mutation(() => DisclosureRequest, { description: '收到补正，答复期限重新起算 / Supplement received; the reply period restarts' })
  receiveSupplement(
    @Arg('id', () => ID) id: string, @Arg('on', () => DateScalar, ON) on: string,
    @Arg('detail', () => String, { nullable: true, description: '补正内容 / The supplement' }) detail: string | null, @Ctx() ctx: AgencyContext,
  ): Promise<DisclosureRequestEntity> {
    return requests.receiveSupplement(ctx, id, on, detail);
  }

  @Mutation(() => DisclosureRequest, { description: '因正当理由接受逾期补正，答复期限重新起算；也可恢复被视为放弃的申请（第三十条）/ Accept a late supplement for a good reason; the reply period restarts, also for a request deemed withdrawn (Art. 30)' })
  acceptLateSupplement(
    @Arg('id', () => ID) id: string, @Arg('on', () => DateScalar, ON) on: string,
    @Arg('reason', { description: '逾期补正的正当理由 / The good reason for the delay' }) reason: string,
    @Arg('detail', () => String, { nullable: true, description: '补正内容 / The supplement' }) detail: string | null, @Ctx() ctx: AgencyContext,
  ): Promise<DisclosureRequestEntity> {
    return requests.acceptLateSupplement(ctx, id, on, reason, detail);
  }

  @Mutation(() => DisclosureRequest, { description: messages.startConsultationDescription() })
  startConsultation(
    @Arg('id', () => ID) id: string, @Arg('party', () => ConsultationParty) party: ConsultationParty, @Arg('on', () => DateScalar, ON) on: string,
    @Arg('detail', { description: '征求意见事项 / What is asked' }) detail: string, @Ctx() ctx: AgencyContext,
  ): Promise<DisclosureRequestEntity> {
    return requests.startConsultation(ctx, id, party, on, detail);
  }

  @Mutation(() => DisclosureRequest, { description: '收到征求意见的答复 / The consulted party answered' })
  answerConsultation(
    @Arg('id', () => ID) id: string, @Arg('party', () => ConsultationParty) party: ConsultationParty, @Arg('on', () => DateScalar, ON) on: string,
    @Ctx() ctx: AgencyContext,
    @Arg('detail', () => String, { nullable: true, description: '意见 / The answer' }) detail?: string | null,
    @Arg('consultation', () => Int, { nullable: true, description: '答复的是第几次征求意见（同类对象有多次待答复时必填）/ Which consultation answered, by number; required when several of this kind are open' }) consultation?: number | null,
  ): Promise<DisclosureRequestEntity> {
    return requests.answerConsultation(ctx, id, party, on, detail, consultation);
  }

  @Mutation(() => DisclosureRequest, { description: '要求申请人说明理由（申请数量、频次明显超过合理范围，第三十五条）/ Ask the requester of an excessive request for reasons (Art. 35)' })
  askForReasons(
    @Arg('id', () => ID) id: string, @Arg('on', () => DateScalar, ON) on: string,
    @Arg('detail', { description: '通知内容 / The notice' }) detail: string, @Ctx() ctx: AgencyContext,
  ): Promise<DisclosureRequestEntity> {
    return requests.askForReasons(ctx, id, on, detail);
  }

  @Mutation(() => DisclosureRequest, { description: '登记申请人说明的理由（第三十五条）/ Record the reasons the requester gave (Art. 35)' })
  receiveReasons(
    @Arg('id', () => ID) id: string, @Arg('on', () => DateScalar, ON) on: string,
    @Arg('detail', { description: '申请人说明的理由 / The reasons' }) detail: string, @Ctx() ctx: AgencyContext,
  ): Promise<DisclosureRequestEntity> {
    return requests.receiveReasons(ctx, id, on, detail);
  }

  @Mutation(() => DisclosureRequest, { description: messages.extendDescription() })
  extendReplyPeriod(
    @Arg('id', () => ID) id: string, @Arg('on', () => DateScalar, ON) on: string,
    @Arg('days', () => Int, { description: '延长的工作日 / Working days' }) days: number,
    @Arg('approver', { description: '批准人（政府信息公开工作机构负责人）/ Approved by (head of disclosure work)' }) approver: string,
    @Arg('notice', { description: '告知申请人的延期通知 / Notice sent to the requester' }) notice: string, @Ctx() ctx: AgencyContext,
  ): Promise<DisclosureRequestEntity> {
    return requests.extendReplyPeriod(ctx, id, on, days, approver, notice);
  }

  @Mutation(() => DisclosureRequest, { description: '认定申请数量、频次明显超过合理范围，可另定答复期限（第三十五条）/ Mark a request excessive, with a longer period if any (Art. 35)' })
  markRequestExcessive(
    @Arg('id', () => ID) id: string, @Arg('on', () => DateScalar, ON) on: string,
    @Arg('days', () => Int, { description: '另定期限增加的工作日（0 表示不延长）/ Extra working days (0 for none)' }) days: number,
    @Arg('reason', { description: '理由 / Reason' }) reason: string, @Ctx() ctx: AgencyContext,
  ): Promise<DisclosureRequestEntity> {
    return requests.markExcessive(ctx, id, on, days, reason);
  }

  @Mutation(() => DisclosureRequest, { description: '发出信息处理费收费通知：仅限第三十五条情形，在答复期限内，金额按《政府信息公开信息处理费管理办法》计算（第四十二条）/ Notify an information-processing fee: excessive requests only, within the reply period, the amount computed from the 2020 measures (Art. 42)' })
  notifyProcessingFee(
    @Arg('id', () => ID) id: string, @Arg('on', () => DateScalar, ON) on: string,
    @Arg('notice', { description: '收费通知：依据、标准、数额、缴纳方式 / The notice: basis, tiers, amount, how to pay' }) notice: string,
    @Ctx() ctx: AgencyContext,
    @Arg('method', () => FeeMethod, { nullable: true, description: '计收方式，缺省为本机关的设置（办法第三条）/ Way of counting; the agency\'s setting when omitted' }) method?: FeeMethod | null,
    @Arg('pages', () => Int, { nullable: true, description: '按量计收时提供信息的页数（A4）/ Pages given, for a by-volume fee' }) pages?: number | null,
    @Arg('amountYuan', () => Int, { nullable: true, description: '金额（元）；缺省为按标准计算的金额，只可减免不可超出 / Amount in yuan; the computed amount when omitted, lower only as a reduction' }) amountYuan?: number | null,
  ): Promise<DisclosureRequestEntity> {
    return requests.notifyFee(ctx, id, on, amountYuan, notice, { method, pages });
  }

  @Mutation(() => DisclosureRequest, { description: '登记申请人缴纳信息处理费（缴费期限内），答复期限恢复计算 / Record the fee paid within its period; the reply clock runs again' })
  recordFeePayment(@Arg('id', () => ID) id: string, @Arg('on', () => DateScalar, ON) on: string, @Ctx() ctx: AgencyContext): Promise<DisclosureRequestEntity> {
    return requests.recordFeePayment(ctx, id, on);
  }

  @Mutation(() => DisclosureRequest, { description: '答复申请并办结归档（此后不可变更）/ Reply and archive (immutable from then on)' })
  replyToRequest(
    @Arg('id', () => ID) id: string, @Arg('on', () => DateScalar, ON) on: string,
    @Arg('outcome', () => RequestOutcome) outcome: RequestOutcome,
    @Arg('responseText', { description: '答复书 / Response document' }) responseText: string, @Ctx() ctx: AgencyContext,
  ): Promise<DisclosureRequestEntity> {
    return requests.replyToRequest(ctx, id, on, outcome, responseText);
  }

  @Mutation(() => Appeal, { description: '登记行政复议或行政诉讼 / Record a reconsideration or lawsuit' })
  recordAppeal(@Arg('input', () => AppealInput) input: AppealInput, @Ctx() ctx: AgencyContext): Promise<RequestAppealEntity> {
    return requests.recordAppeal(ctx, input);
  }

  @Mutation(() => Appeal, { description: '登记复议、诉讼结果 / Record the result of a reconsideration or lawsuit' })
  concludeAppeal(@Arg('id', () => ID) id: string, @Arg('input', () => AppealConclusionInput) input: AppealConclusionInput, @Ctx() ctx: AgencyContext): Promise<RequestAppealEntity> {
    return requests.concludeAppeal(ctx, id, input);
  }

  @FieldResolver(() => Agency)
  agency(@Root() r: DisclosureRequestEntity): Agency {
    return { code: r.agencyCode };
  }

  @FieldResolver(() => String, { nullable: true })
  outcomeRow(@Root() r: DisclosureRequestEntity): string | null {
    return r.outcome ? OUTCOME_ROW[r.outcome] : null;
  }

  @FieldResolver(() => RequestStatus)
  async status(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<RequestStatus> {
    return (await clockOf(ctx, r)).status;
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  async receivedOn(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<string | null> {
    return (await clockOf(ctx, r)).receivedOn;
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  async replyDueOn(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<string | null> {
    return (await clockOf(ctx, r)).replyDueOn;
  }

  @FieldResolver(() => Boolean)
  async replyDueProvisional(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<boolean> {
    return (await clockOf(ctx, r)).provisional;
  }

  @FieldResolver(() => [String])
  async replyDueSteps(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<string[]> {
    return (await clockOf(ctx, r)).steps;
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  async reasonsDueOn(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<string | null> {
    return (await clockOf(ctx, r)).reasonsDueOn;
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  async receiptConfirmationDueOn(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<string | null> {
    return (await clockOf(ctx, r)).receiptConfirmationDueOn;
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  async supplementNoticeDueOn(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<string | null> {
    return (await clockOf(ctx, r)).supplementNoticeDueOn;
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  async supplementDueOn(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<string | null> {
    return (await clockOf(ctx, r)).supplementDueOn;
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  async feePaymentDueOn(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<string | null> {
    return (await clockOf(ctx, r)).feePaymentDueOn;
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  async feePaidOn(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<string | null> {
    return (await clockOf(ctx, r)).feePaidOn;
  }

  @FieldResolver(() => Int)
  async pausedWorkingDays(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<number> {
    return (await clockOf(ctx, r)).pausedWorkingDays;
  }

  @FieldResolver(() => Int)
  async extendedWorkingDays(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<number> {
    return (await clockOf(ctx, r)).extendedWorkingDays;
  }

  @FieldResolver(() => Boolean)
  async overdue(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<boolean> {
    return requests.isRequestOverdue(await clockOf(ctx, r), ctx.runtime.clock.today());
  }

  @FieldResolver(() => String, { nullable: true })
  description(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): string | null {
    // Free text by or about the requester may name them: handlers only, like the identity.
    return handlesRequests(ctx) ? r.description : null;
  }

  @FieldResolver(() => String, { nullable: true })
  responseText(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): string | null {
    return handlesRequests(ctx) ? (r.responseText ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  trackingCode(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): string | null {
    return handlesRequests(ctx) ? r.trackingCode : null;
  }

  @FieldResolver(() => String, { nullable: true })
  requesterName(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<string | null> {
    return personal(ctx, r, 'requesterName');
  }

  @FieldResolver(() => String, { nullable: true })
  idNumber(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<string | null> {
    return personal(ctx, r, 'idNumber');
  }

  @FieldResolver(() => String, { nullable: true })
  contact(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<string | null> {
    return personal(ctx, r, 'contact');
  }

  @FieldResolver(() => String, { nullable: true })
  deliveryEmail(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<string | null> {
    return personal(ctx, r, 'deliveryEmail');
  }

  @FieldResolver(() => [RequestHistoryEvent])
  async events(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<RequestHistoryEvent[]> {
    const events = await ctx.loaders.requestEvents.load(r.id);
    // Details (supplement text, consulted party's answer) may name people: handlers only.
    return handlesRequests(ctx) ? events : events.map((e: RequestEventEntity) => ({ ...e, detail: null }));
  }

  @FieldResolver(() => [Appeal])
  async appeals(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<RequestAppealEntity[]> {
    const appeals = await ctx.loaders.requestAppeals.load(r.id);
    // A case note may name the requester or a court's finding about them: handlers only, like event details.
    return handlesRequests(ctx) ? appeals : appeals.map((a) => ({ ...a, note: null }));
  }
}

/** Entity references the gateway resolves through this deployment. */
export const requestReferenceResolvers = {
  DisclosureRequest: {
    __resolveReference: (ref: { id: string }, ctx: AgencyContext) => requests.findVisibleRequest(ctx, ref.id),
  },
};
