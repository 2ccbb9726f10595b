import { DateScalar } from '../../shared/scalars';
import { DEFAULT_DOCUMENT_ORDER } from '../../../schema/contracts/agency-routing';
import { attachmentPath } from '../../../schema/contracts/attachments';
import { DEFAULT_PAGE_SIZE } from '../../../schema/contracts/cursor';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { agencyOf, isStaff, seesInternals, type AgencyContext } from '../context';
import type { DocumentEntity } from '../entities/document.entity';
import { DocumentOrder, ExemptionGround, Validity } from '../entities/enums';
import { ExpeditedReleaseKind } from '../entities/expedited-release.entity';
import * as attachments from '../services/attachment.service';
import * as documents from '../services/document.service';
import * as expedited from '../services/expedited-release.service';
import { CreateDocumentInput, DocumentFilter, UpdateDocumentInput } from './document.input';
import {
  Agency, Attachment, ConfidentialityReview, Document, DocumentConnection, DocumentEvent, DocumentRevision, DocumentVersion, ExpeditedRelease, KeyFact,
} from './document.types';

/** Pagination arguments shared by every document list. */
const FIRST = { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: '每页数量（最多 100）/ Page size, at most 100' };
const AFTER = { nullable: true, description: '上一页的 endCursor / endCursor of the previous page' };

@Resolver(() => Document)
export class DocumentResolver {
  @Query(() => Document, { nullable: true, description: '按标识取文件；不存在或无权查看时为 null / A document by id; null when missing or not visible to the caller' })
  document(@Arg('id', () => ID) id: string, @Ctx() ctx: AgencyContext): Promise<DocumentEntity | null> {
    return documents.findVisibleDocument(ctx, id);
  }

  @Query(() => Document, { nullable: true, description: '按索引号取文件（不区分大小写）；不存在或无权查看时为 null，格式不正确为 BAD_USER_INPUT / A document by its index number (索引号, any case); null when missing or not visible, BAD_USER_INPUT when malformed' })
  documentByIndexNumber(@Arg('indexNumber') indexNumber: string, @Ctx() ctx: AgencyContext): Promise<DocumentEntity | null> {
    return documents.findVisibleDocumentByIndexNumber(ctx, indexNumber);
  }

  @Query(() => DocumentConnection, { description: '文件列表，按发布时间排序 / Documents, ordered by publication time' })
  documents(
    @Ctx() ctx: AgencyContext,
    @Arg('filter', () => DocumentFilter, { nullable: true }) filter?: DocumentFilter,
    @Arg('orderBy', () => DocumentOrder, { nullable: true, defaultValue: DocumentOrder[DEFAULT_DOCUMENT_ORDER] }) orderBy?: DocumentOrder | null,
    @Arg('first', () => Int, FIRST) first?: number | null,
    @Arg('after', () => String, AFTER) after?: string,
  ): Promise<documents.DocumentPage> {
    return documents.listDocuments(ctx, filter, orderBy ?? DocumentOrder[DEFAULT_DOCUMENT_ORDER], first ?? DEFAULT_PAGE_SIZE, after);
  }

  @Query(() => DocumentConnection, { description: '中文全文检索，相关度优先 / Chinese full-text search, best first' })
  search(
    @Arg('text') text: string,
    @Ctx() ctx: AgencyContext,
    @Arg('filter', () => DocumentFilter, { nullable: true }) filter?: DocumentFilter,
    @Arg('first', () => Int, FIRST) first?: number | null,
    @Arg('after', () => String, AFTER) after?: string,
  ): Promise<documents.DocumentPage> {
    return documents.searchDocuments(ctx, text, filter, first ?? DEFAULT_PAGE_SIZE, after);
  }

  @Mutation(() => Document, { description: '新建文件（草稿）/ Create a document of the caller\'s agency, as a draft' })
  createDocument(@Arg('input', () => CreateDocumentInput) input: CreateDocumentInput, @Ctx() ctx: AgencyContext): Promise<DocumentEntity> {
    return documents.createDocument(ctx, input);
  }

  @Mutation(() => Document, { description: '修改文件；已发布的文件生成新版本，须说明理由 / Change a document; a published one gets a new version and needs a reason' })
  updateDocument(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateDocumentInput) input: UpdateDocumentInput,
    @Ctx() ctx: AgencyContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ): Promise<DocumentEntity> {
    return documents.updateDocument(ctx, id, input, reason);
  }

  @Mutation(() => Document, { description: '送保密审查 / Submit a draft for confidentiality review' })
  submitDocumentForReview(@Arg('id', () => ID) id: string, @Ctx() ctx: AgencyContext): Promise<DocumentEntity> {
    return documents.submitForReview(ctx, id);
  }

  @Mutation(() => Document, { description: '保密审查：通过或不通过 / Confidentiality review: approve or refuse' })
  reviewDocument(
    @Arg('id', () => ID) id: string,
    @Arg('approve') approve: boolean,
    @Ctx() ctx: AgencyContext,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<DocumentEntity> {
    return documents.reviewDocument(ctx, id, approve, note);
  }

  @Mutation(() => Document, { description: '申请快速发布（突发事件、社会热点，须说明理由）：未发布的主动公开草稿即送审，应在一小时内发布 / Mark an unpublished proactive draft for release within the hour (emergency or hot issue, with a reason); it goes to review at once' })
  requestExpeditedRelease(
    @Arg('id', () => ID) id: string,
    @Arg('kind', () => ExpeditedReleaseKind) kind: ExpeditedReleaseKind,
    @Arg('reason') reason: string,
    @Ctx() ctx: AgencyContext,
  ): Promise<DocumentEntity> {
    return expedited.requestExpeditedRelease(ctx, id, kind, reason);
  }

  @Mutation(() => Document, { description: '审批快速发布：保密审查通过并立即发布（审批人不能是起草人；要求另设发布人的机关由第三人发布）/ Approve an expedited release: the confidentiality review and publication at once (never by an author; where the agency requires a distinct publisher, a third person publishes)' })
  approveExpeditedRelease(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: AgencyContext,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<DocumentEntity> {
    return expedited.approveExpeditedRelease(ctx, id, note);
  }

  @Mutation(() => Document, { description: '发布已通过审查的主动公开文件 / Publish an approved proactive document' })
  publishDocument(@Arg('id', () => ID) id: string, @Ctx() ctx: AgencyContext): Promise<DocumentEntity> {
    return documents.publishDocument(ctx, id);
  }

  @Mutation(() => Document, { description: '撤回已发布文件，保留记录并说明理由 / Withdraw a published document; the record stays with the reason' })
  withdrawDocument(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: AgencyContext): Promise<DocumentEntity> {
    return documents.withdrawDocument(ctx, id, reason);
  }

  @Mutation(() => Document, { description: '变更有效性（修订、废止、失效）/ Change validity (amended, repealed, expired)' })
  changeDocumentValidity(
    @Arg('id', () => ID) id: string,
    @Arg('validity', () => Validity) validity: Validity,
    @Arg('reason') reason: string,
    @Ctx() ctx: AgencyContext,
  ): Promise<DocumentEntity> {
    return documents.changeValidity(ctx, id, validity, reason);
  }

  @Mutation(() => Document, { description: '删除尚未发布的附件（草稿或修订稿的附件，本机关编辑）；已发布的附件不能删除 / Remove a file not yet published (a draft\'s or a revision\'s), by an editor of the agency; published files never change' })
  removeAttachment(@Arg('id', () => ID) id: string, @Arg('number', () => Int) number: number, @Ctx() ctx: AgencyContext): Promise<DocumentEntity> {
    return attachments.removeAttachment(ctx, id, number);
  }

  @FieldResolver(() => String)
  body(@Root() doc: DocumentEntity, @Ctx() ctx: AgencyContext): string {
    return documents.bodyAsShown(ctx, doc);
  }

  @FieldResolver(() => Agency)
  agency(@Root() doc: DocumentEntity): Agency {
    return { code: doc.agencyCode };
  }

  @FieldResolver(() => [Agency])
  coIssuers(@Root() doc: DocumentEntity): Agency[] {
    return doc.coIssuers.map((code) => ({ code }));
  }

  @FieldResolver(() => [KeyFact])
  keyFacts(@Root() doc: DocumentEntity, @Ctx() ctx: AgencyContext): Promise<KeyFact[]> {
    return ctx.loaders.keyFacts.load(doc.id);
  }

  @FieldResolver(() => [Attachment])
  async attachments(@Root() doc: DocumentEntity, @Ctx() ctx: AgencyContext): Promise<Attachment[]> {
    const rows = await ctx.loaders.attachments.load(doc.id);
    // A revision's files are public with the revision, not before.
    return rows.filter((a) => !a.inRevision || isStaff(ctx)).map((a) => ({
      number: a.number, fileName: a.fileName, mediaType: a.mediaType, sizeBytes: Number(a.sizeBytes), sha256: a.sha256 ?? null,
      downloadPath: a.sha256 ? attachmentPath(doc.id, a.number) : null, inRevision: a.inRevision,
    }));
  }

  @FieldResolver(() => [DocumentVersion])
  versions(@Root() doc: DocumentEntity, @Ctx() ctx: AgencyContext): Promise<DocumentVersion[]> {
    return ctx.loaders.versions.load(doc.id);
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  publishDueOn(@Root() doc: DocumentEntity, @Ctx() ctx: AgencyContext): string | null {
    return seesInternals(ctx) ? doc.publishDueOn : null;
  }

  @FieldResolver(() => Boolean, { nullable: true })
  publishDueProvisional(@Root() doc: DocumentEntity, @Ctx() ctx: AgencyContext): boolean | null {
    return seesInternals(ctx) ? doc.publishDueProvisional : null;
  }

  @FieldResolver(() => Boolean, { nullable: true })
  overdue(@Root() doc: DocumentEntity, @Ctx() ctx: AgencyContext): boolean | null {
    return seesInternals(ctx) ? documents.isOverdue(doc, ctx.runtime.clock.today()) : null;
  }

  @FieldResolver(() => ExemptionGround, { nullable: true })
  exemptionGround(@Root() doc: DocumentEntity, @Ctx() ctx: AgencyContext): string | null {
    return isStaff(ctx) ? (doc.exemptionGround ?? null) : null;
  }

  @FieldResolver(() => [ConfidentialityReview], { nullable: true })
  reviews(@Root() doc: DocumentEntity, @Ctx() ctx: AgencyContext): Promise<ConfidentialityReview[]> | null {
    return isStaff(ctx) ? ctx.loaders.reviews.load(doc.id) : null;
  }

  @FieldResolver(() => [DocumentEvent], { nullable: true })
  events(@Root() doc: DocumentEntity, @Ctx() ctx: AgencyContext): Promise<DocumentEvent[]> | null {
    return isStaff(ctx) ? ctx.loaders.events.load(doc.id) : null;
  }

  @FieldResolver(() => ExpeditedRelease, { nullable: true })
  async expeditedRelease(@Root() doc: DocumentEntity, @Ctx() ctx: AgencyContext): Promise<ExpeditedRelease | null> {
    if (!isStaff(ctx)) return null;
    const [record] = await ctx.loaders.expeditedReleases.load(doc.id);
    if (!record) return null;
    const publishedAt = doc.publishedAt ?? null;
    return { ...record, publishedAt, withinHour: publishedAt !== null && publishedAt.getTime() <= record.dueAt.getTime() };
  }

  @FieldResolver(() => DocumentRevision, { nullable: true })
  async revision(@Root() doc: DocumentEntity, @Ctx() ctx: AgencyContext): Promise<DocumentRevision | null> {
    if (!isStaff(ctx)) return null;
    const [revision] = await ctx.loaders.revisions.load(doc.id);
    return revision ?? null;
  }
}

@Resolver(() => Agency)
export class AgencyDocumentsResolver {
  @FieldResolver(() => DocumentConnection, { nullable: true, description: '该机关的文件 / Documents of this agency' })
  documents(
    @Root() agency: Agency,
    @Ctx() ctx: AgencyContext,
    @Arg('filter', () => DocumentFilter, { nullable: true }) filter?: DocumentFilter,
    @Arg('orderBy', () => DocumentOrder, { nullable: true, defaultValue: DocumentOrder[DEFAULT_DOCUMENT_ORDER] }) orderBy?: DocumentOrder | null,
    @Arg('first', () => Int, FIRST) first?: number | null,
    @Arg('after', () => String, AFTER) after?: string,
  ): Promise<documents.DocumentPage> {
    return documents.listDocuments(ctx, { ...filter, agencies: [agency.code] }, orderBy ?? DocumentOrder[DEFAULT_DOCUMENT_ORDER], first ?? DEFAULT_PAGE_SIZE, after);
  }
}

/** Entity references the gateway resolves through this deployment. */
export const documentReferenceResolvers = {
  Document: {
    __resolveReference: (ref: { id: string }, ctx: AgencyContext) => documents.findVisibleDocument(ctx, ref.id),
  },
  Agency: {
    __resolveReference: async (ref: { code: string }, ctx: AgencyContext) => ({ code: ref.code ?? agencyOf(ctx) }),
  },
};
