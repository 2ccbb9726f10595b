import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars';

/** The end of a time limit, as the shared calendar's addWorkingDays gives it. */
@ObjectType({ description: '期限届满日 / The end of a time limit counted in working days' })
export class DueDate {
  @Field(() => DateScalar, { description: '届满日 / The last working day of the limit' }) on!: string;
  @Field({ description: '是否暂定：计算跨入尚未公布放假安排的年份时为 true / True when the count ran into a year with no published arrangement' }) provisional!: boolean;
}

/** A theme of the taxonomy (named Theme in the schema; the class name avoids the shared `Theme` type). */
@ObjectType('Theme', { description: '主题分类 / A theme of the national policy library\'s taxonomy' })
export class TaxonomyTheme {
  @Field({ description: '代码，索引号的一部分 / Stable code, part of every index number' }) code!: string;
  @Field({ description: '名称 / Name, e.g. 综合政务' }) name!: string;
}

/** A year's holiday arrangement loaded into the province's calendar (from a file or at run time). */
@ObjectType({ description: '已导入的某年放假安排 / A year\'s holiday arrangement loaded into the province\'s calendar' })
export class HolidayArrangementRecord {
  @Field(() => Int, { description: '年份 / Year' }) year!: number;
  @Field(() => [DateScalar], { description: '放假日（含其中的周末）/ Rest days of the holidays' }) holidays!: string[];
  @Field(() => [DateScalar], { description: '调休上班日 / Make-up workdays: Saturdays or Sundays that are worked' }) workdays!: string[];
  @Field({ description: '所据通知，如国办发明电〔2026〕x号 / The notice the dates come from' }) source!: string;
}
