import type { ShardRouting } from './shard-routing';

const DOCUMENT_PAGE = { argument: 'first', default: 20 };

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
  },
  rootFields: {
    // The public reads: the provincial catalogue answers them for callers who see only the public projection.
    document: { route: 'byId', argument: 'id', replicaFallback: true },
    penaltyDecision: { route: 'byId', argument: 'id', replicaFallback: true },
    documents: {
      route: 'fanOut', merge: 'connection', agenciesArgument: 'filter.agencies', pageSize: DOCUMENT_PAGE, replica: true,
      order: { argument: 'orderBy', ascendingValues: ['PUBLISHED_AT_ASC', 'UPDATED_AT_ASC'], defaultDirection: 'desc' },
    },
    search: { route: 'fanOut', merge: 'connection', agenciesArgument: 'filter.agencies', pageSize: DOCUMENT_PAGE, order: { defaultDirection: 'desc' }, replica: true },
    penaltyDecisions: { route: 'fanOut', merge: 'connection', pageSize: DOCUMENT_PAGE, order: { defaultDirection: 'desc' }, replica: true },
    createDocument: { route: 'byCallerAgency' },
    createPenaltyDecision: { route: 'byCallerAgency' },
    updateDocument: { route: 'byId', argument: 'id' },
    submitDocumentForReview: { route: 'byId', argument: 'id' },
    reviewDocument: { route: 'byId', argument: 'id' },
    publishDocument: { route: 'byId', argument: 'id' },
    withdrawDocument: { route: 'byId', argument: 'id' },
    changeDocumentValidity: { route: 'byId', argument: 'id' },
    publishPenaltyDecision: { route: 'byId', argument: 'id' },
    revokePenaltyDecision: { route: 'byId', argument: 'id' },
    // Disclosure requests. The tracking code starts with the agency code, so it routes like an id.
    request: { route: 'byId', argument: 'id' },
    requestProgress: { route: 'byId', argument: 'trackingCode' },
    disclosureRequests: { route: 'fanOut', merge: 'connection', agenciesArgument: 'filter.agencies', pageSize: DOCUMENT_PAGE, order: { defaultDirection: 'desc' } },
    submitDisclosureRequest: { route: 'byAgencyArgument', argument: 'input.agency' },
    recordDisclosureRequest: { route: 'byCallerAgency' },
    confirmRequestReceipt: { route: 'byId', argument: 'id' },
    requestSupplement: { route: 'byId', argument: 'id' },
    receiveSupplement: { route: 'byId', argument: 'id' },
    startConsultation: { route: 'byId', argument: 'id' },
    answerConsultation: { route: 'byId', argument: 'id' },
    extendReplyPeriod: { route: 'byId', argument: 'id' },
    markRequestExcessive: { route: 'byId', argument: 'id' },
    notifyProcessingFee: { route: 'byId', argument: 'id' },
    replyToRequest: { route: 'byId', argument: 'id' },
    recordAppeal: { route: 'byCallerAgency' },
    concludeAppeal: { route: 'byId', argument: 'id' },
    // Annual reports: the province's tables are the sum of the agencies'; labels and codes are kept.
    provinceAnnualReport: { route: 'fanOut', merge: 'sum', keep: ['year', 'code', 'label', 'notes'] },
    updateAnnualReportText: { route: 'byCallerAgency' },
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
    publicChanges: { route: 'byAgencyArgument', argument: 'agency' },
    // How far the catalogue has applied each agency's log: only the catalogue knows.
    catalogueFreshness: { route: 'replicaOnly' },
  },
};
