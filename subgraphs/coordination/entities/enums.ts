import { registerEnumType } from 'type-graphql';

/** 协同发布计划状态 — a release plan's lifecycle: DRAFT → CONFIRMED → (COMMITTING) → RELEASED; CANCELLED from DRAFT or CONFIRMED. */
export enum ReleasePlanStatus {
  DRAFT = 'DRAFT', CONFIRMED = 'CONFIRMED', COMMITTING = 'COMMITTING', RELEASED = 'RELEASED', CANCELLED = 'CANCELLED',
}
/** A plan's kind: a regular joint release, or a clarification (Art. 6) correcting earlier information. */
export enum ReleaseKind { REGULAR = 'REGULAR', CLARIFICATION = 'CLARIFICATION' }
/** A participant's vote in phase 1, as the coordinator recorded it. */
export enum ParticipantVote { PREPARED = 'PREPARED', REFUSED = 'REFUSED' }
/** The six kinds of consistency finding the news office's scans report over the province. */
export enum FindingKind {
  FACT_MISMATCH = 'FACT_MISMATCH', MISSING_RELEASE = 'MISSING_RELEASE', EARLY_RELEASE = 'EARLY_RELEASE',
  CONTENT_DRIFT = 'CONTENT_DRIFT', DUPLICATE_DOC_NUMBER = 'DUPLICATE_DOC_NUMBER', STALE_REPRINT = 'STALE_REPRINT',
}
export enum FindingSeverity { LOW = 'LOW', MEDIUM = 'MEDIUM', HIGH = 'HIGH' }
export enum FindingStatus { OPEN = 'OPEN', ACKNOWLEDGED = 'ACKNOWLEDGED', RESOLVED = 'RESOLVED' }

registerEnumType(ReleasePlanStatus, {
  name: 'ReleasePlanStatus',
  description: '协同发布计划状态 / Lifecycle of a release plan',
  valuesConfig: {
    DRAFT: { description: '草稿，可修改 / Draft, still being prepared' },
    CONFIRMED: { description: '已确认，发布管控生效 / Confirmed: the embargo applies' },
    COMMITTING: { description: '各方已表决同意，正在统一发布 / Every participant voted yes; publishing everywhere' },
    RELEASED: { description: '已统一发布 / Released' },
    CANCELLED: { description: '已取消 / Cancelled' },
  },
});
registerEnumType(ReleaseKind, {
  name: 'ReleaseKind',
  description: '发布类别 / Kind of release',
  valuesConfig: {
    REGULAR: { description: '协同发布 / A coordinated release' },
    CLARIFICATION: { description: '澄清发布（条例第六条）/ A clarification correcting false or incomplete information (Art. 6)' },
  },
});
registerEnumType(ParticipantVote, { name: 'ParticipantVote', description: '参与机关的表决 / A participant\'s phase-1 vote' });
registerEnumType(FindingKind, {
  name: 'FindingKind',
  description: '一致性问题类别 / Kind of consistency finding',
  valuesConfig: {
    FACT_MISMATCH: { description: '已发布的关键数据与统一口径或其他机关同期数值不一致 / A published key fact disagrees with the agreed wording or another agency\'s value for the same subject and date' },
    MISSING_RELEASE: { description: '发布时间已到但参与机关未发布 / A participant has not published by the release time' },
    EARLY_RELEASE: { description: '在发布时间前发布 / Published before the embargo' },
    CONTENT_DRIFT: { description: '联合发文在各发文机关的版本不一致 / Copies of a joint document differ between co-issuers' },
    DUPLICATE_DOC_NUMBER: { description: '同一文号对应不同标题或发文机关 / One document number with different titles or issuers' },
    STALE_REPRINT: { description: '转载文件仍显示有效，而来源已废止、修订或撤回 / A reprint shown as effective while its source is repealed, amended or withdrawn' },
  },
});
registerEnumType(FindingSeverity, { name: 'FindingSeverity', description: '严重程度 / Severity' });
registerEnumType(FindingStatus, {
  name: 'FindingStatus',
  description: '处理状态 / Handling status',
  valuesConfig: {
    OPEN: { description: '待处理 / Open' },
    ACKNOWLEDGED: { description: '已知悉，处理中 / Acknowledged, being handled' },
    RESOLVED: { description: '已解决（或复查不再成立）/ Resolved, or no longer holds on a rescan' },
  },
});
