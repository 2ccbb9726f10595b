import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { OfficialRole } from '../../../schema/contracts/official-role';
import { DateScalar } from '../../shared/scalars';
import { AccountabilityMeasure, AccountabilitySubject } from '../entities/accountability.entity';

@InputType({ description: '记录一次责任追究（电子监察）/ Record an accountability decision (supervisors)' })
export class AccountabilityRecordInput {
  @Field(() => AccountabilitySubject, { description: '所涉事项 / What it is about' }) subjectKind!: AccountabilitySubject;
  @Field({ description: '事项标识：发现、文件或申请的 id / The finding\'s, document\'s or request\'s id' }) subjectId!: string;
  @Field({ description: '造成的后果 / The harm caused' }) harm!: string;
  @Field(() => OfficialRole, { description: '被追责人的职责（公开指南所列）/ The responsible official\'s role, as the guide lists it' }) officialRole!: OfficialRole;
  @Field({ description: '被追责人姓名（公开指南所列）/ Their name, as the guide lists it' }) officialName!: string;
  @Field({ description: '被追责人职务 / Their title' }) officialTitle!: string;
  @Field(() => AccountabilityMeasure, { description: '问责措施 / The measure taken' }) measure!: AccountabilityMeasure;
  @Field(() => DateScalar, { description: '决定日期，不晚于今天 / When it was decided, not after today' }) decidedOn!: string;
  @Field({ description: '决定机关 / The body that decided, e.g. 福建省人民政府办公厅' }) decidedBy!: string;
}

@ObjectType({ description: '责任追究记录（仅电子监察和本机关管理员，不公开）/ An accountability record; supervisors and the agency\'s admin only, never public' })
export class AccountabilityRecord {
  @Field(() => ID) id!: number;
  @Field(() => AccountabilitySubject, { description: '所涉事项 / What it is about' }) subjectKind!: AccountabilitySubject;
  @Field({ description: '事项标识 / The item\'s id' }) subjectId!: string;
  @Field({ description: '造成的后果 / The harm caused' }) harm!: string;
  @Field(() => OfficialRole, { description: '被追责人的职责 / The responsible official\'s role' }) officialRole!: OfficialRole;
  @Field({ description: '被追责人姓名 / Their name' }) officialName!: string;
  @Field({ description: '被追责人职务 / Their title' }) officialTitle!: string;
  @Field(() => AccountabilityMeasure, { description: '问责措施 / The measure taken' }) measure!: AccountabilityMeasure;
  @Field(() => DateScalar, { description: '决定日期 / When it was decided' }) decidedOn!: string;
  @Field({ description: '决定机关 / Who decided' }) decidedBy!: string;
  @Field({ description: '记录人 / Recorded by' }) recordedBy!: string;
  @Field(() => Date, { description: '记录时间 / Recorded at' }) recordedAt!: Date;
}
