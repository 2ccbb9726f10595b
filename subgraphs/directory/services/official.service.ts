import { actsFor } from '../../../schema/contracts/claims';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../../schema/contracts/errors';
import { requiredText } from '../../shared/text-input';
import type { DirectoryContext } from '../context';
import { AgencyOfficialEntity } from '../entities/agency-official.entity';
import { AgencyProfileEntity } from '../entities/agency-profile.entity';
import { OfficialRole } from '../../../schema/contracts/official-role';
import type { AgencyOfficialInput } from '../resolvers/official.input';
import { checkPhone } from './profile-validation';

/** At most this many officials per agency: the guide prints them all. */
const MAX_OFFICIALS = 20;

/** The checked list: one 主要负责同志 and at least one 专人 (the notice names both), each row's text checked. */
function checkOfficials(input: AgencyOfficialInput[]): Omit<AgencyOfficialEntity, 'id' | 'agencyCode'>[] {
  if (input.length > MAX_OFFICIALS) {
    throw new BadUserInputError('officials', `责任人不能超过 ${MAX_OFFICIALS} 人`, `at most ${MAX_OFFICIALS} officials`);
  }
  const count = (role: OfficialRole) => input.filter((o) => o.role === role).length;
  if (count(OfficialRole.PRINCIPAL) !== 1) {
    throw new BadUserInputError('officials', '应列明一名主要负责同志', 'name exactly one PRINCIPAL (主要负责同志)');
  }
  if (count(OfficialRole.DESIGNATED) < 1) {
    throw new BadUserInputError('officials', '应至少指定一名承办政务公开工作的专人', 'name at least one DESIGNATED official (专人)');
  }
  return input.map((o, position) => ({
    role: o.role,
    name: requiredText('name', '姓名', o.name, 64),
    title: requiredText('title', '职务', o.title, 128),
    officePhone: o.officePhone == null || o.officePhone.trim() === '' ? null : checkPhone(o.officePhone, 'officePhone'),
    position,
  }));
}

/**
 * Replaces an agency's named officials with `input`, in one transaction: only that agency's
 * admin may, as with the rest of its profile. The caller is checked before anything is read. The
 * profile's `updatedAt` moves when the list changed, since the officials are part of its guide.
 */
export async function setAgencyOfficials(ctx: DirectoryContext, code: string, input: AgencyOfficialInput[]): Promise<AgencyProfileEntity> {
  if (!actsFor(ctx.claims, code, ['admin'])) {
    throw new ForbiddenError('只有本机关的管理员可以修改本机关的政务公开责任人', "Only the agency's own admin may change its named officials");
  }
  const officials = checkOfficials(input);
  return ctx.em.transactional(async (em) => {
    const profile = await em.findOne(AgencyProfileEntity, { code });
    if (!profile) throw new NotFoundError('机关', code);
    const current = await em.find(AgencyOfficialEntity, { agencyCode: code }, { orderBy: { position: 'asc' } });
    const shown = (list: Omit<AgencyOfficialEntity, 'id' | 'agencyCode'>[]) => JSON.stringify(list.map(({ role, name, title, officePhone }) => [role, name, title, officePhone ?? null]));
    // The same list again changes nothing, so the guide's updatedAt only moves when it changed.
    if (shown(current) === shown(officials)) return profile;
    await em.nativeDelete(AgencyOfficialEntity, { agencyCode: code });
    for (const official of officials) em.create(AgencyOfficialEntity, { ...official, agencyCode: code });
    profile.updatedAt = ctx.runtime.clock.now();
    return profile;
  });
}
