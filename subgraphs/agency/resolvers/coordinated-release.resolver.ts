import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { agencyOf, type AgencyContext } from '../context';
import type { DocumentEntity } from '../entities/document.entity';
import { DocumentReprintEntity } from '../entities/release-hold.entity';
import * as releases from '../services/coordinated-release.service';
import { KeyFactInput } from './document.input';
import { Document } from './document.types';
import {
  ReleaseCommit, ReleaseDocumentInput, ReleaseDocumentState, ReleaseHold, ReleaseVote,
} from './coordinated-release.types';

/** Reprint links of a page of documents in one query; per request, kept beside the context rather than on it. */
const reprintLoaders = new WeakMap<AgencyContext, DataLoader<string, string | null>>();
function reprintLoader(ctx: AgencyContext): DataLoader<string, string | null> {
  let loader = reprintLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const rows = await ctx.em.find(DocumentReprintEntity, { documentId: { $in: [...ids] } });
      const byId = new Map(rows.map((r) => [r.documentId, r.sourceId]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    reprintLoaders.set(ctx, loader);
  }
  return loader;
}

/** A document's state as the schema declares it. */
function stateOf({ id, found, doc, contentHash, keyFacts, reprintOf }: releases.ReleaseDocumentStateResult): ReleaseDocumentState {
  return {
    id, found, keyFacts, contentHash, reprintOf,
    title: doc?.title, docNumber: doc?.docNumber, status: doc?.status, validity: doc?.validity, publishedAt: doc?.publishedAt,
  };
}

/** The states of every linked document one gateway call asks for, read together (the plan's or the findings' page). */
const stateLoaders = new WeakMap<AgencyContext, DataLoader<string, releases.ReleaseDocumentStateResult>>();
function stateLoader(ctx: AgencyContext): DataLoader<string, releases.ReleaseDocumentStateResult> {
  let loader = stateLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader((ids) => releases.releaseDocumentStates(ctx, agencyOf(ctx), [...ids]), { maxBatchSize: 500 });
    stateLoaders.set(ctx, loader);
  }
  return loader;
}

/** Release coordination inside one agency deployment: embargo holds and the participant's two phases. */
@Resolver()
export class CoordinatedReleaseResolver {
  @Mutation(() => [ReleaseHold], { description: '设置或移动计划在本机关的发布管控（仅协同服务，凭计划授权）/ Set or move a plan\'s embargo on exactly these documents of the agency; the coordination service only, under its plan grant' })
  setReleaseHolds(
    @Arg('agency', () => ID) agency: string,
    @Arg('planId', () => ID) planId: string,
    @Arg('releaseAt', () => Date) releaseAt: Date,
    @Arg('documentIds', () => [ID]) documentIds: string[],
    @Arg('grant', () => String, { description: '协同服务签发的计划授权 / The plan grant signed by the coordination service' }) grant: string,
    @Ctx() ctx: AgencyContext,
  ) {
    return releases.setReleaseHolds(ctx, agency, planId, releaseAt, documentIds, grant);
  }

  @Mutation(() => Int, { description: '解除计划在本机关的全部发布管控，返回解除数量（仅协同服务）/ Lift every embargo of a plan in the agency; the coordination service only' })
  clearReleaseHolds(@Arg('agency', () => ID) agency: string, @Arg('planId', () => ID) planId: string, @Ctx() ctx: AgencyContext): Promise<number> {
    return releases.clearReleaseHolds(ctx, agency, planId);
  }

  @Mutation(() => ReleaseVote, { description: '协同发布第一阶段：核验文件并持久记录表决（仅协同服务，凭计划授权）/ Phase 1: check the documents and record the vote durably; the coordination service only, under its plan grant' })
  prepareCoordinatedRelease(
    @Arg('agency', () => ID) agency: string,
    @Arg('planId', () => ID) planId: string,
    @Arg('documents', () => [ReleaseDocumentInput]) documents: ReleaseDocumentInput[],
    @Arg('agreedFacts', () => [KeyFactInput]) agreedFacts: KeyFactInput[],
    @Arg('grant', () => String, { description: '协同服务签发的计划授权 / The plan grant signed by the coordination service' }) grant: string,
    @Ctx() ctx: AgencyContext,
  ): Promise<releases.ReleaseVoteResult> {
    return releases.prepareRelease(ctx, agency, planId, documents, agreedFacts, grant);
  }

  @Mutation(() => ReleaseCommit, { description: '协同发布第二阶段：发布已表决的文件，按计划幂等（仅协同服务，凭计划授权）/ Phase 2: publish the prepared documents, idempotent by plan; the coordination service only, under its plan grant' })
  commitCoordinatedRelease(
    @Arg('agency', () => ID) agency: string,
    @Arg('planId', () => ID) planId: string,
    @Arg('grant', () => String, { description: '协同服务签发的计划授权 / The plan grant signed by the coordination service' }) grant: string,
    @Ctx() ctx: AgencyContext,
  ) {
    return releases.commitRelease(ctx, agency, planId, grant);
  }

  @Mutation(() => Boolean, { description: '放弃本次协同发布，文件解冻、管控保留（仅协同服务）/ Abandon the attempt: the documents thaw, the embargo stays; the coordination service only' })
  abortCoordinatedRelease(@Arg('agency', () => ID) agency: string, @Arg('planId', () => ID) planId: string, @Ctx() ctx: AgencyContext): Promise<boolean> {
    return releases.abortRelease(ctx, agency, planId);
  }

  @Query(() => [ReleaseDocumentState], { description: '文件状态（含未发布文件，仅新闻办）/ States of documents of the agency, unpublished ones included; news office only' })
  async releaseDocumentStates(@Arg('agency', () => ID) agency: string, @Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: AgencyContext): Promise<ReleaseDocumentState[]> {
    return (await releases.releaseDocumentStates(ctx, agency, ids)).map(stateOf);
  }

  @Mutation(() => Document, { description: '标注或清除转载来源（本机关编辑）/ Mark a document as a reprint (转载) of another, or clear it with null; the agency\'s editors' })
  setReprintSource(
    @Arg('id', () => ID) id: string,
    @Arg('sourceId', () => ID, { nullable: true }) sourceId: string | null,
    @Ctx() ctx: AgencyContext,
  ): Promise<DocumentEntity> {
    return releases.setReprintSource(ctx, id, sourceId ?? null);
  }
}

/** The fields release coordination adds to every document. */
@Resolver(() => Document)
export class DocumentCoordinationFieldsResolver {
  @FieldResolver(() => String, { description: '内容指纹（标题、正文、文号、关键数据）/ Content hash over title, body, document number and key facts' })
  async contentHash(@Root() doc: DocumentEntity, @Ctx() ctx: AgencyContext): Promise<string> {
    return releases.contentHashOf(doc, await ctx.loaders.keyFacts.load(doc.id));
  }

  @FieldResolver(() => ID, { nullable: true, description: '转载来源文件的标识 / Id of the document this one reprints (转载)' })
  reprintOf(@Root() doc: DocumentEntity, @Ctx() ctx: AgencyContext): Promise<string | null> {
    return reprintLoader(ctx).load(doc.id);
  }
}

/**
 * The state of a document linked by a plan or a finding, resolved by key for the news office
 * (coordinators, the coordination service) as `releaseDocumentStates` answers it; null for every
 * other caller, who reads the document itself (null when it is not public).
 */
export const releaseStateReferenceResolvers = {
  ReleaseDocumentState: {
    __resolveReference: async (ref: { id: string }, ctx: AgencyContext): Promise<ReleaseDocumentState | null> => {
      if (!releases.readsReleaseStates(ctx)) return null;
      return stateOf(await stateLoader(ctx).load(ref.id));
    },
  },
};
