import { Field, InputType } from 'type-graphql';
import { OfficialRole } from '../../../schema/contracts/official-role';

/** One named official of the list `setAgencyOfficials` replaces; the guide prints them in the order given. */
@InputType({ description: '政务公开责任人 / One of the agency\'s named disclosure officials' })
export class AgencyOfficialInput {
  @Field(() => OfficialRole, { description: '职责 / What the official answers for' }) role!: OfficialRole;
  @Field({ description: '姓名 / Name' }) name!: string;
  @Field({ description: '职务 / Title, e.g. 党组书记、主任' }) title!: string;
  @Field(() => String, { nullable: true, description: '办公电话（公开），不得填写个人号码 / Public office telephone; never a personal number' }) officePhone?: string | null;
}
