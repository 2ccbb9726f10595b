import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../shared/scalars';
import type { AgencyContext } from '../context';
import * as supervision from '../services/supervision.service';
import { Agency } from './document.types';
import { AgencySupervisionFigures, SupervisionFigures } from './supervision.types';

const FROM = { nullable: true, description: '期间起，默认本年 1 月 1 日 / Period start, default 1 January of this year' };
const TO = { nullable: true, description: '期间止，默认今天 / Period end, default today' };

@Resolver()
export class ProvinceSupervisionResolver {
  @Query(() => SupervisionFigures, { nullable: true, description: '全省电子监察数据：各机关数据之和（电子监察、新闻办）/ The province\'s supervision figures, the sum of the agencies\' (supervisors and the news office)' })
  provinceSupervision(
    @Ctx() ctx: AgencyContext,
    @Arg('from', () => DateScalar, FROM) from?: string | null,
    @Arg('to', () => DateScalar, TO) to?: string | null,
  ): Promise<supervision.SupervisionData> {
    return supervision.computeSupervision(ctx, null, from, to);
  }
}

@Resolver(() => AgencySupervisionFigures)
export class AgencySupervisionResolver {
  @FieldResolver(() => Agency)
  agency(@Root() figures: supervision.AgencySupervisionData): Agency {
    return { code: figures.agency };
  }

  @FieldResolver(() => String)
  csv(@Root() figures: supervision.AgencySupervisionData): string {
    return supervision.supervisionCsv(figures);
  }
}

@Resolver(() => Agency)
export class AgencySupervisionFieldResolver {
  @FieldResolver(() => AgencySupervisionFigures, { nullable: true, description: '该机关的电子监察数据（电子监察、新闻办、本机关工作人员）/ This agency\'s supervision figures (supervisors, the news office, the agency\'s own staff)' })
  supervision(
    @Root() agency: Agency, @Ctx() ctx: AgencyContext,
    @Arg('from', () => DateScalar, FROM) from?: string | null,
    @Arg('to', () => DateScalar, TO) to?: string | null,
  ): Promise<supervision.AgencySupervisionData> {
    return supervision.computeSupervision(ctx, agency.code, from, to);
  }
}
