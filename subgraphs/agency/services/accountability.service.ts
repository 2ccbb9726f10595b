import { BadUserInputError, ForbiddenError, NotFoundError } from '../../../schema/contracts/errors';
import { requiredText } from '../../shared/text-input';
import { actorOf, agencyOf, isStaff, type AgencyContext } from '../context';
import { AccountabilityRecordEntity, AccountabilitySubject } from '../entities/accountability.entity';
import { DocumentEntity } from '../entities/document.entity';
import { DisclosureRequestEntity } from '../entities/request.entity';
import type { AccountabilityRecordInput } from '../resolvers/accountability.types';
import { isOverdue } from './document.service';
import { clockOf, isRequestOverdue } from './request.service';

/** Supervisors (电子监察) and the agency's own admin: the only readers of accountability records. */
export function readsAccountability(ctx: AgencyContext): boolean {
  return ctx.claims.roles.includes('supervisor') || isStaff(ctx, ['admin']);
}

/**
 * The overdue item a record is about must be this agency's and overdue (published or replied late,
 * or still waiting past its due date). A finding is the news office's: its id is kept as given.
 */
async function checkSubject(ctx: AgencyContext, kind: AccountabilitySubject, id: string): Promise<void> {
  const today = ctx.runtime.clock.today();
  const notOverdue = () => new BadUserInputError('subjectId', '该事项未逾期，不属于逾期追责的范围', 'subjectId names an item that was not overdue');
  if (kind === AccountabilitySubject.DOCUMENT) {
    const doc = await ctx.em.findOne(DocumentEntity, { id });
    if (!doc) throw new NotFoundError('文件 document', id);
    if (!isOverdue(doc, today)) throw notOverdue();
  } else if (kind === AccountabilitySubject.REQUEST) {
    const request = await ctx.em.findOne(DisclosureRequestEntity, { id });
    if (!request) throw new NotFoundError('申请 request', id);
    // Replied late, or still waiting past the due date its events give (the `overdue` of the API).
    const waiting = isRequestOverdue(clockOf(ctx, await ctx.loaders.requestEvents.load(id)), today);
    if (!request.repliedLate && !waiting) throw notOverdue();
  }
}

/**
 * 责任追究 — a supervisor records that a finding or an overdue item of `agency` caused harm, and the
 * measure decided against the official responsible. The official is named as the agency's guide
 * named them when it was decided, and kept so even when the guide's list changes later.
 */
export async function recordAccountability(ctx: AgencyContext, agency: string, input: AccountabilityRecordInput): Promise<AccountabilityRecordEntity> {
  if (!ctx.claims.roles.includes('supervisor')) {
    throw new ForbiddenError('只有电子监察人员可以记录责任追究', 'Only supervisors may record accountability decisions');
  }
  if (agency !== agencyOf(ctx)) throw new NotFoundError('机关 agency', agency);
  const record = {
    agencyCode: agency, subjectKind: input.subjectKind, subjectId: requiredText('subjectId', '事项标识', input.subjectId, 128),
    harm: requiredText('harm', '造成的后果', input.harm, 2000), officialRole: input.officialRole,
    officialName: requiredText('officialName', '被追责人姓名', input.officialName, 64),
    officialTitle: requiredText('officialTitle', '被追责人职务', input.officialTitle, 128),
    measure: input.measure, decidedOn: input.decidedOn, decidedBy: requiredText('decidedBy', '决定机关', input.decidedBy, 200),
  };
  if (input.decidedOn > ctx.runtime.clock.today()) throw new BadUserInputError('decidedOn', '决定日期不能晚于今天', 'decidedOn cannot be in the future');
  await checkSubject(ctx, input.subjectKind, record.subjectId);
  return ctx.em.transactional(async (em) => {
    const entity = em.create(AccountabilityRecordEntity, { ...record, recordedBy: actorOf(ctx), recordedAt: ctx.runtime.clock.now() });
    em.persist(entity);
    return entity;
  });
}

/** The agency's records, newest decision first; null for anyone but supervisors and its admin. */
export async function listAccountability(ctx: AgencyContext, agency: string): Promise<AccountabilityRecordEntity[] | null> {
  if (!readsAccountability(ctx) || agency !== agencyOf(ctx)) return null;
  return ctx.em.find(AccountabilityRecordEntity, { agencyCode: agency }, { orderBy: { decidedOn: 'desc', id: 'desc' } });
}
