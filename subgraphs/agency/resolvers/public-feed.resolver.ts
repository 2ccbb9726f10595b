import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { AgencyContext } from '../context';
import { PublicChangeSubject } from '../entities/public-change.entity';
import { readPublicChanges } from '../services/public-feed';

registerEnumType(PublicChangeSubject, { name: 'PublicChangeSubject', description: '公开变更的对象 / What a public change is about' });

@ObjectType({ description: '公开变更日志的一项（省级目录复制用）/ One entry of an agency\'s public change log, replicated by the provincial catalogue' })
export class PublicChange {
  @Field(() => Int, { description: '本机关的变更序号 / The agency\'s sequence number' }) seq!: number;
  @Field(() => PublicChangeSubject) subject!: PublicChangeSubject;
  @Field(() => ID, { description: '文件或处罚决定的标识 / Id of the document or penalty decision' }) subjectId!: string;
  @Field({ description: '起因 / The event that caused it' }) cause!: string;
  @Field(() => Date) at!: Date;
  @Field(() => String, { nullable: true, description: '所属协同发布计划 / The coordinated release it belongs to' }) releasePlanId?: string | null;
  @Field(() => Int, { nullable: true, description: '该计划发布的文件总数 / Documents that release publishes, across agencies' }) releaseSize?: number | null;
  @Field(() => String, { nullable: true, description: '公众所见的内容（JSON）；不再公开时为 null / What the public sees of it now, as JSON; null when no longer public' })
  record?: string | null;
}

@ObjectType({ description: '公开变更日志的一页 / A page of an agency\'s public change log' })
export class PublicChangeFeed {
  @Field(() => ID) agency!: string;
  @Field(() => [PublicChange]) changes!: PublicChange[];
  @Field(() => Int, { description: '日志中最大的序号 / Highest sequence number in the log' }) lastSeq!: number;
}

@ObjectType({ description: '省级目录对一个机关的复制进度 / How far the provincial catalogue has applied one agency\'s public change log' })
export class AgencyFreshness {
  @Field(() => ID, { description: '机关代码 / Agency code' }) agency!: string;
  @Field(() => Int, { description: '已应用的最大序号 / Highest sequence applied' }) appliedSeq!: number;
  @Field(() => Int, { description: '上次读取时机关的最大序号 / The agency\'s highest sequence at the last read' }) knownSeq!: number;
  @Field(() => Int, { description: '尚未应用的变更数 / Entries not applied yet' }) lagEntries!: number;
  @Field(() => Float, { nullable: true, description: '距上次读取的毫秒数；从未读取时为 null / Milliseconds since the log was last read; null before the first read' })
  msSinceRead!: number | null;
  @Field({ description: '为真时，包含该机关的回答带 CATALOGUE_STALE / True when answers including this agency carry CATALOGUE_STALE' }) stale!: boolean;
}

@Resolver()
export class PublicFeedResolver {
  @Query(() => [AgencyFreshness], {
    nullable: true,
    description: '省级目录对每个机关的复制进度（由省级目录回答；目录不可用时为 null）/ How far the provincial catalogue is, per agency (answered by the catalogue; null while it is unavailable)',
  })
  catalogueFreshness(@Ctx() ctx: AgencyContext): AgencyFreshness[] {
    // The gateway routes this field to the catalogue only; an agency deployment has no replica to report on.
    if (!ctx.runtime.replicaFreshness) {
      throw new GraphQLError('只有省级目录报告复制进度 / Only the provincial catalogue reports its freshness', { extensions: { code: 'CATALOGUE_UNAVAILABLE' } });
    }
    return ctx.runtime.replicaFreshness();
  }

  @Query(() => PublicChangeFeed, { description: '机关的公开变更日志（仅省级目录服务）/ An agency\'s public change log, for the provincial catalogue only' })
  async publicChanges(
    @Arg('agency', () => ID) agency: string,
    @Arg('after', () => Int) after: number,
    @Ctx() ctx: AgencyContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 200 }) first?: number | null,
    @Arg('waitMs', () => Int, { nullable: true, defaultValue: 0, description: '没有新变更时最多等待的毫秒数 / How long to wait for a new entry when there is none' }) waitMs?: number | null,
  ): Promise<PublicChangeFeed> {
    const { changes, lastSeq } = await readPublicChanges(ctx, after, first ?? 200, waitMs ?? 0);
    return {
      agency,
      lastSeq,
      changes: changes.map(({ change, record }) => ({ ...change, record: record ? JSON.stringify(record) : null })),
    };
  }
}
