import { Field, ID, InputType } from 'type-graphql';
import { Channel } from '../../../schema/contracts/channel';
import { DateScalar } from '../../shared/scalars';
import { ReleaseKind } from '../entities/enums';

@InputType({ description: '统一口径中的一项关键数据 / One key fact of the agreed wording' })
export class AgreedFactInput {
  @Field({ description: '指标 / Subject, e.g. 2025年全省地区生产总值' }) subject!: string;
  @Field({ description: '数值 / Value as written, e.g. 5.78' }) value!: string;
  @Field(() => String, { nullable: true, description: '单位 / Unit, e.g. 万亿元' }) unit?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '截至日期 / As-of date' }) asOf?: string | null;
}

@InputType({ description: '新建协同发布计划 / A new release plan' })
export class CreateReleasePlanInput {
  @Field({ description: '标题 / Title' }) title!: string;
  @Field(() => ID, { description: '牵头机关代码 / Lead agency code' }) leadAgency!: string;
  @Field(() => [ID], { nullable: true, description: '参与机关代码（牵头机关自动参与）/ Participating agency codes; the lead always takes part' }) participants?: string[] | null;
  @Field(() => Date, { description: '发布时间（此前关联文件不得发布）/ Release time: linked documents are under embargo until then' }) releaseAt!: Date;
  @Field(() => [Channel], { nullable: true, description: '公开渠道 / Channels; the portal when absent' }) channels?: Channel[] | null;
  @Field(() => [AgreedFactInput], { nullable: true, description: '统一口径 / Agreed wording as canonical key facts' }) agreedFacts?: AgreedFactInput[] | null;
  @Field(() => ReleaseKind, { nullable: true, description: '发布类别 / Kind; REGULAR when absent' }) kind?: ReleaseKind | null;
  @Field(() => ID, { nullable: true, description: '澄清发布所更正的计划 / For a clarification: the plan it corrects' }) correctsPlanId?: string | null;
  @Field(() => [ID], { nullable: true, description: '澄清发布所更正的文件 / For a clarification: the documents it corrects' }) correctsDocumentIds?: string[] | null;
}
