/**
 * The field dictionary of the bulk exports: every column of /export/documents and
 * /export/penalties with its Chinese label, type and meaning, in the order of the CSV columns.
 * The CSV header (English names or, with `labels=zh`, Chinese labels), `GET /export/fields` and
 * docs/api.md all come from here (a test checks the docs list every field).
 */

/** One export column. */
export interface ExportField {
  name: string;
  label: string;
  type: 'string' | 'integer' | 'date' | 'date-time' | 'enum' | 'codes' | 'terms' | 'json';
  description: string;
}

/** The exports, by the path segment naming them. */
export type ExportKind = 'documents' | 'penalties';

const CURSOR: ExportField = { name: 'cursor', label: '续传游标', type: 'string', description: '续传位置：作为 after 参数从此行之后继续 / Resume point: pass as `after` to continue after this row' };

export const EXPORT_FIELDS: Record<ExportKind, readonly ExportField[]> = {
  documents: [
    CURSOR,
    { name: 'id', label: '标识', type: 'string', description: '文件的全局标识 / Global id of the document' },
    { name: 'agency', label: '发布机构', type: 'string', description: '发布机构代码 / Registry code of the issuing agency' },
    { name: 'indexNumber', label: '索引号', type: 'string', description: '政府信息索引号 / Index number of the information' },
    { name: 'docNumber', label: '文号', type: 'string', description: '发文字号 / Document number' },
    { name: 'title', label: '标题', type: 'string', description: '标题 / Title' },
    { name: 'summary', label: '摘要', type: 'string', description: '内容概述 / Summary' },
    { name: 'theme', label: '主题分类', type: 'string', description: '主题分类 / Theme' },
    { name: 'genre', label: '体裁', type: 'string', description: '公文种类 / Genre' },
    { name: 'formedOn', label: '成文日期', type: 'date', description: '成文日期 / Date the document was made' },
    { name: 'subjectTerms', label: '主题词', type: 'terms', description: '主题词（CSV 中以"；"分隔）/ Subject terms (joined by "；" in CSV)' },
    { name: 'effectiveOn', label: '施行日期', type: 'date', description: '施行日期 / Date it takes effect' },
    { name: 'repealedOn', label: '废止日期', type: 'date', description: '废止日期：自该日起不再有效 / Date it ceases to have effect' },
    { name: 'publishedAt', label: '发布日期', type: 'date-time', description: '发布时间 / When it was published' },
    { name: 'validity', label: '有效性', type: 'enum', description: '有效、失效、废止等 / Validity (in force, expired, repealed …)' },
    { name: 'status', label: '状态', type: 'enum', description: '发布状态（已发布、已撤回）/ Status (published, withdrawn)' },
    { name: 'version', label: '版本', type: 'integer', description: '版本号，每次修改加一 / Version, one more per revision' },
    { name: 'withdrawalReason', label: '撤回理由', type: 'string', description: '撤回时的理由 / Reason given when withdrawn' },
    { name: 'coIssuers', label: '联合发文机关', type: 'codes', description: '联合发文机关代码（CSV 中以空格分隔）/ Co-issuing agency codes (space-separated in CSV)' },
    { name: 'keyFacts', label: '关键数据', type: 'json', description: '关键数据（主题、数值、单位、截至日期；CSV 中为 JSON 文本）/ Key facts (subject, value, unit, as of; JSON text in CSV)' },
    { name: 'body', label: '正文', type: 'string', description: '正文 / Body text' },
  ],
  penalties: [
    CURSOR,
    { name: 'id', label: '标识', type: 'string', description: '处罚决定的全局标识 / Global id of the decision' },
    { name: 'authority', label: '处罚机关', type: 'string', description: '作出决定的机关代码 / Registry code of the deciding agency' },
    { name: 'caseNumber', label: '决定书文号', type: 'string', description: '行政处罚决定书文号 / Case number of the decision' },
    { name: 'partyKind', label: '当事人类型', type: 'enum', description: '法人或自然人 / Legal or natural person' },
    { name: 'partyName', label: '当事人名称', type: 'string', description: '当事人名称（自然人已脱敏）/ Party name (natural persons masked)' },
    { name: 'partyCreditCode', label: '统一社会信用代码', type: 'string', description: '法人的统一社会信用代码 / Unified social credit code of a legal person' },
    { name: 'partyIdNumber', label: '证件号码', type: 'string', description: '自然人证件号码（已脱敏）/ ID number of a natural person (masked)' },
    { name: 'facts', label: '违法事实', type: 'string', description: '主要违法事实 / Facts of the violation' },
    { name: 'legalBasis', label: '处罚依据', type: 'string', description: '处罚依据 / Legal basis' },
    { name: 'penalty', label: '处罚内容', type: 'string', description: '处罚种类和内容 / The penalty' },
    { name: 'decidedOn', label: '决定日期', type: 'date', description: '作出决定的日期 / Date decided' },
    { name: 'publishedAt', label: '发布日期', type: 'date-time', description: '公示时间 / When it was made public' },
    { name: 'displayUntil', label: '公示截止日期', type: 'date', description: '公示期届满日期 / End of the publicity period' },
    { name: 'status', label: '状态', type: 'enum', description: '公示状态 / Status' },
  ],
};
