import { chinaDate } from '../../subgraphs/shared/clock';
import type { Clock } from '../../subgraphs/shared/clock';
import type { EntityManager } from '@mikro-orm/knex';
import { createContext, type AgencyContext, type AgencyRuntime } from '../../subgraphs/agency/context';
import { DocumentEntity } from '../../subgraphs/agency/entities/document.entity';
import type { Channel } from '../../schema/contracts/channel';
import type { DisclosureAttribute, Validity } from '../../subgraphs/agency/entities/enums';
import * as documents from '../../subgraphs/agency/services/document.service';
import * as feedback from '../../subgraphs/agency/services/feedback.service';
import * as penalties from '../../subgraphs/agency/services/penalty.service';
import * as requests from '../../subgraphs/agency/services/request.service';
import type { AppealKind, AppealResult, ConsultationParty, RequestChannel, RequestOutcome, RequesterKind } from '../../subgraphs/agency/entities/request-enums';
import { FeeMethod } from '../../subgraphs/agency/entities/request-enums';
import type { Role } from '../../schema/contracts/claims';
import { generateAgencyDocuments, generateAgencyPenalties } from './documents';
import { generateAgencyRequests, type DemoRequest } from './requests';
import type { DemoAgency } from './seed-types';

export interface SeedOptions {
  /** Documents to generate for the agency. */
  documents: number;
  /** Penalty decisions to generate. */
  penalties: number;
  /** Disclosure requests to generate. @default 0 */
  requests?: number;
  /** The demo's today, "YYYY-MM-DD". */
  today: string;
  seed?: number;
}

/** A clock the seeder moves to each step's historical moment, so every record carries its real date. */
class SteppedClock implements Clock {
  private at = new Date();
  set(at: Date): void { this.at = at; }
  now(): Date { return new Date(this.at); }
  today(): string { return chinaDate(this.at); }
}

function atChinaTime(date: string, time = '09:30:00'): Date {
  return new Date(`${date}T${time}+08:00`);
}

/** Runs one workflow step as a caller with `roles` (none: the public). */
type Step = <T>(roles: Role[], run: (ctx: AgencyContext) => Promise<T>) => Promise<T>;

/**
 * Fills an empty agency deployment with its demo documents and penalty decisions, driving each
 * through the real workflow (create, review, publish, withdraw, validity change) at the dates the
 * generator chose. Returns how many documents it wrote; writes nothing when the database has data.
 *
 * The whole seeding is one transaction: every step runs the workflow service as it is, on an
 * EntityManager bound to that transaction, and is flushed (the rows its own commit would write)
 * before the next. A first start pays one commit per deployment instead of one per step, and a
 * seeding cut short leaves an empty database that the next start seeds again, not half a province.
 */
export async function seedAgency(base: AgencyRuntime, agency: DemoAgency, options: SeedOptions): Promise<number> {
  if ((await base.orm.em.fork().count(DocumentEntity, {})) > 0) return 0;
  return base.orm.em.fork().transactional(async (tx) => {
    const clock = new SteppedClock();
    const runtime: AgencyRuntime = { ...base, clock };
    // The services' own `transactional` runs their work in this one (disableTransactions).
    const em = tx.fork({ disableTransactions: true, keepTransactionContext: true }) as EntityManager;
    const step: Step = async (roles, run) => {
      const result = await run(createContext(runtime, { sub: `demo-${roles.join('+')}@${agency.code}`, agency: agency.code, roles }, em));
      await em.flush();
      // Each step reads what it needs from the database, as it would in its own request.
      em.clear();
      return result;
    };
    return seedAll(runtime, agency, options, clock, step);
  });
}

/** The seeding's steps in their historical order: documents, penalty decisions, requests, feedback. */
async function seedAll(runtime: AgencyRuntime, agency: DemoAgency, options: SeedOptions, clock: SteppedClock, step: Step): Promise<number> {
  const generated = generateAgencyDocuments(agency, { count: options.documents, seed: options.seed, today: options.today });
  // Nothing seeded may happen after the demo's today, or it would sit in the future of the clock.
  const endOfToday = atChinaTime(options.today, '18:00:00').getTime();
  const published: string[] = [];
  for (const demo of generated) {
    clock.set(atChinaTime(demo.formedOn));
    const doc = await step(['editor'], (ctx) => documents.createDocument(ctx, {
      title: demo.title, summary: demo.summary, body: demo.body, theme: demo.theme, genre: demo.genre, formedOn: demo.formedOn,
      disclosure: demo.disclosure as DisclosureAttribute, exemptionGround: demo.exemptionGround ?? null, docNumber: demo.docNumber ?? null,
      coIssuers: demo.coIssuers, keyFacts: demo.keyFacts, channels: demo.channels as Channel[], attachments: demo.attachments,
    }));
    if (demo.status === 'DRAFT') continue;
    const publishedAt = demo.publishedAt ? new Date(demo.publishedAt) : undefined;
    clock.set(publishedAt ? new Date(publishedAt.getTime() - 2 * 3600_000) : atChinaTime(demo.formedOn, '15:00:00'));
    if (demo.status === 'IN_REVIEW') {
      await step(['editor'], (ctx) => documents.submitForReview(ctx, doc.id));
      continue;
    }
    await step(['reviewer'], (ctx) => documents.reviewDocument(ctx, doc.id, true, '经审查不涉及国家秘密、商业秘密和个人隐私'));
    if (!publishedAt) continue;
    clock.set(publishedAt);
    await step(['editor'], (ctx) => documents.publishDocument(ctx, doc.id));
    if (demo.status === 'PUBLISHED') published.push(doc.id);
    if (demo.validity !== 'EFFECTIVE') {
      clock.set(new Date(Math.min(publishedAt.getTime() + 200 * 86_400_000, endOfToday)));
      await step(['editor'], (ctx) => documents.changeValidity(ctx, doc.id, demo.validity as Validity, '依据新文件规定调整有效性'));
    }
    if (demo.status === 'WITHDRAWN') {
      clock.set(new Date(Math.min(publishedAt.getTime() + 3 * 86_400_000, endOfToday)));
      await step(['reviewer'], (ctx) => documents.withdrawDocument(ctx, doc.id, '发现内容有误，撤回后更正'));
    }
  }
  for (const demo of generateAgencyPenalties(agency, { count: options.penalties, seed: options.seed, today: options.today })) {
    clock.set(atChinaTime(demo.decidedOn, '16:00:00'));
    const penalty = await step(['editor'], (ctx) => penalties.createPenalty(ctx, {
      caseNumber: demo.caseNumber, partyKind: demo.partyKind as never, partyName: demo.partyName, partyIdNumber: demo.partyId,
      facts: demo.facts, legalBasis: demo.legalBasis, penalty: demo.penalty, decidedOn: demo.decidedOn, minor: demo.minor,
    }));
    const publishOn = runtime.calendar.addWorkingDays(demo.decidedOn, 5).on;
    if (publishOn > options.today) continue;
    clock.set(atChinaTime(publishOn, '10:00:00'));
    await step(['editor'], (ctx) => penalties.publishPenalty(ctx, penalty.id));
    if (demo.revokedOn) {
      clock.set(atChinaTime(demo.revokedOn, '11:00:00'));
      await step(['editor'], (ctx) => penalties.revokePenalty(ctx, penalty.id, demo.revokedOn!, '原处罚决定经行政复议被撤销'));
    }
  }
  for (const demo of generateAgencyRequests(agency, { count: options.requests ?? 0, seed: options.seed, today: options.today })) {
    await seedRequest(demo, agency.code, clock, step);
  }
  await seedFeedback(agency.code, published.slice(-3), options.today, clock, step);
  return generated.length;
}

/** Drives one demo request through the request services, each step on its own date. */
async function seedRequest(demo: DemoRequest, agency: string, clock: SteppedClock, step: Step): Promise<void> {
  const officer = <T>(run: (ctx: AgencyContext) => Promise<T>) => step(['disclosure-officer'], run);
  // Entered on the day it was received (a registered letter: the day signed for).
  clock.set(atChinaTime(demo.receivedOn ?? demo.submittedOn, '10:00:00'));
  const input = {
    requesterKind: demo.requesterKind as RequesterKind, requesterName: demo.requesterName, idNumber: demo.idNumber, contact: demo.contact,
    channel: demo.channel as RequestChannel, agency, description: demo.description,
  };
  const request = demo.channel === 'ONLINE'
    ? (await step([], (ctx) => requests.submitRequest(ctx, input))).request
    : await officer((ctx) => requests.recordRequest(ctx, { ...input, submittedOn: demo.submittedOn, receivedOn: demo.receivedOn }));
  for (const action of demo.steps) {
    clock.set(atChinaTime(action.on, '15:00:00'));
    await officer(async (ctx) => {
      switch (action.kind) {
        case 'CONFIRM_RECEIPT': await requests.confirmReceipt(ctx, request.id, action.on); break;
        case 'REQUEST_SUPPLEMENT': await requests.requestSupplement(ctx, request.id, action.on, '请补正所需政府信息的名称、文号或其他特征性描述'); break;
        case 'RECEIVE_SUPPLEMENT': await requests.receiveSupplement(ctx, request.id, action.on, '申请人已补正所需信息的具体名称'); break;
        case 'START_CONSULTATION': await requests.startConsultation(ctx, request.id, action.party as ConsultationParty, action.on, '申请公开的信息涉及第三方或其他机关，书面征求意见'); break;
        case 'ANSWER_CONSULTATION': await requests.answerConsultation(ctx, request.id, action.party as ConsultationParty, action.on, '已书面反馈意见'); break;
        case 'EXTEND': await requests.extendReplyPeriod(ctx, request.id, action.on, action.days, '办公室主任', `因需调取档案，答复期限延长 ${action.days} 个工作日`); break;
        case 'MARK_EXCESSIVE': await requests.markExcessive(ctx, request.id, action.on, action.days, '申请人一年内提出同类申请数十件，明显超过合理范围'); break;
        case 'NOTIFY_FEE': await requests.notifyFee(ctx, request.id, action.on, null, '请在收到通知之日起 20 个工作日内缴纳信息处理费', { method: FeeMethod.BY_VOLUME, pages: action.pages }); break;
        case 'REPLY': await requests.replyToRequest(ctx, request.id, action.on, action.outcome as RequestOutcome, `政府信息公开申请答复书：经办理，答复结果为 ${action.outcome}。`); break;
      }
    });
  }
  for (const appeal of demo.appeals) {
    clock.set(atChinaTime(appeal.filedOn, '11:00:00'));
    const recorded = await officer((ctx) => requests.recordAppeal(ctx, { requestId: request.id, kind: appeal.kind as AppealKind, filedOn: appeal.filedOn }));
    if (appeal.result && appeal.concludedOn) {
      clock.set(atChinaTime(appeal.concludedOn, '11:00:00'));
      await officer((ctx) => requests.concludeAppeal(ctx, recorded.id, { result: appeal.result as AppealResult, concludedOn: appeal.concludedOn! }));
    }
  }
}

/** What the public writes to a department, and how the department deals with it. */
const DEMO_FEEDBACK: { text: string; onDocument: boolean; author?: string; outcome: 'answered' | 'shown' | 'pending' | 'rejected' }[] = [
  { text: '建议在政府信息公开专栏增加按主题分类的检索功能，方便群众查找政策文件。', onDocument: false, author: '热心市民', outcome: 'answered' },
  { text: '文件中提到的资金分配结果在哪里可以查到？希望能同步公开明细。', onDocument: true, outcome: 'answered' },
  { text: '政策解读写得很清楚，希望以后的文件都能配套发布解读和图解。', onDocument: true, author: '王女士', outcome: 'shown' },
  { text: '去年的年度报告附件无法下载，请尽快修复链接。', onDocument: false, outcome: 'pending' },
  { text: '广告推广信息，与政府信息公开无关。', onDocument: false, outcome: 'rejected' },
];

async function seedFeedback(agency: string, documentIds: string[], today: string, clock: SteppedClock, step: Step): Promise<void> {
  for (const [i, item] of DEMO_FEEDBACK.entries()) {
    clock.set(atChinaTime(today, `00:0${i}:00`));
    const created = await step([], (ctx) => feedback.submitFeedback(ctx, {
      agency, documentId: item.onDocument ? (documentIds[i % Math.max(documentIds.length, 1)] ?? null) : null, authorName: item.author ?? null, contact: null, text: item.text,
    }));
    if (item.outcome === 'pending') continue;
    await step(['admin'], (ctx) => feedback.moderateFeedback(ctx, created.id, item.outcome !== 'rejected', item.outcome === 'rejected' ? '与政府信息公开工作无关' : null));
    if (item.outcome === 'answered') await step(['admin'], (ctx) => feedback.answerFeedback(ctx, created.id, '感谢您的意见。我们已研究并将在近期改进，相关信息将在政府信息公开专栏发布。'));
  }
}
