process.env.APOLLO_TELEMETRY_DISABLED = '1';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql, type GraphQLSchema } from 'graphql';
import type { EntityManager } from '@mikro-orm/knex';
import { Client } from 'pg';
import { Channel } from '../../schema/contracts/channel';
import { ANONYMOUS } from '../../schema/contracts/claims';
import { loadAgencyConfig } from '../../subgraphs/agency/config';
import { createContext, type AgencyRuntime } from '../../subgraphs/agency/context';
import { DocumentEntity } from '../../subgraphs/agency/entities/document.entity';
import { DisclosureAttribute, DocumentStatus, Validity } from '../../subgraphs/agency/entities/enums';
import { buildAgencySchema, createAgencyRuntime } from '../../subgraphs/agency/server';
import { normalizeDocNumber } from '../../subgraphs/shared/identifiers';
import type { DatabaseKind } from '../../subgraphs/shared/orm';
import { escapeLike, LIKE_ESCAPE } from '../../subgraphs/shared/sql-like';
import { findTheme } from '../../subgraphs/shared/taxonomy';
import { generateAgencyDocuments } from '../demo/documents';
import { benchAgencies } from './bench-agencies';
import { percentile } from './measure';
import { machineLine, writeBenchmarkSection } from './report-file';
import { SEARCH_DIRECT, SEARCH_WORDS, searchText } from './search-queries';

/**
 * `npm run bench:search`: search in one agency deployment's database at 10,000, 100,000 and
 * 1,000,000 published documents, on SQLite (FTS5) and PostgreSQL (tsvector + GIN), against a
 * LIKE scan of the same words. The documents are the demo's generated texts (titles, summaries,
 * bodies of about 500 characters from 100 synthetic agencies), bulk-inserted with the index built
 * in bulk; the database grows from one size to the next. Each search is the benchmarks' page of
 * 20 with its count and highlights (search-queries.ts), executed through the agency's GraphQL
 * schema in this process, one at a time: the figures are the deployment's own latency, with no
 * HTTP in front.
 */
const SIZES = (process.env.BENCH_SEARCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const ENGINES = (process.env.BENCH_SEARCH_ENGINES ?? 'sqlite,postgresql').split(',') as DatabaseKind[];
/** Measured rounds over the texts (after one unmeasured round). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
/** Documents generated per synthetic agency (the demo's generator keeps titles unique within one). */
const PER_AGENCY = 10_000;
const BATCH = 500;
const TEXTS = Array.from({ length: SEARCH_WORDS.length * 2 }, (_, i) => searchText(i));

interface SizeResult {
  engine: DatabaseKind;
  documents: number;
  buildSeconds: number;
  /** Search through the schema, ms: p50, p99, and per text its median. */
  p50: number;
  p99: number;
  slowest: { text: string; ms: number };
  /** The LIKE scan, ms. */
  likeP50: number;
  likeP99: number;
  plans: { selective: string; common: string };
}

/** A database of `kind` for the bench, and how to drop it. */
async function openBenchDatabase(kind: DatabaseKind, dir: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === 'sqlite') return { url: join(dir, 'search.sqlite'), drop: async () => {} };
  const name = `hub_bench_search_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    try { await client.query(sql); } finally { await client.end(); }
  };
  await admin(`drop database if exists "${name}" with (force)`);
  await admin(`create database "${name}"`);
  return { url: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

/** Rows `from`…`from + count - 1` of the bench's documents: the generated texts, every one published and proactive. */
function* documentRows(code: string, from: number, count: number) {
  const agencies = benchAgencies(Math.ceil((from + count) / PER_AGENCY));
  for (let a = Math.floor(from / PER_AGENCY); a * PER_AGENCY < from + count; a++) {
    const texts = generateAgencyDocuments(agencies[a], { count: PER_AGENCY, today: '2026-11-27' });
    for (let k = Math.max(0, from - a * PER_AGENCY); k < PER_AGENCY && a * PER_AGENCY + k < from + count; k++) {
      const n = a * PER_AGENCY + k;
      const doc = texts[k];
      const at = new Date(Date.parse('2024-01-01T09:00:00+08:00') + n * 60_000);
      const day = at.toISOString().slice(0, 10);
      const theme = findTheme(doc.theme)!;
      yield {
        id: `${code}:${String(n + 1).padStart(8, '0')}`, agencyCode: code, indexNumber: `FJ00201-${theme.code}-${day.slice(0, 4)}-${String(n + 1).padStart(7, '0')}`,
        docNumber: doc.docNumber ?? null, docNumberNorm: doc.docNumber ? normalizeDocNumber(doc.docNumber) : null,
        title: doc.title, summary: doc.summary, body: doc.body, theme: theme.name, themeCode: theme.code, genre: doc.genre,
        formedOn: day, publishDueOn: day, publishedAt: at, listedAt: at, disclosure: DisclosureAttribute.PROACTIVE, validity: Validity.EFFECTIVE,
        status: DocumentStatus.PUBLISHED, channels: [Channel.PORTAL], coIssuers: [], subjectTerms: [], version: 1, createdBy: 'bench', createdAt: at, updatedAt: at,
      };
    }
  }
}

/**
 * Grows the database from `from` to `to` documents, the index built in bulk: PostgreSQL's GIN
 * index dropped during the load and built once after it; FTS5's segments merged after it.
 */
async function grow(runtime: AgencyRuntime, from: number, to: number): Promise<void> {
  const em = runtime.orm.em.fork() as EntityManager;
  const kind = runtime.search.kind;
  // The migration's GIN index, dropped for the load and created again from its own definition.
  const [gin] = kind === 'postgresql'
    ? await em.execute<{ indexdef: string }[]>(`select indexdef from pg_indexes where indexname = 'document_search_vector_index'`)
    : [];
  if (gin) await em.execute('drop index document_search_vector_index');
  let batch: ReturnType<typeof documentRows> extends Generator<infer R> ? R[] : never = [];
  const flush = async () => {
    await em.transactional(async (tx) => {
      await tx.insertMany(DocumentEntity, batch);
      await runtime.search.insertMany(tx as EntityManager, batch);
    });
    batch = [];
  };
  for (const row of documentRows(runtime.config.agencyCode, from, to - from)) {
    batch.push(row);
    if (batch.length === BATCH) await flush();
  }
  if (batch.length) await flush();
  if (gin) await em.execute(gin.indexdef);
  if (kind === 'sqlite') await em.execute(`insert into document_fts (document_fts) values ('optimize')`);
  await em.execute('analyze');
}

/**
 * How the database runs the first tier of a search for the benchmark's word with the fewest
 * matches: it must read the full-text index. (For a word in most documents, PostgreSQL rightly
 * reads the whole index table instead; that plan is reported too, not checked.)
 */
async function queryPlans(runtime: AgencyRuntime): Promise<{ selective: string; common: string }> {
  const em = runtime.orm.em.fork() as EntityManager;
  const matches = await Promise.all(SEARCH_WORDS.map(async (word) => ({ word, n: await runtime.search.countMatches(em, runtime.search.plan(word)!) })));
  const ordered = matches.filter((m) => m.n > 0).sort((a, b) => a.n - b.n);
  const planOf = async (word: string) => {
    const tier = runtime.search.plan(word)!.tiers[0];
    const sql = `select doc_id, score from (${tier.sql}) hits order by score desc, doc_id desc limit 21`;
    if (runtime.search.kind === 'sqlite') {
      return (await em.execute<{ detail: string }[]>(`explain query plan ${sql}`, tier.bindings)).map((r) => r.detail).join('; ');
    }
    const rows = await em.execute<{ 'QUERY PLAN': string }[]>(`explain ${sql}`, tier.bindings);
    return rows.map((r) => r['QUERY PLAN'].trim().replace(/^->\s*/, '').replace(/\s*\(cost=.*$/, '')).filter((line) => /Scan/.test(line)).join('; ');
  };
  const rare = ordered[0];
  const common = ordered[ordered.length - 1];
  const selective = await planOf(rare.word);
  const index = runtime.search.kind === 'sqlite' ? /VIRTUAL TABLE INDEX/ : /Index Scan on document_search_vector_index/;
  if (!index.test(selective)) throw new Error(`search("${rare.word}") does not read the full-text index: ${selective}`);
  return { selective: `${rare.word} (${rare.n} matches): ${selective}`, common: `${common.word} (${common.n} matches): ${await planOf(common.word)}` };
}

/** Milliseconds of each call of `run(text)` over every text, `rounds` times (after one unmeasured round). */
async function timeTexts(run: (text: string) => Promise<void>, rounds: number): Promise<{ all: number[]; byText: Map<string, number[]> }> {
  for (const text of TEXTS) await run(text);
  const all: number[] = [];
  const byText = new Map<string, number[]>(TEXTS.map((t) => [t, []]));
  for (let r = 0; r < rounds; r++) {
    for (const text of TEXTS) {
      const start = process.hrtime.bigint();
      await run(text);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      all.push(ms);
      byText.get(text)!.push(ms);
    }
  }
  return { all: all.sort((a, b) => a - b), byText };
}

/**
 * The baseline: the same words found with LIKE over title, summary and body (every word in one of
 * them), the newest 20 and the count — what a search without a full-text index does.
 */
async function likeScan(em: EntityManager, text: string): Promise<void> {
  const words = text.split(/\s+/).filter(Boolean);
  const like = (column: string) => `${column} like ? escape '${LIKE_ESCAPE}'`;
  const where = words.map(() => `(${like('title')} or ${like('summary')} or ${like('body')})`).join(' and ');
  const bindings = words.flatMap((w) => Array<string>(3).fill(`%${escapeLike(w)}%`));
  const base = `from document where status = 'PUBLISHED' and disclosure = 'PROACTIVE' and ${where}`;
  await em.execute(`select id ${base} order by published_at desc, id desc limit 20`, bindings);
  await em.execute(`select count(*) as n ${base}`, bindings);
}

async function measureEngine(kind: DatabaseKind, schema: GraphQLSchema): Promise<SizeResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-search-bench-'));
  const database = await openBenchDatabase(kind, dir);
  const runtime = await createAgencyRuntime(loadAgencyConfig({
    HUB_GATEWAY_SECRET: randomBytes(32).toString('hex'), HUB_AGENCY_CODE: 'fjdrc', HUB_AGENCY_INDEX_PREFIX: 'FJ00201',
    HUB_DATABASE_URL: database.url, HUB_CLOCK: '2026-11-27T10:00:00+08:00', HUB_LOG_LEVEL: 'warn',
  }));
  const results: SizeResult[] = [];
  try {
    let size = 0;
    for (const target of SIZES) {
      const started = Date.now();
      await grow(runtime, size, target);
      size = target;
      const buildSeconds = (Date.now() - started) / 1000;
      console.log(`${kind}: ${size} documents loaded and indexed in ${buildSeconds.toFixed(0)} s`);
      const search = async (text: string) => {
        const answer = await graphql({ schema, source: SEARCH_DIRECT, variableValues: { text }, contextValue: createContext(runtime, ANONYMOUS) });
        if (answer.errors?.length) throw new Error(answer.errors.map((e) => e.message).join('; '));
      };
      const searched = await timeTexts(search, ROUNDS);
      const em = runtime.orm.em.fork() as EntityManager;
      // The scan reads every row: one round is enough to see it.
      const scanned = await timeTexts((text) => likeScan(em, text), 1);
      const medians = [...searched.byText].map(([text, ms]) => ({ text, ms: percentile([...ms].sort((a, b) => a - b), 50) }));
      const slowest = medians.reduce((a, b) => (b.ms > a.ms ? b : a));
      const result: SizeResult = {
        engine: kind, documents: size, buildSeconds, p50: percentile(searched.all, 50), p99: percentile(searched.all, 99), slowest,
        likeP50: percentile(scanned.all, 50), likeP99: percentile(scanned.all, 99), plans: await queryPlans(runtime),
      };
      console.log(`${kind} at ${size}: search p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms (slowest ${slowest.text} ${slowest.ms.toFixed(1)} ms); LIKE p50 ${result.likeP50.toFixed(0)} ms`);
      results.push(result);
    }
  } finally {
    await runtime.orm.close(true);
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

function report(results: SizeResult[]): string {
  const f = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
  const lines = [
    '## Search in one deployment at 10,000 to 1,000,000 documents, SQLite and PostgreSQL, against a LIKE scan',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:search\` (tools/bench/search-bench.ts) on ${machineLine()}; PostgreSQL on the same machine.`,
    '',
    `One agency deployment's database grown from 10,000 to 1,000,000 published documents (the demo's generated titles, summaries and bodies of about 500 characters, from 100 synthetic agencies), bulk-inserted with the index built in bulk (PostgreSQL's GIN index created after the load, FTS5's segments merged). Each search is the benchmarks' page: \`search(text, first: 20)\` with \`totalCount\` and highlights, executed through the agency's GraphQL schema in the benchmark's process, one at a time, over ${TEXTS.length} texts (${SEARCH_WORDS.length} common words, each alone and with 工作), ${ROUNDS} rounds after one unmeasured. The LIKE scan finds the same words with \`like '%…%'\` over title, summary and body (the newest 20 and the count), one round. The query plans are of the first tier (titles) of the search for the word with the fewest matches, which must read the full-text index (the benchmark fails otherwise), and for the word with the most.`,
    '',
    '| database | documents | load and index (s) | search p50 (ms) | search p99 (ms) | slowest text (median ms) | LIKE scan p50 (ms) | LIKE p99 (ms) | LIKE / search at p50 |',
    '|---|---:|---:|---:|---:|---|---:|---:|---:|',
    ...results.map((r) => `| ${r.engine} | ${r.documents.toLocaleString('en')} | ${r.buildSeconds.toFixed(0)} | ${f(r.p50)} | ${f(r.p99)} | ${r.slowest.text} (${f(r.slowest.ms)}) | ${f(r.likeP50)} | ${f(r.likeP99)} | ${(r.likeP50 / r.p50).toFixed(0)}× |`),
    '',
  ];
  for (const engine of new Set(results.map((r) => r.engine))) {
    const rows = results.filter((r) => r.engine === engine);
    const small = rows[0];
    const large = rows[rows.length - 1];
    lines.push(`- ${engine}: search p50 at ${large.documents.toLocaleString('en')} / at ${small.documents.toLocaleString('en')} = **${(large.p50 / small.p50).toFixed(1)}×** (target ≤ 3×); LIKE scan / search at ${large.documents.toLocaleString('en')} = **${(large.likeP50 / large.p50).toFixed(0)}×** (target ≥ 100×). Plans at ${large.documents.toLocaleString('en')}: ${large.plans.selective}; ${large.plans.common}.`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const schema = await buildAgencySchema();
  const results: SizeResult[] = [];
  for (const engine of ENGINES) results.push(...await measureEngine(engine, schema));
  const file = writeBenchmarkSection('search', report(results));
  console.log(`written to ${file}`);
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
