import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { AgencyContext } from '../context';
import type { AccountabilityRecordEntity } from '../entities/accountability.entity';
import { listAccountability, recordAccountability } from '../services/accountability.service';
import { AccountabilityRecord, AccountabilityRecordInput } from './accountability.types';
import { Agency } from './document.types';

/** 责任追究 records, kept where the agency's own data is. */
@Resolver(() => Agency)
export class AccountabilityResolver {
  @Mutation(() => AccountabilityRecord, { description: '记录一次责任追究（电子监察）：发现或逾期事项造成后果、被追责人、问责措施 / Record an accountability decision (supervisors): the finding or overdue item, the harm, the official responsible, the measure' })
  recordAccountability(
    @Arg('agency', () => ID) agency: string,
    @Arg('input', () => AccountabilityRecordInput) input: AccountabilityRecordInput,
    @Ctx() ctx: AgencyContext,
  ): Promise<AccountabilityRecordEntity> {
    return recordAccountability(ctx, agency, input);
  }

  @FieldResolver(() => [AccountabilityRecord], { nullable: true, description: '该机关的责任追究记录，按决定日期倒序（仅电子监察和本机关管理员，其他人为 null）/ This agency\'s accountability records, newest first; supervisors and its admin only, null for anyone else' })
  accountabilityRecords(@Root() agency: Agency, @Ctx() ctx: AgencyContext): Promise<AccountabilityRecordEntity[] | null> {
    return listAccountability(ctx, agency.code);
  }
}
