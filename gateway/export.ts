import { isAgencyCode } from '../schema/contracts/shard-registry';
import { CATALOGUE_EXPORT_PAGE, type CatalogueChangesPage } from '../schema/contracts/catalogue-export';
import type { Claims } from '../schema/contracts/claims';
import { readsPublicProjection } from '../schema/contracts/shard-routing';
import type { CatalogueExportClient } from './catalogue-export-client';
import { jsonError } from './protection';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { hubScalarError } from './input-validation';
import type { IncomingMessage } from 'node:http';
import { EXPORT_PAGE, type ExportMeter, type ExportStop } from './export-limits';
import { EXPORT_FIELDS, type ExportKind } from './export-fields';
import { appealsTableCsv, proactiveTableCsv, requestsTableCsv } from '../schema/contracts/annual-report-csv';

/**
 * Bulk data for researchers: GET /export/documents.(ndjson|csv) and /export/penalties.(ndjson|csv)
 * stream every published item page by page through the gateway's own GraphQL API (so the same
 * visibility, merge and partial-answer rules apply) in constant memory, whatever the size.
 * `?since=<DateTime>` harvests what changed (published, revised, withdrawn) since then, oldest
 * first; every line carries `cursor`, and `?after=<cursor>` resumes an interrupted harvest.
 * Pages are metered against the caller's quota and exports per caller are limited (ExportMeter);
 * a stream that stops early ends with a record saying why and where to resume: in NDJSON a line
 * `{"error": …, "resumeAfter": cursor}`, in CSV a record `#<CODE>,<resumeAfter>,<message>`
 * (a data record's cursor never starts with `#`).
 * For spreadsheets, `?bom=1` prefixes a UTF-8 byte order mark and `?labels=zh` writes the header
 * in Chinese; `?agency=` (repeatable or comma list) and `?year=` / `?fromYear=` / `?toYear=` narrow
 * a documents export through DocumentFilter. `GET /export/fields` serves the field dictionary.
 *
 * When the gateway has a catalogue and the caller's view is the public projection (the same
 * `readsPublicProjection` decision as the GraphQL reads), a documents export reads the catalogue's
 * export pages instead: the same rows and cursors, ten export pages per call, no GraphQL. Metering,
 * limits and filters stay here. A catalogue that is down or starting makes the stream go on
 * through GraphQL from the same cursor.
 * `?sinceSeq=<n>` (NDJSON) harvests the catalogue's change sequence: every document changed after
 * n in sequence order, each line with its `seq`, a document that left the public projection as a
 * line `{"seq", "id", "agency", "removed": true}`; without a catalogue it is a 503.
 */

/** Runs a GraphQL operation against the gateway itself, with the caller's headers. */
export type SelfQuery = (query: string, variables: Record<string, unknown>, headers: Headers) => Promise<{ data?: any; errors?: any[] }>;

const DOCUMENT_FIELDS = 'id indexNumber docNumber title summary body theme genre formedOn subjectTerms effectiveOn repealedOn publishedAt validity status version withdrawalReason agency { code } coIssuers { code } keyFacts { subject value unit asOf }';
const DOCUMENTS = `query Export($first: Int, $after: String, $filter: DocumentFilter, $orderBy: DocumentOrder) {
  documents(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { pageInfo { hasNextPage endCursor } edges { cursor node { ${DOCUMENT_FIELDS} } } }
}`;
const PENALTIES = `query Export($first: Int, $after: String) {
  penaltyDecisions(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { cursor node {
    id caseNumber partyKind partyName partyCreditCode partyIdNumber facts legalBasis penalty decidedOn publishedAt displayUntil status authority { code }
  } } }
}`;

/** Years a year filter accepts: the People's Republic's first to a far future. */
const YEARS = { min: 1949, max: 2100 };

/** What a documents export's query string asks beyond paging: DocumentFilter fields, or why it is invalid. */
function documentFilter(params: URLSearchParams): { filter: Record<string, unknown> } | { error: string } {
  const filter: Record<string, unknown> = {};
  const agencies = params.getAll('agency').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const bad = agencies.find((code) => !isAgencyCode(code));
  if (bad !== undefined) {
    return { error: `机关代码格式不正确：${bad}（小写字母开头，仅含小写字母、数字或连字符）/ Malformed agency code: ${bad} (lower-case letters, digits or hyphens, starting with a letter)` };
  }
  if (agencies.length) filter.agencies = [...new Set(agencies)];
  const year = params.get('year');
  if (year !== null && (params.has('fromYear') || params.has('toYear'))) {
    return { error: 'year 不能与 fromYear / toYear 同时使用 / year cannot be combined with fromYear / toYear' };
  }
  const years: Record<'fromYear' | 'toYear', number | undefined> = { fromYear: undefined, toYear: undefined };
  for (const [param, into] of [['year', 'both'], ['fromYear', 'fromYear'], ['toYear', 'toYear']] as const) {
    const value = params.get(param);
    if (value === null) continue;
    const n = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(n >= YEARS.min && n <= YEARS.max)) {
      return { error: `${param} 须为 ${YEARS.min}–${YEARS.max} 之间的四位年份：${value} / ${param} must be a four-digit year from ${YEARS.min} to ${YEARS.max}: ${value}` };
    }
    if (into === 'both' || into === 'fromYear') years.fromYear = n;
    if (into === 'both' || into === 'toYear') years.toYear = n;
  }
  if (years.fromYear !== undefined && years.toYear !== undefined && years.fromYear > years.toYear) {
    return { error: 'toYear 不能早于 fromYear / toYear must not be before fromYear' };
  }
  // DocumentFilter's dates are China calendar days (Asia/Shanghai), so a year is 1 January to 31 December there.
  if (years.fromYear !== undefined) filter.publishedFrom = `${years.fromYear}-01-01`;
  if (years.toYear !== undefined) filter.publishedTo = `${years.toYear}-12-31`;
  return { filter };
}

/**
 * One exported record. NDJSON keeps structure (`coIssuers` an array of agency codes, `keyFacts`
 * an array of objects, `subjectTerms` an array of strings); a CSV cell is text, so there they are
 * space-separated codes, JSON and terms joined by "；".
 */
function flatten(kind: ExportKind, format: 'ndjson' | 'csv', cursor: string, node: Record<string, any>): Record<string, unknown> {
  if (kind === 'penalties') return { cursor, ...node, authority: node.authority?.code };
  const coIssuers = (node.coIssuers ?? []).map((a: { code: string }) => a.code);
  const keyFacts = node.keyFacts ?? [];
  const subjectTerms: string[] = node.subjectTerms ?? [];
  return {
    cursor, ...node, agency: node.agency?.code,
    coIssuers: format === 'ndjson' ? coIssuers : coIssuers.join(' '),
    // A term never holds "；" (the agency refuses it), so the cell splits back into the list.
    subjectTerms: format === 'ndjson' ? subjectTerms : subjectTerms.join('；'),
    keyFacts: format === 'ndjson' ? keyFacts : JSON.stringify(keyFacts),
  };
}

/** One line of a harvest by sequence: the document as exported (without cursor: `seq` is the resume point), or its removal. */
function changeLine(change: CatalogueChangesPage['changes'][number]): string {
  if ('removed' in change) return JSON.stringify({ seq: change.seq, id: change.removed.id, agency: change.removed.agency, removed: true }) + '\n';
  const { cursor: _cursor, ...row } = flatten('documents', 'ndjson', '', change.node as unknown as Record<string, any>);
  return JSON.stringify({ seq: change.seq, ...row }) + '\n';
}

const REPORT_TABLES = `
  requestsTable { code label naturalPerson commercialEnterprise researchInstitution publicInterestOrganisation legalServiceOrganisation otherOrganisation total }
  proactiveTable { rules { issued repealed effective } normativeDocuments { issued repealed effective } permitDecisions penaltyDecisions compulsoryMeasureDecisions feeAmountTenThousandYuan }
  appealsTable { reconsideration { upheld corrected other pending total } litigationDirect { upheld corrected other pending total } litigationAfterReconsideration { upheld corrected other pending total } }`;
const PROVINCE_REPORT = `query ProvinceReportExport($year: Int!) { provinceAnnualReport(year: $year) { ${REPORT_TABLES} } }`;
const AGENCY_REPORT = `query AgencyReportExport($code: ID!, $year: Int!) { agency(code: $code) { annualReport(year: $year) { ${REPORT_TABLES} } } }`;

/** Export pages metered per catalogue page. */
const PAGES_PER_CATALOGUE_PAGE = CATALOGUE_EXPORT_PAGE / EXPORT_PAGE;

const CATALOGUE_UNAVAILABLE_MESSAGE = '省级目录暂不可用，按序号收割暂无法进行，请稍后用同一 sinceSeq 重试 / The provincial catalogue is unavailable: a harvest by sequence cannot run now; retry later with the same sinceSeq';

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function badRequest(message: string): Response {
  return Response.json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] }, { status: 400 });
}

/** The record that ends a stream early, in the export's format. */
function stopRecord(format: 'ndjson' | 'csv', code: string, message: string, resumeAfter: string | null, extensions: Record<string, unknown> = {}): string {
  return format === 'ndjson'
    ? JSON.stringify({ error: { message, extensions: { code, ...extensions } }, resumeAfter }) + '\n'
    : [`#${code}`, resumeAfter ?? '', message].map(csvCell).join(',') + '\r\n';
}

/** What an export needs to read the catalogue's pages: its client and the caller verification. */
export interface ExportCatalogue {
  client: CatalogueExportClient;
  claimsOf(headers: Headers): Promise<Claims>;
  /** Documents exports read the catalogue's export pages (else GraphQL pages); a harvest by sequence always does. */
  documentPages: boolean;
}

export function useExport(selfQuery: () => SelfQuery, meter: ExportMeter, catalogue?: ExportCatalogue): GatewayPlugin {
  const unavailable = () => jsonError(503, 'CATALOGUE_UNAVAILABLE', CATALOGUE_UNAVAILABLE_MESSAGE, { 'retry-after': '30' });

  /**
   * `?sinceSeq=`: the catalogue's change sequence, page by page. The first page is read before
   * the answer starts, so a catalogue that is down or starting is a plain 503, not an empty
   * harvest; one that fails later ends the stream with a record saying where to resume.
   */
  async function harvestBySequence(
    request: Request, req: IncomingMessage | undefined, sinceSeq: number, agencies: string[], endResponse: (response: Response) => void,
  ): Promise<void> {
    if (!catalogue) return endResponse(unavailable());
    let claims: Claims;
    try {
      claims = await catalogue.claimsOf(request.headers);
    } catch (error) {
      return endResponse(jsonError(401, 'UNAUTHENTICATED', (error as Error).message));
    }
    const session = await meter.begin(request, req);
    if ('refused' in session) return endResponse(session.refused);
    let seq = sinceSeq;
    let stop: ExportStop | undefined;
    /** The next page, metered; undefined with `stop` set when the quota granted nothing. */
    const nextPage = async (): Promise<CatalogueChangesPage | undefined> => {
      const metered = await session.nextPages(PAGES_PER_CATALOGUE_PAGE);
      stop = metered.stop;
      if (metered.granted === 0) return undefined;
      return session.read(() => catalogue.client.changes(claims, { sinceSeq: seq, first: metered.granted * EXPORT_PAGE, agencies }));
    };
    let page: CatalogueChangesPage | undefined;
    try {
      page = await nextPage();
    } catch {
      await session.end();
      return endResponse(unavailable());
    }
    const encoder = new TextEncoder();
    const finish = (controller: ReadableStreamDefaultController<Uint8Array>, record?: Record<string, unknown>) => {
      if (record) controller.enqueue(encoder.encode(JSON.stringify({ ...record, resumeSinceSeq: seq }) + '\n'));
      controller.close();
      void session.end();
    };
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!page) {
          return finish(controller, stop ? { error: { message: stop.message, extensions: { code: stop.code, retryAfter: stop.retryAfter } } } : undefined);
        }
        let chunk = '';
        for (const change of page.changes) chunk += changeLine(change);
        seq = page.changes.at(-1)?.seq ?? seq;
        // A department whose feed is behind: its changes may come later in the sequence; said in-band as in any export.
        for (const notice of page.errors ?? []) chunk += JSON.stringify({ warning: notice.message, agencies: notice.extensions.agencies, resumeSinceSeq: seq }) + '\n';
        if (chunk) controller.enqueue(encoder.encode(chunk));
        if (!page.hasNextPage) return finish(controller);
        if (stop) return finish(controller, { error: { message: stop.message, extensions: { code: stop.code, retryAfter: stop.retryAfter } } });
        try {
          page = await nextPage();
        } catch {
          return finish(controller, { error: { message: CATALOGUE_UNAVAILABLE_MESSAGE, extensions: { code: 'CATALOGUE_UNAVAILABLE' } } });
        }
      },
      cancel() {
        void session.end();
      },
    });
    endResponse(new Response(stream, {
      headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': 'attachment; filename="document-changes.ndjson"' },
    }));
  }

  /**
   * `GET /export/annual-report.csv?year=&table=2|3|4[&agency=]`: one table of the province's annual
   * report (the sum of every agency's, as `provinceAnnualReport` gives it) or of one agency's, as
   * CSV with the national format's labels, metered as one export page. The subgraphs cannot render
   * the province's: a string cannot be summed across deployments.
   */
  async function annualReportCsv(request: Request, url: URL, req: IncomingMessage | undefined): Promise<Response> {
    const year = Number(url.searchParams.get('year'));
    const table = Number(url.searchParams.get('table'));
    const agency = url.searchParams.get('agency');
    if (!Number.isInteger(year) || ![2, 3, 4].includes(table) || (agency !== null && !isAgencyCode(agency))) {
      return badRequest('year 须为年份，table 须为 2、3 或 4，agency 须为机关代码 / year must be a year, table 2, 3 or 4, and agency a registry code');
    }
    const session = await meter.begin(request, req);
    if ('refused' in session) return session.refused;
    try {
      const stop = await session.nextPage();
      if (stop) return jsonError(429, stop.code, stop.message, { 'retry-after': String(stop.retryAfter) });
      const answer = await session.read(() => selfQuery()(agency ? AGENCY_REPORT : PROVINCE_REPORT, agency ? { code: agency, year } : { year }, request.headers));
      const report = agency ? answer.data?.agency?.annualReport : answer.data?.provinceAnnualReport;
      // A partial province (an agency down) is no report to download: its sums would be wrong.
      if (answer.errors?.length || !report) return Response.json({ errors: answer.errors ?? [{ message: 'no report' }] }, { status: answer.errors?.length ? 502 : 404 });
      const body = table === 2 ? proactiveTableCsv(report.proactiveTable) : table === 3 ? requestsTableCsv(report.requestsTable) : appealsTableCsv(report.appealsTable);
      const name = `annual-report-${agency ?? 'province'}-${year}-table${table}.csv`;
      return new Response('\uFEFF' + body, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` } });
    } finally {
      await session.end();
    }
  }

  return {
    onRequest({ request, url, serverContext, endResponse }) {
      if (url.pathname === '/export/fields') {
        if (request.method !== 'GET') return endResponse(new Response(null, { status: 405, headers: { allow: 'GET' } }));
        return endResponse(Response.json(EXPORT_FIELDS));
      }
      if (url.pathname === '/export/annual-report.csv') {
        if (request.method !== 'GET') return endResponse(new Response(null, { status: 405, headers: { allow: 'GET' } }));
        return annualReportCsv(request, url, (serverContext as { req?: IncomingMessage }).req).then(endResponse);
      }
      const match = /^\/export\/(documents|penalties)\.(ndjson|csv)$/.exec(url.pathname);
      if (!match) return;
      if (request.method !== 'GET') return endResponse(new Response(null, { status: 405, headers: { allow: 'GET' } }));
      const kind = match[1] as ExportKind;
      const format = match[2] as 'ndjson' | 'csv';
      const since = url.searchParams.get('since');
      if (since !== null && (kind === 'penalties' || hubScalarError('DateTime', since, 'since'))) {
        return endResponse(badRequest('since 须为 ISO-8601 时间，且仅适用于 documents / since must be an ISO-8601 date-time, for documents only'));
      }
      const bom = url.searchParams.get('bom');
      const labels = url.searchParams.get('labels');
      if ((bom !== null && bom !== '0' && bom !== '1') || (labels !== null && labels !== 'en' && labels !== 'zh') || ((bom ?? labels) !== null && format !== 'csv')) {
        return endResponse(badRequest('bom 须为 0 或 1，labels 须为 en 或 zh，且仅适用于 CSV / bom must be 0 or 1 and labels en or zh, for CSV only'));
      }
      const narrowed = documentFilter(url.searchParams);
      if ('error' in narrowed) return endResponse(badRequest(narrowed.error));
      const sinceSeqParam = url.searchParams.get('sinceSeq');
      if (sinceSeqParam !== null) {
        const sinceSeq = /^\d{1,15}$/.test(sinceSeqParam) ? Number(sinceSeqParam) : NaN;
        const others = ['since', 'after', 'year', 'fromYear', 'toYear'].filter((p) => url.searchParams.has(p));
        if (kind !== 'documents' || format !== 'ndjson' || Number.isNaN(sinceSeq) || others.length) {
          return endResponse(badRequest('sinceSeq 须为非负整数，仅适用于 documents.ndjson，可与 agency 同用，不能与 since、after 或年份筛选同用 / '
            + 'sinceSeq must be a non-negative integer, for documents.ndjson only, combinable with agency but not with since, after or year filters'));
        }
        return harvestBySequence(request, (serverContext as { req?: IncomingMessage }).req, sinceSeq, (narrowed.filter.agencies as string[] | undefined) ?? [], endResponse);
      }
      // penaltyDecisions has no agency or date filter to map onto: refuse rather than filter after fetching.
      if (kind === 'penalties' && Object.keys(narrowed.filter).length) {
        return endResponse(badRequest('agency / year 筛选仅适用于 documents / agency and year filters apply to documents only'));
      }
      const filter = { ...narrowed.filter, ...(since ? { updatedSince: since } : {}) };
      const variables: Record<string, unknown> = kind === 'documents'
        ? { orderBy: since ? 'UPDATED_AT_ASC' : 'PUBLISHED_AT_ASC', filter: Object.keys(filter).length ? filter : null }
        : {};
      const header = (bom === '1' ? '\uFEFF' : '') + EXPORT_FIELDS[kind].map((f) => csvCell(labels === 'zh' ? f.label : f.name)).join(',') + '\r\n';
      const columns = EXPORT_FIELDS[kind].map((f) => f.name);
      let after = url.searchParams.get('after');
      let done = false;
      const encoder = new TextEncoder();
      const query = selfQuery();
      // A bad token is not decided here: the GraphQL path answers it as it always has.
      const publicCaller = kind === 'documents' && catalogue?.documentPages
        ? catalogue.claimsOf(request.headers).then((claims) => (readsPublicProjection(claims, narrowed.filter.agencies as string[] | undefined) ? claims : undefined), () => undefined)
        : Promise.resolve(undefined);
      return Promise.all([meter.begin(request, (serverContext as { req?: IncomingMessage }).req), publicCaller]).then(([session, catalogueClaims]) => {
        if ('refused' in session) return endResponse(session.refused);
        let viaCatalogue = catalogueClaims;
        type Connection = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: Record<string, any> }[]; errors?: any[] };
        /** A catalogue page of `pages` export pages; undefined (and the GraphQL path from now on) when the catalogue cannot answer. */
        const fromCatalogue = async (claims: Claims, pages: number): Promise<Connection | undefined> => {
          try {
            return await session.read(() => catalogue!.client.documents(claims, {
              order: variables.orderBy as string, after, first: pages * EXPORT_PAGE, filter: variables.filter as Record<string, unknown> | null,
            })) as unknown as Connection;
          } catch {
            viaCatalogue = undefined;
            return undefined;
          }
        };
        const finish = (controller: ReadableStreamDefaultController<Uint8Array>, record?: string) => {
          if (record) controller.enqueue(encoder.encode(record));
          controller.close();
          void session.end();
        };
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            if (format === 'csv') controller.enqueue(encoder.encode(header));
          },
          // One page per pull: the client's reading speed sets the pace, memory stays flat.
          async pull(controller) {
            if (done) return finish(controller);
            const claims = viaCatalogue;
            const { granted, stop }: { granted: number; stop?: ExportStop } = claims ? await session.nextPages(PAGES_PER_CATALOGUE_PAGE) : await session.nextPages(1);
            const stopped = () => stopRecord(format, stop!.code, stop!.message, after, { retryAfter: stop!.retryAfter });
            if (granted === 0) return finish(controller, stopped());
            let result: { data?: any; errors?: any[] } = {};
            let connection: Connection | undefined = claims ? await fromCatalogue(claims, granted) : undefined;
            // The catalogue's freshness notice travels as the GraphQL path's errors do.
            if (connection) result = { errors: connection.errors };
            else {
              result = await session.read(() => query(kind === 'documents' ? DOCUMENTS : PENALTIES, { ...variables, first: EXPORT_PAGE, after }, request.headers)).catch(() => ({ errors: [{ message: '导出失败 / Export failed', extensions: { code: 'EXPORT_FAILED' } }] } as { data?: any; errors?: any[] }));
              connection = result.data?.[kind === 'documents' ? 'documents' : 'penaltyDecisions'];
            }
            if (!connection) {
              const failure = result.errors?.[0];
              return finish(controller, format === 'ndjson'
                ? JSON.stringify({ error: result.errors ?? 'export failed', resumeAfter: after }) + '\n'
                : stopRecord(format, failure?.extensions?.code ?? 'EXPORT_FAILED', failure?.message ?? '导出失败 / Export failed', after));
            }
            let chunk = '';
            for (const edge of connection.edges as { cursor: string; node: Record<string, any> }[]) {
              const row = flatten(kind, format, edge.cursor, edge.node);
              chunk += format === 'ndjson' ? JSON.stringify(row) + '\n' : columns.map((c) => csvCell(row[c])).join(',') + '\r\n';
            }
            // A shard that is down makes the export incomplete: say so in-band, with where to resume.
            for (const error of result.errors ?? []) {
              if (format === 'ndjson') chunk += JSON.stringify({ warning: error.message, agency: error.extensions?.agency, resumeAfter: after }) + '\n';
            }
            if (chunk) controller.enqueue(encoder.encode(chunk));
            after = connection.pageInfo.endCursor;
            done = !connection.pageInfo.hasNextPage;
            // The quota granted part of a catalogue page: those rows are out, the rest waits for the caller's next minute.
            if (stop && !done) return finish(controller, stopped());
          },
          // The client went away: its slot is free at once.
          cancel() {
            void session.end();
          },
        });
        endResponse(new Response(stream, {
          headers: {
            'content-type': format === 'ndjson' ? 'application/x-ndjson; charset=utf-8' : 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="${kind}.${format}"`,
          },
        }));
      });
    },
  };
}
