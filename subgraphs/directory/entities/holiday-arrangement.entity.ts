import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A year's holiday arrangement (放假安排) an administrator loaded at run time, kept so that the
 * calendar still has it after a restart. The JSON is the validated arrangement, not the raw upload.
 */
@Entity({ tableName: 'holiday_arrangement' })
export class HolidayArrangementEntity {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  @Property({ type: 'text' })
  json!: string;

  @Property({ type: Date })
  loadedAt!: Date;
}
