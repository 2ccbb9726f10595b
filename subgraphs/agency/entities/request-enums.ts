import { registerEnumType } from 'type-graphql';

/** 申请人类型 — the columns of table 3 of the national annual-report format. */
export enum RequesterKind {
  NATURAL_PERSON = 'NATURAL_PERSON',
  COMMERCIAL_ENTERPRISE = 'COMMERCIAL_ENTERPRISE',
  RESEARCH_INSTITUTION = 'RESEARCH_INSTITUTION',
  PUBLIC_INTEREST_ORGANISATION = 'PUBLIC_INTEREST_ORGANISATION',
  LEGAL_SERVICE_ORGANISATION = 'LEGAL_SERVICE_ORGANISATION',
  OTHER_ORGANISATION = 'OTHER_ORGANISATION',
}

/** 申请渠道 — how a request arrived; it decides the receipt date (Art. 31). */
export enum RequestChannel { ONLINE = 'ONLINE', IN_PERSON = 'IN_PERSON', REGISTERED_POST = 'REGISTERED_POST', ORDINARY_POST = 'ORDINARY_POST', FAX = 'FAX' }

/**
 * 获取信息的方式 — how the requester asks to receive the information (Art. 29(3): the form states
 * 获取信息的方式、途径), as the national request form offers it: the carrier (纸质, 电子邮件, 光盘)
 * with the way (邮寄, 自行领取, 传真, 当场阅读、抄录), and online. The agency follows it where it can
 * (Art. 40: otherwise electronic data or inspection and copying).
 */
export enum DeliveryMethod {
  PAPER_BY_POST = 'PAPER_BY_POST',
  PAPER_COLLECTED = 'PAPER_COLLECTED',
  EMAIL = 'EMAIL',
  DISC = 'DISC',
  FAX = 'FAX',
  INSPECTION = 'INSPECTION',
  ONLINE = 'ONLINE',
}

/** Where a request stands; derived from its events, stored for queries. */
export enum RequestStatus {
  /** Ordinary post, fax or online entered by staff: receipt not yet confirmed with the requester. */
  AWAITING_RECEIPT = 'AWAITING_RECEIPT',
  PROCESSING = 'PROCESSING',
  AWAITING_SUPPLEMENT = 'AWAITING_SUPPLEMENT',
  IN_CONSULTATION = 'IN_CONSULTATION',
  /** Replied and archived (保存备查): immutable from then on. */
  CLOSED = 'CLOSED',
}

/** Every transition of a request, each an event with its legal date, actor and detail. */
export enum RequestEventKind {
  SUBMITTED = 'SUBMITTED',
  RECEIVED = 'RECEIVED',
  SUPPLEMENT_REQUESTED = 'SUPPLEMENT_REQUESTED',
  SUPPLEMENT_RECEIVED = 'SUPPLEMENT_RECEIVED',
  /** Art. 30: a supplement after its period, accepted by a disclosure officer for a good reason (正当理由); restarts the clock. */
  LATE_SUPPLEMENT_ACCEPTED = 'LATE_SUPPLEMENT_ACCEPTED',
  CONSULTATION_STARTED = 'CONSULTATION_STARTED',
  CONSULTATION_ANSWERED = 'CONSULTATION_ANSWERED',
  EXTENDED = 'EXTENDED',
  EXCESSIVE_PERIOD_SET = 'EXCESSIVE_PERIOD_SET',
  /** Art. 35: the requester of an excessive request is asked to state reasons. */
  REASONS_REQUESTED = 'REASONS_REQUESTED',
  /** Art. 35: the requester stated reasons; the agency judges them. */
  REASONS_GIVEN = 'REASONS_GIVEN',
  FEE_NOTIFIED = 'FEE_NOTIFIED',
  /** The requester paid the information-processing fee; the reply clock runs again. */
  FEE_PAID = 'FEE_PAID',
  REPLIED = 'REPLIED',
  /** Art. 30: no supplement within its period; closed by the deadline watch as abandoned (3.6.1). */
  DEEMED_WITHDRAWN = 'DEEMED_WITHDRAWN',
}

/**
 * 计费方式 — how an agency counts the information-processing fee. 《政府信息公开信息处理费管理办法》
 * (国办函〔2020〕109号) 第三条: by item (按件计收) or by volume (按量计收), both stepped (超额累进);
 * the agency picks one for each request, never both. The rules table holds the agency's usual one.
 */
export enum FeeMethod { BY_ITEM = 'BY_ITEM', BY_VOLUME = 'BY_VOLUME' }

/** Who is consulted: a third party (Art. 32) or a co-producing agency (Art. 34). */
export enum ConsultationParty { THIRD_PARTY = 'THIRD_PARTY', CO_PRODUCER = 'CO_PRODUCER' }

/**
 * 办理结果 — the outcome categories of table 3 (国办公开办函〔2021〕30号), each mapped to its row code.
 * The enum value order is the table's row order.
 */
export enum RequestOutcome {
  DISCLOSED = 'DISCLOSED',
  PARTLY_DISCLOSED = 'PARTLY_DISCLOSED',
  NOT_DISCLOSED_STATE_SECRET = 'NOT_DISCLOSED_STATE_SECRET',
  NOT_DISCLOSED_OTHER_LAW = 'NOT_DISCLOSED_OTHER_LAW',
  NOT_DISCLOSED_THREE_SECURITIES_ONE_STABILITY = 'NOT_DISCLOSED_THREE_SECURITIES_ONE_STABILITY',
  NOT_DISCLOSED_THIRD_PARTY_RIGHTS = 'NOT_DISCLOSED_THIRD_PARTY_RIGHTS',
  NOT_DISCLOSED_INTERNAL_AFFAIRS = 'NOT_DISCLOSED_INTERNAL_AFFAIRS',
  NOT_DISCLOSED_PROCESS_INFORMATION = 'NOT_DISCLOSED_PROCESS_INFORMATION',
  NOT_DISCLOSED_LAW_ENFORCEMENT_CASE_FILE = 'NOT_DISCLOSED_LAW_ENFORCEMENT_CASE_FILE',
  NOT_DISCLOSED_ADMINISTRATIVE_ENQUIRY = 'NOT_DISCLOSED_ADMINISTRATIVE_ENQUIRY',
  CANNOT_PROVIDE_NOT_HELD = 'CANNOT_PROVIDE_NOT_HELD',
  CANNOT_PROVIDE_NEEDS_CREATION = 'CANNOT_PROVIDE_NEEDS_CREATION',
  CANNOT_PROVIDE_STILL_UNCLEAR = 'CANNOT_PROVIDE_STILL_UNCLEAR',
  NOT_PROCESSED_PETITION = 'NOT_PROCESSED_PETITION',
  NOT_PROCESSED_REPEAT = 'NOT_PROCESSED_REPEAT',
  NOT_PROCESSED_PUBLICATION = 'NOT_PROCESSED_PUBLICATION',
  NOT_PROCESSED_EXCESSIVE = 'NOT_PROCESSED_EXCESSIVE',
  NOT_PROCESSED_CONFIRM_OBTAINED = 'NOT_PROCESSED_CONFIRM_OBTAINED',
  OTHER_NO_SUPPLEMENT = 'OTHER_NO_SUPPLEMENT',
  OTHER_FEE_UNPAID = 'OTHER_FEE_UNPAID',
  OTHER = 'OTHER',
}

/** Row code of table 3 for each outcome ("3.3.4" is 三（三）4). */
export const OUTCOME_ROW: Record<RequestOutcome, string> = {
  DISCLOSED: '3.1', PARTLY_DISCLOSED: '3.2',
  NOT_DISCLOSED_STATE_SECRET: '3.3.1', NOT_DISCLOSED_OTHER_LAW: '3.3.2', NOT_DISCLOSED_THREE_SECURITIES_ONE_STABILITY: '3.3.3',
  NOT_DISCLOSED_THIRD_PARTY_RIGHTS: '3.3.4', NOT_DISCLOSED_INTERNAL_AFFAIRS: '3.3.5', NOT_DISCLOSED_PROCESS_INFORMATION: '3.3.6',
  NOT_DISCLOSED_LAW_ENFORCEMENT_CASE_FILE: '3.3.7', NOT_DISCLOSED_ADMINISTRATIVE_ENQUIRY: '3.3.8',
  CANNOT_PROVIDE_NOT_HELD: '3.4.1', CANNOT_PROVIDE_NEEDS_CREATION: '3.4.2', CANNOT_PROVIDE_STILL_UNCLEAR: '3.4.3',
  NOT_PROCESSED_PETITION: '3.5.1', NOT_PROCESSED_REPEAT: '3.5.2', NOT_PROCESSED_PUBLICATION: '3.5.3',
  NOT_PROCESSED_EXCESSIVE: '3.5.4', NOT_PROCESSED_CONFIRM_OBTAINED: '3.5.5',
  OTHER_NO_SUPPLEMENT: '3.6.1', OTHER_FEE_UNPAID: '3.6.2', OTHER: '3.6.3',
};

/** 行政复议、行政诉讼 — the three kinds of table 4. */
export enum AppealKind { RECONSIDERATION = 'RECONSIDERATION', LITIGATION_DIRECT = 'LITIGATION_DIRECT', LITIGATION_AFTER_RECONSIDERATION = 'LITIGATION_AFTER_RECONSIDERATION' }
/** Results of table 4: 结果维持, 结果纠正, 其他结果, 尚未审结. */
export enum AppealResult { UPHELD = 'UPHELD', CORRECTED = 'CORRECTED', OTHER = 'OTHER', PENDING = 'PENDING' }

registerEnumType(RequesterKind, { name: 'RequesterKind', description: '申请人类型 / Kind of requester (the columns of table 3)' });
registerEnumType(RequestChannel, { name: 'RequestChannel', description: '申请渠道（决定收到申请之日，条例第三十一条）/ How the request arrived; decides the receipt date (Art. 31)' });
registerEnumType(DeliveryMethod, {
  name: 'DeliveryMethod',
  description: '获取信息的方式（第二十九条）/ How the requester asks to receive the information (Art. 29)',
  valuesConfig: {
    PAPER_BY_POST: { description: '纸质文本，邮寄 / Paper copy by post' },
    PAPER_COLLECTED: { description: '纸质文本，自行领取 / Paper copy, collected in person' },
    EMAIL: { description: '电子邮件（须填写接收邮箱）/ By e-mail (an address to send to is required)' },
    DISC: { description: '光盘 / On a disc' },
    FAX: { description: '传真 / By fax' },
    INSPECTION: { description: '当面查阅、抄录 / Inspection and copying in person' },
    ONLINE: { description: '在线获取（通过本平台）/ Online, through this portal' },
  },
});
registerEnumType(RequestStatus, { name: 'RequestStatus', description: '申请办理状态 / Where a request stands' });
registerEnumType(RequestEventKind, { name: 'RequestEventKind', description: '申请办理事件 / A transition of a request' });
registerEnumType(FeeMethod, {
  name: 'FeeMethod',
  description: '信息处理费计收方式（《政府信息公开信息处理费管理办法》第三条）/ How an information-processing fee is counted',
  valuesConfig: {
    BY_ITEM: { description: '按件计收：同一申请人一个自然月内的申请件数（第四条）/ By item: the requester\'s requests in the calendar month' },
    BY_VOLUME: { description: '按量计收：提供信息的页数（第五条）/ By volume: the pages given' },
  },
});
registerEnumType(ConsultationParty, { name: 'ConsultationParty', description: '征求意见对象：第三方（第三十二条）或共同制作机关（第三十四条）/ Consulted party: third party (Art. 32) or co-producing agency (Art. 34)' });
registerEnumType(RequestOutcome, { name: 'RequestOutcome', description: '办理结果（年度报告表三的分类）/ Outcome, as the categories of table 3' });
registerEnumType(AppealKind, { name: 'AppealKind', description: '行政复议或行政诉讼 / Reconsideration or litigation (table 4)' });
registerEnumType(AppealResult, { name: 'AppealResult', description: '复议、诉讼结果 / Result of a reconsideration or lawsuit' });
