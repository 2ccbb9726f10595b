import { DEFAULT_PAGE_SIZE } from './cursor';
import type { ShardRouting, SortDirection } from './shard-routing';

const DOCUMENT_PAGE = { argument: 'first', default: DEFAULT_PAGE_SIZE };

/** Longest a read of an agency's public change log (`publicChanges(waitMs:)`) waits for a new entry. */
export const MAX_FEED_WAIT_MS = 20_000;

/**
 * The direction of each value of the agency contract's `DocumentOrder` enum: the agency service
 * sorts by it and the gateway merges shard pages by it (a test checks the enum has exactly these).
 */
export const DOCUMENT_ORDER_DIRECTIONS = {
  PUBLISHED_AT_DESC: 'desc',
  PUBLISHED_AT_ASC: 'asc',
  UPDATED_AT_ASC: 'asc',
} as const satisfies Record<string, SortDirection>;

/** A value of the agency contract's `DocumentOrder` enum. */
export type DocumentOrderValue = keyof typeof DOCUMENT_ORDER_DIRECTIONS;

/** The order of `documents` when the client names none: newest publication first. */
export const DEFAULT_DOCUMENT_ORDER: DocumentOrderValue = 'PUBLISHED_AT_DESC';

/** The sort direction of a `DocumentOrder` value. */
export function directionOf(order: DocumentOrderValue): SortDirection {
  return DOCUMENT_ORDER_DIRECTIONS[order];
}

/**
 * How the provincial gateway routes the agency contract over the departments' deployments.
 * Every root field of the agency schema has a rule here (a test checks it).
 */
export const AGENCY_ROUTING: ShardRouting = {
  subgraph: 'agency',
  entities: {
    Agency: { field: 'code', holds: 'shardKey' },
    Document: { field: 'id', holds: 'prefixedId' },
    PenaltyDecision: { field: 'id', holds: 'prefixedId' },
    DisclosureRequest: { field: 'id', holds: 'prefixedId' },
    ReleaseDocumentState: { field: 'id', holds: 'prefixedId' },
  },
  rootFields: {
    // The public reads: the provincial catalogue answers them for callers who see only the public projection.
    document: { route: 'byId', argument: 'id', replicaFallback: true },
    penaltyDecision: { route: 'byId', argument: 'id', replicaFallback: true },
    // The index number's prefix names its agency; the catalogue holds every agency's public documents.
    documentByIndexNumber: { route: 'byIndexNumber', argument: 'indexNumber', replica: true },
    documents: {
      route: 'fanOut', merge: 'connection', agenciesArgument: 'filter.agencies', pageSize: DOCUMENT_PAGE, replica: true,
      order: { argument: 'orderBy', directions: DOCUMENT_ORDER_DIRECTIONS, defaultDirection: directionOf(DEFAULT_DOCUMENT_ORDER) },
    },
    search: { route: 'fanOut', merge: 'connection', agenciesArgument: 'filter.agencies', pageSize: DOCUMENT_PAGE, order: { defaultDirection: 'desc' }, replica: true },
    penaltyDecisions: { route: 'fanOut', merge: 'connection', pageSize: DOCUMENT_PAGE, order: { defaultDirection: 'desc' }, replica: true },
    createDocument: { route: 'byCallerAgency' },
    createPenaltyDecision: { route: 'byCallerAgency' },
    updateDocument: { route: 'byId', argument: 'id' },
    submitDocumentForReview: { route: 'byId', argument: 'id' },
    reviewDocument: { route: 'byId', argument: 'id' },
    publishDocument: { route: 'byId', argument: 'id' },
    requestExpeditedRelease: { route: 'byId', argument: 'id' },
    approveExpeditedRelease: { route: 'byId', argument: 'id' },
    withdrawDocument: { route: 'byId', argument: 'id' },
    changeDocumentValidity: { route: 'byId', argument: 'id' },
    removeAttachment: { route: 'byId', argument: 'id' },
    publishPenaltyDecision: { route: 'byId', argument: 'id' },
    revokePenaltyDecision: { route: 'byId', argument: 'id' },
    // Disclosure requests. The tracking code starts with the agency code, so it routes like an id.
    request: { route: 'byId', argument: 'id' },
    requestProgress: { route: 'byId', argument: 'trackingCode' },
    requesterCase: { route: 'byId', argument: 'trackingCode' },
    // Letters: an officer's print queue is their own agency's; a letter's id names its agency.
    lettersToPrint: { route: 'byCallerAgency' },
    recordLetterHandedOver: { route: 'byId', argument: 'id' },
    issueRequesterPin: { route: 'byId', argument: 'id' },
    disclosureRequests: { route: 'fanOut', merge: 'connection', agenciesArgument: 'filter.agencies', pageSize: DOCUMENT_PAGE, order: { defaultDirection: 'desc' } },
    submitDisclosureRequest: { route: 'byAgencyArgument', argument: 'input.agency' },
    recordDisclosureRequest: { route: 'byCallerAgency' },
    confirmRequestReceipt: { route: 'byId', argument: 'id' },
    requestSupplement: { route: 'byId', argument: 'id' },
    receiveSupplement: { route: 'byId', argument: 'id' },
    acceptLateSupplement: { route: 'byId', argument: 'id' },
    startConsultation: { route: 'byId', argument: 'id' },
    answerConsultation: { route: 'byId', argument: 'id' },
    extendReplyPeriod: { route: 'byId', argument: 'id' },
    markRequestExcessive: { route: 'byId', argument: 'id' },
    askForReasons: { route: 'byId', argument: 'id' },
    receiveReasons: { route: 'byId', argument: 'id' },
    notifyProcessingFee: { route: 'byId', argument: 'id' },
    recordFeePayment: { route: 'byId', argument: 'id' },
    replyToRequest: { route: 'byId', argument: 'id' },
    recordAppeal: { route: 'byCallerAgency' },
    concludeAppeal: { route: 'byId', argument: 'id' },
    // Annual reports: the province's tables are the sum of the agencies'; labels and codes are kept.
    provinceAnnualReport: { route: 'fanOut', merge: 'sum', keep: ['year', 'code', 'label', 'notes'] },
    updateAnnualReportText: { route: 'byCallerAgency' },
    recordTrainingSession: { route: 'byCallerAgency' },
    // 责任追究: a supervisor names the agency whose database keeps the record.
    recordAccountability: { route: 'byAgencyArgument', argument: 'agency' },
    // Supervision (电子监察): counts and histogram buckets add up; bounds, dates and outcome codes are kept.
    provinceSupervision: { route: 'fanOut', merge: 'sum', keep: ['from', 'to', 'asOf', 'dueSoonWorkingDays', 'min', 'max', 'label', 'outcome'] },
    // Public feedback (意见建议): submitted to the agency named; moderated and answered where the id points.
    feedback: { route: 'fanOut', merge: 'connection', agenciesArgument: 'filter.agencies', pageSize: DOCUMENT_PAGE, order: { defaultDirection: 'desc' } },
    submitFeedback: { route: 'byAgencyArgument', argument: 'input.agency' },
    moderateFeedback: { route: 'byId', argument: 'id' },
    answerFeedback: { route: 'byId', argument: 'id' },
    publishAnnualReport: { route: 'byCallerAgency' },
    // Release coordination: the news office names the agency, or the document whose embargo it sets.
    setReleaseHolds: { route: 'byAgencyArgument', argument: 'agency' },
    clearReleaseHolds: { route: 'byAgencyArgument', argument: 'agency' },
    prepareCoordinatedRelease: { route: 'byAgencyArgument', argument: 'agency' },
    commitCoordinatedRelease: { route: 'byAgencyArgument', argument: 'agency' },
    abortCoordinatedRelease: { route: 'byAgencyArgument', argument: 'agency' },
    releaseDocumentStates: { route: 'byAgencyArgument', argument: 'agency' },
    setReprintSource: { route: 'byId', argument: 'id' },
    // The provincial catalogue reads each agency's public change log by agency code.
    publicChanges: { route: 'byAgencyArgument', argument: 'agency', longPoll: { argument: 'waitMs', maxMs: MAX_FEED_WAIT_MS } },
    // How far the catalogue has applied each agency's log: only the catalogue knows.
    catalogueFreshness: { route: 'replicaOnly' },
  },
};
