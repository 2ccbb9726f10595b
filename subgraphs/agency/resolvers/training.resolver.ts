import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { AgencyContext } from '../context';
import type { TrainingSessionEntity } from '../entities/training-session.entity';
import { recordTrainingSession } from '../services/training.service';
import { TrainingSession, TrainingSessionInput } from './training.types';

/** Training on disclosure work, recorded by each agency; its coverage is a supervision figure. */
@Resolver(() => TrainingSession)
export class TrainingResolver {
  @Mutation(() => TrainingSession, { description: '记录本机关的一次政务公开培训（本机关管理员）；计入电子监察的培训覆盖数据 / Record a disclosure training session of the caller\'s agency (its admin); counted in the supervision figures' })
  recordTrainingSession(@Arg('input', () => TrainingSessionInput) input: TrainingSessionInput, @Ctx() ctx: AgencyContext): Promise<TrainingSessionEntity> {
    return recordTrainingSession(ctx, input);
  }
}
