import { AgencyOfficialEntity } from './agency-official.entity';
import { AgencyProfileEntity } from './agency-profile.entity';
import { HolidayArrangementEntity } from './holiday-arrangement.entity';
import { IdempotencyKeyEntity } from '../../shared/idempotency';

/** Every table of the directory's database. */
export const DIRECTORY_ENTITIES = [AgencyProfileEntity, AgencyOfficialEntity, HolidayArrangementEntity, IdempotencyKeyEntity];
