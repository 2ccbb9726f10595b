/** GraphQL documents the coordination tests send through the gateway (not pasted into each test). */

export const CREATE_DOCUMENT = /* GraphQL */ `
  mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }
`;
export const APPROVE = /* GraphQL */ `
  mutation($id: ID!) { reviewDocument(id: $id, approve: true, note: "同意公开") { id status } }
`;
export const PUBLISH = /* GraphQL */ `
  mutation($id: ID!) { publishDocument(id: $id) { id status publishedAt } }
`;
export const STAFF_DOCUMENT = /* GraphQL */ `
  query($id: ID!) { document(id: $id) { id status version publishedAt events { kind } } }
`;
export const CREATE_PLAN = /* GraphQL */ `
  mutation($input: CreateReleasePlanInput!) { createReleasePlan(input: $input) { id status } }
`;
export const LINK = /* GraphQL */ `
  mutation($id: ID!, $documentIds: [ID!]!) { linkDocumentsToPlan(id: $id, documentIds: $documentIds) { id documents { document { id } contentHash } } }
`;
export const CONFIRM = /* GraphQL */ `
  mutation($id: ID!) { confirmReleasePlan(id: $id) { id status participants { agency { code } holdsSynced } } }
`;
export const MOVE = /* GraphQL */ `
  mutation($id: ID!, $releaseAt: DateTime!) { moveReleasePlan(id: $id, releaseAt: $releaseAt) { id releaseAt } }
`;
export const CANCEL = /* GraphQL */ `
  mutation($id: ID!, $reason: String!) { cancelReleasePlan(id: $id, reason: $reason) { id status } }
`;
export const PLAN = /* GraphQL */ `
  query($id: ID!) {
    releasePlan(id: $id) {
      id status failure releasedAt
      participants { agency { code } vote problems committedAt lastError }
      documents { document { id } agency { code } }
    }
  }
`;
export const PLANS = /* GraphQL */ `
  query($first: Int, $after: String) { releasePlans(first: $first, after: $after) { edges { cursor node { id status } } pageInfo { hasNextPage endCursor } } }
`;
export const COMMIT = /* GraphQL */ `
  mutation($agency: ID!, $planId: ID!, $grant: String!) { commitCoordinatedRelease(agency: $agency, planId: $planId, grant: $grant) { committedAt documents { id publishedAt } } }
`;
export const FINDINGS = /* GraphQL */ `
  query($kind: FindingKind, $status: FindingStatus, $first: Int, $after: String) {
    consistencyFindings(kind: $kind, status: $status, first: $first, after: $after) {
      totalCount
      edges { node { id kind severity status detail agencies { code } documents { id } evidence { label value document { id } agency { code } } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
export const SCAN = /* GraphQL */ `
  mutation { runConsistencyScan { id documents unreachable findingsSeen findingsResolved } }
`;
export const SET_REPRINT = /* GraphQL */ `
  mutation($id: ID!, $sourceId: ID) { setReprintSource(id: $id, sourceId: $sourceId) { id reprintOf } }
`;
export const FINDING_LINKS = /* GraphQL */ `
  query($kind: FindingKind) {
    consistencyFindings(kind: $kind, first: 50) {
      edges { node { id
        documentLinks { documentId agency { code } document { id title } state { id found status title } }
        evidence { documentId }
        plan { id documents { documentId agency { code } state { id found status } } }
      } }
    }
  }
`;
