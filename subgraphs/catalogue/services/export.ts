import type { EntityManager } from '@mikro-orm/knex';
import { ANONYMOUS } from '../../../schema/contracts/claims';
import { BadUserInputError } from '../../../schema/contracts/errors';
import { isAgencyCode } from '../../../schema/contracts/shard-registry';
import {
  CATALOGUE_EXPORT_PAGE, type CatalogueChangesPage, type CatalogueDocumentChange, type CatalogueExportPage, type ExportedDocument,
} from '../../../schema/contracts/catalogue-export';
import { chinaDateTime } from '../../shared/clock';
import { afterCursor } from '../../shared/connection';
import { encodeCursor } from '../../../schema/contracts/cursor';
import type { FilterQuery } from '@mikro-orm/core';
import { createContext, type AgencyContext, type AgencyRuntime } from '../../agency/context';
import { DocumentEntity } from '../../agency/entities/document.entity';
import type { KeyFactEntity } from '../../agency/entities/document-parts.entity';
import { DocumentOrder } from '../../agency/entities/enums';
import type { DocumentFilter } from '../../agency/resolvers/document.input';
import { bodyAsShown, isPublic, visibleWhere } from '../../agency/services/document.service';
import { currentSerial } from '../../agency/services/serial';
import { CATALOGUE_CHANGE_SERIAL, CatalogueDocumentChangeEntity } from '../entities/feed-state.entity';
import { staleNotice } from './freshness-notice';

/** The agencies among `among` (all when undefined) whose feed is behind. */
export type StaleAgencies = (among?: readonly string[]) => string[];

function notices(stale: StaleAgencies, among: readonly string[] | undefined): { errors?: ReturnType<typeof staleNotice>[] } {
  const agencies = stale(among);
  return agencies.length ? { errors: [staleNotice(agencies)] } : {};
}

/**
 * The catalogue's export pages: the documents export's query run on the catalogue's tables
 * without GraphQL — one keyset query of plain rows with the contract's own visibility rule
 * (visibleWhere, read as the public), keyset condition and cursors, one batched query for the key
 * facts — ten times a GraphQL page per call. The harvest by sequence reads the catalogue's change sequence the same way.
 */

function pageSize(params: URLSearchParams): number {
  const first = Number(params.get('first') ?? CATALOGUE_EXPORT_PAGE);
  if (!Number.isInteger(first) || first < 1 || first > CATALOGUE_EXPORT_PAGE) {
    throw new BadUserInputError('first', `first 须在 1 到 ${CATALOGUE_EXPORT_PAGE} 之间`, `first must be between 1 and ${CATALOGUE_EXPORT_PAGE}`);
  }
  return first;
}

/** The DocumentFilter fields an export uses (agencies, publishedFrom/To, updatedSince), from the gateway's JSON. */
function exportFilter(raw: string | null): DocumentFilter | null {
  if (!raw) return null;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    throw new BadUserInputError('filter', 'filter 须为 JSON', 'filter must be JSON');
  }
  const filter: DocumentFilter = {};
  if (Array.isArray(parsed.agencies)) filter.agencies = parsed.agencies.map(String);
  if (typeof parsed.publishedFrom === 'string') filter.publishedFrom = parsed.publishedFrom;
  if (typeof parsed.publishedTo === 'string') filter.publishedTo = parsed.publishedTo;
  if (typeof parsed.updatedSince === 'string') {
    const at = new Date(parsed.updatedSince);
    if (Number.isNaN(at.getTime())) throw new BadUserInputError('filter.updatedSince', 'updatedSince 须为 ISO-8601 时间', 'updatedSince must be an ISO-8601 date-time');
    filter.updatedSince = at;
  }
  return filter;
}

/** The columns an export reads, and what sorts and filters it. */
const EXPORT_COLUMNS = [
  'id', 'agencyCode', 'indexNumber', 'docNumber', 'title', 'summary', 'body', 'theme', 'genre', 'formedOn', 'subjectTerms', 'effectiveOn',
  'repealedOn', 'publishedAt', 'validity', 'status', 'version', 'withdrawalReason', 'coIssuers', 'disclosure', 'listedAt', 'updatedAt',
] as const;

/** The JSON columns an export reads: text from SQLite, parsed from PostgreSQL. */
type JsonColumn = 'coIssuers' | 'subjectTerms';

/** A document row as the export reads it: plain columns, no entity (hydrating a thousand entities a page costs five times the query). */
type ExportRow = Pick<DocumentEntity, Exclude<(typeof EXPORT_COLUMNS)[number], JsonColumn>> & Record<JsonColumn, string[] | string>;

/** A JSON list column's value, whichever database read it. */
function jsonList(value: string[] | string): string[] {
  return typeof value === 'string' ? JSON.parse(value) as string[] : value;
}

/** Up to `limit` rows matching `where`, in (`column`, id) order. */
function exportRows(ctx: AgencyContext, where: FilterQuery<DocumentEntity>, limit: number, column?: 'listedAt' | 'updatedAt'): Promise<ExportRow[]> {
  const qb = ctx.em.createQueryBuilder(DocumentEntity, 'd').select([...EXPORT_COLUMNS]).where(where as never).limit(limit);
  if (column) qb.orderBy({ [column]: 'asc', id: 'asc' });
  return qb.execute('all', true) as Promise<ExportRow[]>;
}

/** Documents as the export's GraphQL selection has them, key facts loaded in one query for the page. */
async function exported(ctx: AgencyContext, docs: ExportRow[]): Promise<ExportedDocument[]> {
  const facts = (await ctx.loaders.keyFacts.loadMany(docs.map((d) => d.id))) as KeyFactEntity[][];
  return docs.map((doc, i) => ({
    id: doc.id, indexNumber: doc.indexNumber, docNumber: doc.docNumber ?? null, title: doc.title, summary: doc.summary ?? null,
    body: bodyAsShown(ctx, doc), theme: doc.theme, genre: doc.genre, formedOn: doc.formedOn,
    subjectTerms: jsonList(doc.subjectTerms), effectiveOn: doc.effectiveOn ?? null, repealedOn: doc.repealedOn ?? null,
    publishedAt: doc.publishedAt ? chinaDateTime(doc.publishedAt) : null, validity: doc.validity, status: doc.status, version: doc.version,
    withdrawalReason: doc.withdrawalReason ?? null, agency: { code: doc.agencyCode },
    coIssuers: jsonList(doc.coIssuers).map((code) => ({ code })),
    keyFacts: facts[i].map((f) => ({ subject: f.subject, value: f.value, unit: f.unit ?? null, asOf: f.asOf ?? null })),
  }));
}

/** One page of a documents export (`order` PUBLISHED_AT_ASC or UPDATED_AT_ASC), cursors as the `documents` connection's. */
export async function exportDocumentsPage(runtime: AgencyRuntime, stale: StaleAgencies, params: URLSearchParams): Promise<CatalogueExportPage> {
  const ctx = createContext(runtime, ANONYMOUS);
  const order = params.get('order') ?? DocumentOrder.PUBLISHED_AT_ASC;
  if (order !== DocumentOrder.PUBLISHED_AT_ASC && order !== DocumentOrder.UPDATED_AT_ASC) {
    throw new BadUserInputError('order', 'order 须为 PUBLISHED_AT_ASC 或 UPDATED_AT_ASC', 'order must be PUBLISHED_AT_ASC or UPDATED_AT_ASC');
  }
  const filter = exportFilter(params.get('filter'));
  const where = visibleWhere(ctx, filter);
  if (!where) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
  // The same condition, order and cursors as listDocuments, so a stream can switch between this and the GraphQL path at any cursor.
  const column = order === DocumentOrder.UPDATED_AT_ASC ? 'updatedAt' : 'listedAt';
  const first = pageSize(params);
  const rows = await exportRows(ctx, afterCursor(where, column, 'asc', params.get('after')), first + 1, column);
  const page = rows.slice(0, first);
  const nodes = await exported(ctx, page);
  const edges = page.map((row, i) => ({ cursor: encodeCursor([row[column].getTime(), row.id]), node: nodes[i] }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, ...notices(stale, filter?.agencies ?? undefined) };
}

/**
 * The documents changed after `sinceSeq` in the catalogue's sequence order, each at the number of
 * its latest change: as it is now, or removed when the catalogue no longer holds it publicly.
 */
export async function documentChangesPage(runtime: AgencyRuntime, stale: StaleAgencies, params: URLSearchParams): Promise<CatalogueChangesPage> {
  const ctx = createContext(runtime, ANONYMOUS);
  const sinceSeq = Number(params.get('sinceSeq'));
  if (!Number.isSafeInteger(sinceSeq) || sinceSeq < 0) throw new BadUserInputError('sinceSeq', 'sinceSeq 须为非负整数', 'sinceSeq must be a non-negative integer');
  const first = pageSize(params);
  const agencies = (params.get('agencies') ?? '').split(',').filter(Boolean);
  const bad = agencies.find((code) => !isAgencyCode(code));
  if (bad !== undefined) throw new BadUserInputError('agencies', `机关代码格式不正确：${bad}`, `Malformed agency code: ${bad}`);
  const em = ctx.em as EntityManager;
  // The high-water mark is read before the page, so a change committed in between is on a later page, never skipped.
  const lastSeq = await currentSerial(em, CATALOGUE_CHANGE_SERIAL);
  const rows = await em.find(CatalogueDocumentChangeEntity, {
    seq: { $gt: sinceSeq, $lte: lastSeq }, ...(agencies.length ? { agency: { $in: agencies } } : {}),
  }, { orderBy: { seq: 'asc' }, limit: first + 1 });
  const page = rows.slice(0, first);
  const docs = page.length ? await exportRows(ctx, { id: { $in: page.map((r) => r.documentId) } }, page.length) : [];
  const shown = docs.filter(isPublic);
  const nodes = new Map((await exported(ctx, shown)).map((node) => [node.id, node]));
  const changes: CatalogueDocumentChange[] = page.map((r) => {
    const node = nodes.get(r.documentId);
    return node ? { seq: r.seq, node } : { seq: r.seq, removed: { id: r.documentId, agency: r.agency } };
  });
  return { changes, lastSeq, hasNextPage: rows.length > first, ...notices(stale, agencies.length ? agencies : undefined) };
}
