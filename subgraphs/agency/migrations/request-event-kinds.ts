/**
 * The request event kinds as the 20261223 migrations of both engines check them, fixed here (not
 * read from the enum) so that a later kind gets its own migration rather than changing this one.
 */
export const REQUEST_EVENT_KINDS = [
  'SUBMITTED', 'RECEIVED', 'SUPPLEMENT_REQUESTED', 'SUPPLEMENT_RECEIVED', 'LATE_SUPPLEMENT_ACCEPTED', 'CONSULTATION_STARTED',
  'CONSULTATION_ANSWERED', 'EXTENDED', 'EXCESSIVE_PERIOD_SET', 'REASONS_REQUESTED', 'REASONS_GIVEN', 'FEE_NOTIFIED', 'FEE_PAID', 'REPLIED', 'DEEMED_WITHDRAWN',
].map((kind) => `'${kind}'`).join(', ');
