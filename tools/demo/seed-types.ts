/**
 * Plain shapes the deterministic demo-data generator produces and the seeder writes through the
 * agency services. Keeping them plain (no ORM) lets the generator be tested on its own.
 */

/** One department or city government of the demo province. */
export interface DemoAgency {
  /** Registry code, lower case ASCII, e.g. "fjdrc". */
  code: string;
  /** Full Chinese name, e.g. 福建省发展和改革委员会. */
  name: string;
  /** Short name used in document numbers, e.g. 闽发改. */
  docPrefix: string;
  /** Prefix of index numbers (索引号), e.g. "FJ00201". */
  indexPrefix: string;
  kind: 'PROVINCIAL_DEPARTMENT' | 'CITY_GOVERNMENT' | 'PROVINCIAL_GOVERNMENT';
  /** 行政区划代码, e.g. "350000" for the province, "350100" for Fuzhou. */
  regionCode: string;
  /** Registry code of the parent agency, if any. */
  parent?: string;
  /** 统一社会信用代码 (valid per GB 32100-2015). */
  creditCode: string;
  /** Themes this agency mostly publishes under (names from the taxonomy). */
  themes: string[];
  address: string;
  phone: string;
}

export interface DemoKeyFact { subject: string; value: string; unit?: string; asOf?: string }

export interface DemoDocument {
  /** Stable key inside the agency, used to make ids deterministic. */
  seq: number;
  title: string;
  summary: string;
  body: string;
  theme: string;
  genre: string;
  /** Date formed, "YYYY-MM-DD". */
  formedOn: string;
  docNumber?: string;
  disclosure: 'PROACTIVE' | 'ON_REQUEST' | 'NOT_DISCLOSED';
  exemptionGround?: string;
  /** Target status the seeder drives the document to through the real workflow. */
  status: 'DRAFT' | 'IN_REVIEW' | 'APPROVED' | 'PUBLISHED' | 'WITHDRAWN';
  /** When published: ISO date-time with +08:00. */
  publishedAt?: string;
  validity: 'EFFECTIVE' | 'AMENDED' | 'REPEALED' | 'EXPIRED';
  channels: string[];
  coIssuers: string[];
  keyFacts: DemoKeyFact[];
  attachments: { fileName: string; mediaType: string; sizeBytes: number }[];
}

export interface DemoPenalty {
  seq: number;
  caseNumber: string;
  partyKind: 'ENTERPRISE' | 'NATURAL_PERSON';
  partyName: string;
  /** Enterprises: unified social credit code; natural persons: resident ID number. */
  partyId: string;
  facts: string;
  legalBasis: string;
  penalty: string;
  decidedOn: string;
  minor: boolean;
  /** When revoked, the date; the seeder withdraws it. */
  revokedOn?: string;
}
