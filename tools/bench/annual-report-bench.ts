process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAgencyConfig } from '../../subgraphs/agency/config';
import { createContext } from '../../subgraphs/agency/context';
import { DisclosureRequestEntity } from '../../subgraphs/agency/entities/request.entity';
import { OUTCOME_ROW, RequestChannel, RequestOutcome, RequestStatus, RequesterKind } from '../../subgraphs/agency/entities/request-enums';
import { computeAnnualReport, REQUEST_ROWS, REQUESTER_COLUMNS, requestsTable, type ReportRowData } from '../../subgraphs/agency/services/annual-report.service';
import { createAgencyRuntime } from '../../subgraphs/agency/server';
import type { EntityManager } from '@mikro-orm/knex';
import { ANONYMOUS } from '../../schema/contracts/claims';
import { SeededRandom } from '../demo/random';
import { machineLine, writeBenchmarkSection } from './report-file';

/**
 * `npm run bench:report`: one agency database with 100,000 disclosure requests (bulk-inserted, not
 * through the workflow), its 2025 annual report computed by SQL aggregation, against loading the
 * rows and counting table 3 in JavaScript. Writes the "annual-report" section of docs/benchmarks.md.
 */

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000);
const RUNS = 5;
const YEAR = 2025;

function day(rng: SeededRandom, from: number, to: number): string {
  return new Date(from + Math.floor(rng.next() * (to - from))).toISOString().slice(0, 10);
}

type Runtime = Awaited<ReturnType<typeof createAgencyRuntime>>;

function knexOf(runtime: Runtime) {
  return (runtime.orm.em.fork() as EntityManager).getKnex();
}

async function fill(runtime: Runtime): Promise<void> {
  const rng = new SeededRandom(2025);
  const kinds = Object.values(RequesterKind);
  const outcomes = Object.values(RequestOutcome);
  const channels = Object.values(RequestChannel);
  const start = Date.UTC(2024, 0, 1);
  const end = Date.UTC(2026, 10, 27);
  const knex = knexOf(runtime);
  const listedAt = runtime.orm.em.getPlatform().processDateProperty(new Date('2026-11-27T10:00:00+08:00'));
  const rows = Array.from({ length: REQUESTS }, (_, i) => {
    const receivedOn = day(rng, start, end);
    const closed = rng.chance(0.9);
    const closedOn = closed ? new Date(Date.parse(receivedOn) + rng.int(1, 40) * 86_400_000).toISOString().slice(0, 10) : null;
    return {
      id: `fjdrc:r${String(i + 1).padStart(7, '0')}`, agency_code: 'fjdrc', tracking_code: `fjdrc:BENCH-${i}`,
      requester_kind: rng.pick(kinds), requester_name: '申请人', id_number: null, contact: '13800000000', channel: rng.pick(channels),
      description: '申请公开相关政府信息', submitted_on: receivedOn, received_on: receivedOn,
      status: closed ? RequestStatus.CLOSED : RequestStatus.PROCESSING, reply_due_on: receivedOn, reply_due_provisional: false, excessive: false,
      outcome: closed ? rng.pick(outcomes) : null, closed_on: closedOn, reply_working_days: null, replied_late: null, response_text: null,
      listed_at: listedAt, created_by: 'bench', version: 1,
    };
  });
  await knex.transaction(async (trx) => {
    // 27 columns × 500 rows stays under SQLite's and PostgreSQL's bound-parameter limits.
    for (let i = 0; i < rows.length; i += 500) await trx('disclosure_request').insert(rows.slice(i, i + 500));
  });
}

/** What computing table 3 costs when every request row is loaded and counted in JavaScript. */
async function tableByLoadingRows(runtime: Runtime): Promise<ReportRowData[]> {
  const em = runtime.orm.em.fork();
  const all = await em.find(DisclosureRequestEntity, {});
  const start = `${YEAR}-01-01`;
  const end = `${YEAR}-12-31`;
  const rows = REQUEST_ROWS.map((r) => ({ code: r.code, label: r.label, total: 0, ...Object.fromEntries(REQUESTER_COLUMNS.map(([c]) => [c, 0])) }) as ReportRowData);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const column = new Map<string, (typeof REQUESTER_COLUMNS)[number][0]>(REQUESTER_COLUMNS.map(([c, kind]) => [kind, c]));
  const bump = (code: string, r: DisclosureRequestEntity) => { byCode.get(code)![column.get(r.requesterKind)!] += 1; byCode.get(code)!.total += 1; };
  for (const r of all) {
    if (!r.receivedOn || r.receivedOn > end || (r.closedOn && r.closedOn < start)) continue;
    bump(r.receivedOn >= start ? '1' : '2', r);
    if (r.closedOn && r.closedOn <= end && r.outcome) { bump(OUTCOME_ROW[r.outcome], r); bump('3.7', r); } else bump('4', r);
  }
  return rows;
}

async function measure(label: string, sql: string[], run: () => Promise<unknown>): Promise<{ label: string; statements: number; ms: number[] }> {
  const ms: number[] = [];
  let statements = 0;
  for (let i = 0; i < RUNS; i++) {
    sql.length = 0;
    const t = process.hrtime.bigint();
    await run();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    statements = sql.filter((s) => /\bselect\b/i.test(s)).length;
  }
  return { label, statements, ms: ms.sort((a, b) => a - b) };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'annual-report-bench-'));
  const sql: string[] = [];
  const runtime = await createAgencyRuntime(loadAgencyConfig({
    HUB_DATA_DIR: dir, HUB_AGENCY_CODE: 'fjdrc', HUB_DATABASE_URL: join(dir, 'fjdrc.sqlite'), HUB_CLOCK: '2026-11-27T10:00:00+08:00',
  }), (line) => sql.push(line));
  try {
    const filled = Date.now();
    await fill(runtime);
    const fillSeconds = (Date.now() - filled) / 1000;
    const bySql = await measure('SQL aggregation (GROUP BY), table 3 only', sql, () => requestsTable(runtime.orm.em.fork() as EntityManager, YEAR, 'fjdrc'));
    const whole = await measure('SQL aggregation, whole report (tables 2, 3, 4 and texts)', sql, () => computeAnnualReport(createContext(runtime, ANONYMOUS), YEAR, 'fjdrc'));
    const byJs = await measure('loading every request row, counting in JavaScript (table 3 only)', sql, () => tableByLoadingRows(runtime));
    const sqlTable = await requestsTable(runtime.orm.em.fork() as EntityManager, YEAR, 'fjdrc');
    const jsTable = await tableByLoadingRows(runtime);
    const cells = (table: ReportRowData[]) => table.map((r) => [r.code, ...REQUESTER_COLUMNS.map(([c]) => r[c]), r.total].join(',')).join('\n');
    if (cells(sqlTable) !== cells(jsTable)) throw new Error(`the two ways of computing table 3 disagree:\n${cells(sqlTable)}\n---\n${cells(jsTable)}`);
    const median = (ms: number[]) => ms[Math.floor(ms.length / 2)].toFixed(1);
    const lines = [
      '## Annual report of one agency with 100,000 requests',
      '',
      `\`npm run bench:report\` — ${machineLine()}; SQLite file database, ${REQUESTS.toLocaleString('en')} requests over 2024–2026 bulk-inserted in ${fillSeconds.toFixed(1)} s; the ${YEAR} report, ${RUNS} runs each (median, min–max). Both ways give the same table.`,
      '',
      '| how | SQL statements | time (ms), median | min–max |',
      '|---|---:|---:|---:|',
      ...[bySql, whole, byJs].map((m) => `| ${m.label} | ${m.statements} | ${median(m.ms)} | ${m.ms[0].toFixed(1)}–${m.ms.at(-1)!.toFixed(1)} |`),
      '',
      'The aggregation returns at most 6 × 22 groups whatever the number of requests; loading the rows grows with them (memory as well as time).',
    ];
    const file = writeBenchmarkSection('annual-report', lines.join('\n'));
    console.log(lines.join('\n'));
    console.log(`\nwritten to ${file}`);
  } finally {
    await runtime.orm.close(true);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
