import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
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

@Resolver()
export class PublicFeedResolver {
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
