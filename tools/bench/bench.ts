process.env.APOLLO_TELEMETRY_DISABLED = '1';
import autocannon from 'autocannon';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAgencyConfig } from '../../subgraphs/agency/config';
import { createAgencyRuntime } from '../../subgraphs/agency/server';
import { loadDirectoryConfig } from '../../subgraphs/directory/config';
import { createDirectoryRuntime } from '../../subgraphs/directory/server';
import { seedDirectory } from '../demo/directory-seed';
import { ANONYMOUS, GATEWAY_CLAIMS_HEADER, signGatewayClaims } from '../../schema/contracts/claims';
import { randomSecret } from '../../subgraphs/shared/secrets';
import { writeRegistry, type ShardEntry } from '../../schema/contracts/shard-registry';
import { composeSupergraph } from '../compose';
import { seedAgency } from '../demo/seed-agency';
import { benchAgencies } from './bench-agencies';
import { cpuSeconds, ProcessGroup } from './processes';
import { machineLine, writeBenchmarkSection } from './report-file';

/**
 * `npm run bench`: every configuration side by side in one run on this machine, written to
 * docs/benchmarks.md. Each configuration runs as its own processes (a gateway, the directory,
 * agency deployments on SQLite files) and autocannon drives it from this process.
 */

const SHARD_COUNTS = [1, 4, 8, 16];
/** Deployment counts measured again with the provincial catalogue answering the public reads. */
const CATALOGUE_COUNTS = [1, 16];
const DOCS_PER_AGENCY = Number(process.env.BENCH_DOCS ?? 150);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const BASE_PORT = 5100;

const PORTAL = /* GraphQL */ `query Latest($to: Date) { documents(first: 20, filter: { publishedTo: $to }) { edges { node { id title publishedAt agency { name } } } } }`;
const PORTAL_DIRECT = PORTAL.replace('agency { name }', 'agency { code }');
const SEARCH = /* GraphQL */ `query Search($text: String!) { search(text: $text, first: 20) { totalCount edges { highlight node { id title agency { name } } } } }`;
const SEARCH_DIRECT = SEARCH.replace('agency { name }', 'agency { code }');
const WORDS = ['公开', '通知', '实施', '发展', '管理', '建设', '服务', '安全', '资金', '监督', '规划', '改革', '教育', '环境', '市场', '数字经济'];

/** Varied variables so no layer answers from a cache or an in-flight duplicate. */
function portalVariables(i: number) {
  const day = 1 + (i % 28);
  const month = 1 + (Math.floor(i / 28) % 10);
  return { to: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}
function searchVariables(i: number) {
  return { text: WORDS[i % WORDS.length] + (i % 3 === 0 ? ' 工作' : '') };
}

const processes = new ProcessGroup();

interface Row { config: string; query: string; rps: number; p50: number; p99: number; cpuMsPerReq?: number; errors: number }

async function load(url: string, query: string, vary: (i: number) => Record<string, unknown>, headers: Record<string, string>, pid?: number): Promise<Omit<Row, 'config' | 'query'>> {
  let i = 0;
  const run = (seconds: number) => autocannon({
    url, connections: CONNECTIONS, duration: seconds, method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ query, variables: vary(i++) }) }) }],
  });
  await run(2); // warm-up: JIT, connection pools, SQLite page cache
  const cpuBefore = pid ? cpuSeconds(pid) : 0;
  const result = await run(DURATION_S);
  const cpu = pid ? cpuSeconds(pid) - cpuBefore : undefined;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMsPerReq: cpu !== undefined ? (cpu * 1000) / result.requests.total : undefined,
    errors: result.errors + result.non2xx,
  };
}

/** Waits for a service's /health to answer 200 (the catalogue: its first back-fill is done). */
async function waitUntilHealthy(url: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not healthy within ${timeoutMs} ms`);
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const agencies = benchAgencies(Math.max(...SHARD_COUNTS));
  const secret = randomSecret();
  console.log(`seeding ${agencies.length} deployments × ${DOCS_PER_AGENCY} documents in ${work}`);
  for (const agency of agencies) {
    const runtime = await createAgencyRuntime(loadAgencyConfig({ HUB_GATEWAY_SECRET: secret, HUB_AGENCY_CODE: agency.code, HUB_AGENCY_INDEX_PREFIX: agency.indexPrefix, HUB_DATABASE_URL: join(work, `${agency.code}.sqlite`), HUB_CLOCK: '2026-11-27T10:00:00+08:00' }));
    await seedAgency(runtime, agency, { documents: DOCS_PER_AGENCY, penalties: 0, today: '2026-11-27' });
    await runtime.orm.close();
  }
  const directoryRuntime = await createDirectoryRuntime(loadDirectoryConfig({ HUB_GATEWAY_SECRET: secret, HUB_DIRECTORY_DATABASE_URL: join(work, 'directory.sqlite') }));
  await seedDirectory(directoryRuntime, agencies);
  await directoryRuntime.orm.close();

  // Quotas are raised: the load comes from one address and would otherwise be rate-limited.
  const env = { HUB_GATEWAY_SECRET: secret, HUB_DATA_DIR: work, HUB_CLOCK: '2026-11-27T10:00:00+08:00', HUB_ANONYMOUS_PER_MINUTE: '100000000' };
  const directoryUrl = `http://127.0.0.1:${BASE_PORT}/graphql`;
  await processes.launch('subgraphs/directory/main.js', { ...env, PORT: String(BASE_PORT), HUB_DIRECTORY_DATABASE_URL: join(work, 'directory.sqlite') });
  const shards: ShardEntry[] = [];
  for (const [i, agency] of agencies.entries()) {
    const port = BASE_PORT + 1 + i;
    await processes.launch('subgraphs/agency/main.js', { ...env, PORT: String(port), HUB_AGENCY_CODE: agency.code, HUB_DATABASE_URL: join(work, `${agency.code}.sqlite`) });
    shards.push({ code: agency.code, url: `http://127.0.0.1:${port}/graphql` });
  }
  const supergraph = composeSupergraph();
  const rows: Row[] = [];
  const record = (config: string, query: string, r: Omit<Row, 'config' | 'query'>) => {
    rows.push({ config, query, ...r });
    console.log(`${config.padEnd(34)} ${query.padEnd(7)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  cpu ${r.cpuMsPerReq?.toFixed(2) ?? '-'} ms/req  errors ${r.errors}`);
  };

  // (a) the agency subgraph called directly, with a signed claims header as the gateway would send.
  const direct = { [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims(ANONYMOUS, secret, 3600) };
  record('(a) agency subgraph, direct', 'portal', await load(shards[0].url, PORTAL_DIRECT, portalVariables, direct));
  record('(a) agency subgraph, direct', 'search', await load(shards[0].url, SEARCH_DIRECT, searchVariables, direct));

  // (b) stock Apollo Gateway over one deployment.
  const apolloSupergraph = join(work, 'supergraph-apollo.graphql');
  writeFileSync(apolloSupergraph, supergraph.replace('http://agency.sharded.invalid/graphql', shards[0].url).replace('http://directory.hub.invalid/graphql', directoryUrl));
  const apolloPort = BASE_PORT + 90;
  const apollo = await processes.launch('tools/bench/apollo-baseline.js', { ...env, PORT: String(apolloPort), SUPERGRAPH: apolloSupergraph });
  for (const [name, query, vary] of [['portal', PORTAL, portalVariables], ['search', SEARCH, searchVariables]] as const) {
    record('(b) Apollo Gateway 2.x, 1 deployment', name, await load(`http://127.0.0.1:${apolloPort}/`, query, vary, {}, apollo.pid));
  }
  await processes.stop(apollo);

  // (c, d) the hub's gateway over 1, 4, 8 and 16 deployments.
  const supergraphPath = join(work, 'supergraph.graphql');
  writeFileSync(supergraphPath, supergraph);
  for (const count of SHARD_COUNTS) {
    const registry = join(work, `registry-${count}.json`);
    writeRegistry(registry, shards.slice(0, count));
    const port = BASE_PORT + 91;
    const gateway = await processes.launch('gateway/main.js', { ...env, PORT: String(port), HUB_REGISTRY: registry, HUB_SUPERGRAPH: supergraphPath, HUB_DIRECTORY_URL: directoryUrl });
    const label = count === 1 ? '(c) hub gateway, 1 deployment' : `(d) hub gateway, ${count} deployments`;
    for (const [name, query, vary] of [['portal', PORTAL, portalVariables], ['search', SEARCH, searchVariables]] as const) {
      record(label, name, await load(`http://127.0.0.1:${port}/graphql`, query, vary, {}, gateway.pid));
    }
    await processes.stop(gateway);
  }
  // The same reads through the provincial catalogue (one call whatever the number of deployments).
  for (const count of CATALOGUE_COUNTS) {
    const registry = join(work, `registry-${count}.json`);
    const port = BASE_PORT + 92;
    const cataloguePort = BASE_PORT + 93;
    const catalogueUrl = `http://127.0.0.1:${cataloguePort}/graphql`;
    const gateway = await processes.launch('gateway/main.js', { ...env, PORT: String(port), HUB_REGISTRY: registry, HUB_SUPERGRAPH: supergraphPath, HUB_DIRECTORY_URL: directoryUrl, HUB_CATALOGUE_URL: catalogueUrl });
    const started = Date.now();
    const catalogue = await processes.launch('subgraphs/catalogue/main.js', {
      ...env, PORT: String(cataloguePort), HUB_REGISTRY: registry, HUB_GATEWAY_URL: `http://127.0.0.1:${port}/graphql`, HUB_CATALOGUE_DATABASE_URL: join(work, `catalogue-${count}.sqlite`),
    });
    await waitUntilHealthy(catalogueUrl.replace(/\/graphql$/, '/health'));
    console.log(`catalogue over ${count} deployments back-filled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const label = `(e) hub gateway + catalogue, ${count} deployment${count === 1 ? '' : 's'}`;
    for (const [name, query, vary] of [['portal', PORTAL, portalVariables], ['search', SEARCH, searchVariables]] as const) {
      record(label, name, await load(`http://127.0.0.1:${port}/graphql`, query, vary, {}, gateway.pid));
    }
    await processes.stop(catalogue);
    await processes.stop(gateway);
  }
  await processes.stopAll();
  rmSync(work, { recursive: true, force: true });
  writeReport(rows);
}

function writeReport(rows: Row[]): void {
  const find = (config: string, query: string) => rows.find((r) => r.config.startsWith(config) && r.query === query)!;
  const lines = [
    '## The gateway: direct subgraph, Apollo Gateway, the hub over 1–16 deployments, live and through the catalogue',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` (tools/bench/bench.ts): every configuration side by side in one run.`,
    '',
    `- Machine: ${machineLine()}; load generator, gateways and every deployment on this one machine.`,
    `- Load: autocannon, ${CONNECTIONS} connections, ${DURATION_S} s after a 2 s warm-up, variables varied per request (no cache or in-flight deduplication can answer).`,
    `- Data: ${DOCS_PER_AGENCY} demo documents per deployment (SQLite files), each deployment its own process.`,
    '- portal: `documents(first: 20, filter: { publishedTo: $to }) { edges { node { id title publishedAt agency { name } } } }` (the direct subgraph asks `agency { code }`: it has no names);',
    '  search: `search(text: $text, first: 20) { totalCount edges { highlight node { id title agency { name } } } }`.',
    '- CPU per request: the gateway process\'s user + system time over the run, divided by the requests served.',
    '',
    '| configuration | query | req/s | p50 ms | p99 ms | gateway CPU ms/req | errors |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.config} | ${r.query} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.cpuMsPerReq?.toFixed(2) ?? '—'} | ${r.errors} |`),
    '',
    '## Against the targets',
    '',
  ];
  for (const q of ['portal', 'search']) {
    const a = find('(a)', q);
    const b = find('(b)', q);
    const c = find('(c)', q);
    const d16 = find('(d) hub gateway, 16', q);
    lines.push(
      `- ${q}: hub gateway / Apollo Gateway req/s over one deployment = **${(c.rps / b.rps).toFixed(2)}×** (target ≥ 2.0×); ` +
      `hub gateway p50 / direct subgraph p50 = **${(c.p50 / Math.max(a.p50, 0.5)).toFixed(2)}×** (target ≤ 1.3×); ` +
      `gateway CPU per merged page at 16 / at 1 deployment = **${((d16.cpuMsPerReq ?? 0) / (c.cpuMsPerReq ?? 1)).toFixed(2)}×** (target ≤ 3×).`,
    );
    const e1 = find('(e) hub gateway + catalogue, 1 ', q);
    const e16 = find('(e) hub gateway + catalogue, 16', q);
    lines.push(
      `- ${q} through the catalogue: req/s at 16 / at 1 deployment = **${(e16.rps / e1.rps).toFixed(2)}×** (target ≥ 0.8×, at 100 deployments not measured yet); ` +
      `p50 at 16 / direct subgraph p50 = **${(e16.p50 / Math.max(a.p50, 0.5)).toFixed(2)}×** (target ≤ 1.3×); ` +
      `catalogue / live fan-out req/s at 16 = **${(e16.rps / d16.rps).toFixed(1)}×**.`,
    );
  }
  console.log(`wrote ${writeBenchmarkSection('gateway', lines.join('\n'))}`);
}

main().catch(async (error) => {
  console.error(error);
  await processes.stopAll();
  process.exit(1);
});
