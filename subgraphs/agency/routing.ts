import type { ShardRouting } from '../shared/shard-routing';

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
  },
  rootFields: {
    document: { route: 'byId', argument: 'id' },
    penaltyDecision: { route: 'byId', argument: 'id' },
    documents: {
      route: 'fanOut', merge: 'connection', agenciesArgument: 'filter.agencies', pageSize: DOCUMENT_PAGE,
      order: { argument: 'orderBy', ascendingValues: ['PUBLISHED_AT_ASC'], defaultDirection: 'desc' },
    },
    search: { route: 'fanOut', merge: 'connection', agenciesArgument: 'filter.agencies', pageSize: DOCUMENT_PAGE, order: { defaultDirection: 'desc' } },
    penaltyDecisions: { route: 'fanOut', merge: 'connection', pageSize: DOCUMENT_PAGE, order: { defaultDirection: 'desc' } },
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
  },
};
