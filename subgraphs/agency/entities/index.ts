import { DocumentEntity } from './document.entity';
import {
  AttachmentEntity, AttachmentFileEntity, ConfidentialityReviewEntity, DocumentEventEntity, DocumentRevisionEntity, DocumentVersionEntity, KeyFactEntity,
  SerialCounterEntity,
} from './document-parts.entity';
import { PenaltyDecisionEntity } from './penalty.entity';
import {
  AnnualReportTextEntity, DisclosureRequestEntity, PersonalDataAccessEntity, RequestAppealEntity, RequestEventEntity,
} from './request.entity';
import { FeedbackEntity } from './feedback.entity';
import { IdempotencyKeyEntity } from '../../shared/idempotency';
import { PublicChangeEntity } from './public-change.entity';
import { ExpeditedReleaseEntity } from './expedited-release.entity';
import { TrainingSessionEntity } from './training-session.entity';
import { AccountabilityRecordEntity } from './accountability.entity';
import { OutboxMailEntity } from './mail-outbox.entity';
import { RequesterCaseReadEntity, RequestLetterEntity } from './letter.entity';
import { RequestReleaseFileEntity } from './request-release-file.entity';
import { CoordinatedReleaseEntity, DocumentReprintEntity, ReleaseHoldEntity } from './release-hold.entity';

/** Every table of an agency deployment's database. */
export const AGENCY_ENTITIES = [
  DocumentEntity, KeyFactEntity, AttachmentEntity, AttachmentFileEntity, DocumentVersionEntity, DocumentRevisionEntity, ConfidentialityReviewEntity, DocumentEventEntity,
  SerialCounterEntity, PenaltyDecisionEntity,
  DisclosureRequestEntity, RequestEventEntity, RequestAppealEntity, AnnualReportTextEntity, PersonalDataAccessEntity,
  ReleaseHoldEntity, CoordinatedReleaseEntity, DocumentReprintEntity,
  FeedbackEntity,
  IdempotencyKeyEntity,
  PublicChangeEntity,
  ExpeditedReleaseEntity,
  TrainingSessionEntity,
  AccountabilityRecordEntity,
  OutboxMailEntity,
  RequestLetterEntity,
  RequesterCaseReadEntity,
  RequestReleaseFileEntity,
];
