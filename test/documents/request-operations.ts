/** GraphQL documents the request and report tests share. */

/** Every field reachable from a request, identity included. */
export const REQUEST_FIELDS = /* GraphQL */ `
  fragment RequestFields on DisclosureRequest {
    id agency { code } requesterKind channel deliveryMethod submittedOn receivedOn status replyDueOn replyDueProvisional excessive feeYuan
    outcome outcomeRow closedOn replyWorkingDays repliedLate replyDueSteps receiptConfirmationDueOn reasonsDueOn supplementNoticeDueOn supplementDueOn
    pausedWorkingDays extendedWorkingDays overdue description responseText trackingCode requesterName idNumber contact
    events { kind on days party consultation outcome approver detail at actor }
    appeals { id kind filedOn result concludedOn note requestId }
  }
`;

export const SUBMIT_REQUEST = /* GraphQL */ `
  mutation Submit($input: DisclosureRequestInput!) { submitDisclosureRequest(input: $input) { trackingCode accessPin agency { code } receivedOn replyDueOn deliveryMethod } }
`;
export const RECORD_REQUEST = /* GraphQL */ `
  mutation Record($input: RecordRequestInput!) { recordDisclosureRequest(input: $input) { ...RequestFields } }
  ${REQUEST_FIELDS}
`;
export const GET_REQUEST = /* GraphQL */ `
  query GetRequest($id: ID!) { request(id: $id) { ...RequestFields } }
  ${REQUEST_FIELDS}
`;
export const LIST_REQUESTS = /* GraphQL */ `
  query ListRequests($filter: RequestFilter, $first: Int, $after: String) {
    disclosureRequests(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ...RequestFields } }
    }
  }
  ${REQUEST_FIELDS}
`;
export const PROGRESS = /* GraphQL */ `
  query Progress($code: String!) {
    requestProgress(trackingCode: $code) { status receivedOn replyDueOn provisional events { kind on } replyDueSteps supplementDueOn closedOn outcome deliveryMethod }
  }
`;
const STEP = (name: string, args: string, params: string) => /* GraphQL */ `
  mutation Step(${args}) { ${name}(${params}) { id status receivedOn replyDueOn closedOn outcome replyDueSteps } }
`;
export const CONFIRM_RECEIPT = STEP('confirmRequestReceipt', '$id: ID!, $on: Date!', 'id: $id, on: $on');
export const REQUEST_SUPPLEMENT = STEP('requestSupplement', '$id: ID!, $on: Date!, $detail: String!', 'id: $id, on: $on, detail: $detail');
export const RECEIVE_SUPPLEMENT = STEP('receiveSupplement', '$id: ID!, $on: Date!, $detail: String', 'id: $id, on: $on, detail: $detail');
export const START_CONSULTATION = STEP('startConsultation', '$id: ID!, $party: ConsultationParty!, $on: Date!, $detail: String!', 'id: $id, party: $party, on: $on, detail: $detail');
export const ANSWER_CONSULTATION = STEP('answerConsultation', '$id: ID!, $party: ConsultationParty!, $on: Date!, $detail: String', 'id: $id, party: $party, on: $on, detail: $detail');
export const EXTEND = STEP('extendReplyPeriod', '$id: ID!, $on: Date!, $days: Int!, $approver: String!, $notice: String!', 'id: $id, on: $on, days: $days, approver: $approver, notice: $notice');
export const MARK_EXCESSIVE = STEP('markRequestExcessive', '$id: ID!, $on: Date!, $days: Int!, $reason: String!', 'id: $id, on: $on, days: $days, reason: $reason');
export const NOTIFY_FEE = STEP('notifyProcessingFee', '$id: ID!, $on: Date!, $amountYuan: Int, $notice: String!', 'id: $id, on: $on, amountYuan: $amountYuan, notice: $notice');
/** A fee notice with the way of counting and the pages (按量计收), the amount computed when none is given. */
export const NOTIFY_FEE_COUNTED = /* GraphQL */ `
  mutation Fee($id: ID!, $on: Date!, $notice: String!, $method: FeeMethod, $pages: Int, $amountYuan: Int) {
    notifyProcessingFee(id: $id, on: $on, notice: $notice, method: $method, pages: $pages, amountYuan: $amountYuan) {
      id status replyDueOn feeYuan feePaymentDueOn pausedWorkingDays replyDueSteps
    }
  }
`;
/** A consultation answer naming which consultation (its number on the request) answered. */
export const ANSWER_NUMBERED_CONSULTATION = /* GraphQL */ `
  mutation Answer($id: ID!, $party: ConsultationParty!, $on: Date!, $consultation: Int) {
    answerConsultation(id: $id, party: $party, on: $on, consultation: $consultation) { id status replyDueOn pausedWorkingDays events { kind on consultation } }
  }
`;
export const ASK_FOR_REASONS = STEP('askForReasons', '$id: ID!, $on: Date!, $detail: String!', 'id: $id, on: $on, detail: $detail');
export const RECEIVE_REASONS = STEP('receiveReasons', '$id: ID!, $on: Date!, $detail: String!', 'id: $id, on: $on, detail: $detail');
export const ACCEPT_LATE_SUPPLEMENT = STEP('acceptLateSupplement', '$id: ID!, $on: Date!, $reason: String!, $detail: String', 'id: $id, on: $on, reason: $reason, detail: $detail');
export const RECORD_FEE_PAYMENT = STEP('recordFeePayment', '$id: ID!, $on: Date!', 'id: $id, on: $on');
export const REPLY = STEP('replyToRequest', '$id: ID!, $on: Date!, $outcome: RequestOutcome!, $responseText: String!', 'id: $id, on: $on, outcome: $outcome, responseText: $responseText');
export const RECORD_APPEAL = /* GraphQL */ `
  mutation Appeal($input: AppealInput!) { recordAppeal(input: $input) { id kind filedOn result } }
`;
export const CONCLUDE_APPEAL = /* GraphQL */ `
  mutation Conclude($id: ID!, $input: AppealConclusionInput!) { concludeAppeal(id: $id, input: $input) { id result concludedOn } }
`;

const ROW = 'code label naturalPerson commercialEnterprise researchInstitution publicInterestOrganisation legalServiceOrganisation otherOrganisation total';
const REPORT_FIELDS = /* GraphQL */ `
  year requestsTable { ${ROW} }
  proactiveTable { rules { issued repealed effective } normativeDocuments { issued repealed effective } permitDecisions penaltyDecisions compulsoryMeasureDecisions feeAmountTenThousandYuan notes }
  appealsTable { reconsideration { upheld corrected other pending total } litigationDirect { upheld corrected other pending total } litigationAfterReconsideration { upheld corrected other pending total } }
`;
export const AGENCY_REPORT = /* GraphQL */ `
  query AgencyReport($code: ID!, $year: Int!) {
    _entities(representations: [{ __typename: "Agency", code: $code }]) {
      ... on Agency { annualReport(year: $year) { ${REPORT_FIELDS} overview problems otherMatters requestsTableCsv publishedDocument { id title genre theme status } } }
    }
  }
`;
export const PROVINCE_REPORT = /* GraphQL */ `
  query ProvinceReport($year: Int!) { provinceAnnualReport(year: $year) { ${REPORT_FIELDS} } }
`;
export const GATEWAY_AGENCY_REPORT = /* GraphQL */ `
  query AgencyReport($code: ID!, $year: Int!) { agency(code: $code) { code annualReport(year: $year) { ${REPORT_FIELDS} } } }
`;
