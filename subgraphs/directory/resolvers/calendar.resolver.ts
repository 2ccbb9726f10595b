import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { HolidayArrangement, WorkingDayDue } from '../../shared/calendar';
import { DateScalar } from '../../shared/scalars';
import { THEMES, type Theme } from '../../shared/taxonomy';
import type { DirectoryContext } from '../context';
import * as calendar from '../services/calendar.service';
import { DueDate, HolidayArrangementRecord, TaxonomyTheme } from './calendar.types';

/** The theme taxonomy and the working-day calendar every statutory time limit is counted on. */
@Resolver()
export class CalendarResolver {
  @Query(() => [TaxonomyTheme], { description: '主题分类表 / The theme taxonomy, in code order' })
  themes(): readonly Theme[] {
    return THEMES;
  }

  @Query(() => DueDate, { description: '按官方工作日历计算期限届满日：from 为第 0 天 / The end of a limit of workingDays on the official calendar; from is day zero' })
  dueDate(
    @Arg('from', () => DateScalar, { description: '起算日（收到或形成之日，第 0 天）；非工作日亦为第 0 天，自其后第一个工作日起计 / Day zero: the day of receipt or formation, a non-working day included (counting then starts with the next working day)' }) from: string,
    @Arg('workingDays', () => Int, { description: `工作日数（0 到 ${calendar.MAX_WORKING_DAYS}）/ Working days, 0 to ${calendar.MAX_WORKING_DAYS}` }) workingDays: number,
    @Ctx() ctx: DirectoryContext,
  ): WorkingDayDue {
    return calendar.dueDate(ctx, from, workingDays);
  }

  @Query(() => Boolean, { description: '是否为工作日（含调休上班日）/ Whether the date is a working day, make-up workdays included' })
  isWorkday(@Arg('date', () => DateScalar) date: string, @Ctx() ctx: DirectoryContext): boolean {
    return calendar.isWorkday(ctx, date);
  }

  @Query(() => [Int], { description: '已公布（或已导入）放假安排的年份 / Years whose official holiday arrangement is published or loaded' })
  holidayArrangementYears(@Ctx() ctx: DirectoryContext): number[] {
    return calendar.publishedYears(ctx.runtime.calendar);
  }

  @Query(() => [HolidayArrangementRecord], { description: '省内统一工作日历已导入的放假安排（各机关部署据此同步）/ The arrangements loaded into the province\'s calendar, oldest first; every agency deployment follows them' })
  holidayArrangements(@Ctx() ctx: DirectoryContext): HolidayArrangement[] {
    return ctx.runtime.calendar.loadedArrangements();
  }

  @Mutation(() => [Int], { description: '导入某年放假安排（仅省政府办公厅管理员），各机关部署在同步间隔内随之更新，返回已公布的年份 / Load a year\'s holiday arrangement for the whole province (provincial government office admins only): every agency deployment follows within its sync interval; returns the published years' })
  loadHolidayArrangement(
    @Arg('json', { description: '{ year, holidays, workdays, source } 的 JSON / The arrangement as JSON: { year, holidays, workdays, source }' }) json: string,
    @Ctx() ctx: DirectoryContext,
  ): Promise<number[]> {
    return calendar.loadHolidayArrangement(ctx, json);
  }
}
