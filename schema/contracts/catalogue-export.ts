/**
 * The provincial catalogue's export pages (gateway → catalogue): plain JSON pages of documents
 * read straight from the catalogue's tables, which the gateway streams to a researcher whose view
 * is the public projection. Like the catalogue's /graphql, the endpoints answer only calls that
 * carry the gateway's signed claims (`x-hub-claims`), and 503 while the first back-fill runs.
 */

/** Documents by keyset: the query of a documents export, with the same cursors as the GraphQL `documents` connection. */
export const CATALOGUE_EXPORT_PATH = '/export/documents';
/** Documents by the catalogue's change sequence: the harvest of `?sinceSeq=`. */
export const CATALOGUE_CHANGES_PATH = '/export/document-changes';

/**
 * Rows per catalogue export page. One call answers for every agency, so a page can be ten times a
 * client's GraphQL page (it is metered as ten pages all the same).
 */
export const CATALOGUE_EXPORT_PAGE = 1000;

/** A document as the export's GraphQL query selects it, so both paths write the same lines. */
export interface ExportedDocument {
  id: string;
  indexNumber: string;
  docNumber: string | null;
  title: string;
  summary: string | null;
  body: string;
  theme: string;
  genre: string;
  formedOn: string;
  subjectTerms: string[];
  effectiveOn: string | null;
  repealedOn: string | null;
  publishedAt: string | null;
  validity: string;
  status: string;
  version: number;
  withdrawalReason: string | null;
  agency: { code: string };
  coIssuers: { code: string }[];
  keyFacts: { subject: string; value: string; unit: string | null; asOf: string | null }[];
}

/** A page of `CATALOGUE_EXPORT_PATH` (query: `order`, `after`, `first`, `filter` as DocumentFilter JSON). */
export interface CatalogueExportPage {
  edges: { cursor: string; node: ExportedDocument }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** The `CATALOGUE_STALE` notice of the agencies the page may include whose feed is behind, as the catalogue's /graphql adds it. */
  errors?: StaleNotice[];
}

/** A GraphQL-shaped notice (`extensions.code` CATALOGUE_STALE, `extensions.agencies`). */
export interface StaleNotice {
  message: string;
  extensions: { code: string; agencies: string[] };
}

/**
 * One change of `CATALOGUE_CHANGES_PATH` (query: `sinceSeq`, `first`, `agencies` comma list):
 * every document at the sequence number of its latest change, the document as it is now, or
 * `removed` when it left the public projection.
 */
export type CatalogueDocumentChange =
  | { seq: number; node: ExportedDocument }
  | { seq: number; removed: { id: string; agency: string } };

export interface CatalogueChangesPage {
  changes: CatalogueDocumentChange[];
  /** The highest sequence number the catalogue has given out: a harvest at it is complete for now. */
  lastSeq: number;
  hasNextPage: boolean;
  errors?: StaleNotice[];
}
