import { BadUserInputError, ForbiddenError } from '../../../schema/contracts/errors';
import { requiredText } from '../../shared/text-input';
import { actorOf, agencyOf, isStaff, type AgencyContext } from '../context';
import { TrainingSessionEntity } from '../entities/training-session.entity';
import type { TrainingSessionInput } from '../resolvers/training.types';

/** A count of people: a whole number from 0 to 1,000,000. */
function checkCount(field: string, label: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 1_000_000) {
    throw new BadUserInputError(field, `${label}应为 0 至 1000000 的整数`, `${field} must be a whole number from 0 to 1,000,000`);
  }
  return value;
}

/**
 * 培训 (2014 Fujian notice §四) — the agency's admin records a training session it held; the
 * supervision figures count it. A record is never changed afterwards: a correction is a new one.
 */
export async function recordTrainingSession(ctx: AgencyContext, input: TrainingSessionInput): Promise<TrainingSessionEntity> {
  if (!isStaff(ctx, ['admin'])) {
    throw new ForbiddenError('只有本机关的管理员可以记录培训', "Only the agency's admin may record training sessions");
  }
  const title = requiredText('title', '培训名称', input.title, 200);
  if (input.heldOn > ctx.runtime.clock.today()) throw new BadUserInputError('heldOn', '培训日期不能晚于今天', 'heldOn cannot be in the future');
  const attendees = checkCount('attendees', '参训人数', input.attendees);
  const headcount = checkCount('headcount', '应训人数', input.headcount);
  if (headcount === 0 || attendees > headcount) {
    throw new BadUserInputError('attendees', '参训人数不能超过应训人数，应训人数至少为 1', 'attendees cannot exceed headcount, and headcount must be at least 1');
  }
  return ctx.em.transactional(async (em) => {
    const session = em.create(TrainingSessionEntity, {
      agencyCode: agencyOf(ctx), heldOn: input.heldOn, title, kind: input.kind, attendees, headcount,
      recordedBy: actorOf(ctx), recordedAt: ctx.runtime.clock.now(),
    });
    em.persist(session);
    return session;
  });
}
