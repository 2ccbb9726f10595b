process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { EntityManager } from '@mikro-orm/knex';
import { loadAgencyConfig } from '../../subgraphs/agency/config';
import { DocumentEntity } from '../../subgraphs/agency/entities/document.entity';
import { Channel } from '../../schema/contracts/channel';
import { DisclosureAttribute, DocumentStatus } from '../../subgraphs/agency/entities/enums';
import { createAgencyRuntime } from '../../subgraphs/agency/server';
import { loadCatalogueConfig } from '../../subgraphs/catalogue/config';
import { CATALOGUE_CHANGE_SERIAL, CatalogueDocumentChangeEntity } from '../../subgraphs/catalogue/entities/feed-state.entity';
import { createCatalogueRuntime } from '../../subgraphs/catalogue/server';
import { writeRegistry, type ShardEntry } from '../../schema/contracts/shard-registry';
import { composeSupergraph } from '../compose';
import { cpuSeconds, ProcessGroup, rssMiB } from './processes';
import { machineLine, writeBenchmarkSection } from './report-file';

/**
 * `npm run bench:export`: the bulk export of a province of N published documents (bulk-inserted
 * over 8 deployments, and the same rows into the provincial catalogue's database), streamed
 * through the gateway and read to the end, side by side in one run: the live fan-out, the
 * catalogue answering the export's GraphQL pages, the catalogue's own export pages, and the
 * harvest by sequence. For each, documents/s, the gateway's resident memory (flat memory: the same
 * peak at 10,000 and at 100,000 documents) and the CPU each process spent per 1,000 documents
 * (where the time goes).
 */

const SHARDS = 8;
const SIZES = (process.env.BENCH_EXPORT_SIZES ?? '10000,100000').split(',').map(Number);
const BASE_PORT = 5300;
/** V8 old-space cap of the gateway during the export, in MiB. */
const HEAP_CAP_MIB = 96;
const processes = new ProcessGroup();

/** The export paths measured, each through its own gateway process. */
const VARIANTS = [
  { label: 'live fan-out over 8 deployments (GraphQL pages of 100)', gateway: 'live', path: '/export/documents.ndjson' },
  { label: 'catalogue, GraphQL pages of 100 (`HUB_EXPORT_CATALOGUE_PAGES=0`)', gateway: 'catalogueGraphql', path: '/export/documents.ndjson' },
  { label: 'catalogue, its export pages of 1,000', gateway: 'catalogue', path: '/export/documents.ndjson' },
  { label: 'catalogue, harvest by sequence (`?sinceSeq=0`)', gateway: 'catalogue', path: '/export/documents.ndjson?sinceSeq=0' },
] as const;

type GatewayName = (typeof VARIANTS)[number]['gateway'];

function rowsOf(code: string, from: number, count: number) {
  const start = Date.parse('2024-01-01T09:00:00+08:00');
  return Array.from({ length: count }, (_, j) => {
    const i = from + j;
    const at = new Date(start + i * 600_000);
    return {
      id: `${code}:${String(i + 1).padStart(8, '0')}`, agencyCode: code, indexNumber: `BX-0100-2025-${code}-${String(i + 1).padStart(6, '0')}`,
      title: `关于第${i + 1}号事项的通知`, summary: '批量导出基准测试文件。', body: '各有关单位：现将有关事项通知如下。一、按时公开。二、加强监督。'.repeat(6),
      theme: '综合政务', themeCode: '0100', genre: '通知', formedOn: at.toISOString().slice(0, 10), publishDueOn: at.toISOString().slice(0, 10),
      publishedAt: at, listedAt: at, disclosure: DisclosureAttribute.PROACTIVE, status: DocumentStatus.PUBLISHED, channels: [Channel.PORTAL], coIssuers: [],
      version: 1, createdBy: 'bench', createdAt: at, updatedAt: at,
    };
  });
}

/** Bulk-inserts one agency's documents into its database and into the catalogue's, numbered in the catalogue's change sequence. */
async function fill(work: string, url: string, code: string, count: number, catalogue: EntityManager, seq: { next: number }): Promise<void> {
  const runtime = await createAgencyRuntime(loadAgencyConfig({ HUB_DATA_DIR: work, HUB_AGENCY_CODE: code, HUB_DATABASE_URL: url }));
  const em = runtime.orm.em.fork();
  for (let from = 0; from < count; from += 1000) {
    const rows = rowsOf(code, from, Math.min(1000, count - from));
    await em.insertMany(DocumentEntity, rows);
    await catalogue.insertMany(DocumentEntity, rows);
    await catalogue.insertMany(CatalogueDocumentChangeEntity, rows.map((r) => ({ documentId: r.id, agency: code, seq: seq.next++ })));
  }
  await runtime.orm.close();
}

interface Measured { label: string; exported: number; seconds: number; baseline: number; peak: number; cpuMsPer1000: Record<string, number> }

async function exportThrough(label: string, gateway: ChildProcess, url: string, cpuOf: Record<string, ChildProcess[]>): Promise<Measured> {
  const baseline = rssMiB(gateway.pid!);
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, rssMiB(gateway.pid!)); }, 100);
  const cpu = (children: ChildProcess[]) => children.reduce((sum, c) => sum + cpuSeconds(c.pid!), 0);
  const cpuBefore = Object.fromEntries(Object.entries(cpuOf).map(([name, children]) => [name, cpu(children)]));
  const started = performance.now();
  const response = await fetch(url);
  let exported = 0;
  let rest = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    const text = rest + decoder.decode(chunk, { stream: true });
    const parts = text.split('\n');
    rest = parts.pop()!;
    exported += parts.length;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const cpuMsPer1000 = Object.fromEntries(Object.entries(cpuOf).map(([name, children]) => [name, ((cpu(children) - cpuBefore[name]) * 1000 * 1000) / Math.max(1, exported)]));
  return { label, exported, seconds, baseline, peak, cpuMsPer1000 };
}

async function measure(total: number): Promise<{ total: number; results: Measured[] }> {
  const work = mkdtempSync(join(tmpdir(), 'hub-export-'));
  const catalogueFile = join(work, 'catalogue.sqlite');
  const catalogueRuntime = await createCatalogueRuntime(loadCatalogueConfig({ HUB_DATA_DIR: work, HUB_CATALOGUE_DATABASE_URL: catalogueFile }));
  const catalogueEm = catalogueRuntime.orm.em.fork() as EntityManager;
  const seq = { next: 1 };
  const shards: ShardEntry[] = [];
  const agencies: ChildProcess[] = [];
  for (let s = 0; s < SHARDS; s++) {
    const code = `x${s + 1}`;
    const file = join(work, `${code}.sqlite`);
    await fill(work, file, code, Math.floor(total / SHARDS), catalogueEm, seq);
    const port = BASE_PORT + 1 + s;
    agencies.push(await processes.launch('subgraphs/agency/main.js', { HUB_CALENDAR_SYNC_SECONDS: '0', HUB_DATA_DIR: work, HUB_AGENCY_CODE: code, HUB_DATABASE_URL: file, PORT: String(port) }));
    shards.push({ code, url: `http://127.0.0.1:${port}/graphql` });
  }
  await catalogueEm.execute('update serial_counter set "last" = ? where "key" = ?', [seq.next - 1, CATALOGUE_CHANGE_SERIAL]);
  await catalogueRuntime.orm.close();
  const registry = join(work, 'registry.json');
  writeRegistry(registry, shards);
  const supergraph = join(work, 'supergraph.graphql');
  writeFileSync(supergraph, composeSupergraph());
  const cataloguePort = BASE_PORT + 60;
  const catalogueUrl = `http://127.0.0.1:${cataloguePort}/graphql`;
  // The heap is capped far below the size of the data: an export that kept what it streamed would fail.
  // Quotas are raised: one address reads every export page of the province several times over.
  const gatewayEnv = {
    HUB_DATA_DIR: work, HUB_REGISTRY: registry, HUB_SUPERGRAPH: supergraph, HUB_API_KEYS: join(work, 'keys.json'),
    HUB_ANONYMOUS_PER_MINUTE: '100000000', NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MIB}`,
  };
  const ports: Record<GatewayName, number> = { live: BASE_PORT + 50, catalogueGraphql: BASE_PORT + 51, catalogue: BASE_PORT + 52 };
  const gateways: Record<GatewayName, ChildProcess> = {
    live: await processes.launch('gateway/main.js', { ...gatewayEnv, PORT: String(ports.live) }),
    catalogueGraphql: await processes.launch('gateway/main.js', { ...gatewayEnv, PORT: String(ports.catalogueGraphql), HUB_CATALOGUE_URL: catalogueUrl, HUB_EXPORT_CATALOGUE_PAGES: '0' }),
    catalogue: await processes.launch('gateway/main.js', { ...gatewayEnv, PORT: String(ports.catalogue), HUB_CATALOGUE_URL: catalogueUrl }),
  };
  // The catalogue's database already holds every document: it reads the (empty) logs once and is ready.
  // It replicates through the gateway it serves, as in a province: its long polls there are not
  // interactive load, so that gateway's exports do not rest after each page (HUB_EXPORT_PACING).
  const catalogue = await processes.launch('subgraphs/catalogue/main.js', {
    HUB_DATA_DIR: work, PORT: String(cataloguePort), HUB_REGISTRY: registry, HUB_GATEWAY_URL: `http://127.0.0.1:${ports.catalogue}/graphql`, HUB_CATALOGUE_DATABASE_URL: catalogueFile,
  });
  await waitUntilHealthy(`http://127.0.0.1:${cataloguePort}/health`);
  const results: Measured[] = [];
  for (const variant of VARIANTS) {
    const gateway = gateways[variant.gateway];
    const result = await exportThrough(variant.label, gateway, `http://127.0.0.1:${ports[variant.gateway]}${variant.path}`, { gateway: [gateway], catalogue: [catalogue], agencies });
    console.log(total, result);
    results.push(result);
  }
  await processes.stopAll();
  rmSync(work, { recursive: true, force: true });
  return { total: Math.floor(total / SHARDS) * SHARDS, results };
}

/** Waits for a service's /health to answer 200. */
async function waitUntilHealthy(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not healthy within ${timeoutMs} ms`);
}

async function main(): Promise<void> {
  const rows: string[] = [];
  const ratios: string[] = [];
  for (const size of SIZES) {
    const { total, results } = await measure(size);
    for (const r of results) {
      const cpu = (name: string) => r.cpuMsPer1000[name].toFixed(0);
      rows.push(`| ${total.toLocaleString('en')} | ${r.label} | ${r.exported.toLocaleString('en')} | ${r.seconds.toFixed(1)} | ${Math.round(r.exported / r.seconds).toLocaleString('en')} | ${r.baseline.toFixed(0)} | ${r.peak.toFixed(0)} | ${cpu('gateway')} | ${cpu('catalogue')} | ${cpu('agencies')} |`);
    }
    const rate = (i: number) => results[i].exported / results[i].seconds;
    ratios.push(`- ${total.toLocaleString('en')} documents: catalogue export pages / live fan-out = **${(rate(2) / rate(0)).toFixed(1)}×**, catalogue GraphQL pages / live fan-out = ${(rate(1) / rate(0)).toFixed(1)}×, harvest by sequence / live fan-out = ${(rate(3) / rate(0)).toFixed(1)}× (target: ≥ 6,800 documents/s, 10× the 680 the live fan-out reached on a quiet machine before the catalogue existed; the ratios are within this run).`);
  }
  const file = writeBenchmarkSection('export', [
    '## Bulk export: the live fan-out and the catalogue side by side, flat memory',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:export\` (tools/bench/export-bench.ts${process.env.BENCH_EXPORT_SIZES ? `, \`BENCH_EXPORT_SIZES=${process.env.BENCH_EXPORT_SIZES}\`` : ''}) on ${machineLine()}.`,
    `${SHARDS} agency deployments (bulk-inserted SQLite files), the provincial catalogue (the same rows bulk-inserted into its SQLite database) and three gateways (one without catalogue, one with the catalogue answering the export's GraphQL pages, one reading the catalogue's export pages, through which the catalogue also long-polls the change logs) as separate processes; \`GET /export/documents.ndjson\` read to the end through each, one after the other, then \`?sinceSeq=0\`; each gateway's resident memory sampled every 100 ms; CPU of each process from /proc, per 1,000 documents exported. Each gateway runs with its V8 heap capped at ${HEAP_CAP_MIB} MiB (\`--max-old-space-size\`): an export that kept the documents it streamed (100,000 of them are about 80 MiB of NDJSON, and more as JavaScript objects) could not finish under it.`,
    '',
    '| published documents | path | lines exported | seconds | documents/s | gateway RSS before (MiB) | gateway RSS peak (MiB) | gateway CPU ms / 1,000 docs | catalogue CPU ms / 1,000 | agencies CPU ms / 1,000 |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    ...ratios,
  ].join('\n'));
  console.log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  void processes.stopAll().then(() => process.exit(1));
});
