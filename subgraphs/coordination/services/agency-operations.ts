/**
 * The GraphQL operations the coordination subgraph sends through the gateway, in one place, with
 * the shapes of their answers. The gateway routes each by the `agency` argument or the document id.
 */

export interface KeyFactView { subject: string; value: string; unit: string | null; asOf: string | null }

export interface DocumentStateView {
  id: string;
  found: boolean;
  title: string | null;
  docNumber: string | null;
  status: string | null;
  validity: string | null;
  publishedAt: string | null;
  contentHash: string | null;
  keyFacts: KeyFactView[];
  reprintOf: string | null;
}

export const DOCUMENT_STATES = /* GraphQL */ `
  query CoordinationDocumentStates($agency: ID!, $ids: [ID!]!) {
    releaseDocumentStates(agency: $agency, ids: $ids) {
      id found title docNumber status validity publishedAt contentHash reprintOf
      keyFacts { subject value unit asOf }
    }
  }
`;

export const SET_HOLDS = /* GraphQL */ `
  mutation CoordinationSetHolds($agency: ID!, $planId: ID!, $releaseAt: DateTime!, $documentIds: [ID!]!, $grant: String!) {
    setReleaseHolds(agency: $agency, planId: $planId, releaseAt: $releaseAt, documentIds: $documentIds, grant: $grant) { documentId }
  }
`;

export const CLEAR_HOLDS = /* GraphQL */ `
  mutation CoordinationClearHolds($agency: ID!, $planId: ID!) { clearReleaseHolds(agency: $agency, planId: $planId) }
`;

export interface VoteView { state: 'PREPARED' | 'REFUSED' | 'ABORTED' | 'COMMITTED'; problems: string[] }

export const PREPARE = /* GraphQL */ `
  mutation CoordinationPrepare($agency: ID!, $planId: ID!, $documents: [ReleaseDocumentInput!]!, $agreedFacts: [KeyFactInput!]!, $grant: String!) {
    prepareCoordinatedRelease(agency: $agency, planId: $planId, documents: $documents, agreedFacts: $agreedFacts, grant: $grant) { state problems }
  }
`;

export const COMMIT = /* GraphQL */ `
  mutation CoordinationCommit($agency: ID!, $planId: ID!, $grant: String!) {
    commitCoordinatedRelease(agency: $agency, planId: $planId, grant: $grant) { committedAt documents { id publishedAt } }
  }
`;

export const ABORT = /* GraphQL */ `
  mutation CoordinationAbort($agency: ID!, $planId: ID!) { abortCoordinatedRelease(agency: $agency, planId: $planId) }
`;

export const AGENCY_CODES = /* GraphQL */ `
  query CoordinationAgencies { agencies { code } }
`;

/** What the scan reads of every published document: catalogue keys, key facts, content hash, reprint source. */
export interface ScanDocumentView {
  id: string;
  docNumber: string | null;
  title: string;
  validity: string;
  publishedAt: string | null;
  contentHash: string;
  reprintOf: string | null;
  agency: { code: string };
  coIssuers: { code: string }[];
  keyFacts: KeyFactView[];
}

export interface ScanPageView {
  documents: { edges: { node: ScanDocumentView }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export const SCAN_PAGE = /* GraphQL */ `
  query CoordinationScanPage($agency: ID!, $first: Int!, $after: String) {
    documents(filter: { agencies: [$agency] }, orderBy: PUBLISHED_AT_ASC, first: $first, after: $after) {
      edges { node {
        id docNumber title validity publishedAt contentHash reprintOf
        agency { code } coIssuers { code } keyFacts { subject value unit asOf }
      } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** The newest publication in the province: the cheap change detector's probe. */
export const NEWEST_DOCUMENT = /* GraphQL */ `
  query CoordinationNewest { documents(first: 1) { edges { cursor } } }
`;
