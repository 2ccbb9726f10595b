process.env.APOLLO_TELEMETRY_DISABLED = '1';
import autocannon from 'autocannon';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompactDeployment } from '../../subgraphs/agency/config';
import { loadDirectoryConfig } from '../../subgraphs/directory/config';
import { createDirectoryRuntime } from '../../subgraphs/directory/server';
import { seedDirectory } from '../demo/directory-seed';
import { ANONYMOUS, GATEWAY_CLAIMS_HEADER, signGatewayClaims } from '../../schema/contracts/claims';
import { randomSecret } from '../../subgraphs/shared/secrets';
import { writeRegistry, type ShardEntry } from '../../schema/contracts/shard-registry';
import { issueToken, type TokenClaims } from '../../schema/contracts/tokens';
import { composeSupergraph } from '../compose';
import { benchAgencies } from './bench-agencies';
import { cpuSeconds, ProcessGroup, rssMiB, startHungServer } from './processes';
import { cpuByPart } from './cpu-attribution';
import { benchDatabase, seedInParallel } from './seed-deployments';
import { machineLine, writeBenchmarkSection } from './report-file';
import { SEARCH, SEARCH_DIRECT, searchText } from './search-queries';

/**
 * `npm run bench:gateway` (the first part of `npm run bench`): every configuration side by side in one run on this machine, written to
 * docs/benchmarks.md. The gateways, the directory and the catalogue run as their own processes;
 * the agency deployments (SQLite files) run in a few compact hosts (subgraphs/agency/compact-main)
 * so that 100 of them fit the machine; autocannon drives the load from this process.
 *
 * Settings: BENCH_DOCS (documents per deployment, 150), BENCH_SECONDS (per measurement, 10),
 * BENCH_MAX_DEPLOYMENTS (the province's size, 100; smaller for a quick run), BENCH_HOSTS (compact
 * hosts, 4), BENCH_SEED_WORKERS (seeding processes, one per core).
 */

const MAX_DEPLOYMENTS = Number(process.env.BENCH_MAX_DEPLOYMENTS ?? 100);
/** Of `counts`, those below the province's size, and the size itself. */
const upTo = (counts: number[]) => [...new Set([...counts.filter((n) => n < MAX_DEPLOYMENTS), MAX_DEPLOYMENTS])];
/** Deployment counts measured with the live fan-out. */
const SHARD_COUNTS = upTo([1, 4, 8, 16, 50, 100]);
/** Deployment counts measured again with the provincial catalogue answering the public reads. */
const CATALOGUE_COUNTS = upTo([1, 16, 100]);
/** The deployment count at which the staff pages' fan-out cost is compared with one deployment's. */
const STAFF_FANOUT_AT = SHARD_COUNTS.includes(16) ? 16 : MAX_DEPLOYMENTS;
/** The counts of the scale-out table (issue 15): the staff page is measured at each. */
const SCALE_COUNTS = upTo([1, 16, 50, 100]);
const DOCS_PER_AGENCY = Number(process.env.BENCH_DOCS ?? 150);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
/**
 * Four hosts: two per core of the 2-core benchmark machine, so one host's garbage collection or
 * slow query leaves the other core working, and a fan-out over 4 deployments reaches four
 * processes as it would in a province; more hosts would add each one's ~140 MiB of code and
 * schema without adding a core.
 */
/** How long the idle cost of the deployments is measured, in seconds. */
const IDLE_SECONDS = 10;
const HOSTS = Math.min(Number(process.env.BENCH_HOSTS ?? 4), MAX_DEPLOYMENTS);
const SEED_WORKERS = Number(process.env.BENCH_SEED_WORKERS ?? cpus().length);
const CONNECTIONS = 10;
/**
 * Reader processes of the catalogue in its rows (HUB_CATALOGUE_READERS): one per core, as a
 * province's catalogue machine would run it.
 */
const CATALOGUE_READERS = Number(process.env.BENCH_CATALOGUE_READERS ?? cpus().length);
/**
 * `BENCH_ONLY=catalogue`: only the direct subgraph's rows and the catalogue's (without the hung
 * deployment), printed and not written to docs/benchmarks.md — for trying a change to the
 * catalogue's read path in a few minutes rather than the whole run's.
 */
const ONLY_CATALOGUE = process.env.BENCH_ONLY === 'catalogue';
/**
 * Seconds a request (autocannon) and a shard call (the gateway's HUB_SHARD_TIMEOUT_MS, 5 s in
 * production) may take. Under 10 connections a fan-out over 100 deployments on a 2-core machine
 * takes seconds, and at the production deadline part of its calls would be cut and answered as
 * partial pages: the rows measure the complete answer.
 */
const TIMEOUT_S = 30;
const CLOCK = '2026-11-27T10:00:00+08:00';
const BASE_PORT = 5100;
const PORTS = { directory: BASE_PORT, apollo: BASE_PORT + 1, gateway: BASE_PORT + 2, catalogueGateway: BASE_PORT + 3, catalogue: BASE_PORT + 4, ownProcess: BASE_PORT + 5, firstDeployment: BASE_PORT + 10 };

const PORTAL = /* GraphQL */ `query Latest($to: Date) { documents(first: 20, filter: { publishedTo: $to }) { edges { node { id title publishedAt agency { name } } } } }`;
const PORTAL_DIRECT = PORTAL.replace('agency { name }', 'agency { code }');
/**
 * Staff pages, which always take the live fan-out (they include unpublished documents): a
 * supervisor's list of what is not published yet, over every deployment, and an editor's own
 * agency's, over one.
 */
const STAFF_PAGE = /* GraphQL */ `query Unpublished($first: Int!, $status: [DocumentStatus!]) { documents(first: $first, filter: { status: $status }) { totalCount edges { node { id title publishDueOn overdue agency { name } } } } }`;
const STATUS_SETS = [['DRAFT', 'IN_REVIEW', 'APPROVED'], ['IN_REVIEW', 'APPROVED'], ['DRAFT']];
function staffVariables(i: number) {
  return { first: 11 + (i % 10), status: STATUS_SETS[Math.floor(i / 10) % STATUS_SETS.length] };
}

/** Varied variables so no layer answers from a cache or an in-flight duplicate. */
function portalVariables(i: number) {
  const day = 1 + (i % 28);
  const month = 1 + (Math.floor(i / 28) % 10);
  return { to: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}
function searchVariables(i: number) {
  return { text: searchText(i) };
}

const processes = new ProcessGroup();

/** Which path a row measures, to find rows by what they are rather than by their label. */
type Path = 'direct' | 'own-process' | 'apollo' | 'live' | 'catalogue' | 'catalogue-one-hung';
interface PacedRow { config: string; query: string; p50: number; p99: number; errors: number }
interface Row { config: string; path: Path; deployments: number; query: string; rps: number; requests: number; p50: number; p99: number; cpuMsPerReq?: number; peakRssMiB?: number; errors: number; noticed?: number }
type Measured = Omit<Row, 'config' | 'path' | 'deployments' | 'query'>;

/** How a load is driven and judged beyond the defaults. */
interface LoadOptions {
  /** The process whose CPU per request is measured. */
  pid?: number;
  /** Requests per second in all instead of as fast as the connections go (an equal offered load, for latency). */
  rate?: number;
  /** An error expected in the answers (a notice naming an agency, not a failure): counted in `noticed` when it names that agency, never in `errors`. */
  notice?: { code: string; agency: string };
}

/**
 * Latency at an equal offered load: every path gets the same requests per second, below what the
 * slowest of them serves, so p50 is the time a request takes rather than the time it queues
 * behind the others of ten connections.
 */
const PACED_RATE = 30;
/** How long the catalogue waits for an idle log in the rows with a hung deployment, and when it names one stale. */
const HUNG_FEED_WAIT_MS = 2000;
const HUNG_STALE_MS = 5000;

/** One profiled load of the gateway: its CPU per part (cpu-attribution.ts), over the requests it served. */
interface PartProfile { query: string; requests: number; rps: number; cpuMsPerReq: number; parts: Map<string, number> }

/** What the report states besides the table: what building the province cost. */
interface Setup {
  seedSeconds: number;
  /** Catalogue back-fill from empty, seconds, by deployment count. */
  backfillSeconds: Map<number, number>;
  memory: { process: string; deployments: number; startMiB: number; afterLoadMiB: number }[];
  /** CPU the compact hosts use while nobody calls them, in ms per second per deployment. */
  idleCpuMsPerDeploymentSecond?: number;
}

async function load(url: string, query: string, vary: (i: number) => Record<string, unknown>, headers: Record<string, string>, options: LoadOptions = {}): Promise<Measured> {
  const { pid, rate, notice } = options;
  let i = 0;
  let withErrors = 0;
  let noticed = 0;
  const run = (limit: { duration: number } | { amount: number }) => autocannon({
    url, connections: CONNECTIONS, ...limit, ...(rate && 'duration' in limit ? { overallRate: rate } : {}), timeout: TIMEOUT_S, method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ query, variables: vary(i++) }) }),
      // A 200 can still carry errors (a deployment that did not answer in time, a stale catalogue): a partial page is not a served one.
      onResponse: (status, body) => {
        if (status !== 200 || !body.includes('"errors":')) return;
        const errors = (JSON.parse(body) as { errors: { extensions?: { code?: string; agencies?: string[] } }[] }).errors;
        const isNotice = (e: (typeof errors)[number]) => notice !== undefined && e.extensions?.code === notice.code;
        if (errors.some((e) => isNotice(e) && e.extensions?.agencies?.includes(notice!.agency))) noticed++;
        if (errors.some((e) => !isNotice(e))) withErrors++;
      },
    }],
  });
  await run({ duration: 2 }); // warm-up: JIT, connection pools, SQLite page cache
  // A timed run stops with requests in flight, which the service keeps serving (seconds of work in
  // a 100-deployment fan-out). One request per connection, answered after those sent earlier,
  // lets them finish before the measurement starts.
  await run({ amount: CONNECTIONS });
  withErrors = 0;
  noticed = 0;
  const cpuBefore = pid ? cpuSeconds(pid) : 0;
  let peakRssMiB = pid ? rssMiB(pid) : undefined;
  const sampler = pid ? setInterval(() => { peakRssMiB = Math.max(peakRssMiB!, rssMiB(pid)); }, 100) : undefined;
  const result = await run({ duration: DURATION_S });
  clearInterval(sampler);
  const cpu = pid ? cpuSeconds(pid) - cpuBefore : undefined;
  return {
    rps: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMsPerReq: cpu !== undefined && result.requests.total > 0 ? (cpu * 1000) / result.requests.total : undefined,
    peakRssMiB,
    errors: result.errors + result.non2xx + withErrors,
    ...(notice ? { noticed } : {}),
  };
}

/**
 * Waits for a service's /health to answer 200 (the catalogue: its first back-fill is done). The
 * catalogue's back-fill of 100 × 150 documents took 581 s on a busy 2-core machine: 30 minutes
 * leave room for it rather than fail a run after its longest part.
 */
async function waitUntilHealthy(url: string, timeoutMs = 1_800_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not healthy within ${timeoutMs} ms`);
}

const seconds = (since: number) => (Date.now() - since) / 1000;
const plural = (n: number) => `${n} deployment${n === 1 ? '' : 's'}`;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const agencies = benchAgencies(MAX_DEPLOYMENTS);
  const secret = randomSecret();
  console.log(`seeding ${agencies.length} deployments × ${DOCS_PER_AGENCY} documents in ${work} with ${SEED_WORKERS} processes`);
  const seedStarted = Date.now();
  await seedInParallel({ agencies, dir: work, documents: DOCS_PER_AGENCY, gatewaySecret: secret, clock: CLOCK, today: '2026-11-27' }, SEED_WORKERS);
  const directoryRuntime = await createDirectoryRuntime(loadDirectoryConfig({ HUB_GATEWAY_SECRET: secret, HUB_DIRECTORY_DATABASE_URL: join(work, 'directory.sqlite') }));
  await seedDirectory(directoryRuntime, agencies);
  await directoryRuntime.orm.close();
  const setup: Setup = { seedSeconds: seconds(seedStarted), backfillSeconds: new Map(), memory: [] };
  console.log(`seeded in ${setup.seedSeconds.toFixed(1)} s`);

  // Quotas are raised: the load comes from one address and would otherwise be rate-limited.
  const jwtSecret = randomSecret();
  // HUB_CALENDAR_SYNC_SECONDS=0: the measured load is the readers', not each deployment's calendar reads.
  const env = { HUB_CALENDAR_SYNC_SECONDS: '0', HUB_GATEWAY_SECRET: secret, HUB_JWT_SECRET: jwtSecret, HUB_DATA_DIR: work, HUB_CLOCK: CLOCK, HUB_ANONYMOUS_PER_MINUTE: '100000000', HUB_STAFF_PER_MINUTE: '100000000' };
  const bearer = async (claims: TokenClaims) => ({ authorization: `Bearer ${await issueToken({ secret: jwtSecret }, claims)}` });
  const supervisor = await bearer({ sub: 'bench-supervisor', roles: ['supervisor'] });
  const editor = await bearer({ sub: `bench-editor@${agencies[0].code}`, roles: ['editor'], agency: agencies[0].code });
  const gatewayEnv = { ...env, HUB_SHARD_TIMEOUT_MS: String(TIMEOUT_S * 1000) };
  const directoryUrl = `http://127.0.0.1:${PORTS.directory}/graphql`;
  await processes.launch('subgraphs/directory/main.js', { ...env, PORT: String(PORTS.directory), HUB_DIRECTORY_DATABASE_URL: join(work, 'directory.sqlite') });
  const rows: Row[] = [];
  const record = (config: string, path: Path, deployments: number, query: string, r: Measured) => {
    rows.push({ config, path, deployments, query, ...r });
    console.log(`${config.padEnd(44)} ${query.padEnd(7)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  cpu ${r.cpuMsPerReq?.toFixed(2) ?? '-'} ms/req  errors ${r.errors}`);
  };
  const direct = { [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims(ANONYMOUS, secret, 3600) };
  const paced: PacedRow[] = [];
  const recordPaced = (config: string, query: string, r: Measured) => {
    paced.push({ config, query, ...r });
    console.log(`${config.padEnd(44)} ${query.padEnd(7)} at ${PACED_RATE} req/s: p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}`);
  };

  // (a′) the first deployment alone in its own process, as production runs it (started before the
  // compact hosts, which open the same file): what one deployment costs in memory, and whether
  // sharing a host changes its latency.
  if (!ONLY_CATALOGUE) {
    const own = await processes.launch('subgraphs/agency/main.js', {
      ...env, PORT: String(PORTS.ownProcess), HUB_AGENCY_CODE: agencies[0].code, HUB_AGENCY_INDEX_PREFIX: agencies[0].indexPrefix, HUB_DATABASE_URL: benchDatabase(work, agencies[0].code),
    });
    const ownStartMiB = rssMiB(own.pid!);
    const ownUrl = `http://127.0.0.1:${PORTS.ownProcess}/graphql`;
    record('(a′) agency subgraph, direct, own process', 'own-process', 1, 'portal', await load(ownUrl, PORTAL_DIRECT, portalVariables, direct));
    record('(a′) agency subgraph, direct, own process', 'own-process', 1, 'search', await load(ownUrl, SEARCH_DIRECT, searchVariables, direct));
    setup.memory.push({ process: 'one deployment in its own process (main.ts)', deployments: 1, startMiB: ownStartMiB, afterLoadMiB: rssMiB(own.pid!) });
    await processes.stop(own);
  }

  // Every row's deployments: deployment i on compact host i mod HOSTS, so a fan-out over k ≤ HOSTS reaches k processes.
  const shards: ShardEntry[] = agencies.map((agency, i) => ({ code: agency.code, url: `http://127.0.0.1:${PORTS.firstDeployment + i}/graphql` }));
  const hostsStarted = Date.now();
  const hosts = await Promise.all(Array.from({ length: HOSTS }, async (_, h) => {
    const deployments: CompactDeployment[] = agencies.flatMap((agency, i) => (i % HOSTS === h
      ? [{ code: agency.code, port: PORTS.firstDeployment + i, databaseUrl: benchDatabase(work, agency.code), indexPrefix: agency.indexPrefix }]
      : []));
    const file = join(work, `compact-host-${h + 1}.json`);
    writeFileSync(file, JSON.stringify(deployments));
    const child = await processes.launch('subgraphs/agency/compact-main.js', { ...env, HUB_AGENCY_DEPLOYMENTS: file }, /compact host of \d+ agency deployments ready/);
    return { child, deployments: deployments.length, startMiB: rssMiB(child.pid!) };
  }));
  console.log(`${HOSTS} compact hosts of ${agencies.length} deployments ready in ${seconds(hostsStarted).toFixed(1)} s, RSS ${hosts.map((h) => h.startMiB.toFixed(0)).join(', ')} MiB`);
  // Idle cost: what the hosts spend with nobody calling them (their deadline watches and timers), per deployment.
  const idleBefore = hosts.map((h) => cpuSeconds(h.child.pid!));
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  const idleCpu = hosts.reduce((total, h, i) => total + cpuSeconds(h.child.pid!) - idleBefore[i], 0);
  setup.idleCpuMsPerDeploymentSecond = (idleCpu * 1000) / IDLE_SECONDS / agencies.length;
  const supergraph = composeSupergraph();
  const registryOf = (count: number) => {
    const registry = join(work, `registry-${count}.json`);
    writeRegistry(registry, shards.slice(0, count));
    return registry;
  };

  // (a) the agency subgraph called directly, with a signed claims header as the gateway would send.
  record('(a) agency subgraph, direct', 'direct', 1, 'portal', await load(shards[0].url, PORTAL_DIRECT, portalVariables, direct));
  record('(a) agency subgraph, direct', 'direct', 1, 'search', await load(shards[0].url, SEARCH_DIRECT, searchVariables, direct));
  recordPaced('(a) agency subgraph, direct', 'portal', await load(shards[0].url, PORTAL_DIRECT, portalVariables, direct, { rate: PACED_RATE }));
  recordPaced('(a) agency subgraph, direct', 'search', await load(shards[0].url, SEARCH_DIRECT, searchVariables, direct, { rate: PACED_RATE }));

  // (b) stock Apollo Gateway over one deployment.
  if (!ONLY_CATALOGUE) {
    const apolloSupergraph = join(work, 'supergraph-apollo.graphql');
    writeFileSync(apolloSupergraph, supergraph.replace('http://agency.sharded.invalid/graphql', shards[0].url).replace('http://directory.hub.invalid/graphql', directoryUrl));
    const apollo = await processes.launch('tools/bench/apollo-baseline.js', { ...env, PORT: String(PORTS.apollo), SUPERGRAPH: apolloSupergraph });
    for (const [name, query, vary] of [['portal', PORTAL, portalVariables], ['search', SEARCH, searchVariables]] as const) {
      record('(b) Apollo Gateway 2.x, 1 deployment', 'apollo', 1, name, await load(`http://127.0.0.1:${PORTS.apollo}/`, query, vary, {}, { pid: apollo.pid }));
    }
    await processes.stop(apollo);
  }

  // (c, d) the hub's gateway with the live fan-out.
  const supergraphPath = join(work, 'supergraph.graphql');
  writeFileSync(supergraphPath, supergraph);
  /** The hub's gateway over the deployments of `registry`, with the live fan-out (no catalogue). */
  const launchLiveGateway = (registry: string, nodeArgs: string[] = []) => processes.launch(
    'gateway/main.js', { ...gatewayEnv, PORT: String(PORTS.gateway), HUB_REGISTRY: registry, HUB_SUPERGRAPH: supergraphPath, HUB_DIRECTORY_URL: directoryUrl }, /ready at/, nodeArgs,
  );
  for (const count of ONLY_CATALOGUE ? [] : SHARD_COUNTS) {
    const gateway = await launchLiveGateway(registryOf(count));
    const label = count === 1 ? '(c) hub gateway, 1 deployment' : `(d) hub gateway, ${plural(count)}`;
    for (const [name, query, vary] of [['portal', PORTAL, portalVariables], ['search', SEARCH, searchVariables]] as const) {
      record(label, 'live', count, name, await load(`http://127.0.0.1:${PORTS.gateway}/graphql`, query, vary, {}, { pid: gateway.pid }));
      if (count === 1) recordPaced(label, name, await load(`http://127.0.0.1:${PORTS.gateway}/graphql`, query, vary, {}, { rate: PACED_RATE }));
    }
    if (SCALE_COUNTS.includes(count) || count === STAFF_FANOUT_AT) {
      record(label, 'live', count, 'supervisor', await load(`http://127.0.0.1:${PORTS.gateway}/graphql`, STAFF_PAGE, staffVariables, supervisor, { pid: gateway.pid }));
      if (count === STAFF_FANOUT_AT && count > 1) record(label, 'live', count, 'editor', await load(`http://127.0.0.1:${PORTS.gateway}/graphql`, STAFF_PAGE, staffVariables, editor, { pid: gateway.pid }));
    }
    await processes.stop(gateway);
  }
  // The gateway's CPU per request by part: the portal and search over one deployment again, with
  // the gateway under V8's sampling profiler (which adds its own cost, so the shares are what counts).
  const byPart: PartProfile[] = [];
  for (const [name, query, vary] of ONLY_CATALOGUE ? [] : [['portal', PORTAL, portalVariables], ['search', SEARCH, searchVariables]] as const) {
    const profileDir = join(work, `profile-${name}`);
    mkdirSync(profileDir);
    const gateway = await launchLiveGateway(registryOf(1), ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
    const measured = await load(`http://127.0.0.1:${PORTS.gateway}/graphql`, query, vary, {}, { pid: gateway.pid });
    // The profile is written as the process exits.
    await processes.stop(gateway, 30_000);
    byPart.push({ query: name, requests: measured.requests, rps: measured.rps, cpuMsPerReq: measured.cpuMsPerReq!, parts: cpuByPart(profileDir) });
  }

  // (e) the same reads through the provincial catalogue (one call whatever the number of deployments).
  for (const count of CATALOGUE_COUNTS) {
    const registry = registryOf(count);
    const gatewayUrl = `http://127.0.0.1:${PORTS.catalogueGateway}/graphql`;
    const catalogueUrl = `http://127.0.0.1:${PORTS.catalogue}/graphql`;
    const gateway = await processes.launch('gateway/main.js', { ...gatewayEnv, PORT: String(PORTS.catalogueGateway), HUB_REGISTRY: registry, HUB_SUPERGRAPH: supergraphPath, HUB_DIRECTORY_URL: directoryUrl, HUB_CATALOGUE_URL: catalogueUrl });
    const started = Date.now();
    const catalogue = await processes.launch('subgraphs/catalogue/main.js', {
      ...env, PORT: String(PORTS.catalogue), HUB_REGISTRY: registry, HUB_GATEWAY_URL: gatewayUrl, HUB_CATALOGUE_DATABASE_URL: join(work, `catalogue-${count}.sqlite`),
      HUB_CATALOGUE_READERS: String(CATALOGUE_READERS),
    });
    await waitUntilHealthy(catalogueUrl.replace(/\/graphql$/, '/health'));
    setup.backfillSeconds.set(count, seconds(started));
    console.log(`catalogue over ${plural(count)} (${count * DOCS_PER_AGENCY} documents) back-filled in ${seconds(started).toFixed(1)} s`);
    for (const [name, query, vary] of [['portal', PORTAL, portalVariables], ['search', SEARCH, searchVariables]] as const) {
      record(`(e) hub gateway + catalogue, ${plural(count)}`, 'catalogue', count, name, await load(gatewayUrl, query, vary, {}, { pid: gateway.pid }));
      if (count === 1 || count === MAX_DEPLOYMENTS) recordPaced(`(e) hub gateway + catalogue, ${plural(count)}`, name, await load(gatewayUrl, query, vary, {}, { rate: PACED_RATE }));
    }
    await processes.stop(catalogue);
    if (count === MAX_DEPLOYMENTS && !ONLY_CATALOGUE) {
      // The same province with its first deployment hung: its registry entry now points at a
      // server that accepts connections and never answers. The catalogue restarts on its database
      // (it caught up with every agency before), names the hung one stale within HUNG_STALE_MS
      // and keeps serving its published documents.
      const hung = await startHungServer();
      writeRegistry(registry, [{ code: shards[0].code, url: hung.url }, ...shards.slice(1, count)]);
      const restarted = await processes.launch('subgraphs/catalogue/main.js', {
        ...env, PORT: String(PORTS.catalogue), HUB_REGISTRY: registry, HUB_GATEWAY_URL: gatewayUrl, HUB_CATALOGUE_DATABASE_URL: join(work, `catalogue-${count}.sqlite`),
        HUB_CATALOGUE_FEED_WAIT_MS: String(HUNG_FEED_WAIT_MS), HUB_CATALOGUE_STALE_MS: String(HUNG_STALE_MS), HUB_CATALOGUE_READERS: String(CATALOGUE_READERS),
      });
      await waitUntilStale(catalogueUrl.replace(/\/graphql$/, '/health'), shards[0].code);
      for (const [name, query, vary] of [['portal', PORTAL, portalVariables], ['search', SEARCH, searchVariables]] as const) {
        record(`(e) hub gateway + catalogue, ${plural(count)}, one hung`, 'catalogue-one-hung', count, name, await load(gatewayUrl, query, vary, {}, { pid: gateway.pid, notice: { code: 'CATALOGUE_STALE', agency: shards[0].code } }));
      }
      await processes.stop(restarted);
      await hung.close();
    }
    await processes.stop(gateway);
  }
  for (const [h, host] of hosts.entries()) {
    setup.memory.push({ process: `compact host ${h + 1} (compact-main.ts)`, deployments: host.deployments, startMiB: host.startMiB, afterLoadMiB: rssMiB(host.child.pid!) });
  }
  await processes.stopAll();
  rmSync(work, { recursive: true, force: true });
  if (!ONLY_CATALOGUE) writeReport(rows, paced, setup, byPart);
}

/**
 * The gateway's CPU per request by part (tools/bench/cpu-attribution.ts), from the profiled loads:
 * each part's share of the profile's CPU time, and that share of the CPU per request measured
 * from /proc in the same load.
 */
function partsTable(profiles: PartProfile[]): string[] {
  const shares = profiles.map((p) => {
    const total = [...p.parts.values()].reduce((a, b) => a + b, 0);
    return new Map([...p.parts].map(([part, ms]) => [part, ms / total]));
  });
  const parts = [...new Set(profiles.flatMap((p) => [...p.parts.keys()]))]
    .sort((a, b) => (shares[0]?.get(b) ?? 0) - (shares[0]?.get(a) ?? 0));
  return [
    '### The gateway\'s CPU per request, by part',
    '',
    `The hub's gateway over one deployment again, under V8's sampling profiler (\`--cpu-prof\`), ${profiles.map((p) => `${p.query} at ${p.rps.toFixed(0)} req/s, ${p.cpuMsPerReq.toFixed(2)} ms of CPU a request`).join('; ')} (the profiler adds its own cost). ` +
      'Each sample counts for the part of the gateway nearest the root of its stack (a library a plugin calls counts for the plugin, the engine\'s work inside a plugin\'s hook too); samples under no part of the gateway count for the library or runtime they are in. ms/req is the part\'s share of the profile times the CPU per request measured from /proc in the same load.',
    '',
    `| part | ${profiles.map((p) => `${p.query}: share | ${p.query}: ms/req`).join(' | ')} |`,
    `|---|${profiles.map(() => '---:|---:').join('|')}|`,
    ...parts.map((part) => `| ${part} | ${profiles.map((p, i) => {
      const share = shares[i].get(part) ?? 0;
      return `${(100 * share).toFixed(1)} % | ${(share * p.cpuMsPerReq).toFixed(3)}`;
    }).join(' | ')} |`),
    '',
  ];
}

/** Waits until the catalogue's /health names `agency` stale. */
async function waitUntilStale(url: string, agency: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const health = await fetch(url).then((r) => r.json() as Promise<{ agencies?: { agency: string; stale: boolean }[] }>, () => ({ agencies: [] }));
    if (health.agencies?.some((a) => a.agency === agency && a.stale)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not name ${agency} stale within ${timeoutMs} ms`);
}

function writeReport(rows: Row[], paced: PacedRow[], setup: Setup, byPart: PartProfile[]): void {
  const find = (path: Path, deployments: number, query: string) => rows.find((r) => r.path === path && r.deployments === deployments && r.query === query)!;
  const top = MAX_DEPLOYMENTS;
  const [own, ...hosts] = setup.memory;
  const sum = (key: 'startMiB' | 'afterLoadMiB') => hosts.reduce((total, h) => total + h[key], 0);
  const mib = (n: number) => n.toFixed(0);
  const gib = (n: number) => (n / 1024).toFixed(1);
  // What one more deployment adds to a host when ready: the hosts' excess over one deployment's process, per extra deployment.
  const extraDeployments = top - HOSTS;
  const marginal = extraDeployments > 0 ? `; each deployment beyond a host's first adds about ${((sum('startMiB') - HOSTS * own.startMiB) / extraDeployments).toFixed(1)} MiB when ready` : '';
  const lines = [
    `## The gateway: direct subgraph, Apollo Gateway, the hub over 1–${top} deployments, live and through the catalogue`,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:gateway\` (tools/bench/bench.ts, part of \`npm run bench\`): every configuration side by side in one run.`,
    '',
    `- Machine: ${machineLine()}; load generator, gateways and every deployment on this one machine.`,
    `- Load: autocannon, ${CONNECTIONS} connections, ${DURATION_S} s after a 2 s warm-up, variables varied per request (no cache or in-flight deduplication can answer); request and shard-call deadline ${TIMEOUT_S} s (production: 5 s per shard call), so a fan-out over many deployments is measured complete rather than cut into partial pages.`,
    `- Data: ${DOCS_PER_AGENCY} demo documents per deployment (SQLite files), ${top * DOCS_PER_AGENCY} in all, seeded through the workflow by ${SEED_WORKERS} processes in ${setup.seedSeconds.toFixed(0)} s.`,
    `- Hosting, the same for every row: the ${top} deployments in ${HOSTS} compact hosts (\`subgraphs/agency/compact-main.ts\`, ${hosts.map((h) => h.deployments).join(', ')} deployments), deployment i on host i mod ${HOSTS}, so a fan-out over 4 deployments reaches four processes; each deployment keeps its own database, port, registry entry and claims check. Row (a′) is the first deployment alone in its own process, as production runs it. The catalogue (rows e) replicates in one process and answers in ${CATALOGUE_READERS} reader process${CATALOGUE_READERS === 1 ? '' : 'es'} (\`HUB_CATALOGUE_READERS\`).`,
    '- portal: `documents(first: 20, filter: { publishedTo: $to }) { edges { node { id title publishedAt agency { name } } } }` (the direct subgraph asks `agency { code }`: it has no names);',
    '  supervisor / editor (staff pages, always the live fan-out): `documents(first: $first, filter: { status: $status }) { totalCount edges { node { id title publishDueOn overdue agency { name } } } }` over unpublished statuses, as a supervisor (every deployment) and as an editor of the first agency (its deployment only);',
    '  search: `search(text: $text, first: 20) { totalCount edges { highlight node { id title agency { name } } } }`.',
    '- CPU per request: the gateway process\'s user + system time over the run, divided by the requests served. Errors: failed and non-2xx answers, and 200 answers carrying GraphQL errors (a partial page).',
    `- Catalogue back-fill from empty, through the gateway, until its \`/health\` answers 200: ${[...setup.backfillSeconds].map(([n, s]) => `${plural(n)} (${n * DOCS_PER_AGENCY} documents) ${s.toFixed(1)} s`).join(', ')}.`,
    '',
    '| configuration | query | req/s | p50 ms | p99 ms | gateway CPU ms/req | gateway peak RSS MiB | errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.config} | ${r.query} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.cpuMsPerReq?.toFixed(2) ?? '—'} | ${r.peakRssMiB?.toFixed(0) ?? '—'} | ${r.errors} |`),
    '',
    `### Latency at an equal offered load (${PACED_RATE} requests a second)`,
    '',
    `The same queries at a fixed ${PACED_RATE} requests a second in all (autocannon \`overallRate\`, ${CONNECTIONS} connections, ${DURATION_S} s), below what every path serves, so that p50 is the time one request takes on each path rather than its wait behind the other connections' requests, which is what p50 measures in the table above.`,
    '',
    '| configuration | query | p50 ms | p99 ms | errors |',
    '|---|---|---:|---:|---:|',
    ...paced.map((r) => `| ${r.config} | ${r.query} | ${r.p50} | ${r.p99} | ${r.errors} |`),
    '',
    '### Memory per deployment',
    '',
    'Resident memory (RSS) when ready and after the load of the run (for the compact hosts: at the end of every row).',
    '',
    '| process | deployments | RSS when ready (MiB) | RSS after the load (MiB) | per deployment (MiB) |',
    '|---|---:|---:|---:|---:|',
    ...setup.memory.map((m) => `| ${m.process} | ${m.deployments} | ${mib(m.startMiB)} | ${mib(m.afterLoadMiB)} | ${(m.afterLoadMiB / m.deployments).toFixed(1)} |`),
    '',
    `${top} deployments take ${mib(sum('startMiB'))} MiB in ${HOSTS} compact hosts when ready and ${mib(sum('afterLoadMiB'))} MiB after the run (${(sum('afterLoadMiB') / top).toFixed(1)} MiB a deployment); ` +
    `one process per deployment would take about ${gib(own.startMiB * top)} GiB when ready and ${gib(own.afterLoadMiB * top)} GiB after a load (${top} × ${mib(own.startMiB)} and × ${mib(own.afterLoadMiB)} MiB)${marginal}. ` +
    'A host shares the code, the runtime and one built schema; each deployment adds its ORM and database connection, its server and its caches.',
    '',
    ...partsTable(byPart),
    '## Against the targets',
    '',
  ];
  const cpuAt = SHARD_COUNTS.includes(16) ? 16 : top;
  for (const q of ['portal', 'search']) {
    const a = find('direct', 1, q);
    const b = find('apollo', 1, q);
    const c = find('live', 1, q);
    const dCpu = find('live', cpuAt, q);
    const p50Ratio = (r: Row) => (r.p50 / Math.max(a.p50, 0.5)).toFixed(2);
    const pacedP50 = (config: string) => paced.find((r) => r.config === config && r.query === q)!.p50;
    const pacedRatio = (config: string) => (pacedP50(config) / Math.max(pacedP50('(a) agency subgraph, direct'), 0.5)).toFixed(2);
    lines.push(
      `- ${q}: hub gateway / Apollo Gateway req/s over one deployment = **${(c.rps / b.rps).toFixed(2)}×** (target ≥ 2.0×); ` +
      `hub gateway p50 / direct subgraph p50 = **${p50Ratio(c)}×** at ${CONNECTIONS} connections, **${pacedRatio(c.config)}×** at ${PACED_RATE} req/s (target ≤ 1.3×); ` +
      `gateway CPU per merged page at ${cpuAt} / at 1 deployment = **${((dCpu.cpuMsPerReq ?? 0) / (c.cpuMsPerReq ?? 1)).toFixed(2)}×** (target ≤ 3×).`,
    );
    const e1 = find('catalogue', 1, q);
    const eTop = find('catalogue', top, q);
    const liveTop = find('live', top, q);
    const others = CATALOGUE_COUNTS.filter((n) => n !== 1 && n !== top).map((n) => `at ${n}: ${(find('catalogue', n, q).rps / e1.rps).toFixed(2)}×`);
    lines.push(
      `- ${q} through the catalogue: req/s at ${top} / at 1 deployment = **${(eTop.rps / e1.rps).toFixed(2)}×** (target ≥ 0.8×${others.length ? `; ${others.join(', ')}` : ''}); ` +
      `p50 at ${top} / direct subgraph p50 = **${p50Ratio(eTop)}×** at ${CONNECTIONS} connections, **${pacedRatio(eTop.config)}×** at ${PACED_RATE} req/s (target ≤ 1.3×); ` +
      `catalogue / live fan-out req/s at ${top} = ${liveTop.rps > 0 ? `**${(eTop.rps / liveTop.rps).toFixed(1)}×**` : `— (the live fan-out completed no request in ${DURATION_S} s)`}.`,
    );
  }
  const supervisorAt = (n: number) => find('live', n, 'supervisor');
  const editorAt = rows.find((r) => r.path === 'live' && r.query === 'editor');
  lines.push(
    `- staff pages: a supervisor's page over ${STAFF_FANOUT_AT} deployments / over 1, gateway CPU per page = **${((supervisorAt(STAFF_FANOUT_AT).cpuMsPerReq ?? 0) / (supervisorAt(1).cpuMsPerReq ?? 1)).toFixed(2)}×** (target ≤ 3×)` +
    (editorAt ? `; an editor's page (one deployment of ${STAFF_FANOUT_AT}) ${editorAt.cpuMsPerReq?.toFixed(2)} ms against ${supervisorAt(1).cpuMsPerReq?.toFixed(2)} ms for a page over one deployment.` : '.'),
    `- gateway peak RSS under load over one deployment: hub ${Math.max(...rows.filter((r) => r.path === 'live' && r.deployments === 1).map((r) => r.peakRssMiB ?? 0)).toFixed(0)} MiB, Apollo Gateway ${Math.max(...rows.filter((r) => r.path === 'apollo').map((r) => r.peakRssMiB ?? 0)).toFixed(0)} MiB (target: hub ≤ Apollo).`,
  );
  const perDeployment = (sum('afterLoadMiB') / top).toFixed(1);
  lines.push(
    '',
    `### Scale-out: 1 → ${SCALE_COUNTS.slice(1).join(' → ')} deployments (issue 15)`,
    '',
    `From the rows above. Memory per deployment: ${perDeployment} MiB after the load in ${HOSTS} compact hosts, ${mib(own.afterLoadMiB)} MiB as a process of its own (the memory table). ` +
    `Idle CPU per deployment (the hosts over ${IDLE_SECONDS} s with nobody calling them, before any row): ${setup.idleCpuMsPerDeploymentSecond?.toFixed(2)} ms a second, ${((setup.idleCpuMsPerDeploymentSecond ?? 0) * top / 10).toFixed(1)} % of a core for ${top}. ` +
    'Gateway CPU per page and latency with the live fan-out; the portal page through the catalogue for comparison.',
    '',
    '| deployments | portal, live: CPU ms/page | p50 ms | p99 ms | supervisor page, live: CPU ms/page | p50 ms | p99 ms | portal via catalogue: CPU ms/page | p50 ms |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...SCALE_COUNTS.map((n) => {
      const portal = find('live', n, 'portal');
      const staff = find('live', n, 'supervisor');
      const viaCatalogue = rows.find((r) => r.path === 'catalogue' && r.deployments === n && r.query === 'portal');
      return `| ${n} | ${portal.cpuMsPerReq?.toFixed(2)} | ${portal.p50} | ${portal.p99} | ${staff.cpuMsPerReq?.toFixed(2)} | ${staff.p50} | ${staff.p99} | ${viaCatalogue ? `${viaCatalogue.cpuMsPerReq?.toFixed(2)} | ${viaCatalogue.p50}` : '— | —'} |`;
    }),
    '',
  );
  for (const q of ['portal', 'search']) {
    const hung = rows.find((r) => r.path === 'catalogue-one-hung' && r.query === q);
    if (!hung) continue;
    const up = find('catalogue', top, q);
    lines.push(
      `- ${q} with one of ${top} deployments hung (its registry entry at a server that never answers; the catalogue restarted meanwhile): ` +
      `req/s = **${(hung.rps / up.rps).toFixed(2)}×** of all up, p50 ${hung.p50} ms against ${up.p50} ms; ` +
      `${hung.noticed} of ${hung.requests} answers carried \`CATALOGUE_STALE\` naming it, ${hung.errors} any other error.`,
    );
  }
  console.log(`wrote ${writeBenchmarkSection('gateway', lines.join('\n'))}`);
}

main().catch(async (error) => {
  console.error(error);
  await processes.stopAll();
  process.exit(1);
});
