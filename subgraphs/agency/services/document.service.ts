import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/knex';
import { chinaDate } from '../../shared/clock';
import { emptyPage, facetCounts, findKeysetPage, keysetPage, lazily, type Page } from '../../shared/connection';
import type { FacetCount } from '../../../schema/contracts/facets';
import { checkPageSize, decodeCursor, encodeCursor } from '../../../schema/contracts/cursor';
import { BadUserInputError, ForbiddenError, NotFoundError, WorkflowConflictError } from '../../../schema/contracts/errors';
import { directionOf } from '../../../schema/contracts/agency-routing';
import { formatIndexNumber, malformedIndexNumber, normalizeIndexNumber, parseIndexNumber } from '../../../schema/contracts/index-number';
import { normalizeDocNumber } from '../../shared/identifiers';
import { highlightFragment, queryTerms, type QueryTerm } from '../../shared/chinese-text';
import type { SearchTier } from './search-index';
import { actorOf, agencyOf, isStaff, seesInternals, type AgencyContext } from '../context';
import { DocumentEntity } from '../entities/document.entity';
import {
  AttachmentEntity, ConfidentialityReviewEntity, DocumentEventEntity, DocumentRevisionEntity, DocumentVersionEntity, KeyFactEntity,
} from '../entities/document-parts.entity';
import { Channel } from '../../../schema/contracts/channel';
import {
  DisclosureAttribute, DocumentEventKind, DocumentOrder, DocumentStatus, ReviewResult, Validity,
} from '../entities/enums';
import type { CreateDocumentInput, DocumentFilter, KeyFactInput, UpdateDocumentInput } from '../resolvers/document.input';
import {
  checkAttachments, checkCoIssuers, checkDocNumber, checkEffectivePeriod, checkExemption, checkFormedOn, checkGenre, checkKeyFacts,
  checkOptionalDate, checkSubjectTerms, checkTheme,
} from './document-validation';
import { optionalText, requiredText } from '../../shared/text-input';
import { nextSerial } from './serial';
import { checkReleaseHolds } from './release-hold';
import { appendPublicChange, type ReleaseOfChange } from './public-feed';
import { PublicChangeSubject } from '../entities/public-change.entity';

/** Art. 26: proactive information is published within 20 working days of being formed or changed. */
export const PUBLISH_WITHIN_WORKING_DAYS = 20;

/** A page of documents; search edges carry a highlighted fragment, a search page its facets. */
export type DocumentPage = Page<{ cursor: string; node: DocumentEntity; highlight?: string | null }> & { readonly facets?: Promise<DocumentFacets> | null };

/** Counts of the matching documents per agency, theme, year of publication (China time), genre and validity. */
export interface DocumentFacets { agencies: FacetCount[]; themes: FacetCount[]; years: FacetCount[]; genres: FacetCount[]; validities: FacetCount[] }

const PUBLIC_STATUSES = [DocumentStatus.PUBLISHED, DocumentStatus.WITHDRAWN];

/** True when the public (and other agencies' staff) may read this document. */
export function isPublic(doc: Pick<DocumentEntity, 'disclosure' | 'status'>): boolean {
  return doc.disclosure === DisclosureAttribute.PROACTIVE && PUBLIC_STATUSES.includes(doc.status);
}

/** The body as the caller reads it: a withdrawn item keeps its record, but the public reads the notice, not the withdrawn text. */
export function bodyAsShown(ctx: AgencyContext, doc: Pick<DocumentEntity, 'status' | 'withdrawalReason' | 'body'>): string {
  if (doc.status === DocumentStatus.WITHDRAWN && !seesInternals(ctx)) return `该信息已撤回：${doc.withdrawalReason ?? ''} / This information was withdrawn.`;
  return doc.body;
}

/** The document if the caller may read it; null otherwise (a hidden item looks like a missing one). */
export async function findVisibleDocument(ctx: AgencyContext, id: string): Promise<DocumentEntity | null> {
  const doc = await ctx.loaders.document.load(id);
  if (!doc) return null;
  return isPublic(doc) || seesInternals(ctx) ? doc : null;
}

/**
 * The document with this 索引号 (any case, surrounding spaces ignored) if the caller may read it;
 * null when there is none or it is hidden; BAD_USER_INPUT when the text is not an index number.
 */
export async function findVisibleDocumentByIndexNumber(ctx: AgencyContext, indexNumber: string): Promise<DocumentEntity | null> {
  if (!parseIndexNumber(indexNumber)) throw malformedIndexNumber('indexNumber', indexNumber);
  const doc = await ctx.em.findOne(DocumentEntity, { indexNumber: normalizeIndexNumber(indexNumber) });
  if (!doc || !(isPublic(doc) || seesInternals(ctx))) return null;
  ctx.loaders.document.prime(doc.id, doc);
  return doc;
}

function startOfChinaDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/**
 * The rows a list or search may return to this caller under `filter`; null when nothing can match
 * (e.g. the public asking for drafts). The one place list visibility is decided.
 */
export function visibleWhere(ctx: AgencyContext, filter: DocumentFilter | null | undefined): FilterQuery<DocumentEntity> | null {
  const f = filter ?? {};
  const where: Record<string, unknown> = {};
  // The gateway only asks deployments that hold the agencies named; the condition keeps a
  // deployment that holds several agencies (a test's single-database reference) exact too.
  if (f.agencies) where.agencyCode = { $in: f.agencies };
  // A harvest of changes must also learn of withdrawals, so it includes withdrawn records.
  const published = f.updatedSince ? PUBLIC_STATUSES : [DocumentStatus.PUBLISHED];
  const requested = f.status?.length ? f.status : published;
  if (seesInternals(ctx)) {
    where.status = { $in: requested };
  } else {
    const allowed = requested.filter((s) => published.includes(s));
    if (allowed.length === 0) return null;
    where.status = { $in: allowed };
    where.disclosure = DisclosureAttribute.PROACTIVE;
  }
  if (f.updatedSince) where.updatedAt = { $gt: f.updatedSince };
  if (f.theme) where.theme = checkTheme(f.theme).name;
  if (f.publishedFrom || f.publishedTo) {
    if (f.publishedFrom && f.publishedTo && f.publishedFrom > f.publishedTo) {
      throw new BadUserInputError('filter.publishedTo', '结束日期不能早于开始日期', 'publishedTo must not be before publishedFrom');
    }
    const range: Record<string, Date> = {};
    if (f.publishedFrom) range.$gte = startOfChinaDay(f.publishedFrom);
    if (f.publishedTo) range.$lt = new Date(startOfChinaDay(f.publishedTo).getTime() + 86_400_000);
    where.publishedAt = range;
    // The same range on the list key, which a published document's equals (listedAt is publishedAt
    // once published): the page is then read from the (status, listedAt, id) index from the
    // range's end, instead of walking back from the newest document past every later one.
    where.listedAt = range;
  }
  if (f.docNumber) where.docNumberNorm = normalizeDocNumber(f.docNumber);
  if (f.genre) where.genre = checkGenre(f.genre.trim(), '');
  if (f.validity?.length) where.validity = { $in: f.validity };
  return where as FilterQuery<DocumentEntity>;
}

/** Documents newest (or oldest) first, keyset-paged on (listedAt, id) so shards merge exactly. */
export async function listDocuments(
  ctx: AgencyContext, filter: DocumentFilter | null | undefined, order: DocumentOrder, first: number, after?: string | null,
): Promise<DocumentPage> {
  checkPageSize(first);
  const where = visibleWhere(ctx, filter);
  if (!where) return emptyPage();
  const page = await findKeysetPage(ctx.em, DocumentEntity, where, {
    column: order === DocumentOrder.UPDATED_AT_ASC ? 'updatedAt' : 'listedAt',
    direction: directionOf(order),
    first, after, plain: true,
  });
  for (const { node } of page.edges) ctx.loaders.document.prime(node.id, node);
  return page;
}

/**
 * The score of a document whose number (文号, any bracket style) or index number (索引号) is
 * exactly the search text: above every text match, whatever else cites it — a reader who types
 * one is looking for that document.
 */
const EXACT_NUMBER_SCORE = 1_000_000;

/**
 * Whether a search filter narrows anything beyond what the index holds (every published proactive
 * document): any field set but `status`, which a search fixes to PUBLISHED — so a filter field
 * added later narrows too, without being listed here.
 */
function narrowsSearch(filter: DocumentFilter | null | undefined): boolean {
  return Object.entries(filter ?? {}).some(([field, value]) => field !== 'status' && value !== null && value !== undefined);
}

/**
 * Chinese full-text search over published documents, best first, keyset-paged on (score, id),
 * each hit with a highlighted fragment. The ranking, in tiers (each above the next): the document
 * whose number or index number is the text; documents whose title or number holds every word;
 * the other text matches (see SearchIndex.plan). A page reads the tiers in order and stops when
 * it is full, so the cost of scoring grows with the matches of the tiers it reaches, not all.
 */
export async function searchDocuments(
  ctx: AgencyContext, text: string, filter: DocumentFilter | null | undefined, first: number, after?: string | null,
): Promise<DocumentPage> {
  checkPageSize(first);
  if (text.trim().length > 200) throw new BadUserInputError('text', '搜索词不能超过 200 个字符', 'Search text must be at most 200 characters');
  const visible = visibleWhere(ctx, { ...filter, status: [DocumentStatus.PUBLISHED] });
  if (!visible) return emptyPage();
  const em = ctx.em;
  // Words that stand side by side in no document leave the proximity factor out of the scoring.
  // The text is segmented once, for the probe and the plan alike.
  const terms = queryTerms(text);
  const probe = ctx.runtime.search.adjacencyProbe(terms);
  const adjacency = probe && (await em.execute(probe.sql, probe.bindings)).length === 0 ? 'none' : 'scored';
  const plan = ctx.runtime.search.plan(text, adjacency, terms);
  if (!plan) return emptyPage();
  // Only the public's view is indexed, whoever searches.
  const where = { $and: [visible, { status: DocumentStatus.PUBLISHED, disclosure: DisclosureAttribute.PROACTIVE }] } as FilterQuery<DocumentEntity>;
  const knex = em.getKnex();
  const documents = () => em.createQueryBuilder(DocumentEntity, 'd').select(['d.id']).where(where as never).getKnexQuery();
  // Looked up by the two indexed columns alone, then filtered: in one query SQLite's planner
  // (without statistics) would walk every published document by the status index instead.
  const numbered = await em.execute<{ id: string }[]>(
    knex.select('id').from('document').where('index_number', normalizeIndexNumber(text)).orWhere('doc_number_norm', normalizeDocNumber(text)),
  );
  const exact = numbered.length
    ? (await em.execute<{ id: string }[]>(documents().whereIn('d.id', numbered.map((r) => r.id)).orderBy('d.id', 'desc'))).map((r) => r.id)
    : [];
  // Without a narrowing filter every indexed document is visible: the index answers alone.
  const narrowed = narrowsSearch(filter);
  type Row = { id: string; score: number };
  const readTier = (tier: SearchTier, limit: number, cursor?: [number, string]): Promise<Row[]> => {
    const hits = knex.raw(`(${tier.sql}) as hits`, tier.bindings);
    const query = narrowed
      ? documents().join(hits, 'hits.doc_id', 'd.id').clearSelect().select('hits.doc_id as id', 'hits.score as score')
      : knex.select('hits.doc_id as id', 'hits.score as score').from(hits);
    if (exact.length) query.whereNotIn('hits.doc_id', exact);
    if (cursor) query.andWhere((w: Knex.QueryBuilder) => w.where('hits.score', '<', cursor[0]).orWhere((x: Knex.QueryBuilder) => x.where('hits.score', '=', cursor[0]).andWhere('hits.doc_id', '<', cursor[1])));
    return em.execute<Row[]>(query.orderBy([{ column: 'hits.score', order: 'desc' }, { column: 'hits.doc_id', order: 'desc' }]).limit(limit));
  };
  // Bands best first, each scoring at least its floor and above the next: the exact numbers, then
  // the index's tiers. A page starts in the cursor's band, after the cursor, and reads on until full.
  const bands: { floor: number; read: (limit: number, cursor?: [number, string]) => Promise<Row[]> }[] = [
    { floor: EXACT_NUMBER_SCORE, read: async (limit, cursor) => exact.filter((id) => !cursor || id < cursor[1]).slice(0, limit).map((id) => ({ id, score: EXACT_NUMBER_SCORE })) },
    ...plan.tiers.map((tier) => ({ floor: tier.floor, read: (limit: number, cursor?: [number, string]) => readTier(tier, limit, cursor) })),
  ];
  const cursor = after ? decodeCursor(after, ['number', 'string']) as [number, string] : undefined;
  const start = cursor ? bands.findIndex((band) => cursor[0] >= band.floor) : 0;
  const rows: Row[] = [];
  for (let i = start; i < bands.length && rows.length <= first; i++) {
    rows.push(...await bands[i].read(first + 1 - rows.length, i === start ? cursor : undefined));
  }
  const page = rows.slice(0, first);
  const docs = await ctx.loaders.document.loadMany(page.map((r) => r.id));
  const edges = page.map((row, i) => {
    const node = docs[i] as DocumentEntity;
    return { cursor: encodeCursor([Number(row.score), row.id]), node, highlight: highlightOf(node, plan.terms, plan.phrases) };
  });
  const found = () => documents().andWhere((w: Knex.QueryBuilder) => w.whereIn('d.id', knex.raw(plan.matches.sql, plan.matches.bindings) as never).orWhereIn('d.id', exact));
  const result = keysetPage(edges, rows.length > first, async () => {
    if (narrowed) {
      const [row] = await em.execute<{ n: number }[]>(knex.count('* as n').from(found().as('matches')));
      return Number(row.n);
    }
    const counted = await ctx.runtime.search.countMatches(em, plan);
    const matched = exact.length
      ? await em.execute<{ doc_id: string }[]>(knex.select('doc_id').from(knex.raw(`(${plan.matches.sql}) as matches`, plan.matches.bindings)).whereIn('doc_id', exact))
      : [];
    return counted + exact.length - matched.length;
  });
  const facets = lazily(() => searchFacets(em, found()));
  return Object.defineProperty(result, 'facets', { get: facets, enumerable: true }) as DocumentPage;
}

/**
 * The facets of every document `matches` selects, counted over their five columns (one narrow
 * row per match). The year is taken in China time here rather than in SQL because the two
 * databases store instants differently (SQLite epoch milliseconds, PostgreSQL timestamptz).
 */
async function searchFacets(em: EntityManager, matches: Knex.QueryBuilder): Promise<DocumentFacets> {
  const rows = await em.execute<{ agency_code: string; theme: string; genre: string; validity: string; published_at: Date | number | string }[]>(
    matches.clearSelect().select('d.agency_code', 'd.theme', 'd.genre', 'd.validity', 'd.published_at'),
  );
  const yearOf = (at: Date | number | string) => chinaDate(at instanceof Date ? at : new Date(typeof at === 'string' && /^\d+$/.test(at) ? Number(at) : at)).slice(0, 4);
  return {
    agencies: facetCounts(rows.map((r) => r.agency_code)),
    themes: facetCounts(rows.map((r) => r.theme)),
    years: facetCounts(rows.map((r) => yearOf(r.published_at))),
    genres: facetCounts(rows.map((r) => r.genre)),
    validities: facetCounts(rows.map((r) => r.validity)),
  };
}

function highlightOf(doc: DocumentEntity, terms: QueryTerm[], phrases: string[]): string | null {
  // The field holding what the reader typed, as typed, shows first.
  const withPhrase = [doc.summary ?? '', doc.body, doc.title, doc.docNumber ?? ''].find((f) => phrases.some((p) => f.toLowerCase().includes(p)));
  if (withPhrase !== undefined) return highlightFragment(withPhrase, terms, withPhrase === doc.title ? 120 : 80, phrases) ?? null;
  return highlightFragment(doc.title, terms, 120) !== undefined && !doc.summary && !doc.body
    ? highlightFragment(doc.title, terms, 120)!
    : (highlightFragment(doc.summary ?? '', terms) ?? highlightFragment(doc.body, terms) ?? highlightFragment(doc.title, terms, 120)
      ?? highlightFragment(doc.docNumber ?? '', terms) ?? null);
}

// ---------------------------------------------------------------------------------------------
// Writes. Each runs in one transaction; every change leaves an event; published text is versioned.

/**
 * The document a write acts on, read in the write's transaction: NOT_FOUND when the caller may not
 * see it (another agency's draft looks missing), FORBIDDEN when they see it but lack the role.
 */
export async function loadForWrite(ctx: AgencyContext, em: EntityManager, id: string, roles: Parameters<typeof isStaff>[1]): Promise<DocumentEntity> {
  const doc = await em.findOne(DocumentEntity, { id });
  if (!doc || (!isStaff(ctx) && !isPublic(doc))) throw new NotFoundError('文件 document', id);
  if (!isStaff(ctx, roles)) {
    throw new ForbiddenError('只有本机关有相应职责的工作人员可以办理此事项', `Only ${agencyOf(ctx)} staff with the right role may do this`);
  }
  return doc;
}

/** Appends to the document's audit trail, in the write's transaction, as the caller. */
export function recordEvent(ctx: AgencyContext, em: EntityManager, doc: DocumentEntity, kind: DocumentEventKind, note?: string | null): void {
  em.persist(em.create(DocumentEventEntity, { documentId: doc.id, kind, at: ctx.runtime.clock.now(), actor: actorOf(ctx), note: note ?? null }));
}

function replaceKeyFacts(em: EntityManager, documentId: string, facts: KeyFactInput[]): Promise<void> | void {
  for (const [position, fact] of facts.entries()) {
    em.persist(em.create(KeyFactEntity, { documentId, position, subject: fact.subject, value: fact.value, unit: fact.unit ?? null, asOf: fact.asOf ?? null }));
  }
}

/** Sets the document's publication due date (Art. 26: 20 working days from `from`) on the current calendar. */
export function computeDue(ctx: AgencyContext, doc: DocumentEntity, from: string): void {
  const due = ctx.runtime.calendar.addWorkingDays(from, PUBLISH_WITHIN_WORKING_DAYS);
  doc.publishDueOn = due.on;
  doc.publishDueProvisional = due.provisional;
}

/** 新建 — an editor records a new item of its own agency, as a draft. */
export async function createDocument(ctx: AgencyContext, input: CreateDocumentInput): Promise<DocumentEntity> {
  if (!isStaff(ctx, ['editor'])) {
    throw new ForbiddenError('只有机关的编辑人员可以新建文件', 'Only an agency editor can create documents');
  }
  const agency = agencyOf(ctx);
  const title = requiredText('title', '标题', input.title, 500);
  const body = requiredText('body', '正文', input.body, 500_000);
  const theme = checkTheme(input.theme);
  const formedOn = checkFormedOn(input.formedOn, ctx.runtime.clock.today());
  const exemptionGround = checkExemption(input.disclosure, input.exemptionGround);
  const { docNumber, docNumberNorm } = checkDocNumber(input.docNumber);
  const keyFacts = checkKeyFacts(input.keyFacts);
  const attachments = checkAttachments(input.attachments);
  const subjectTerms = checkSubjectTerms(input.subjectTerms);
  const effectiveOn = checkOptionalDate('effectiveOn', input.effectiveOn);
  const repealedOn = checkOptionalDate('repealedOn', input.repealedOn);
  checkEffectivePeriod(effectiveOn, repealedOn);
  const doc = await ctx.em.transactional(async (em) => {
    await ensureDocNumberFree(em, docNumberNorm, null);
    const now = ctx.runtime.clock.now();
    const serial = await nextSerial(em, 'document');
    const indexSerial = await nextSerial(em, `index:${theme.code}:${formedOn.slice(0, 4)}`);
    const doc = em.create(DocumentEntity, {
      id: `${agency}:${String(serial).padStart(8, '0')}`,
      agencyCode: agency,
      indexNumber: formatIndexNumber(ctx.runtime.config.indexPrefix, theme.code, formedOn.slice(0, 4), indexSerial),
      docNumber, docNumberNorm, title, body,
      summary: optionalText('summary', '内容概述', input.summary, 2000),
      theme: theme.name, themeCode: theme.code,
      genre: checkGenre(input.genre, title),
      formedOn, publishDueOn: formedOn, listedAt: now,
      disclosure: input.disclosure, exemptionGround,
      channels: input.channels?.length ? [...new Set(input.channels)] : [Channel.PORTAL],
      coIssuers: checkCoIssuers(input.coIssuers, agency),
      subjectTerms, effectiveOn, repealedOn,
      createdBy: actorOf(ctx), createdAt: now, updatedAt: now,
    });
    computeDue(ctx, doc, formedOn);
    em.persist(doc);
    replaceKeyFacts(em, doc.id, keyFacts);
    for (const [i, a] of attachments.entries()) em.persist(em.create(AttachmentEntity, { documentId: doc.id, number: i + 1, ...a }));
    recordEvent(ctx, em, doc, DocumentEventKind.CREATED);
    return doc;
  });
  return doc;
}

/** A department never gives one document number to two different documents. */
async function ensureDocNumberFree(em: EntityManager, docNumberNorm: string | null, selfId: string | null): Promise<void> {
  if (!docNumberNorm) return;
  const other = await em.findOne(DocumentEntity, { docNumberNorm, ...(selfId ? { id: { $ne: selfId } } : {}) });
  if (other) {
    throw new BadUserInputError('docNumber', `文号已被本机关文件《${other.title}》使用`, `This document number is already used by ${other.id}`);
  }
}

/** The fields a change edits, on the document itself before publication or on its revision after. */
type EditableContent = Pick<
  DocumentEntity,
  'title' | 'body' | 'summary' | 'theme' | 'themeCode' | 'genre' | 'docNumber' | 'docNumberNorm' | 'coIssuers' | 'channels' | 'subjectTerms' | 'effectiveOn' | 'repealedOn'
>;

async function applyContent(em: EntityManager, target: EditableContent, doc: DocumentEntity, input: UpdateDocumentInput): Promise<void> {
  if (input.title != null) target.title = requiredText('title', '标题', input.title, 500);
  if (input.body != null) target.body = requiredText('body', '正文', input.body, 500_000);
  if (input.summary !== undefined) target.summary = optionalText('summary', '内容概述', input.summary, 2000);
  if (input.theme != null) {
    const theme = checkTheme(input.theme);
    target.theme = theme.name;
    target.themeCode = theme.code;
  }
  if (input.genre != null) target.genre = checkGenre(input.genre, target.title);
  if (input.docNumber !== undefined) {
    Object.assign(target, checkDocNumber(input.docNumber));
    await ensureDocNumberFree(em, target.docNumberNorm ?? null, doc.id);
  }
  if (input.coIssuers != null) target.coIssuers = checkCoIssuers(input.coIssuers, doc.agencyCode);
  if (input.channels != null) target.channels = [...new Set(input.channels)];
  if (input.subjectTerms != null) target.subjectTerms = checkSubjectTerms(input.subjectTerms);
  if (input.effectiveOn !== undefined) target.effectiveOn = checkOptionalDate('effectiveOn', input.effectiveOn);
  if (input.repealedOn !== undefined) target.repealedOn = checkOptionalDate('repealedOn', input.repealedOn);
  // Checked on the result: a change of either date must still leave the period in order.
  checkEffectivePeriod(target.effectiveOn, target.repealedOn);
}

/**
 * 修改 — before publication the draft is edited in place (an approved item goes back to draft
 * for a new review); after publication a change needs a reason and is a revision: a new draft
 * version that goes through confidentiality review and publication before it replaces the public
 * text, which stays as it is meanwhile.
 */
export async function updateDocument(ctx: AgencyContext, id: string, input: UpdateDocumentInput, reason?: string | null): Promise<DocumentEntity> {
  return ctx.em.transactional(async (em) => {
    const doc = await loadForWrite(ctx, em, id, ['editor']);
    await checkReleaseHolds(em, doc.id, ctx.runtime.clock.now(), 'change');
    if (doc.status === DocumentStatus.WITHDRAWN) throw new WorkflowConflictError('已撤回的文件不能修改', 'A withdrawn document cannot be changed', doc.status);
    const why = optionalText('reason', '修改理由', reason, 2000);
    if (doc.status === DocumentStatus.PUBLISHED) {
      if (!why) throw new BadUserInputError('reason', '已发布文件的修改必须说明理由', 'Changing a published document needs a reason');
      if (input.formedOn != null || input.disclosure != null || input.exemptionGround != null) {
        throw new BadUserInputError('input', '已发布文件的生成日期和公开属性不能修改，如需更正请撤回', 'formedOn and disclosure of a published document cannot change; withdraw it instead');
      }
      await reviseDocument(ctx, em, doc, input, why);
      return doc;
    }
    await applyContent(em, doc, doc, input);
    if (input.formedOn != null) {
      doc.formedOn = checkFormedOn(input.formedOn, ctx.runtime.clock.today());
      computeDue(ctx, doc, doc.formedOn);
    }
    if (input.disclosure != null || input.exemptionGround !== undefined) {
      doc.disclosure = input.disclosure ?? doc.disclosure;
      doc.exemptionGround = checkExemption(doc.disclosure, input.exemptionGround ?? (input.disclosure ? null : doc.exemptionGround));
    }
    if (input.keyFacts != null) {
      const facts = checkKeyFacts(input.keyFacts);
      await em.nativeDelete(KeyFactEntity, { documentId: doc.id });
      replaceKeyFacts(em, doc.id, facts);
    }
    doc.updatedAt = ctx.runtime.clock.now();
    if (doc.status === DocumentStatus.APPROVED || doc.status === DocumentStatus.IN_REVIEW) doc.status = DocumentStatus.DRAFT;
    recordEvent(ctx, em, doc, DocumentEventKind.EDITED, why);
    return doc;
  });
}

/**
 * Writes a change of a published document into its revision (started from the published text on
 * the first change), back to draft so that it is reviewed again. The document row — what the
 * public, the search index and exports read — is untouched.
 */
async function reviseDocument(ctx: AgencyContext, em: EntityManager, doc: DocumentEntity, input: UpdateDocumentInput, why: string): Promise<void> {
  const now = ctx.runtime.clock.now();
  let revision = await em.findOne(DocumentRevisionEntity, { documentId: doc.id });
  if (!revision) {
    const facts = await em.find(KeyFactEntity, { documentId: doc.id }, { orderBy: { position: 'asc' } });
    revision = em.create(DocumentRevisionEntity, {
      documentId: doc.id, status: DocumentStatus.DRAFT,
      title: doc.title, summary: doc.summary ?? null, body: doc.body, theme: doc.theme, themeCode: doc.themeCode, genre: doc.genre,
      docNumber: doc.docNumber ?? null, docNumberNorm: doc.docNumberNorm ?? null, channels: [...doc.channels], coIssuers: [...doc.coIssuers],
      subjectTerms: [...doc.subjectTerms], effectiveOn: doc.effectiveOn ?? null, repealedOn: doc.repealedOn ?? null,
      keyFacts: facts.map(({ subject, value, unit, asOf }) => ({ subject, value, unit: unit ?? null, asOf: asOf ?? null })),
      reason: why, authors: [], createdAt: now, updatedAt: now,
    });
    em.persist(revision);
  }
  await applyContent(em, revision, doc, input);
  if (input.keyFacts != null) {
    revision.keyFacts = checkKeyFacts(input.keyFacts).map(({ subject, value, unit, asOf }) => ({ subject, value, unit: unit ?? null, asOf: asOf ?? null }));
  }
  revision.reason = why;
  revision.status = DocumentStatus.DRAFT;
  revision.authors = [...new Set([...revision.authors, actorOf(ctx)])];
  revision.updatedAt = now;
  recordEvent(ctx, em, doc, DocumentEventKind.EDITED, why);
}

async function snapshotVersion(ctx: AgencyContext, em: EntityManager, doc: DocumentEntity, reason: string): Promise<void> {
  const keyFacts = await em.find(KeyFactEntity, { documentId: doc.id }, { orderBy: { position: 'asc' } });
  em.persist(em.create(DocumentVersionEntity, {
    documentId: doc.id, version: doc.version, title: doc.title, summary: doc.summary ?? null, body: doc.body,
    docNumber: doc.docNumber ?? null,
    keyFacts: keyFacts.map(({ subject, value, unit, asOf }) => ({ subject, value, unit, asOf })),
    subjectTerms: [...doc.subjectTerms], effectiveOn: doc.effectiveOn ?? null, repealedOn: doc.repealedOn ?? null,
    reason, createdAt: ctx.runtime.clock.now(), createdBy: actorOf(ctx),
  }));
}

/**
 * What is under review: the document itself before its first publication, its revision after
 * (CONFLICT when a published document has none).
 */
async function versionUnderWork(em: EntityManager, doc: DocumentEntity): Promise<{ revision: DocumentRevisionEntity | null; status: DocumentStatus }> {
  if (doc.status !== DocumentStatus.PUBLISHED) return { revision: null, status: doc.status };
  const revision = await em.findOne(DocumentRevisionEntity, { documentId: doc.id });
  if (!revision) {
    throw new WorkflowConflictError('该文件已发布且没有待审的修订稿', 'The document is published and has no revision in progress', doc.status);
  }
  return { revision, status: revision.status };
}

/** The authors of the version under review: the creator and every editor of the draft, or everyone who wrote the revision. */
async function authorsOf(em: EntityManager, doc: DocumentEntity, revision: DocumentRevisionEntity | null): Promise<string[]> {
  if (revision) return revision.authors;
  // Before publication every CREATED and EDITED event belongs to the version under review.
  const events = await em.find(DocumentEventEntity, { documentId: doc.id, kind: { $in: [DocumentEventKind.CREATED, DocumentEventKind.EDITED] } }, { fields: ['actor'] });
  return [...new Set([doc.createdBy, ...events.map((e) => e.actor)])];
}

/** The reviewer whose approval stands: the latest one recorded for the document. */
async function approvingReviewer(em: EntityManager, documentId: string): Promise<string | null> {
  const [review] = await em.find(ConfidentialityReviewEntity, { documentId, result: ReviewResult.APPROVED }, { orderBy: { reviewedAt: 'desc', id: 'desc' }, limit: 1 });
  return review?.reviewer ?? null;
}

/**
 * Four-eyes at publication: at least two people touched the version before it goes public — the
 * publisher is never both its author and its reviewer; an agency that sets `distinctPublisher`
 * requires a third person. Admins are no exception.
 */
async function checkPublisher(ctx: AgencyContext, em: EntityManager, doc: DocumentEntity, revision: DocumentRevisionEntity | null): Promise<void> {
  const me = actorOf(ctx);
  const wrote = (await authorsOf(em, doc, revision)).includes(me);
  const reviewed = (await approvingReviewer(em, doc.id)) === me;
  if (ctx.runtime.config.distinctPublisher && (wrote || reviewed)) {
    throw new ForbiddenError('本机关规定发布人不能是本文件的起草人或审核人', 'This agency requires a publisher who is neither an author nor the reviewer of the document');
  }
  if (wrote && reviewed) {
    throw new ForbiddenError('发布人不能既是本文件的起草人又是审核人', 'The publisher cannot be both an author and the reviewer of the document');
  }
}

/** 送审 — the editor sends a draft (or the draft revision of a published document) to confidentiality review. */
export async function submitForReview(ctx: AgencyContext, id: string): Promise<DocumentEntity> {
  return ctx.em.transactional(async (em) => {
    const doc = await loadForWrite(ctx, em, id, ['editor']);
    const { revision, status } = await versionUnderWork(em, doc);
    if (status !== DocumentStatus.DRAFT) throw new WorkflowConflictError('只有草稿可以送审', 'Only a draft can be submitted for review', status);
    markSubmitted(ctx, em, doc, revision);
    return doc;
  });
}

/** The version under work goes to review, inside the caller's transaction. */
export function markSubmitted(ctx: AgencyContext, em: EntityManager, doc: DocumentEntity, revision: DocumentRevisionEntity | null): void {
  const now = ctx.runtime.clock.now();
  if (revision) {
    revision.status = DocumentStatus.IN_REVIEW;
    revision.updatedAt = now;
  } else {
    doc.status = DocumentStatus.IN_REVIEW;
    doc.updatedAt = now;
  }
  recordEvent(ctx, em, doc, DocumentEventKind.SUBMITTED);
}

/**
 * 保密审查 (Art. 17) — the reviewer approves or refuses, recorded with reviewer, time and note.
 * A draft handed straight to the reviewer is submitted and reviewed in one step. The reviewer is
 * never an author of the version under review (four-eyes), whatever roles they hold.
 */
export async function reviewDocument(ctx: AgencyContext, id: string, approve: boolean, note?: string | null): Promise<DocumentEntity> {
  return ctx.em.transactional(async (em) => {
    const doc = await loadForWrite(ctx, em, id, ['reviewer']);
    await recordReview(ctx, em, doc, approve, note);
    return doc;
  });
}

/**
 * The review itself, inside the caller's transaction (also the first step of an expedited
 * release): the same checks whichever path asks for it. Returns the revision under work, if any.
 */
export async function recordReview(ctx: AgencyContext, em: EntityManager, doc: DocumentEntity, approve: boolean, note?: string | null): Promise<DocumentRevisionEntity | null> {
  const { revision, status } = await versionUnderWork(em, doc);
  if (status !== DocumentStatus.DRAFT && status !== DocumentStatus.IN_REVIEW) {
    throw new WorkflowConflictError('该文件不在待审状态', 'The document is not awaiting review', status);
  }
  if ((await authorsOf(em, doc, revision)).includes(actorOf(ctx))) {
    throw new ForbiddenError('审核人不能是本文件的起草人', 'The reviewer cannot be the document\'s author');
  }
  const text = optionalText('note', '审查意见', note, 2000);
  if (!approve && !text) throw new BadUserInputError('note', '不通过审查时须写明意见', 'A refusal needs a note saying why');
  if (status === DocumentStatus.DRAFT) recordEvent(ctx, em, doc, DocumentEventKind.SUBMITTED);
  const now = ctx.runtime.clock.now();
  em.persist(em.create(ConfidentialityReviewEntity, {
    documentId: doc.id, reviewer: actorOf(ctx), reviewedAt: now, result: approve ? ReviewResult.APPROVED : ReviewResult.REFUSED, note: text,
  }));
  const next = approve ? DocumentStatus.APPROVED : DocumentStatus.DRAFT;
  if (revision) {
    revision.status = next;
    revision.updatedAt = now;
  } else {
    doc.status = next;
    doc.updatedAt = now;
  }
  recordEvent(ctx, em, doc, approve ? DocumentEventKind.APPROVED : DocumentEventKind.REFUSED, text);
  return revision;
}

/**
 * 发布 — an approved proactive item goes public: first version, search index, publication time.
 * For a published document, its approved revision replaces the public text as the next version.
 */
export async function publishDocument(ctx: AgencyContext, id: string): Promise<DocumentEntity> {
  return ctx.em.transactional(async (em) => {
    const doc = await loadForWrite(ctx, em, id, ['editor', 'reviewer']);
    const { revision, status } = await versionUnderWork(em, doc);
    if (status !== DocumentStatus.APPROVED) {
      throw new WorkflowConflictError('文件须通过保密审查后才能发布', 'Only a document approved by confidentiality review can be published', status);
    }
    if (doc.disclosure !== DisclosureAttribute.PROACTIVE) {
      throw new WorkflowConflictError('只有主动公开的信息可以发布；依申请公开和不予公开的信息不发布', 'Only PROACTIVE items are published; ON_REQUEST and NOT_DISCLOSED items are not', doc.disclosure);
    }
    await publishApproved(ctx, em, doc, revision);
    return doc;
  });
}

/**
 * Publication of an approved version, inside the caller's transaction, after the checks every path
 * to the public keeps (four-eyes at publication, release holds). Also the last step of an
 * expedited release.
 */
export async function publishApproved(ctx: AgencyContext, em: EntityManager, doc: DocumentEntity, revision: DocumentRevisionEntity | null): Promise<void> {
  await checkPublisher(ctx, em, doc, revision);
  if (revision) {
    await checkReleaseHolds(em, doc.id, ctx.runtime.clock.now(), 'change');
    await publishRevision(ctx, em, doc, revision);
    return;
  }
  await checkReleaseHolds(em, doc.id, ctx.runtime.clock.now(), 'publish');
  await markPublished(ctx, em, doc);
}

/** The approved revision becomes the public text: next version, search index, key facts; the revision goes. */
async function publishRevision(ctx: AgencyContext, em: EntityManager, doc: DocumentEntity, revision: DocumentRevisionEntity): Promise<void> {
  const {
    title, summary, body, theme, themeCode, genre, docNumber, docNumberNorm, channels, coIssuers, subjectTerms, effectiveOn, repealedOn,
  } = revision;
  Object.assign(doc, { title, summary, body, theme, themeCode, genre, docNumber, docNumberNorm, channels, coIssuers, subjectTerms, effectiveOn, repealedOn });
  await ensureDocNumberFree(em, doc.docNumberNorm ?? null, doc.id);
  await em.nativeDelete(KeyFactEntity, { documentId: doc.id });
  replaceKeyFacts(em, doc.id, revision.keyFacts);
  doc.version += 1;
  doc.updatedAt = ctx.runtime.clock.now();
  await em.flush();
  await snapshotVersion(ctx, em, doc, revision.reason);
  await ctx.runtime.search.put(em, doc);
  // The files the revision brought become the document's, public with the new version.
  await em.nativeUpdate(AttachmentEntity, { documentId: doc.id, inRevision: true }, { inRevision: false });
  recordEvent(ctx, em, doc, DocumentEventKind.REVISED, revision.reason);
  await appendPublicChange(em, PublicChangeSubject.DOCUMENT, doc.id, DocumentEventKind.REVISED, doc.updatedAt);
  em.remove(revision);
}

/**
 * The publication itself, inside the caller's transaction, once every check passed: first
 * version, search index, publication time. Also the commit step of a coordinated release, with
 * the plan (`release`) and its release instant (`at`).
 */
export async function markPublished(ctx: AgencyContext, em: EntityManager, doc: DocumentEntity, release?: ReleaseOfChange, at?: Date): Promise<void> {
  const now = ctx.runtime.clock.now();
  // A coordinated release gives every document of the plan its one release instant; updatedAt stays
  // the commit time, so a harvest of changes since a time never misses a late commit.
  const publishedAt = at ?? now;
  doc.status = DocumentStatus.PUBLISHED;
  doc.publishedAt = publishedAt;
  doc.listedAt = publishedAt;
  doc.updatedAt = now;
  doc.version = 1;
  await snapshotVersion(ctx, em, doc, '首次发布 / First publication');
  await ctx.runtime.search.put(em, doc);
  recordEvent(ctx, em, doc, DocumentEventKind.PUBLISHED);
  await appendPublicChange(em, PublicChangeSubject.DOCUMENT, doc.id, DocumentEventKind.PUBLISHED, now, release);
}

/** 撤回 — the record stays, says why, and leaves the search index. */
export async function withdrawDocument(ctx: AgencyContext, id: string, reason: string): Promise<DocumentEntity> {
  return ctx.em.transactional(async (em) => {
    const doc = await loadForWrite(ctx, em, id, ['reviewer']);
    if (doc.status !== DocumentStatus.PUBLISHED) throw new WorkflowConflictError('只有已发布的文件可以撤回', 'Only a published document can be withdrawn', doc.status);
    const why = requiredText('reason', '撤回理由', reason, 2000);
    const now = ctx.runtime.clock.now();
    doc.status = DocumentStatus.WITHDRAWN;
    doc.withdrawalReason = why;
    doc.withdrawnAt = now;
    doc.updatedAt = now;
    await ctx.runtime.search.remove(em, doc.id);
    recordEvent(ctx, em, doc, DocumentEventKind.WITHDRAWN, why);
    await appendPublicChange(em, PublicChangeSubject.DOCUMENT, doc.id, DocumentEventKind.WITHDRAWN, now);
    return doc;
  });
}

/** 有效性变更 — amended, repealed or expired, recorded as an event with its reason. */
export async function changeValidity(ctx: AgencyContext, id: string, validity: Validity, reason: string): Promise<DocumentEntity> {
  return ctx.em.transactional(async (em) => {
    const doc = await loadForWrite(ctx, em, id, ['editor']);
    const why = requiredText('reason', '变更理由', reason, 2000);
    if (doc.validity === validity) throw new WorkflowConflictError('有效性未改变', `The document is already ${validity}`, doc.validity);
    recordEvent(ctx, em, doc, DocumentEventKind.VALIDITY_CHANGED, `${doc.validity} → ${validity}: ${why}`);
    doc.validity = validity;
    doc.updatedAt = ctx.runtime.clock.now();
    if (isPublic(doc)) await appendPublicChange(em, PublicChangeSubject.DOCUMENT, doc.id, DocumentEventKind.VALIDITY_CHANGED, doc.updatedAt);
    return doc;
  });
}

/** Late for publication: due date passed unpublished, or published after it. */
export function isOverdue(doc: DocumentEntity, today: string): boolean {
  if (doc.disclosure !== DisclosureAttribute.PROACTIVE) return false;
  if (doc.publishedAt) return chinaDate(doc.publishedAt) > doc.publishDueOn;
  return doc.status !== DocumentStatus.WITHDRAWN && today > doc.publishDueOn;
}

