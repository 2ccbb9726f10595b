import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../schema/contracts/claims';
import { loadAgencyConfig } from '../../subgraphs/agency/config';
import { startAgencySubgraph, type RunningAgency } from '../../subgraphs/agency/server';
import { loadGatewayConfig, type GatewayConfig } from '../../gateway/config';
import { issueToken } from '../../schema/contracts/tokens';
import { ApiKeyStore } from '../../gateway/api-keys';
import { ShardRegistry } from '../../schema/contracts/shard-registry';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { loadDirectoryConfig } from '../../subgraphs/directory/config';
import { createDirectoryRuntime, startDirectorySubgraph, type RunningDirectory } from '../../subgraphs/directory/server';
import { seedDirectory } from '../../tools/demo/directory-seed';
import { composeSupergraph } from '../../tools/compose';
import { loadCoordinationConfig } from '../../subgraphs/coordination/config';
import { startCoordinationSubgraph, type RunningCoordination } from '../../subgraphs/coordination/server';
import { GatewayClient } from '../../subgraphs/shared/gateway-client';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { TEST_SECRETS } from './secrets';
import { freshDatabase } from './databases';
import type { DatabaseKind } from '../../subgraphs/shared/orm';
import { loadCatalogueConfig } from '../../subgraphs/catalogue/config';
import { emptyCatalogue } from '../../subgraphs/catalogue/services/rebuild';
import { catalogueGatewayClient, createCatalogueRuntime, startCatalogue, type RunningCatalogue } from '../../subgraphs/catalogue/server';
import { gatewayFeedReader } from '../../subgraphs/catalogue/services/gateway-feed';
import { PublicChangeEntity } from '../../subgraphs/agency/entities/public-change.entity';
import { calendarGatewayClient, gatewayCalendarSource, startCalendarSync } from '../../subgraphs/agency/services/calendar-sync';

export interface HubOptions {
  /** Agency codes to deploy, each on its own port with its own database. */
  agencies: string[];
  /** Fills a deployment after it starts. */
  seed?: (agency: RunningAgency) => Promise<void>;
  /** Gateway overrides (shard timeouts...). */
  gateway?: Partial<GatewayConfig>;
  /** Every service's fixed "now" (HUB_CLOCK); null runs them on the system clock. @default 2026-11-27T10:00:00+08:00 */
  clock?: string | null;
  /** Also run the directory (seeded with the demo province), so agency names resolve. */
  withDirectory?: boolean;
  /**
   * Also run the coordination subgraph: its scheduler off (tests run its cycles themselves), or
   * with `{ schedule: true }` on, as its process runs it (intervals from `env`).
   */
  withCoordination?: boolean | { schedule: true };
  /**
   * Keep every database in SQLite files in this folder instead of memory, so that a deployment
   * stopped and restarted (`restartAgency`, `restartCoordination`) finds its data again.
   */
  databaseDir?: string;
  /** More environment for every service's config (keys, issuer…), over the harness's secrets. */
  env?: Record<string, string>;
  /**
   * Start every service as an unconfigured development deployment with this data folder: no
   * secret variables, so each reads `<dir>/dev-secrets.json` (generated on first use) instead of
   * the run's random {@link TEST_SECRETS}.
   */
  developmentDataDir?: string;
  /**
   * Also run the provincial catalogue, replicating every deployment through the gateway, which
   * then answers public reads from it. `staleAfterMs` is its freshness bound.
   */
  withCatalogue?: { staleAfterMs?: number; databaseUrl?: string };
  /**
   * Run each deployment's calendar sync (as `serveAgency` does) through the gateway, every
   * HUB_CALENDAR_SYNC_SECONDS of `env` (default 300).
   */
  withCalendarSync?: boolean;
}

/**
 * The engine of every database of the end-to-end tier: SQLite (memory, or files in `databaseDir`)
 * unless HUB_TEST_E2E_ENGINE=postgresql, with which each service of each test hub — every agency
 * deployment, the directory, coordination and the catalogue — gets a fresh PostgreSQL database of
 * its own: the whole hub on PostgreSQL, as `.ci/run`'s second pass of test/federation runs it.
 */
export const E2E_ENGINE: DatabaseKind = process.env.HUB_TEST_E2E_ENGINE === 'postgresql' ? 'postgresql' : 'sqlite';

/** A gateway response as tests read it. */
export interface GatewayAnswer {
  data: any;
  /** undefined when there were none. */
  errors: any;
  status: number;
}

export interface TestHub {
  gateway: RunningGateway;
  directory?: RunningDirectory;
  /** The coordination subgraph, when asked for; replaced by `restartCoordination`. */
  coordination?: RunningCoordination;
  agencies: Map<string, RunningAgency>;
  /** The provincial catalogue, when asked for. */
  catalogue?: RunningCatalogue;
  /** Stops the catalogue and starts it again on its port and database (needs `databaseDir`); `empty` rebuilds it from nothing. */
  restartCatalogue(options?: { empty?: boolean }): Promise<RunningCatalogue>;
  /** Resolves when the catalogue has applied every entry each running deployment's log holds now, and none of them is stale. */
  catalogueCaughtUp(timeoutMs?: number): Promise<void>;
  /** POSTs a GraphQL operation to the gateway, as the holder of `token` (anonymous without), with extra `headers`. */
  query(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GatewayAnswer>;
  /** A bearer token signed with the gateway's HS256 secret. */
  token(roles: Role[], agency?: string): Promise<string>;
  /** Starts one more deployment and adds it to the registry (no gateway restart). */
  addAgency(code: string): Promise<RunningAgency>;
  /**
   * Starts one more gateway replica with this hub's configuration (and `overrides`, e.g. a shared
   * Redis or its old port after a restart), its own copy of the registry and its own API key
   * store, as a replica on another machine would have; stopped with the hub unless stopped first.
   */
  startGatewayReplica(overrides?: Partial<GatewayConfig>): Promise<RunningGateway>;
  /**
   * Moves a deployment to another address as an operator would (needs `databaseDir`): starts it
   * again on a new port over the same database, points its registry entry there, waits a second
   * (a production gateway picks a registry change up within one), then stops the old process with its drain. Resolves with the deployment at its new address.
   */
  moveAgency(code: string): Promise<RunningAgency>;
  /** Stops a deployment as if it crashed: the gateway then finds it unavailable. */
  stopAgency(code: string): Promise<void>;
  /** Starts a stopped deployment again on its port and database (needs `databaseDir`). */
  restartAgency(code: string): Promise<RunningAgency>;
  /** Stops and starts the coordination subgraph again on its port and database (needs `databaseDir`). */
  restartCoordination(): Promise<RunningCoordination>;
  stop(): Promise<void>;
}

/**
 * Several agency deployments and the real gateway on ephemeral ports, over real HTTP: the
 * federation tier's one harness (after gateway-js's startSubgraphsAndGateway).
 */
export async function startHub(options: HubOptions): Promise<TestHub> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-test-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeSupergraph());
  const agencies = new Map<string, RunningAgency>();
  // An empty HUB_CLOCK is the system clock.
  const clock = options.clock === null ? '' : options.clock ?? '2026-11-27T10:00:00+08:00';
  // Each service's database, made once per hub: on PostgreSQL (E2E_ENGINE) a fresh database each,
  // dropped by stop(); on SQLite a file in databaseDir, or memory.
  const pgDatabases = new Map<string, Promise<{ url: string; drop: () => Promise<void> }>>();
  const databaseOf = async (name: string, sqlite = options.databaseDir ? join(options.databaseDir, `${name}.sqlite`) : ':memory:') => {
    if (E2E_ENGINE === 'sqlite') return sqlite;
    if (!pgDatabases.has(name)) pgDatabases.set(name, freshDatabase('postgresql'));
    return (await pgDatabases.get(name)!).url;
  };
  // Whether a stopped service finds its data again when started anew.
  const durable = Boolean(options.databaseDir) || E2E_ENGINE === 'postgresql';
  const serviceEnv = { ...(options.developmentDataDir ? { HUB_DATA_DIR: options.developmentDataDir } : TEST_SECRETS), ...options.env };
  const launchAgency = async (code: string, port = 0) => startAgencySubgraph(loadAgencyConfig({
    // Signed with the demo department's name, as `npm start` signs its letters.
    HUB_AGENCY_NAME: DEMO_AGENCIES.find((a) => a.code === code)?.name,
    ...serviceEnv, HUB_AGENCY_CODE: code, HUB_DATABASE_URL: await databaseOf(code), PORT: String(port), HUB_CLOCK: clock,
  }));
  // Each deployment's calendar sync, started once the gateway listens (it reads through it).
  const calendarSyncs = new Map<string, () => Promise<void>>();
  let gatewayUrl: string | undefined;
  const syncCalendarOf = (agency: RunningAgency) => {
    if (!options.withCalendarSync || !gatewayUrl) return;
    const { runtime } = agency;
    calendarSyncs.set(runtime.config.agencyCode, startCalendarSync(runtime, gatewayCalendarSource(calendarGatewayClient(runtime, gatewayUrl)), runtime.config.calendarSyncSeconds, () => undefined));
  };
  const stopCalendarSync = async (code: string) => {
    await calendarSyncs.get(code)?.();
    calendarSyncs.delete(code);
  };
  const start = async (code: string) => {
    const agency = await launchAgency(code);
    await options.seed?.(agency);
    agencies.set(code, agency);
    syncCalendarOf(agency);
    return agency;
  };
  for (const code of options.agencies) await start(code);
  let directory: RunningDirectory | undefined;
  if (options.withDirectory) {
    const config = loadDirectoryConfig({ ...serviceEnv, HUB_DIRECTORY_DATABASE_URL: await databaseOf('directory', ':memory:'), PORT: '0' });
    const runtime = await createDirectoryRuntime(config);
    await seedDirectory(runtime, DEMO_AGENCIES);
    directory = await startDirectorySubgraph(config, runtime);
  }
  const entryOf = (a: RunningAgency) => ({ code: a.runtime.config.agencyCode, url: a.url, indexPrefix: a.runtime.config.indexPrefix });
  const registry = new ShardRegistry(undefined, [...agencies.values()].map(entryOf));
  // Its client of the gateway is replaced once the gateway listens; until then a call fails rather than reach whatever listens on 4000.
  const coordinationConfig = loadCoordinationConfig({
    ...serviceEnv, HUB_COORDINATION_DATABASE_URL: await databaseOf('coordination'), PORT: '0', HUB_CLOCK: clock, HUB_GATEWAY_URL: 'http://127.0.0.1:9/graphql',
  });
  const schedule = typeof options.withCoordination === 'object' && options.withCoordination.schedule;
  let coordination = options.withCoordination ? await startCoordinationSubgraph(coordinationConfig, { schedule }) : undefined;
  // The catalogue reads the agencies through the gateway, which starts after it and routes to it.
  let gatewayForFeeds!: (client: GatewayClient) => void;
  const feedClient = new Promise<GatewayClient>((resolve) => { gatewayForFeeds = resolve; });
  const catalogueConfig = loadCatalogueConfig({ ...serviceEnv, HUB_CATALOGUE_DATABASE_URL: options.withCatalogue?.databaseUrl ?? await databaseOf('catalogue'), PORT: '0', HUB_CLOCK: clock, HUB_CATALOGUE_FEED_WAIT_MS: '1000' });
  const launchCatalogue = (port = 0) => startCatalogue(
    { ...catalogueConfig, port, staleAfterMs: options.withCatalogue?.staleAfterMs ?? 30_000 },
    { registry, read: async (...args) => gatewayFeedReader(await feedClient)(...args) },
  );
  let catalogue = options.withCatalogue ? await launchCatalogue() : undefined;
  const gatewayConfig: GatewayConfig = {
    // Tests send many requests from one address; quotas are tested where a test sets them.
    ...loadGatewayConfig({
      ...serviceEnv, PORT: '0', HUB_SUPERGRAPH: supergraphPath, HUB_DIRECTORY_URL: directory?.url ?? 'http://127.0.0.1:9/graphql',
      HUB_COORDINATION_URL: coordination?.url ?? 'http://127.0.0.1:9/graphql',
      HUB_ANONYMOUS_PER_MINUTE: '1000000', HUB_STAFF_PER_MINUTE: '1000000', HUB_FAILED_AUTH_PER_MINUTE: '1000000', HUB_LOG_LEVEL: 'warn',
      ...(catalogue ? { HUB_CATALOGUE_URL: catalogue.url } : {}),
    }),
    ...options.gateway,
  };
  const gateway = await startGateway(gatewayConfig, { registry, apiKeys: new ApiKeyStore() });
  gatewayUrl = gateway.url;
  for (const agency of agencies.values()) syncCalendarOf(agency);
  // The gateway's port is only known now; coordination reaches the agencies through it.
  const gatewayClient = new GatewayClient({ url: gateway.url, identity: coordinationConfig.serviceIdentity });
  if (coordination) coordination.runtime.gateway = gatewayClient;
  gatewayForFeeds(catalogueGatewayClient(catalogueConfig, gateway.url));
  const portOf = (url: string) => Number(new URL(url).port);
  const replicas: RunningGateway[] = [];
  const hub: TestHub = {
    gateway,
    directory,
    coordination,
    agencies,
    catalogue,
    async restartCatalogue(restart = {}) {
      if ((!durable && !options.withCatalogue?.databaseUrl) || !catalogue) throw new Error('restartCatalogue needs withCatalogue and a database that outlives it');
      const port = portOf(catalogue.url);
      await catalogue.stop();
      if (restart.empty) {
        const emptied = await createCatalogueRuntime(catalogueConfig);
        await emptyCatalogue(emptied);
        await emptied.orm.close(true);
      }
      catalogue = await launchCatalogue(port);
      hub.catalogue = catalogue;
      return catalogue;
    },
    async catalogueCaughtUp(timeoutMs = 60_000) {
      const catalogue = hub.catalogue;
      if (!catalogue) throw new Error('catalogueCaughtUp needs withCatalogue');
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const targets = await Promise.all([...agencies.entries()].map(async ([code, agency]) => {
          const last = await agency.runtime.orm.em.fork().findOne(PublicChangeEntity, { seq: { $gt: 0 } }, { orderBy: { seq: 'desc' } }).catch(() => null);
          return { code, seq: last?.seq ?? 0 };
        }));
        const applied = new Map(catalogue.replicator.freshness().map((f) => [f.agency, f.appliedSeq]));
        const running = targets.filter((t) => agencies.get(t.code)!.server.listening).map((t) => t.code);
        const fresh = catalogue.replicator.stale(options.withCatalogue!.staleAfterMs ?? 30_000, running).length === 0;
        if (catalogue.replicator.ready() && fresh && targets.every((t) => (applied.get(t.code) ?? 0) >= t.seq)) return;
        if (Date.now() > deadline) throw new Error(`catalogue not caught up: ${JSON.stringify({ targets, applied: [...applied] })}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async query(query, variables, token, headers) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
      return { data: body.data ?? null, errors: body.errors, status: response.status };
    },
    async token(roles, agency) {
      if (!gatewayConfig.jwtSecret) throw new Error('hub.token signs HS256: this gateway accepts public keys only');
      return issueToken({ secret: gatewayConfig.jwtSecret }, { sub: `${roles.join('+')}@${agency ?? 'province'}`, roles, agency });
    },
    async addAgency(code) {
      const agency = await start(code);
      registry.set([...registry.all(), entryOf(agency)]);
      return agency;
    },
    async startGatewayReplica(overrides = {}) {
      const replica = await startGateway({ ...gatewayConfig, ...overrides }, { registry: new ShardRegistry(undefined, registry.all()), apiKeys: new ApiKeyStore() });
      replicas.push(replica);
      return replica;
    },
    async moveAgency(code) {
      if (!durable) throw new Error('moveAgency needs databaseDir: the moved deployment opens the same database');
      const old = agencies.get(code)!;
      const moved = await launchAgency(code);
      registry.set(registry.all().map((entry) => (entry.code === code ? { ...entry, url: moved.url } : entry)));
      // As the operator's procedure says (README): the old process stops only after the gateway
      // routes to the new address; calls already on their way to the old one are then answered by its drain.
      await new Promise((r) => setTimeout(r, 1000));
      await stopCalendarSync(code);
      await old.stop();
      agencies.set(code, moved);
      syncCalendarOf(moved);
      return moved;
    },
    async stopAgency(code) {
      await stopCalendarSync(code);
      await agencies.get(code)?.stop();
    },
    async restartAgency(code) {
      if (!durable) throw new Error('restartAgency needs databaseDir: an in-memory database does not survive a restart');
      await stopCalendarSync(code);
      const agency = await launchAgency(code, portOf(agencies.get(code)!.url));
      agencies.set(code, agency);
      syncCalendarOf(agency);
      return agency;
    },
    async restartCoordination() {
      if (!durable || !coordination) throw new Error('restartCoordination needs withCoordination and databaseDir');
      await coordination.stop();
      coordination = await startCoordinationSubgraph({ ...coordinationConfig, port: portOf(coordination.url) }, { schedule });
      coordination.runtime.gateway = gatewayClient;
      hub.coordination = coordination;
      return coordination;
    },
    async stop() {
      await Promise.all([...calendarSyncs.keys()].map(stopCalendarSync));
      await hub.catalogue?.stop();
      // Replicas a test already stopped (a rolling restart) are not stopped twice.
      await Promise.all([gateway, ...replicas.filter((r) => r.server.listening)].map((g) => g.stop()));
      await Promise.all([...agencies.values(), ...(directory ? [directory] : []), ...(hub.coordination ? [hub.coordination] : [])].map((s) => s.stop().catch(() => undefined)));
      for (const database of pgDatabases.values()) await (await database).drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return hub;
}
