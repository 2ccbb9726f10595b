import { registerEnumType } from 'type-graphql';

/** 有效性 — whether a document is still in force. */
export enum Validity { EFFECTIVE = 'EFFECTIVE', AMENDED = 'AMENDED', REPEALED = 'REPEALED', EXPIRED = 'EXPIRED' }
/** 公开属性 — the disclosure attribute every item gets when formed (notice §二(二)). */
export enum DisclosureAttribute { PROACTIVE = 'PROACTIVE', ON_REQUEST = 'ON_REQUEST', NOT_DISCLOSED = 'NOT_DISCLOSED' }
export enum DocumentStatus { DRAFT = 'DRAFT', IN_REVIEW = 'IN_REVIEW', APPROVED = 'APPROVED', PUBLISHED = 'PUBLISHED', WITHDRAWN = 'WITHDRAWN' }
/** UPDATED_AT_ASC serves harvesting: what changed since a time, oldest change first. */
export enum DocumentOrder { PUBLISHED_AT_DESC = 'PUBLISHED_AT_DESC', PUBLISHED_AT_ASC = 'PUBLISHED_AT_ASC', UPDATED_AT_ASC = 'UPDATED_AT_ASC' }
/** 不予公开理由 — exemption grounds of Art. 14–16. */
export enum ExemptionGround {
  STATE_SECRET = 'STATE_SECRET',
  OTHER_LAW = 'OTHER_LAW',
  THREE_SECURITIES_ONE_STABILITY = 'THREE_SECURITIES_ONE_STABILITY',
  THIRD_PARTY_RIGHTS = 'THIRD_PARTY_RIGHTS',
  INTERNAL_AFFAIRS = 'INTERNAL_AFFAIRS',
  PROCESS_INFORMATION = 'PROCESS_INFORMATION',
  LAW_ENFORCEMENT_CASE_FILE = 'LAW_ENFORCEMENT_CASE_FILE',
}
export enum ReviewResult { APPROVED = 'APPROVED', REFUSED = 'REFUSED' }
export enum DocumentEventKind {
  CREATED = 'CREATED', EDITED = 'EDITED', SUBMITTED = 'SUBMITTED', APPROVED = 'APPROVED', REFUSED = 'REFUSED',
  PUBLISHED = 'PUBLISHED', REVISED = 'REVISED', VALIDITY_CHANGED = 'VALIDITY_CHANGED', WITHDRAWN = 'WITHDRAWN',
}
export enum PartyKind { ENTERPRISE = 'ENTERPRISE', NATURAL_PERSON = 'NATURAL_PERSON' }
/**
 * The publicity class of a penalty decision under SAMR's rules on 行政处罚信息公示 (order 45):
 * what `PENALTY_CATEGORY_RULES` in the rules table publishes and for how long.
 */
export enum PenaltyCategory {
  /** 适用简易程序作出的决定: not published. */
  SIMPLIFIED_PROCEDURE = 'SIMPLIFIED_PROCEDURE',
  /** 仅受到警告: not published. */
  WARNING_ONLY = 'WARNING_ONLY',
  /** 通报批评或较低数额罚款: published, shown for the short period (3 months). */
  CRITICISM_OR_SMALL_FINE = 'CRITICISM_OR_SMALL_FINE',
  /** Every other decision: published, shown for the standard period (3 years). */
  STANDARD = 'STANDARD',
}
export enum PenaltyStatus { PENDING = 'PENDING', PUBLISHED = 'PUBLISHED', WITHDRAWN = 'WITHDRAWN' }

registerEnumType(Validity, { name: 'Validity', description: '有效性 / Whether the document is in force' });
registerEnumType(DisclosureAttribute, { name: 'DisclosureAttribute', description: '公开属性 / Disclosure attribute' });
registerEnumType(DocumentStatus, { name: 'DocumentStatus', description: '文件状态 / Lifecycle status' });
registerEnumType(DocumentOrder, { name: 'DocumentOrder', description: '排序 / Order of a document list' });
registerEnumType(ExemptionGround, { name: 'ExemptionGround', description: '不予公开理由（条例第十四至十六条）/ Exemption ground (Art. 14–16)' });
registerEnumType(ReviewResult, { name: 'ReviewResult', description: '保密审查结论 / Confidentiality review result' });
registerEnumType(DocumentEventKind, { name: 'DocumentEventKind', description: '文件事件 / What happened to a document' });
registerEnumType(PartyKind, { name: 'PartyKind', description: '当事人类型 / Kind of party' });
registerEnumType(PenaltyCategory, {
  name: 'PenaltyCategory',
  description: '行政处罚信息公示类别 / Publicity class of a penalty decision (SAMR rules on 行政处罚信息公示)',
  valuesConfig: {
    SIMPLIFIED_PROCEDURE: { description: '适用简易程序作出，不予公示 / Decided under the simplified procedure; not published' },
    WARNING_ONLY: { description: '仅受到警告，不予公示 / A warning only; not published' },
    CRITICISM_OR_SMALL_FINE: { description: '通报批评或较低数额罚款，公示 3 个月 / Public criticism or a small fine; shown 3 months' },
    STANDARD: { description: '其他行政处罚，公示 3 年 / Any other penalty; shown 3 years' },
  },
});
registerEnumType(PenaltyStatus, { name: 'PenaltyStatus', description: '公示状态 / Publicity status of a penalty decision' });
