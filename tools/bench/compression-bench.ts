process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compressBody } from '../../gateway/compression';
import { writeRegistry } from '../../schema/contracts/shard-registry';
import { loadDirectoryConfig } from '../../subgraphs/directory/config';
import { createDirectoryRuntime } from '../../subgraphs/directory/server';
import { randomSecret } from '../../subgraphs/shared/secrets';
import { composeSupergraph } from '../compose';
import { seedDirectory } from '../demo/directory-seed';
import { benchAgencies } from './bench-agencies';
import { ProcessGroup } from './processes';
import { machineLine, writeBenchmarkSection } from './report-file';
import { benchDatabase, seedInParallel } from './seed-deployments';

/**
 * `npm run bench:compression`: what compressing the gateway's answers costs and saves. One
 * deployment of demo documents behind the gateway; the portal's page, a search, an export of
 * 1,000 documents and the GraphQL IDE's page are fetched unencoded, then each is compressed here
 * with the gateway's own function (gateway/compression.ts), brotli and gzip, many times: CPU time
 * per answer against the bytes saved, which is what sets the threshold below which answers go out
 * unencoded.
 */

const CLOCK = '2026-11-27T10:00:00+08:00';
const BASE_PORT = 5700;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);

const ANSWERS: { name: string; path: string; body?: string; accept?: string }[] = [
  { name: 'a count (`documents(first: 0) { totalCount }`)', path: '/graphql', body: JSON.stringify({ query: '{ documents(first: 0) { totalCount } }' }) },
  { name: 'portal page, 20 documents', path: '/graphql', body: JSON.stringify({ query: '{ documents(first: 20) { totalCount edges { node { id title docNumber publishedAt theme validity agency { code name } } } } }' }) },
  { name: 'search page, 20 hits with highlights', path: '/graphql', body: JSON.stringify({ query: '{ search(text: "公开", first: 20) { totalCount edges { highlight node { id title docNumber publishedAt agency { code name } } } } }' }) },
  { name: 'document page with its body', path: '/graphql', body: JSON.stringify({ query: '{ documents(first: 1) { edges { node { id title summary body docNumber indexNumber keyFacts { subject value unit } versions { version reason } } } } }' }) },
  { name: 'export, 150 documents (NDJSON)', path: '/export/documents.ndjson' },
  { name: 'GraphQL IDE page (HTML)', path: '/graphql', accept: 'text/html' },
];

async function main(): Promise<void> {
  const processes = new ProcessGroup();
  const work = mkdtempSync(join(tmpdir(), 'hub-compression-bench-'));
  try {
    const [agency] = benchAgencies(1);
    const secret = randomSecret();
    await seedInParallel({ agencies: [agency], dir: work, documents: 150, gatewaySecret: secret, clock: CLOCK, today: '2026-11-27' }, 1);
    const directory = await createDirectoryRuntime(loadDirectoryConfig({ HUB_GATEWAY_SECRET: secret, HUB_DIRECTORY_DATABASE_URL: join(work, 'directory.sqlite') }));
    await seedDirectory(directory, [agency]);
    await directory.orm.close();
    const env = { HUB_GATEWAY_SECRET: secret, HUB_DATA_DIR: work, HUB_CLOCK: CLOCK };
    await processes.launch('subgraphs/directory/main.js', { ...env, PORT: String(BASE_PORT), HUB_DIRECTORY_DATABASE_URL: join(work, 'directory.sqlite') });
    await processes.launch('subgraphs/agency/main.js', { ...env, PORT: String(BASE_PORT + 1), HUB_AGENCY_CODE: agency.code, HUB_AGENCY_INDEX_PREFIX: agency.indexPrefix, HUB_DATABASE_URL: benchDatabase(work, agency.code) });
    const registry = join(work, 'registry.json');
    writeRegistry(registry, [{ code: agency.code, url: `http://127.0.0.1:${BASE_PORT + 1}/graphql` }]);
    const supergraph = join(work, 'supergraph.graphql');
    writeFileSync(supergraph, composeSupergraph());
    await processes.launch('gateway/main.js', { ...env, PORT: String(BASE_PORT + 2), HUB_REGISTRY: registry, HUB_SUPERGRAPH: supergraph, HUB_DIRECTORY_URL: `http://127.0.0.1:${BASE_PORT}/graphql` });
    const base = `http://127.0.0.1:${BASE_PORT + 2}`;

    const rows: string[] = [];
    for (const answer of ANSWERS) {
      const response = await fetch(base + answer.path, {
        method: answer.body ? 'POST' : 'GET', body: answer.body,
        headers: { 'accept-encoding': 'identity', ...(answer.body ? { 'content-type': 'application/json' } : {}), ...(answer.accept ? { accept: answer.accept } : {}) },
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      const cells = [answer.name, bytes.byteLength.toLocaleString('en')];
      for (const encoding of ['br', 'gzip'] as const) {
        const size = (await compressBody(bytes, encoding)).byteLength;
        const rounds = bytes.byteLength > 1_000_000 ? 5 : ROUNDS;
        const cpuBefore = process.cpuUsage();
        for (let i = 0; i < rounds; i++) await compressBody(bytes, encoding);
        const cpu = process.cpuUsage(cpuBefore);
        const msPerAnswer = (cpu.user + cpu.system) / 1000 / rounds;
        cells.push(size.toLocaleString('en'), `${(100 * (1 - size / bytes.byteLength)).toFixed(0)} %`, msPerAnswer.toFixed(3), (((bytes.byteLength - size) / 1024) / Math.max(msPerAnswer, 0.001)).toFixed(0));
      }
      rows.push(`| ${cells.join(' | ')} |`);
      console.log(cells.join('  '));
    }
    writeBenchmarkSection('compression', [
      '## Compressed answers: CPU per answer against bytes saved',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:compression\` (tools/bench/compression-bench.ts) on ${machineLine()}.`,
      `Answers of the hub's gateway over one deployment of 150 demo documents, fetched unencoded, then compressed ${ROUNDS} times each (5 for answers over 1 MB) with the gateway's own \`compressBody\` (brotli at quality 4, gzip at its default level 6), CPU time of this process (zlib runs in its thread pool; user + system time counts every thread).`,
      '',
      '| answer | bytes | brotli bytes | saved | brotli CPU ms | KiB saved per CPU ms | gzip bytes | saved | gzip CPU ms | KiB saved per CPU ms |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      'The gateway answers in brotli when the client accepts it, else gzip, and leaves answers under `HUB_COMPRESSION_MIN_BYTES` (1,024 bytes) unencoded: a count or a single small answer saves a few hundred bytes for a fixed cost of setting up the compressor.',
    ].join('\n'));
  } finally {
    await processes.stopAll();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
