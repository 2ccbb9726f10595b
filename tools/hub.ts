process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { writeRegistry } from '../schema/contracts/shard-registry';
import { intFrom } from '../subgraphs/shared/env';
import { databaseKindOf } from '../subgraphs/shared/orm';
import { DEMO_AGENCIES } from './demo/province';
import { Supervisor } from './supervisor';

/**
 * `npm start`: the whole hub on one machine — the directory, one agency deployment per demo
 * department (each its own SQLite file and port, seeded on first start; they share one process per
 * core, HUB_AGENCY_HOSTS), the news office's coordination subgraph, the gateway and the provincial
 * catalogue. Ports: gateway 4000, catalogue 4098, coordination 4099, directory 4100, agencies
 * 4101…; HUB_PORT_BASE (4000) moves them all together (the gateway at the base, the others at
 * base + 98…), PORT the gateway's alone. A service that exits is restarted with back-off while the
 * rest keep serving (tools/supervisor.ts). Ctrl-C stops everything.
 */

const dist = resolve(__dirname, '..');
const dataDir = resolve(process.env.HUB_DATA_DIR ?? './data');
// A second hub on the same machine (another checkout) moves every port by one setting.
const portBase = Number(process.env.HUB_PORT_BASE ?? 4000);
if (!Number.isInteger(portBase) || portBase < 1 || portBase > 65_535 - 99 - DEMO_AGENCIES.length) {
  throw new Error(`HUB_PORT_BASE must be a port number with room for the hub's ${100 + DEMO_AGENCIES.length} ports above it, got ${process.env.HUB_PORT_BASE}`);
}
const gatewayPort = Number(process.env.PORT ?? portBase);
const host = '127.0.0.1';
const CATALOGUE_PORT = portBase + 98;
/**
 * HUB_POSTGRES_URL (`postgresql://user@host:5432/hub`) runs the whole hub on PostgreSQL: every
 * service on a database of its own on that server, named after the URL's database as a prefix
 * (`hub_directory`, `hub_fjdrc`…; `hub` when the URL names none), each created on first start.
 * Unset, every service keeps its SQLite file in the data folder.
 */
const postgres = process.env.HUB_POSTGRES_URL?.trim() ? new URL(process.env.HUB_POSTGRES_URL.trim()) : undefined;
if (postgres && databaseKindOf(postgres.href) !== 'postgresql') throw new Error(`HUB_POSTGRES_URL must be a postgresql:// URL, got ${postgres.href}`);
const postgresPrefix = postgres ? decodeURIComponent(postgres.pathname.slice(1)) || 'hub' : undefined;
/** The database of one service on HUB_POSTGRES_URL's server, or undefined (its SQLite default). */
function postgresDatabaseOf(service: string): string | undefined {
  if (!postgres) return undefined;
  const url = new URL(postgres);
  url.pathname = `/${postgresPrefix}_${service}`;
  return url.toString();
}
/** `{ NAME: url }` for a service's database variable when on PostgreSQL, else nothing (the SQLite default). */
const databaseEnv = (name: string, service: string): Record<string, string> => {
  const url = postgresDatabaseOf(service);
  return url ? { [name]: url } : {};
};
// A child that exits is restarted with back-off while the others keep serving (tools/supervisor.ts).
const supervisor = new Supervisor();
let stopping = false;

/**
 * Starts a service under the supervisor. Scripts are named as built (`.js`); a hub run from the
 * sources (`node --require ./tools/swc-register.js tools/hub.ts`, as its test does) runs them from
 * the sources too.
 */
function launch(name: string, script: string, env: Record<string, string>): void {
  supervisor.start(name, {
    script: join(dist, script.replace(/\.js$/, extname(__filename))),
    env: { ...process.env, HUB_DATA_DIR: dataDir, HOST: host, ...env },
  });
}

async function waitHealthy(name: string, url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} did not become healthy at ${url}`);
}

/** A service's GET /health, next to its /graphql. */
function healthOf(graphqlUrl: string): string {
  return graphqlUrl.replace(/\/graphql$/, '/health');
}

async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  // Past the services' own drain (HUB_SHUTDOWN_GRACE_MS, 10 s), a child that still runs is killed.
  await supervisor.stop();
  process.exit(code);
}

async function main(): Promise<void> {
  const started = Date.now();
  mkdirSync(dataDir, { recursive: true });
  const services: { name: string; url: string }[] = [];
  const directoryPort = portBase + 100;
  const directoryUrl = `http://${host}:${directoryPort}/graphql`;
  const registry = DEMO_AGENCIES.map((agency, i) => ({ agency, code: agency.code, url: `http://${host}:${portBase + 101 + i}/graphql` }));
  const registryPath = join(dataDir, 'registry.json');
  // With each agency's index prefix, so the gateway routes a lookup by 索引号 to its owner.
  writeRegistry(registryPath, registry.map(({ code, url, agency }) => ({ code, url, indexPrefix: agency.indexPrefix })));
  const gatewayUrl = `http://${host}:${gatewayPort}/graphql`;
  const coordinationPort = portBase + 99;
  const coordinationUrl = `http://${host}:${coordinationPort}/graphql`;
  const catalogueUrl = `http://${host}:${CATALOGUE_PORT}/graphql`;
  // Every service starts at once: the first start's time is the agencies' seeding, and the others
  // come up meanwhile. The registry lists every deployment from the start; nothing calls one
  // through the gateway before the hub is ready.
  launch('directory', 'tools/demo/directory-main.js', { PORT: String(directoryPort), ...databaseEnv('HUB_DIRECTORY_DATABASE_URL', 'directory') });
  services.push({ name: 'directory', url: directoryUrl });
  // The deployments share a few processes, one per core: seeding is CPU-bound, and each process of
  // its own would load the code, the schema and the segmenter's dictionary again. Each keeps its
  // own database, port and registry entry; HUB_AGENCY_HOSTS = 11 gives each its own process.
  const hosts = Math.min(registry.length, intFrom(process.env, 'HUB_AGENCY_HOSTS', Math.max(2, availableParallelism())));
  for (let h = 0; h < hosts; h++) {
    const deployments = registry.filter((_, i) => i % hosts === h)
      .map(({ code, url, agency }) => ({ code, port: Number(new URL(url).port), indexPrefix: agency.indexPrefix, databaseUrl: postgresDatabaseOf(code) }));
    const file = join(dataDir, `agency-host-${h + 1}.json`);
    writeFileSync(file, JSON.stringify(deployments, null, 2));
    // Each deployment reads the province's calendar from the directory through the gateway.
    launch(`agencies-${h + 1}`, 'tools/demo/agency-main.js', { HUB_AGENCY_DEPLOYMENTS: file, HUB_GATEWAY_URL: gatewayUrl });
  }
  for (const entry of registry) services.push({ name: `agency:${entry.code}`, url: entry.url });
  // The news office's demo plans go in through the gateway once every deployment answers: its
  // calls to a department still seeding would open that department's circuit breaker.
  launch('coordination', 'tools/demo/coordination-main.js', {
    PORT: String(coordinationPort), HUB_GATEWAY_URL: gatewayUrl, HUB_DEMO_REGISTRY: registryPath, ...databaseEnv('HUB_COORDINATION_DATABASE_URL', 'coordination'),
  });
  services.push({ name: 'coordination', url: coordinationUrl });
  launch('gateway', 'gateway/main.js', {
    PORT: String(gatewayPort), HUB_REGISTRY: registryPath, HUB_DIRECTORY_URL: directoryUrl,
    HUB_COORDINATION_URL: coordinationUrl, HUB_CATALOGUE_URL: catalogueUrl,
  });
  await Promise.all([...services, { name: 'gateway', url: gatewayUrl }].map((s) => waitHealthy(s.name, healthOf(s.url))));
  // The catalogue replicates every agency through the gateway. The hub is ready before its first
  // back-fill is done: until then (its /health answers 503) the gateway answers public reads with
  // the live fan-out, the same answers.
  launch('catalogue', 'subgraphs/catalogue/main.js', {
    PORT: String(CATALOGUE_PORT), HUB_GATEWAY_URL: gatewayUrl, HUB_REGISTRY: registryPath, ...databaseEnv('HUB_CATALOGUE_DATABASE_URL', 'catalogue'),
  });
  services.push({ name: 'catalogue', url: catalogueUrl });
  const backfilled = waitHealthy('catalogue', healthOf(catalogueUrl), 600_000);
  console.log('\nThe disclosure hub is running:');
  for (const s of services) console.log(`  ${s.name.padEnd(18)} ${s.url}`);
  console.log(`  ${'gateway'.padEnd(18)} ${gatewayUrl}   ← GraphQL IDE and API`);
  console.log(`  ${'portal'.padEnd(18)} ${gatewayUrl.replace(/\/graphql$/, '/')}   ← 政府信息公开专栏 (the web app)`);
  console.log(`  shard registry     ${registryPath}`);
  console.log(`  databases          ${postgres ? `PostgreSQL at ${postgres.host}, ${postgresPrefix}_* (one per service)` : `SQLite files in ${dataDir}`}`);
  console.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl-C stops everything.`);
  backfilled.then(
    () => console.log(`The provincial catalogue is back-filled (${((Date.now() - started) / 1000).toFixed(1)} s after start): public reads now come from it.`),
    (error: Error) => console.error(`${error.message}: public reads stay on the live fan-out`),
  );
}

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
main().catch((error) => {
  console.error(error);
  void stop(1);
});
