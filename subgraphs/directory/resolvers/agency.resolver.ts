import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DirectoryContext } from '../context';
import type { AgencyProfileEntity } from '../entities/agency-profile.entity';
import type { AgencyOfficialEntity } from '../entities/agency-official.entity';
import * as profiles from '../services/agency-profile.service';
import { setAgencyOfficials } from '../services/official.service';
import { AgencyProfileInput } from './agency.input';
import { Agency, AgencyContact, AgencyOfficial } from './agency.types';
import { AgencyOfficialInput } from './official.input';

/** Queries and changes of agency profiles, and the hierarchy between agencies. */
@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => [Agency], { description: '名录中的全部机关，按代码排序 / Every agency in the registry, ordered by code' })
  agencies(@Ctx() ctx: DirectoryContext): Promise<AgencyProfileEntity[]> {
    return profiles.listAgencies(ctx);
  }

  @Query(() => Agency, { nullable: true, description: '按代码取机关；名录中没有时为 null / An agency by registry code; null when the registry does not know it' })
  agency(@Arg('code', () => ID) code: string, @Ctx() ctx: DirectoryContext): Promise<AgencyProfileEntity | null> {
    return ctx.loaders.agency.load(code);
  }

  @Mutation(() => Agency, { description: '修改本机关资料和公开指南（仅本机关管理员）/ Change an agency\'s profile and guide; its own admin only' })
  updateAgencyProfile(
    @Arg('code', () => ID) code: string,
    @Arg('input', () => AgencyProfileInput) input: AgencyProfileInput,
    @Ctx() ctx: DirectoryContext,
  ): Promise<AgencyProfileEntity> {
    return profiles.updateAgencyProfile(ctx, code, input);
  }

  @Mutation(() => Agency, { description: '设定本机关的政务公开责任人，整表替换（仅本机关管理员）：一名主要负责同志、至少一名专人 / Replace an agency\'s named disclosure officials; its own admin only; exactly one PRINCIPAL and at least one DESIGNATED' })
  setAgencyOfficials(
    @Arg('code', () => ID) code: string,
    @Arg('officials', () => [AgencyOfficialInput]) officials: AgencyOfficialInput[],
    @Ctx() ctx: DirectoryContext,
  ): Promise<AgencyProfileEntity> {
    return setAgencyOfficials(ctx, code, officials);
  }

  @FieldResolver(() => [AgencyOfficial])
  officials(@Root() profile: AgencyProfileEntity, @Ctx() ctx: DirectoryContext): Promise<AgencyOfficialEntity[]> {
    return ctx.loaders.officials.load(profile.code);
  }

  @FieldResolver(() => Agency, { nullable: true })
  async parent(@Root() profile: AgencyProfileEntity, @Ctx() ctx: DirectoryContext): Promise<AgencyProfileEntity | null> {
    return profile.parentCode ? ctx.loaders.agency.load(profile.parentCode) : null;
  }

  @FieldResolver(() => [Agency])
  children(@Root() profile: AgencyProfileEntity, @Ctx() ctx: DirectoryContext): Promise<AgencyProfileEntity[]> {
    return ctx.loaders.children.load(profile.code);
  }

  @FieldResolver(() => AgencyContact)
  contact(@Root() profile: AgencyProfileEntity): AgencyContact {
    const { address, phone, email, website, officeHours } = profile;
    return { address, phone, email, website, officeHours };
  }
}

/**
 * Entity references the gateway resolves through the directory: every agency deployment's
 * `Agency { code }` gets its profile here, a whole `_entities` batch in one query.
 */
export const agencyReferenceResolvers = {
  Agency: {
    // Async so that a failure rejects one representation rather than the whole batch.
    __resolveReference: async (ref: { code: string }, ctx: DirectoryContext) => ctx.loaders.agency.load(ref.code),
  },
};
