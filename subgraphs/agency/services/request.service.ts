import { randomBytes } from 'node:crypto';
import type { EntityManager as AnyEntityManager, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { findKeysetPage, type Page } from '../../shared/connection';
import { checkPageSize } from '../../../schema/contracts/cursor';
import { BadUserInputError, ForbiddenError, NotFoundError, WorkflowConflictError } from '../../../schema/contracts/errors';
import { creditCodeProblem, deliveryEmailProblem, residentIdProblem } from '../../shared/identifiers';
import { isIsoDate } from '../../shared/scalars';
import { optionalText, requiredText } from '../../shared/text-input';
import type { AgencyConfig } from '../config';
import { actorOf, agencyOf, handlesRequests, seesInternals, type AgencyContext, type AgencyRuntime } from '../context';
import { DisclosureRequestEntity, RequestAppealEntity, RequestEventEntity } from '../entities/request.entity';
import {
  AppealResult, ConsultationParty, DeliveryMethod, FeeMethod, RequestChannel, RequestEventKind, RequestOutcome, RequestStatus, RequesterKind,
} from '../entities/request-enums';
import type { AppealConclusionInput, AppealInput, DisclosureRequestInput, RecordRequestInput, RequestFilter } from '../resolvers/request.input';
import { feeByItem, feeByVolume, monthlyOrdinal } from './processing-fee';
import { computeReplyClock, type ReplyClock } from './request-clock';
import { messages } from './statutory-messages';
import { STATUTORY_RULES, type ClockRules } from './statutory-rules';
import { nextSerial } from './serial';
import { queueNewRequestAlert } from './staff-alerts';
import { issueLetter } from './letters';
import { LetterKind } from '../entities/letter.entity';
import { newPin } from './requester-pin';
import { releasedFilesOf } from './released-files';

/** The clock rules of a deployment: the law's periods with the settings of its config. */
export function rulesOf(config: AgencyConfig): ClockRules {
  return {
    ...STATUTORY_RULES, supplementWorkingDays: config.supplementWorkingDays, feeMethod: config.feeMethod,
    receiptConfirmationWorkingDays: config.receiptConfirmationWorkingDays, maxExcessiveWorkingDays: config.maxExcessiveWorkingDays,
  };
}

/** The clock rules of this deployment. */
export function clockRules(ctx: AgencyContext): ClockRules {
  return rulesOf(ctx.runtime.config);
}

/** The reply clock of a request from its events, as of today. */
export function clockOf(ctx: AgencyContext, events: readonly RequestEventEntity[]): ReplyClock {
  return computeReplyClock(events, ctx.runtime.calendar, ctx.runtime.clock.today(), clockRules(ctx));
}

/**
 * 逾期 — open and past its reply due date, or (before its receipt is confirmed) past the bound on
 * confirming it (Art. 31): the one rule of a request's `overdue`.
 */
export function isRequestOverdue(clock: ReplyClock, today: string): boolean {
  const due = clock.replyDueOn ?? clock.receiptConfirmationDueOn;
  return clock.status !== RequestStatus.CLOSED && !!due && today > due;
}

// Crockford's base32: no I, L, O, U, so a code read out on the phone is not misheard.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A tracking code: the agency code (so the gateway routes by it) and 80 random bits in four
 * groups, e.g. "fjdrc:7K3M-9QX2-PL4D-XW8T". It says nothing about the requester.
 */
export function newTrackingCode(agency: string): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b & 31]).join('');
  return `${agency}:${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${chars.slice(12, 16)}`;
}

function requireHandler(ctx: AgencyContext): void {
  if (!handlesRequests(ctx)) {
    throw new ForbiddenError('只有本机关的依申请公开经办人员可以办理申请', `Only ${agencyOf(ctx)}'s disclosure officers and admin handle requests`);
  }
}

function checkDate(field: string, label: string, value: string | null | undefined, today: string): string {
  if (!value || !isIsoDate(value)) throw new BadUserInputError(field, `${label}格式应为 YYYY-MM-DD`, `${field} must be a date YYYY-MM-DD`);
  if (value > today) throw new BadUserInputError(field, `${label}不能晚于今天`, `${field} cannot be in the future`);
  return value;
}

/** The requester's identity, checked as the form shows it: field named, bilingual, actionable. */
function checkRequester(input: DisclosureRequestInput, today: string) {
  const requesterName = requiredText('requesterName', '申请人姓名或名称', input.requesterName, 200);
  const contact = requiredText('contact', '联系方式', input.contact, 200);
  if ([...contact].length < 5) {
    throw new BadUserInputError('contact', '请填写能联系到申请人的电话、邮箱或通讯地址', 'contact must be a telephone number, e-mail or postal address that reaches the requester');
  }
  const description = requiredText('description', '所需信息的描述', input.description, 5000);
  if ([...description].length < 5) {
    throw new BadUserInputError('description', '请写明所需政府信息的名称、文号或其他特征性描述（第二十九条）', 'description must name the information sought: title, number or another description (Art. 29)');
  }
  const raw = optionalText('idNumber', '证件号码', input.idNumber, 32)?.toUpperCase() ?? null;
  if (input.requesterKind === RequesterKind.NATURAL_PERSON) {
    if (!raw) throw new BadUserInputError('idNumber', '自然人申请须填写公民身份号码', 'A natural person must give a resident identity number');
    const problem = residentIdProblem(raw, today);
    if (problem) throw new BadUserInputError('idNumber', problem.zh, problem.en);
  } else if (raw || input.requesterKind !== RequesterKind.OTHER_ORGANISATION) {
    // Other organisations (e.g. an unregistered residents' group) may have no credit code.
    if (!raw) throw new BadUserInputError('idNumber', '法人或其他组织申请须填写统一社会信用代码', 'An organisation must give its unified social credit code');
    const problem = creditCodeProblem(raw);
    if (problem) throw new BadUserInputError('idNumber', problem.zh, problem.en);
  }
  return { requesterKind: input.requesterKind, requesterName, idNumber: raw, contact, description, ...checkDelivery(input) };
}

/**
 * 获取方式: an e-mail delivery needs the address to send to (a valid one); any other way takes
 * none, so no address is kept that nothing will be sent to.
 */
function checkDelivery(input: DisclosureRequestInput): { deliveryMethod: DeliveryMethod | null; deliveryEmail: string | null } {
  const deliveryMethod = input.deliveryMethod ?? null;
  const deliveryEmail = optionalText('deliveryEmail', '接收信息的电子邮箱', input.deliveryEmail, 254);
  if (deliveryMethod !== DeliveryMethod.EMAIL) {
    if (deliveryEmail) {
      throw new BadUserInputError('deliveryEmail', '只有选择以电子邮件获取信息时才填写接收邮箱', 'deliveryEmail is only for the EMAIL delivery method');
    }
    return { deliveryMethod, deliveryEmail: null };
  }
  const problem = deliveryEmailProblem(deliveryEmail ?? '');
  if (problem) throw new BadUserInputError('deliveryEmail', problem.zh, problem.en);
  return { deliveryMethod, deliveryEmail };
}

function checkAgency(ctx: AgencyContext, agency: string): void {
  if (agency !== agencyOf(ctx)) {
    throw new BadUserInputError('agency', `本服务只受理${agencyOf(ctx)}的申请`, `This deployment only accepts requests to ${agencyOf(ctx)}`);
  }
}

/**
 * Writes the event, recomputes the clock from the whole history, and stores what it derives: the
 * only writer of the request's derived columns (status, dates, outcome), in the event's
 * transaction. Those columns are a cache for filters and sorting; reads derive from the events.
 */
async function transition(
  ctx: AgencyContext, em: EntityManager, request: DisclosureRequestEntity, history: RequestEventEntity[],
  event: NewEvent, actor: string = actorOf(ctx),
): Promise<ReplyClock> {
  return recordEvent(ctx.runtime, em, request, history, event, actor);
}

type NewEvent = Omit<RequestEventEntity, 'id' | 'requestId' | 'at' | 'actor'>;

/** {@link transition} for the deployment's own jobs, which act with no caller. */
function recordEvent(
  runtime: AgencyRuntime, em: AnyEntityManager, request: DisclosureRequestEntity, history: RequestEventEntity[], event: NewEvent, actor: string,
): ReplyClock {
  const row = em.create(RequestEventEntity, { ...event, requestId: request.id, at: runtime.clock.now(), actor });
  em.persist(row);
  const clock = computeReplyClock([...history, row], runtime.calendar, runtime.clock.today(), rulesOf(runtime.config));
  request.status = clock.status;
  request.receivedOn = clock.receivedOn;
  // Lists, supervision and the deadline watch count with the next date the agency must meet.
  request.replyDueOn = clock.replyDueOn ?? clock.receiptConfirmationDueOn;
  request.replyDueProvisional = clock.provisional;
  request.closedOn = clock.closedOn;
  request.outcome = clock.outcome;
  request.version += 1;
  return clock;
}

/**
 * The actor of what the requester did (submitting online, and the receipt that submission is):
 * a fixed label, never the account a requester happened to be signed in with, so that nobody
 * reading the history (supervisors, staff who do not handle requests) learns who asked.
 */
export const REQUESTER_ACTOR = '申请人 / requester';

async function create(
  ctx: AgencyContext, fields: ReturnType<typeof checkRequester>, channel: RequestChannel, submittedOn: string, receivedOn: string | null, actor: string,
  accessPinHash: string | null = null,
): Promise<DisclosureRequestEntity> {
  return ctx.em.transactional(async (em) => {
    const agency = agencyOf(ctx);
    const serial = await nextSerial(em, 'request');
    const request = em.create(DisclosureRequestEntity, {
      id: `${agency}:r${String(serial).padStart(7, '0')}`, agencyCode: agency, trackingCode: newTrackingCode(agency),
      ...fields, channel, submittedOn, status: RequestStatus.AWAITING_RECEIPT, accessPinHash,
      listedAt: ctx.runtime.clock.now(), createdBy: actor,
    });
    em.persist(request);
    const history: RequestEventEntity[] = [];
    const submitted = em.create(RequestEventEntity, {
      requestId: request.id, kind: RequestEventKind.SUBMITTED, on: submittedOn, detail: channel, at: ctx.runtime.clock.now(), actor,
    });
    em.persist(submitted);
    history.push(submitted);
    if (receivedOn) await transition(ctx, em, request, history, { kind: RequestEventKind.RECEIVED, on: receivedOn }, actor);
    else request.replyDueOn = clockOf(ctx, history).receiptConfirmationDueOn;
    request.version = 1;
    await queueNewRequestAlert(ctx.runtime, em as EntityManager, request);
    return request;
  });
}

/**
 * 提交申请 — the public's online form. Submitting here and getting the tracking code back is both
 * sides confirming the request, so it is received the day it is submitted (Art. 31); requests on
 * paper, by post or fax are entered by the agency's staff ({@link recordRequest}). The requester
 * also gets the PIN of the requester's page (requester-case.ts), given this once and kept only hashed.
 */
export async function submitRequest(ctx: AgencyContext, input: DisclosureRequestInput): Promise<{ request: DisclosureRequestEntity; accessPin: string }> {
  checkAgency(ctx, input.agency);
  if (input.channel !== RequestChannel.ONLINE) {
    throw new BadUserInputError('channel', '网上提交的申请渠道应为 ONLINE；当面、邮寄、传真申请由机关工作人员登记', 'A request submitted here is ONLINE; in-person, postal and fax requests are entered by the agency\'s staff');
  }
  const today = ctx.runtime.clock.today();
  const fields = checkRequester(input, today);
  const { pin, hash } = await newPin();
  return { request: await create(ctx, fields, RequestChannel.ONLINE, today, today, REQUESTER_ACTOR, hash), accessPin: pin };
}

/**
 * 登记申请 — staff enter a request received in person, by post, fax or online elsewhere, with
 * its receipt date by channel (Art. 31): in person the day submitted; registered post the day
 * signed for (required); ordinary post, fax and online the day both sides confirm (later, with
 * {@link confirmReceipt}, when not known yet).
 */
export async function recordRequest(ctx: AgencyContext, input: RecordRequestInput): Promise<DisclosureRequestEntity> {
  requireHandler(ctx);
  checkAgency(ctx, input.agency);
  const today = ctx.runtime.clock.today();
  const fields = checkRequester(input, today);
  const submittedOn = checkDate('submittedOn', '提交日期', input.submittedOn, today);
  let receivedOn = input.receivedOn ? checkDate('receivedOn', '收到申请日期', input.receivedOn, today) : null;
  if (receivedOn && receivedOn < submittedOn) throw new BadUserInputError('receivedOn', '收到申请之日不能早于提交之日', 'receivedOn cannot be before submittedOn');
  if (input.channel === RequestChannel.IN_PERSON) {
    if (receivedOn && receivedOn !== submittedOn) throw new BadUserInputError('receivedOn', '当面提交的申请以提交之日为收到之日', 'An in-person request is received the day it is submitted');
    receivedOn = submittedOn;
  }
  if (input.channel === RequestChannel.REGISTERED_POST && !receivedOn) {
    throw new BadUserInputError('receivedOn', '挂号信申请须填写签收之日', 'A registered letter needs the day it was signed for');
  }
  return create(ctx, fields, input.channel, submittedOn, receivedOn, actorOf(ctx));
}

/**
 * Requests stored unconfirmed before the receipt bound existed have no stored due date: give them
 * their confirmation due date (Art. 31), so that lists, supervision and the watch count them.
 * Run by the deadline watch before it looks. @returns how many were settled.
 */
export async function settleUnconfirmedDueDates(runtime: AgencyRuntime): Promise<number> {
  return runtime.orm.em.fork().transactional(async (em) => {
    const open = await em.find(DisclosureRequestEntity, { status: RequestStatus.AWAITING_RECEIPT, replyDueOn: null });
    for (const request of open) {
      const events = await em.find(RequestEventEntity, { requestId: request.id }, { orderBy: { id: 'asc' } });
      request.replyDueOn = computeReplyClock(events, runtime.calendar, runtime.clock.today(), rulesOf(runtime.config)).receiptConfirmationDueOn;
    }
    return open.length;
  });
}

/** The actor of what the deployment's deadline watch does by itself. */
export const WATCH_ACTOR = '到期提醒 / deadline watch';

/**
 * 视为放弃 (Art. 30) — every request still awaiting a supplement whose period has passed is closed
 * as abandoned (table 3, row 3.6.1) on the day after the period, with a DEEMED_WITHDRAWN event, so
 * that it is not carried over. Run by the deadline watch. @returns the requests closed.
 */
export async function withdrawLapsedSupplements(runtime: AgencyRuntime): Promise<string[]> {
  const today = runtime.clock.today();
  return runtime.orm.em.fork().transactional(async (em) => {
    const closed: string[] = [];
    for (const request of await em.find(DisclosureRequestEntity, { status: RequestStatus.AWAITING_SUPPLEMENT }, { orderBy: { id: 'asc' } })) {
      const history = await em.find(RequestEventEntity, { requestId: request.id }, { orderBy: { id: 'asc' } });
      const clock = computeReplyClock(history, runtime.calendar, today, rulesOf(runtime.config));
      if (clock.status !== RequestStatus.AWAITING_SUPPLEMENT || today <= clock.supplementDueOn!) continue;
      const on = nextCalendarDay(clock.supplementDueOn!);
      recordEvent(runtime, em, request, history, { kind: RequestEventKind.DEEMED_WITHDRAWN, on, detail: null }, WATCH_ACTOR);
      request.replyWorkingDays = null;
      request.repliedLate = false;
      closed.push(request.id);
    }
    return closed;
  });
}

function nextCalendarDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Whether the request was closed by the watch's presumption of abandonment, which a good reason undoes. */
function deemedWithdrawn(history: readonly RequestEventEntity[]): boolean {
  return history.at(-1)?.kind === RequestEventKind.DEEMED_WITHDRAWN;
}

/**
 * A request this agency's handlers may change: not archived — except, with `reopenDeemedWithdrawn`,
 * one the watch closed as abandoned, which a late supplement with a good reason reopens (Art. 30).
 */
async function loadForWrite(
  ctx: AgencyContext, em: EntityManager, id: string, reopenDeemedWithdrawn = false,
): Promise<{ request: DisclosureRequestEntity; history: RequestEventEntity[]; clock: ReplyClock }> {
  const request = await em.findOne(DisclosureRequestEntity, { id });
  if (!request || !seesInternals(ctx)) throw new NotFoundError('申请 request', id);
  requireHandler(ctx);
  const history = await em.find(RequestEventEntity, { requestId: id }, { orderBy: { id: 'asc' } });
  if (request.status === RequestStatus.CLOSED && !(reopenDeemedWithdrawn && deemedWithdrawn(history))) {
    throw new WorkflowConflictError('申请已办结归档，不能再变更（保存备查）', 'The request is closed and archived; it can no longer change', request.status);
  }
  return { request, history, clock: clockOf(ctx, history) };
}

/** Event dates never go back in time nor into the future, so the history reads in order. */
function checkEventDate(ctx: AgencyContext, history: RequestEventEntity[], on: string): string {
  const date = checkDate('on', '日期', on, ctx.runtime.clock.today());
  const last = history.at(-1)?.on;
  if (last && date < last) throw new BadUserInputError('on', `日期不能早于上一办理环节（${last}）`, `on cannot be before the previous step (${last})`);
  return date;
}

type Change = (ctx: AgencyContext, em: EntityManager, loaded: Awaited<ReturnType<typeof loadForWrite>>) => Promise<void> | void;

function change(ctx: AgencyContext, id: string, apply: Change, reopenDeemedWithdrawn = false): Promise<DisclosureRequestEntity> {
  return ctx.em.transactional(async (em) => {
    const loaded = await loadForWrite(ctx, em, id, reopenDeemedWithdrawn);
    await apply(ctx, em, loaded);
    return loaded.request;
  });
}

/**
 * 确认收到 — for ordinary post, fax and staff-entered online requests, the day both sides confirmed
 * (Art. 31(二)(三)). Due within `receiptConfirmationWorkingDays` of arrival (statutory-rules.ts);
 * a later confirmation is still recorded (the request must be answered) and its step says it was late.
 */
export function confirmReceipt(ctx: AgencyContext, id: string, on: string): Promise<DisclosureRequestEntity> {
  return change(ctx, id, async (c, em, { request, history, clock }) => {
    if (clock.status !== RequestStatus.AWAITING_RECEIPT) throw new WorkflowConflictError('该申请的收到日期已确定', 'The receipt date is already set', clock.status);
    await transition(c, em, request, history, { kind: RequestEventKind.RECEIVED, on: checkEventDate(c, history, on) });
  });
}

/** 补正通知 (Art. 30) — once, within `supplementNoticeWorkingDays` of receipt (statutory-rules.ts), saying what is unclear. */
export function requestSupplement(ctx: AgencyContext, id: string, on: string, detail: string): Promise<DisclosureRequestEntity> {
  return change(ctx, id, async (c, em, { request, history, clock }) => {
    if (!clock.receivedOn) throw new WorkflowConflictError('尚未确认收到申请', 'The request has not been received yet', clock.status);
    if (history.some((e) => e.kind === RequestEventKind.SUPPLEMENT_REQUESTED)) {
      throw new WorkflowConflictError('补正通知只能发出一次（第三十条）', 'A supplement can be requested only once (Art. 30)', clock.status);
    }
    const date = checkEventDate(c, history, on);
    if (date > clock.supplementNoticeDueOn!) {
      const late = messages.supplementNoticeLate(clock.supplementNoticeDueOn!, clockRules(c));
      throw new BadUserInputError('on', late.zh, late.en);
    }
    const text = requiredText('detail', '需要补正的事项', detail, 2000);
    const after = await transition(c, em, request, history, { kind: RequestEventKind.SUPPLEMENT_REQUESTED, on: date, detail: text });
    await issueLetter(c.runtime, em, request, date, {
      kind: LetterKind.SUPPLEMENT_NOTICE, unclear: text, supplementDueOn: after.supplementDueOn!, supplementWorkingDays: clockRules(c).supplementWorkingDays,
    }, actorOf(c));
  });
}

/** 收到补正 — the reply period restarts from this day. */
export function receiveSupplement(ctx: AgencyContext, id: string, on: string, detail?: string | null): Promise<DisclosureRequestEntity> {
  return change(ctx, id, async (c, em, { request, history, clock }) => {
    if (clock.status !== RequestStatus.AWAITING_SUPPLEMENT) throw new WorkflowConflictError('该申请未在等待补正', 'The request is not awaiting a supplement', clock.status);
    const date = checkEventDate(c, history, on);
    if (date > clock.supplementDueOn!) {
      throw new WorkflowConflictError(`补正期限（${clock.supplementDueOn}）已过，申请视为放弃`, `The supplement period ended on ${clock.supplementDueOn}; the request counts as abandoned`, clock.status);
    }
    await transition(c, em, request, history, { kind: RequestEventKind.SUPPLEMENT_RECEIVED, on: date, detail: optionalText('detail', '补正内容', detail, 5000) });
  });
}

/**
 * 逾期补正 (Art. 30: only 无正当理由 a late supplement means abandonment) — a disclosure officer
 * accepts a supplement that came after its period for a good reason, recorded with the supplement;
 * the reply period restarts from this day as with a supplement in time. Also reopens a request the
 * watch closed as deemed withdrawn; never one a handler replied to.
 */
export function acceptLateSupplement(ctx: AgencyContext, id: string, on: string, reason: string, detail?: string | null): Promise<DisclosureRequestEntity> {
  return change(ctx, id, async (c, em, { request, history, clock }) => {
    const lapsed = clock.status === RequestStatus.AWAITING_SUPPLEMENT ? null : deemedWithdrawn(history) ? clock.supplementDueOn : undefined;
    if (lapsed === undefined) throw new WorkflowConflictError('该申请未在等待补正', 'The request is not awaiting a supplement', clock.status);
    const goodReason = requiredText('reason', '逾期补正的正当理由', reason, 2000);
    const date = checkEventDate(c, history, on);
    if (date <= clock.supplementDueOn!) {
      throw new WorkflowConflictError(`补正期限（${clock.supplementDueOn}）尚未届满，按期补正即可`, `The supplement period runs until ${clock.supplementDueOn}: receive it as a supplement in time`, clock.status);
    }
    const content = optionalText('detail', '补正内容', detail, 5000);
    await transition(c, em, request, history, {
      kind: RequestEventKind.LATE_SUPPLEMENT_ACCEPTED, on: date, detail: `正当理由 / reason: ${goodReason}${content ? `\n补正内容 / supplement: ${content}` : ''}`,
    });
    request.replyWorkingDays = null;
    request.repliedLate = null;
  }, true);
}

/**
 * 征求意见 (Art. 32, 34) — a third party or a co-producing agency has `consultationWorkingDays`
 * (statutory-rules.ts); the clock pauses. A request may concern several third parties (Art. 32:
 * 第三方 each), so any number may be consulted, each numbered in the order started.
 */
export function startConsultation(ctx: AgencyContext, id: string, party: ConsultationParty, on: string, detail: string): Promise<DisclosureRequestEntity> {
  return change(ctx, id, async (c, em, { request, history, clock }) => {
    if (!clock.replyDueOn) throw new WorkflowConflictError('申请尚未进入答复期限', 'The reply period has not started', clock.status);
    const date = checkEventDate(c, history, on);
    if (date > clock.replyDueOn) throw new BadUserInputError('on', `答复期限（${clock.replyDueOn}）已过，不能再征求意见`, `The reply period ended on ${clock.replyDueOn}`);
    const consultation = history.filter((e) => e.kind === RequestEventKind.CONSULTATION_STARTED).length + 1;
    const matter = requiredText('detail', '征求意见事项', detail, 2000);
    await transition(c, em, request, history, { kind: RequestEventKind.CONSULTATION_STARTED, on: date, party, consultation, detail: matter });
    // A co-producing agency (Art. 34) is asked agency to agency; a third party (Art. 32) gets the letter.
    if (party === ConsultationParty.THIRD_PARTY) {
      const days = clockRules(c).consultationWorkingDays;
      await issueLetter(c.runtime, em, request, date, {
        kind: LetterKind.CONSULTATION_LETTER, matter, consultationWorkingDays: days, answerDueOn: c.runtime.calendar.addWorkingDays(date, days).on,
      }, actorOf(c));
    }
  });
}

/** The consultations of a request not yet answered, by number, with the day each started, matching answers as the clock does. */
export function unansweredConsultations(history: readonly RequestEventEntity[]): { number: number; party: ConsultationParty; startedOn: string }[] {
  const open: { number: number; party: ConsultationParty; startedOn: string }[] = [];
  let started = 0;
  for (const e of history) {
    if (e.kind === RequestEventKind.CONSULTATION_STARTED) open.push({ number: (started += 1), party: e.party ?? ConsultationParty.THIRD_PARTY, startedOn: e.on });
    if (e.kind === RequestEventKind.CONSULTATION_ANSWERED) {
      const i = open.findIndex((o) => (e.consultation ? o.number === e.consultation : o.party === e.party));
      if (i >= 0) open.splice(i, 1);
    }
  }
  return open;
}

/**
 * 意见反馈 — the consulted party answered; the clock runs again from this day. `consultation` names
 * which one (its number); it may be left out when only one of that kind is open.
 */
export function answerConsultation(
  ctx: AgencyContext, id: string, party: ConsultationParty, on: string, detail?: string | null, consultation?: number | null,
): Promise<DisclosureRequestEntity> {
  return change(ctx, id, async (c, em, { request, history }) => {
    const started = history.filter((e) => e.kind === RequestEventKind.CONSULTATION_STARTED);
    const open = unansweredConsultations(history).filter((o) => o.party === party);
    let number: number;
    if (consultation !== null && consultation !== undefined) {
      const known = started[consultation - 1];
      if (!Number.isInteger(consultation) || !known || (known.party ?? ConsultationParty.THIRD_PARTY) !== party) {
        throw new BadUserInputError('consultation', `本申请没有向该类对象的第 ${consultation} 次征求意见`, `No consultation number ${consultation} with this kind of party on this request`);
      }
      if (!open.some((o) => o.number === consultation)) throw new WorkflowConflictError('该次征求意见已答复', 'That consultation was already answered', request.status);
      number = consultation;
    } else {
      if (open.length === 0) throw new WorkflowConflictError('没有待答复的征求意见', 'No open consultation with this party', request.status);
      if (open.length > 1) throw new BadUserInputError('consultation', '有多次待答复的征求意见，请注明答复的是第几次', 'Several consultations of this kind are open: say which one answered (consultation)');
      number = open[0].number;
    }
    await transition(c, em, request, history, {
      kind: RequestEventKind.CONSULTATION_ANSWERED, on: checkEventDate(c, history, on), party, consultation: number, detail: optionalText('detail', '意见', detail, 5000),
    });
  });
}

/** 延期答复 (Art. 33) — once, at most `maxExtensionWorkingDays` (statutory-rules.ts), approved by the head of disclosure work, with notice. */
export function extendReplyPeriod(
  ctx: AgencyContext, id: string, on: string, days: number, approver: string, notice: string,
): Promise<DisclosureRequestEntity> {
  return change(ctx, id, async (c, em, { request, history, clock }) => {
    if (!clock.replyDueOn) throw new WorkflowConflictError('申请尚未进入答复期限', 'The reply period has not started', clock.status);
    if (history.some((e) => e.kind === RequestEventKind.EXTENDED)) throw new WorkflowConflictError('答复期限只能延长一次', 'The reply period can be extended only once', clock.status);
    const rules = clockRules(c);
    if (!Number.isInteger(days) || days < 1 || days > rules.maxExtensionWorkingDays) {
      const range = messages.extensionDaysOutOfRange(rules);
      throw new BadUserInputError('days', range.zh, range.en);
    }
    const date = checkEventDate(c, history, on);
    if (date > clock.replyDueOn) throw new BadUserInputError('on', `须在答复期限（${clock.replyDueOn}）届满前决定延期`, `An extension must be decided before the reply period ends (${clock.replyDueOn})`);
    const reason = requiredText('notice', '告知申请人的延期通知', notice, 2000);
    const after = await transition(c, em, request, history, {
      kind: RequestEventKind.EXTENDED, on: date, days, approver: requiredText('approver', '批准人', approver, 128), detail: reason,
    });
    await issueLetter(c.runtime, em, request, date, { kind: LetterKind.EXTENSION_NOTICE, reason, days, replyDueOn: after.replyDueOn! }, actorOf(c));
  });
}

/**
 * 第三十五条 — a request excessive in volume or frequency: the agency may give it a longer period
 * (`days` > 0, told to the requester) or refuse it later by replying NOT_PROCESSED_EXCESSIVE. Only
 * such a request may be charged an information-processing fee (Art. 42).
 */
export function markExcessive(ctx: AgencyContext, id: string, on: string, days: number, reason: string): Promise<DisclosureRequestEntity> {
  return change(ctx, id, async (c, em, { request, history, clock }) => {
    if (request.excessive) throw new WorkflowConflictError('已认定为超出合理范围的申请', 'The request is already marked excessive', clock.status);
    const rules = clockRules(c);
    if (!Number.isInteger(days) || days < 0 || days > rules.maxExcessiveWorkingDays) {
      const range = messages.excessiveDaysOutOfRange(rules);
      throw new BadUserInputError('days', range.zh, range.en);
    }
    request.excessive = true;
    await transition(c, em, request, history, { kind: RequestEventKind.EXCESSIVE_PERIOD_SET, on: checkEventDate(c, history, on), days, detail: requiredText('reason', '理由', reason, 2000) });
  });
}

/** How a fee notice is counted: the way (the agency's usual one by default), the pages for 按量计收, a reduced amount. */
export interface FeeNoticeOptions { method?: FeeMethod | null; pages?: number | null }

/** 获取方式 that 按量计收 does not apply to (办法第五条: only paper, e-mail and copied electronic data). */
const NOT_BY_VOLUME: ReadonlySet<DeliveryMethod> = new Set([DeliveryMethod.INSPECTION, DeliveryMethod.ONLINE]);

/**
 * 信息处理费 (Art. 42; 《政府信息公开信息处理费管理办法》) — only for a request found excessive
 * (Art. 35), once, within the reply period (办法第六条). The amount is computed from the tiers
 * (processing-fee.ts): by item from the requester's requests to this agency in the calendar month
 * of receipt (第四条), or by volume from the pages (第五条), one way per request (第三条). A smaller
 * `amountYuan` records a reduction (减免); a larger one is refused. The requester then has
 * `feePaymentWorkingDays` to pay, during which the reply clock stops.
 */
export function notifyFee(
  ctx: AgencyContext, id: string, on: string, amountYuan: number | null | undefined, notice: string, options: FeeNoticeOptions = {},
): Promise<DisclosureRequestEntity> {
  return change(ctx, id, async (c, em, { request, history, clock }) => {
    const refuse = (zh: string, en: string): never => { throw new WorkflowConflictError(zh, en, clock.status); };
    if (!request.excessive) refuse('只有申请数量、频次明显超过合理范围的，才可收取信息处理费（第四十二条）', 'A fee may be charged only for an excessive request (Art. 42)');
    if (history.some((e) => e.kind === RequestEventKind.FEE_NOTIFIED)) refuse('收费通知只能发出一次', 'A fee can be notified only once');
    if (!clock.replyDueOn || !clock.receivedOn) refuse('申请尚未进入答复期限', 'The reply period has not started');
    const date = checkEventDate(c, history, on);
    if (date > clock.replyDueOn!) {
      const late = messages.feeNoticeLate(clock.replyDueOn!);
      throw new BadUserInputError('on', late.zh, late.en);
    }
    const method = options.method ?? clockRules(c).feeMethod;
    const pages = options.pages ?? null;
    let computed: number;
    let basis: string;
    if (method === FeeMethod.BY_VOLUME) {
      if (request.deliveryMethod && NOT_BY_VOLUME.has(request.deliveryMethod)) {
        throw new BadUserInputError('method', '按量计收只适用于提供纸质件、发送电子邮件、复制电子数据等方式（办法第五条）', 'By-volume fees apply only to paper, e-mail or copied electronic data (measures Art. 5)');
      }
      if (pages === null || !Number.isInteger(pages) || pages < 1) throw new BadUserInputError('pages', '按量计收须填写提供信息的页数（正整数）', 'A by-volume fee needs pages, a positive whole number');
      computed = feeByVolume(pages);
      basis = `按量计收 ${pages} 页 / by volume, ${pages} pages`;
    } else {
      if (pages !== null) throw new BadUserInputError('pages', '按件计收不按页数计算，不能同时按两种标准计费（办法第三条）', 'A by-item fee takes no pages: never both ways (measures Art. 3)');
      const n = await monthlyOrdinal(em, request, clock.receivedOn!);
      computed = feeByItem(n);
      basis = `按件计收，本月第 ${n} 件 / by item, request ${n} of the month`;
    }
    if (computed === 0) refuse(`按收费标准本申请不收费（${basis}）`, `The tiers charge nothing for this request (${basis})`);
    const amount = amountYuan ?? computed;
    if (!Number.isInteger(amount) || amount <= 0 || amount > computed) {
      throw new BadUserInputError('amountYuan', `收费金额须为 1 到 ${computed} 元的整数（减免时可低于标准）`, `amountYuan must be a whole number of yuan from 1 to ${computed} (lower only as a reduction)`);
    }
    request.feeYuan = amount;
    const reduction = amount < computed ? `，减免自 ${computed} 元 / reduced from ${computed}` : '';
    const after = await transition(c, em, request, history, {
      kind: RequestEventKind.FEE_NOTIFIED, on: date, days: null,
      detail: `${amount} 元 / yuan（${basis}${reduction}）: ${requiredText('notice', '收费通知', notice, 2000)}`,
    });
    await issueLetter(c.runtime, em, request, date, {
      kind: LetterKind.FEE_NOTICE, amountYuan: amount, basis: `${basis.split(' / ')[0]}${amount < computed ? `，由${computed}元减免` : ''}`, feePaymentDueOn: after.feePaymentDueOn!,
    }, actorOf(c));
  });
}

/** 缴费 — the requester paid the notified fee within its period; the reply clock runs again from this day. */
export function recordFeePayment(ctx: AgencyContext, id: string, on: string): Promise<DisclosureRequestEntity> {
  return change(ctx, id, async (c, em, { request, history, clock }) => {
    if (!clock.feePaymentDueOn) throw new WorkflowConflictError('没有待缴的信息处理费', 'No fee has been notified', clock.status);
    if (clock.feePaidOn) throw new WorkflowConflictError('信息处理费已缴纳', 'The fee is already paid', clock.status);
    const date = checkEventDate(c, history, on);
    if (date > clock.feePaymentDueOn) {
      throw new WorkflowConflictError(`缴费期限（${clock.feePaymentDueOn}）已过，申请视为放弃`, `The payment period ended on ${clock.feePaymentDueOn}; the request counts as abandoned`, clock.status);
    }
    await transition(c, em, request, history, { kind: RequestEventKind.FEE_PAID, on: date });
  });
}

/**
 * 说明理由 (Art. 35) — asks the requester of a request excessive in volume or frequency to state
 * reasons, once; the requester has `excessiveReasonsWorkingDays` (statutory-rules.ts). Without
 * reasons by then, or with reasons the agency finds unreasonable, it may reply NOT_PROCESSED_EXCESSIVE;
 * with reasonable ones it may set a longer period ({@link markExcessive}).
 */
export function askForReasons(ctx: AgencyContext, id: string, on: string, detail: string): Promise<DisclosureRequestEntity> {
  return change(ctx, id, async (c, em, { request, history, clock }) => {
    if (!clock.receivedOn) throw new WorkflowConflictError('尚未确认收到申请', 'The request has not been received yet', clock.status);
    if (history.some((e) => e.kind === RequestEventKind.REASONS_REQUESTED)) throw new WorkflowConflictError('已要求申请人说明理由', 'Reasons were already asked for', clock.status);
    const date = checkEventDate(c, history, on);
    const notice = requiredText('detail', '要求说明理由的通知', detail, 2000);
    const after = await transition(c, em, request, history, { kind: RequestEventKind.REASONS_REQUESTED, on: date, detail: notice });
    await issueLetter(c.runtime, em, request, date, { kind: LetterKind.REASONS_NOTICE, notice, reasonsDueOn: after.reasonsDueOn! }, actorOf(c));
  });
}

/** 申请人说明理由 (Art. 35) — the reasons the requester gave, once, for the agency to judge. */
export function receiveReasons(ctx: AgencyContext, id: string, on: string, detail: string): Promise<DisclosureRequestEntity> {
  return change(ctx, id, async (c, em, { request, history, clock }) => {
    if (!history.some((e) => e.kind === RequestEventKind.REASONS_REQUESTED)) throw new WorkflowConflictError('尚未要求申请人说明理由', 'No reasons were asked for', clock.status);
    if (history.some((e) => e.kind === RequestEventKind.REASONS_GIVEN)) throw new WorkflowConflictError('申请人已说明理由', 'The reasons were already recorded', clock.status);
    const reasons = requiredText('detail', '申请人说明的理由', detail, 5000);
    await transition(c, em, request, history, { kind: RequestEventKind.REASONS_GIVEN, on: checkEventDate(c, history, on), detail: reasons });
  });
}

/** Outcomes that only fit a request whose history shows their condition. */
function checkOutcome(
  outcome: RequestOutcome, request: DisclosureRequestEntity, history: RequestEventEntity[], clock: ReplyClock, on: string, rules: ClockRules,
): void {
  const has = (kind: RequestEventKind) => history.some((e) => e.kind === kind);
  const refuse = (zh: string, en: string) => { throw new WorkflowConflictError(zh, en, clock.status); };
  if (clock.status === RequestStatus.AWAITING_SUPPLEMENT) {
    if (outcome !== RequestOutcome.OTHER_NO_SUPPLEMENT) refuse('申请正在等待补正，只能按逾期不补正办结', 'While awaiting a supplement the only reply is OTHER_NO_SUPPLEMENT');
    if (on <= clock.supplementDueOn!) refuse(`补正期限 ${clock.supplementDueOn} 尚未届满`, `The supplement period runs until ${clock.supplementDueOn}`);
    return;
  }
  if (outcome === RequestOutcome.OTHER_NO_SUPPLEMENT) refuse('只有发出补正通知而申请人逾期未补正的，才按此办结', 'OTHER_NO_SUPPLEMENT needs a supplement notice left unanswered past its period');
  if (outcome === RequestOutcome.CANNOT_PROVIDE_STILL_UNCLEAR && !has(RequestEventKind.SUPPLEMENT_RECEIVED)) refuse('只有补正后仍不明确的，才按此办结', 'CANNOT_PROVIDE_STILL_UNCLEAR needs a supplement received');
  if (outcome === RequestOutcome.NOT_PROCESSED_EXCESSIVE) {
    if (!request.excessive) refuse('须先认定申请超出合理范围（第三十五条）', 'NOT_PROCESSED_EXCESSIVE needs the request marked excessive first (Art. 35)');
    // Art. 35: once reasons are asked for, the requester's time to give them must pass first.
    if (clock.reasonsDueOn !== null && on <= clock.reasonsDueOn) {
      const pending = messages.reasonsPending(clock.reasonsDueOn);
      refuse(pending.zh, pending.en);
    }
  }
  if (outcome === RequestOutcome.OTHER_FEE_UNPAID) {
    if (!clock.feePaymentDueOn) refuse('须先发出收费通知', 'OTHER_FEE_UNPAID needs a fee notice first');
    if (clock.feePaidOn) refuse('信息处理费已缴纳', 'The fee was paid');
    // 办法第六条: abandoned only once the whole payment period passed unpaid.
    if (on <= clock.feePaymentDueOn!) {
      const running = messages.feePaymentPeriodRunning(clock.feePaymentDueOn!, rules);
      refuse(running.zh, running.en);
    }
  }
}

/**
 * 答复 (Art. 36–37) — the outcome and the response document, listing the files released with it
 * (released-files.ts); the request is then archived (保存备查) with its whole history and files and
 * refuses every later change.
 */
export function replyToRequest(ctx: AgencyContext, id: string, on: string, outcome: RequestOutcome, responseText: string): Promise<DisclosureRequestEntity> {
  return change(ctx, id, async (c, em, { request, history, clock }) => {
    if (!clock.receivedOn) throw new WorkflowConflictError('尚未确认收到申请，不能答复', 'The request has not been received yet', clock.status);
    const date = checkEventDate(c, history, on);
    checkOutcome(outcome, request, history, clock, date, clockRules(c));
    const text = requiredText('responseText', '答复书', responseText, 50_000);
    request.responseText = text;
    request.replyWorkingDays = c.runtime.calendar.workingDaysBetween(clock.receivedOn, date);
    request.repliedLate = clock.replyDueOn !== null && date > clock.replyDueOn;
    // The REPLIED event does not move the due date: it stays what it was when the reply went out.
    await transition(c, em, request, history, { kind: RequestEventKind.REPLIED, on: date, outcome, detail: null });
    const releasedFiles = await releasedFilesOf(em, request.id);
    await issueLetter(c.runtime, em, request, date, { kind: LetterKind.REPLY, outcome, responseText: text, releasedFiles }, actorOf(c));
  });
}

/** A request the caller may read: the agency's staff and supervisors; null for anyone else. */
export async function findVisibleRequest(ctx: AgencyContext, id: string): Promise<DisclosureRequestEntity | null> {
  if (!seesInternals(ctx)) return null;
  return ctx.loaders.request.load(id);
}

/** 进度查询 — by tracking code, for anyone holding it; unknown codes are null. */
export async function findByTrackingCode(ctx: AgencyContext, trackingCode: string): Promise<DisclosureRequestEntity | null> {
  const code = trackingCode.trim();
  if (code.length > 64) return null;
  const request = await ctx.em.findOne(DisclosureRequestEntity, { trackingCode: code });
  if (request) ctx.loaders.request.prime(request.id, request);
  return request;
}

/** A page of requests, newest entered first, keyset-paged on (listedAt, id) so the gateway merges shards. */
export type RequestPage = Page<{ cursor: string; node: DisclosureRequestEntity }>;

export async function listRequests(ctx: AgencyContext, filter: RequestFilter | null | undefined, first: number, after?: string | null): Promise<RequestPage> {
  checkPageSize(first);
  if (!seesInternals(ctx)) throw new ForbiddenError('只有本机关工作人员和监察人员可以查看申请列表', 'Only the agency\'s staff and supervisors can list requests');
  const where: Record<string, unknown> = {};
  if (filter?.agencies) where.agencyCode = { $in: filter.agencies };
  if (filter?.status?.length) where.status = { $in: filter.status };
  if (filter?.overdue) {
    where.status = { $ne: RequestStatus.CLOSED, ...(filter.status?.length ? { $in: filter.status } : {}) };
    where.replyDueOn = { $lt: ctx.runtime.clock.today() };
  }
  const page = await findKeysetPage(ctx.em, DisclosureRequestEntity, where as FilterQuery<DisclosureRequestEntity>, { column: 'listedAt', direction: 'desc', first, after });
  for (const { node } of page.edges) ctx.loaders.request.prime(node.id, node);
  return page;
}

// ---------------------------------------------------------------------------------------------
// Table 4: reconsideration and litigation about the agency's disclosure work.

/** 登记行政复议或行政诉讼 — linked to a request of this agency when there is one (archived requests too). */
export async function recordAppeal(ctx: AgencyContext, input: AppealInput): Promise<RequestAppealEntity> {
  requireHandler(ctx);
  const filedOn = checkDate('filedOn', '提起日期', input.filedOn, ctx.runtime.clock.today());
  return ctx.em.transactional(async (em) => {
    if (input.requestId) {
      const request = await em.findOne(DisclosureRequestEntity, { id: input.requestId });
      if (!request) throw new BadUserInputError('requestId', `本机关没有申请 ${input.requestId}`, `No request ${input.requestId} in this agency`);
    }
    const serial = await nextSerial(em, 'appeal');
    const appeal = em.create(RequestAppealEntity, {
      id: `${agencyOf(ctx)}:a${String(serial).padStart(7, '0')}`, requestId: input.requestId ?? null, kind: input.kind, filedOn,
      note: optionalText('note', '说明', input.note, 2000), createdBy: actorOf(ctx),
    });
    em.persist(appeal);
    return appeal;
  });
}

/** 审结 — the result of a reconsideration or lawsuit, once. */
export async function concludeAppeal(ctx: AgencyContext, id: string, input: AppealConclusionInput): Promise<RequestAppealEntity> {
  requireHandler(ctx);
  return ctx.em.transactional(async (em) => {
    const appeal = await em.findOne(RequestAppealEntity, { id });
    if (!appeal) throw new NotFoundError('复议诉讼记录 appeal', id);
    if (appeal.result !== AppealResult.PENDING) throw new WorkflowConflictError('该案件已审结', 'The case is already concluded', appeal.result);
    if (input.result === AppealResult.PENDING) throw new BadUserInputError('result', '审结结果不能为"尚未审结"', 'result cannot be PENDING');
    const concludedOn = checkDate('concludedOn', '审结日期', input.concludedOn, ctx.runtime.clock.today());
    if (concludedOn < appeal.filedOn) throw new BadUserInputError('concludedOn', '审结日期不能早于提起日期', 'concludedOn cannot be before filedOn');
    appeal.result = input.result;
    appeal.concludedOn = concludedOn;
    return appeal;
  });
}
