process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAgencyConfig } from '../../subgraphs/agency/config';
import { DocumentEntity } from '../../subgraphs/agency/entities/document.entity';
import { Channel } from '../../schema/contracts/channel';
import { DisclosureAttribute, DocumentStatus } from '../../subgraphs/agency/entities/enums';
import { createAgencyRuntime } from '../../subgraphs/agency/server';
import { writeRegistry, type ShardEntry } from '../../schema/contracts/shard-registry';
import { composeSupergraph } from '../compose';
import { ProcessGroup, rssMiB } from './processes';
import { machineLine, writeBenchmarkSection } from './report-file';

/**
 * `npm run bench:export`: the bulk export of a province of N published documents (bulk-inserted
 * over 8 deployments), streamed through the gateway and read to the end, sampling the gateway's
 * resident memory. Flat memory means the same peak at 10,000 and at 100,000 documents.
 */

const SHARDS = 8;
const SIZES = (process.env.BENCH_EXPORT_SIZES ?? '10000,100000').split(',').map(Number);
const BASE_PORT = 5300;
/** V8 old-space cap of the gateway during the export, in MiB. */
const HEAP_CAP_MIB = 96;
const processes = new ProcessGroup();

async function fill(work: string, url: string, code: string, count: number): Promise<void> {
  const runtime = await createAgencyRuntime(loadAgencyConfig({ HUB_DATA_DIR: work, HUB_AGENCY_CODE: code, HUB_DATABASE_URL: url }));
  const em = runtime.orm.em.fork();
  const start = Date.parse('2024-01-01T09:00:00+08:00');
  for (let from = 0; from < count; from += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - from) }, (_, j) => {
      const i = from + j;
      const at = new Date(start + i * 600_000);
      return {
        id: `${code}:${String(i + 1).padStart(8, '0')}`, agencyCode: code, indexNumber: `BX-0100-2025-${String(i + 1).padStart(6, '0')}`,
        title: `关于第${i + 1}号事项的通知`, summary: '批量导出基准测试文件。', body: '各有关单位：现将有关事项通知如下。一、按时公开。二、加强监督。'.repeat(6),
        theme: '综合政务', themeCode: '0100', genre: '通知', formedOn: at.toISOString().slice(0, 10), publishDueOn: at.toISOString().slice(0, 10),
        publishedAt: at, listedAt: at, disclosure: DisclosureAttribute.PROACTIVE, status: DocumentStatus.PUBLISHED, channels: [Channel.PORTAL], coIssuers: [],
        version: 1, createdBy: 'bench', createdAt: at, updatedAt: at,
      };
    });
    await em.insertMany(DocumentEntity, rows);
  }
  await runtime.orm.close();
}

async function measure(total: number): Promise<{ total: number; exported: number; seconds: number; baseline: number; peak: number }> {
  const work = mkdtempSync(join(tmpdir(), 'hub-export-'));
  const shards: ShardEntry[] = [];
  for (let s = 0; s < SHARDS; s++) {
    const code = `x${s + 1}`;
    const file = join(work, `${code}.sqlite`);
    await fill(work, file, code, Math.floor(total / SHARDS));
    const port = BASE_PORT + 1 + s;
    await processes.launch('subgraphs/agency/main.js', { HUB_DATA_DIR: work, HUB_AGENCY_CODE: code, HUB_DATABASE_URL: file, PORT: String(port) });
    shards.push({ code, url: `http://127.0.0.1:${port}/graphql` });
  }
  const registry = join(work, 'registry.json');
  writeRegistry(registry, shards);
  const supergraph = join(work, 'supergraph.graphql');
  writeFileSync(supergraph, composeSupergraph());
  const gatewayPort = BASE_PORT + 50;
  // The heap is capped far below the size of the data: an export that kept what it streamed would fail.
  const gateway = await processes.launch('gateway/main.js', {
    HUB_DATA_DIR: work, PORT: String(gatewayPort), HUB_REGISTRY: registry, HUB_SUPERGRAPH: supergraph, HUB_API_KEYS: join(work, 'keys.json'),
    NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MIB}`,
  });
  const baseline = rssMiB(gateway.pid!);
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, rssMiB(gateway.pid!)); }, 100);
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${gatewayPort}/export/documents.ndjson`);
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
  await processes.stopAll();
  rmSync(work, { recursive: true, force: true });
  return { total: Math.floor(total / SHARDS) * SHARDS, exported, seconds, baseline, peak };
}

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const size of SIZES) {
    const r = await measure(size);
    console.log(r);
    rows.push(`| ${r.total.toLocaleString('en')} | ${r.exported.toLocaleString('en')} | ${r.seconds.toFixed(1)} | ${Math.round(r.exported / r.seconds).toLocaleString('en')} | ${r.baseline.toFixed(0)} | ${r.peak.toFixed(0)} |`);
  }
  const file = writeBenchmarkSection('export', [
    '## Bulk export: flat memory',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:export\` (tools/bench/export-bench.ts) on ${machineLine()}.`,
    `${SHARDS} agency deployments (bulk-inserted SQLite files) and the gateway as separate processes; \`GET /export/documents.ndjson\` read to the end; the gateway's resident memory sampled every 100 ms. The gateway runs with its V8 heap capped at ${HEAP_CAP_MIB} MiB (\`--max-old-space-size\`): an export that kept the documents it streamed (100,000 of them are about 80 MiB of NDJSON, and more as JavaScript objects) could not finish under it.`,
    '',
    '| published documents | lines exported | seconds | documents/s | gateway RSS before (MiB) | gateway RSS peak (MiB) |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n'));
  console.log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  void processes.stopAll().then(() => process.exit(1));
});
