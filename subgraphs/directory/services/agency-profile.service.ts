import { actsFor } from '../../../schema/contracts/claims';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../../schema/contracts/errors';
import type { DirectoryContext } from '../context';
import { AgencyProfileEntity } from '../entities/agency-profile.entity';
import { byCode } from '../loaders/agency.loader';
import type { AgencyProfileInput } from '../resolvers/agency.input';
import { checkProfileChanges } from './profile-validation';

/** Every agency of the registry, in registry order; their profiles also serve later parent look-ups. */
export async function listAgencies(ctx: DirectoryContext): Promise<AgencyProfileEntity[]> {
  const profiles = (await ctx.em.find(AgencyProfileEntity, {})).sort(byCode);
  for (const profile of profiles) ctx.loaders.agency.prime(profile.code, profile);
  return profiles;
}

/**
 * Changes an agency's profile: only that agency's admin may. The caller is
 * checked before the registry is read, so a refusal says nothing about which codes exist, and the
 * input before anything is written.
 */
export async function updateAgencyProfile(ctx: DirectoryContext, code: string, input: AgencyProfileInput): Promise<AgencyProfileEntity> {
  if (!actsFor(ctx.claims, code, ['admin'])) {
    throw new ForbiddenError('只有本机关的管理员可以修改本机关资料', "Only the agency's own admin may change its profile");
  }
  const changes = checkProfileChanges(input);
  return ctx.em.transactional(async (em) => {
    const profile = await em.findOne(AgencyProfileEntity, { code });
    if (!profile) throw new NotFoundError('机关', code);
    if (changes.creditCode && changes.creditCode !== profile.creditCode && (await em.count(AgencyProfileEntity, { creditCode: changes.creditCode })) > 0) {
      throw new BadUserInputError('creditCode', '该统一社会信用代码已登记为其他机关', 'creditCode is already registered for another agency');
    }
    const changed = (Object.keys(changes) as (keyof typeof changes)[]).some((field) => profile[field] !== changes[field]);
    if (changed) em.assign(profile, { ...changes, updatedAt: ctx.runtime.clock.now() });
    return profile;
  });
}
