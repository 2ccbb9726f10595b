import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/knex';
import { DateScalar } from '../../shared/scalars';
import { handlesRequests, type AgencyContext } from '../context';
import type { RequesterCaseReadEntity, RequestLetterEntity } from '../entities/letter.entity';
import type { DisclosureRequestEntity } from '../entities/request.entity';
import * as letters from '../services/letters';
import { storedLetterPdf } from '../services/letter-pdf';
import * as cases from '../services/requester-case';
import { computeReplyClock } from '../services/request-clock';
import { rulesOf } from '../services/request.service';
import { DisclosureRequest } from './request.types';
import { ReleasedFile, RequesterCase, RequesterCaseRead, RequestLetter } from './letter.types';
import { describeReleasedFile, releasedFilesOf } from '../services/released-files';

@Resolver(() => RequestLetter)
export class RequestLetterResolver {
  @Query(() => RequesterCase, { description: '申请人凭查询码和查询密码查看办理情况、告知书和答复（每次查看均记录；连续输错5次锁定15分钟）/ The requester\'s page, by tracking code and PIN (every read logged; 5 wrong PINs lock it for 15 minutes)' })
  async requesterCase(@Arg('trackingCode') trackingCode: string, @Arg('pin') pin: string, @Ctx() ctx: AgencyContext): Promise<RequesterCase> {
    const { request, letters: sent, releasedFiles } = await cases.openRequesterCase(ctx, trackingCode, pin);
    const events = await ctx.loaders.requestEvents.load(request.id);
    const clock = computeReplyClock(events, ctx.runtime.calendar, ctx.runtime.clock.today(), rulesOf(ctx.runtime.config));
    return {
      trackingCode: request.trackingCode, agency: { code: request.agencyCode }, status: clock.status, submittedOn: request.submittedOn,
      receivedOn: clock.receivedOn, replyDueOn: clock.replyDueOn, closedOn: clock.closedOn, outcome: clock.outcome,
      deliveryMethod: request.deliveryMethod ?? null, responseText: request.responseText ?? null, letters: sent,
      // Downloaded by tracking code: the requester never learns the request's internal id.
      releasedFiles: releasedFiles.map((file) => describeReleasedFile(file, request.trackingCode)),
    };
  }

  @Query(() => [RequestLetter], { description: '待打印送达的文书：邮寄、自行领取等方式及第三方的函（经办人员）/ Letters to print and post or hand over (disclosure officers)' })
  lettersToPrint(@Ctx() ctx: AgencyContext): Promise<RequestLetterEntity[]> {
    return letters.lettersToPrint(ctx);
  }

  @Mutation(() => RequestLetter, { description: '登记打印文书的邮寄或交付日期，即送达日期（经办人员）/ Record the day a printed letter was posted or handed over: its delivery date' })
  recordLetterHandedOver(@Arg('id', () => ID) id: string, @Arg('on', () => DateScalar) on: string, @Ctx() ctx: AgencyContext): Promise<RequestLetterEntity> {
    return letters.recordLetterHandedOver(ctx, id, on);
  }

  @Mutation(() => String, { description: '为申请生成新的查询密码（旧密码失效），交申请人一次（经办人员）/ Issue a new PIN for the requester\'s page (the old one stops working), to give the requester once' })
  issueRequesterPin(@Arg('id', () => ID) id: string, @Ctx() ctx: AgencyContext): Promise<string> {
    return cases.issueRequesterPin(ctx, id);
  }

  @FieldResolver(() => String, { description: 'PDF 文件（base64）/ The PDF, base64' })
  async pdfBase64(@Root() letter: RequestLetterEntity, @Ctx() ctx: AgencyContext): Promise<string> {
    return (await storedLetterPdf(ctx.em as EntityManager, letter)).pdf.toString('base64');
  }

  @FieldResolver(() => String, { description: 'PDF 的 SHA-256（十六进制），证明所发文书未被改动 / SHA-256 of the PDF (hex): what was sent, provably unchanged' })
  async sha256(@Root() letter: RequestLetterEntity, @Ctx() ctx: AgencyContext): Promise<string> {
    return (await storedLetterPdf(ctx.em as EntityManager, letter)).sha256;
  }
}

@Resolver(() => DisclosureRequest)
export class RequestLettersFieldResolver {
  @FieldResolver(() => [RequestLetter], { nullable: true, description: '本申请的全部文书，先发在前（经办人员；查看记入个人信息查阅记录）/ Every letter of the request, oldest first (disclosure officers; each read logged as personal data)' })
  async letters(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<RequestLetterEntity[] | null> {
    if (!handlesRequests(ctx)) return null;
    // A letter to the requester names them: read like the identity, and logged.
    await ctx.loaders.personalData.load(`${r.id}\u0000letters`);
    return letters.lettersOf(ctx.em as EntityManager, r.id);
  }

  @FieldResolver(() => [ReleasedFile], { nullable: true, description: '随答复提供的政府信息，按序号（经办人员）/ The files released with the reply, by number (disclosure officers)' })
  async releasedFiles(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<ReleasedFile[] | null> {
    if (!handlesRequests(ctx)) return null;
    return (await releasedFilesOf(ctx.em as EntityManager, r.id)).map((file) => describeReleasedFile(file, r.id));
  }

  @FieldResolver(() => [RequesterCaseRead], { nullable: true, description: '申请人查阅页的查看记录，最新在前（经办人员）/ Who opened the requester\'s page and whether the PIN was right, newest first (disclosure officers)' })
  requesterCaseReads(@Root() r: DisclosureRequestEntity, @Ctx() ctx: AgencyContext): Promise<RequesterCaseReadEntity[]> | null {
    return handlesRequests(ctx) ? cases.requesterCaseReads(ctx.em as EntityManager, r.id) : null;
  }
}
