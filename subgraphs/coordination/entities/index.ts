import { FindingEntity, ScanRunEntity } from './finding.entity';
import { PlanDocumentEntity, PlanParticipantEntity, ReleasePlanEntity } from './release-plan.entity';
import { IdempotencyKeyEntity } from '../../shared/idempotency';

/** Every table of the coordination database the ORM maps (the scan's staging tables are raw SQL). */
export const COORDINATION_ENTITIES = [ReleasePlanEntity, PlanParticipantEntity, PlanDocumentEntity, FindingEntity, ScanRunEntity, IdempotencyKeyEntity];

/** Staging tables a scan fills page by page and analyses in SQL, so its memory does not grow with the province. */
export const SCAN_TABLES = ['scan_document', 'scan_fact'];
