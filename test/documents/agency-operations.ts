/** GraphQL documents the agency tests share (not pasted into each test). */

export const DOCUMENT_FIELDS = /* GraphQL */ `
  fragment DocumentFields on Document {
    id indexNumber docNumber title summary body theme themeCode genre formedOn publishedAt validity disclosure status channels version
    subjectTerms effectiveOn repealedOn
    agency { code } coIssuers { code } keyFacts { subject value unit asOf }
    attachments { fileName mediaType sizeBytes }
    versions { version title reason keyFacts { subject value } subjectTerms effectiveOn repealedOn }
    publishDueOn publishDueProvisional overdue exemptionGround withdrawalReason
  }
`;

export const CREATE_DOCUMENT = /* GraphQL */ `
  mutation Create($input: CreateDocumentInput!) { createDocument(input: $input) { ...DocumentFields } }
  ${DOCUMENT_FIELDS}
`;
export const REVIEW_DOCUMENT = /* GraphQL */ `
  mutation Review($id: ID!, $approve: Boolean!, $note: String) { reviewDocument(id: $id, approve: $approve, note: $note) { id status reviews { reviewer result note } } }
`;
export const PUBLISH_DOCUMENT = /* GraphQL */ `
  mutation Publish($id: ID!) { publishDocument(id: $id) { ...DocumentFields } }
  ${DOCUMENT_FIELDS}
`;
const EXPEDITED_FIELDS = 'id status publishedAt expeditedRelease { kind reason requestedBy requestedAt dueAt approvedBy approvedAt publishedAt withinHour }';
export const REQUEST_EXPEDITED = /* GraphQL */ `
  mutation RequestExpedited($id: ID!, $kind: ExpeditedReleaseKind!, $reason: String!) { requestExpeditedRelease(id: $id, kind: $kind, reason: $reason) { ${EXPEDITED_FIELDS} } }
`;
export const APPROVE_EXPEDITED = /* GraphQL */ `
  mutation ApproveExpedited($id: ID!, $note: String) { approveExpeditedRelease(id: $id, note: $note) { ${EXPEDITED_FIELDS} reviews { reviewer result } } }
`;
export const GET_EXPEDITED = /* GraphQL */ `
  query GetExpedited($id: ID!) { document(id: $id) { ${EXPEDITED_FIELDS} } }
`;
export const UPDATE_DOCUMENT = /* GraphQL */ `
  mutation Update($id: ID!, $input: UpdateDocumentInput!, $reason: String) { updateDocument(id: $id, input: $input, reason: $reason) { ...DocumentFields } }
  ${DOCUMENT_FIELDS}
`;
export const WITHDRAW_DOCUMENT = /* GraphQL */ `
  mutation Withdraw($id: ID!, $reason: String!) { withdrawDocument(id: $id, reason: $reason) { id status withdrawalReason } }
`;
export const CHANGE_VALIDITY = /* GraphQL */ `
  mutation Validity($id: ID!, $validity: Validity!, $reason: String!) { changeDocumentValidity(id: $id, validity: $validity, reason: $reason) { id validity events { kind note } } }
`;
export const GET_DOCUMENT = /* GraphQL */ `
  query Get($id: ID!) { document(id: $id) { ...DocumentFields } }
  ${DOCUMENT_FIELDS}
`;
export const LIST_DOCUMENTS = /* GraphQL */ `
  query List($filter: DocumentFilter, $orderBy: DocumentOrder, $first: Int, $after: String) {
    documents(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { ...DocumentFields } }
    }
  }
  ${DOCUMENT_FIELDS}
`;
export const SEARCH = /* GraphQL */ `
  query Search($text: String!, $filter: DocumentFilter, $first: Int, $after: String) {
    search(text: $text, filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor highlight node { id title docNumber } }
    }
  }
`;
export const RECORD_TRAINING = /* GraphQL */ `
  mutation RecordTraining($input: TrainingSessionInput!) { recordTrainingSession(input: $input) { id heldOn title kind attendees headcount recordedBy recordedAt } }
`;
export const RECORD_ACCOUNTABILITY = /* GraphQL */ `
  mutation RecordAccountability($agency: ID!, $input: AccountabilityRecordInput!) {
    recordAccountability(agency: $agency, input: $input) { id subjectKind subjectId harm officialRole officialName officialTitle measure decidedOn decidedBy recordedBy recordedAt }
  }
`;
export const AGENCY_ACCOUNTABILITY = /* GraphQL */ `
  query AgencyAccountability($code: ID!) {
    _entities(representations: [{ __typename: "Agency", code: $code }]) { ... on Agency { accountabilityRecords { id subjectKind subjectId measure officialName } } }
  }
`;
