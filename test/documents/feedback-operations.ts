/** GraphQL documents the feedback and supervision tests share. */

const FEEDBACK_FIELDS = /* GraphQL */ `
  fragment FeedbackFields on Feedback {
    id agency { code } target document { id } authorName contact text status moderationReason answer answeredAt answeredBy createdAt
  }
`;

export const SUBMIT_FEEDBACK = /* GraphQL */ `
  mutation SubmitFeedback($input: FeedbackInput!) { submitFeedback(input: $input) { ...FeedbackFields } }
  ${FEEDBACK_FIELDS}
`;
export const MODERATE_FEEDBACK = /* GraphQL */ `
  mutation ModerateFeedback($id: ID!, $show: Boolean!, $reason: String) { moderateFeedback(id: $id, show: $show, reason: $reason) { ...FeedbackFields } }
  ${FEEDBACK_FIELDS}
`;
export const ANSWER_FEEDBACK = /* GraphQL */ `
  mutation AnswerFeedback($id: ID!, $answer: String!) { answerFeedback(id: $id, answer: $answer) { ...FeedbackFields } }
  ${FEEDBACK_FIELDS}
`;
export const LIST_FEEDBACK = /* GraphQL */ `
  query ListFeedback($filter: FeedbackFilter, $first: Int, $after: String) {
    feedback(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ...FeedbackFields } } }
  }
  ${FEEDBACK_FIELDS}
`;
export const DOCUMENTS_WITH_FEEDBACK = /* GraphQL */ `
  query DocumentsWithFeedback($first: Int) { documents(first: $first) { edges { node { id feedback { id text answer } } } } }
`;

const FIGURES = /* GraphQL */ `
  from to asOf dueSoonWorkingDays
  documentsOverdue documentsDueSoon documentsPublished documentsPublishedLate publishDaysHistogram { min max label count }
  requestsOverdue requestsDueSoon requestsReplied requestsRepliedLate replyDaysHistogram { min max label count }
  requestOutcomes { outcome count }
  feedbackReceived feedbackAnswered feedbackUnanswered answerHoursHistogram { min max label count }
  penaltiesOverdue penaltiesDueSoon expeditedReleases expeditedWithinHour expeditedLate
  trainingSessions trainingAllStaffAttendees trainingHeadcount disclosureStaffTrainings agenciesWithDisclosureTraining
`;
export const AGENCY_SUPERVISION = /* GraphQL */ `
  query AgencySupervision($code: ID!, $from: Date, $to: Date) {
    _entities(representations: [{ __typename: "Agency", code: $code }]) {
      ... on Agency { supervision(from: $from, to: $to) { ${FIGURES} agency { code } publishDaysMedian replyDaysMedian feedbackAnswerHoursMedian trainingCoverage csv } }
    }
  }
`;
export const PROVINCE_SUPERVISION = /* GraphQL */ `
  query ProvinceSupervision($from: Date, $to: Date) { provinceSupervision(from: $from, to: $to) { ${FIGURES} } }
`;
