import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars';
import { TrainingKind } from '../entities/training-session.entity';

@InputType({ description: '记录一次政务公开培训（本机关管理员）/ Record a disclosure training session (the agency\'s admin)' })
export class TrainingSessionInput {
  @Field(() => DateScalar, { description: '培训日期，不晚于今天 / When it was held, not after today' }) heldOn!: string;
  @Field({ description: '培训名称 / Title' }) title!: string;
  @Field(() => TrainingKind, { description: '培训对象 / Who it was for' }) kind!: TrainingKind;
  @Field(() => Int, { description: '参训人数 / Attendees' }) attendees!: number;
  @Field(() => Int, { description: '应训人数（全员培训为本机关工作人员总数）/ Staff it was for (for ALL_STAFF, the body\'s headcount)' }) headcount!: number;
}

@ObjectType({ description: '政务公开培训记录（仅工作人员和监察）/ A disclosure training session; staff and supervisors only' })
export class TrainingSession {
  @Field(() => ID) id!: number;
  @Field(() => DateScalar, { description: '培训日期 / When it was held' }) heldOn!: string;
  @Field({ description: '培训名称 / Title' }) title!: string;
  @Field(() => TrainingKind, { description: '培训对象 / Who it was for' }) kind!: TrainingKind;
  @Field(() => Int, { description: '参训人数 / Attendees' }) attendees!: number;
  @Field(() => Int, { description: '应训人数 / Staff it was for' }) headcount!: number;
  @Field({ description: '记录人 / Recorded by' }) recordedBy!: string;
  @Field(() => Date, { description: '记录时间 / Recorded at' }) recordedAt!: Date;
}
