import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../subgraphs/shared/claims';
import { loadAgencyConfig } from '../../subgraphs/agency/config';
import { startAgencySubgraph, type RunningAgency } from '../../subgraphs/agency/server';
import { DEV_JWT_SECRET, loadGatewayConfig, type GatewayConfig } from '../../gateway/config';
import { issueDevToken } from '../../gateway/identity';
import { ApiKeyStore } from '../../gateway/api-keys';
import { ShardRegistry } from '../../gateway/registry';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { loadDirectoryConfig } from '../../subgraphs/directory/config';
import { createDirectoryRuntime, startDirectorySubgraph, type RunningDirectory } from '../../subgraphs/directory/server';
import { seedDirectory } from '../../subgraphs/directory/services/registry-seed';
import { composeSupergraph } from '../../tools/compose';
import { loadCoordinationConfig } from '../../subgraphs/coordination/config';
import { startCoordinationSubgraph, type RunningCoordination } from '../../subgraphs/coordination/server';
import { GatewayClient } from '../../subgraphs/coordination/services/gateway-client';
import { DEMO_AGENCIES } from '../../tools/demo/province';

export interface HubOptions {
  /** Agency codes to deploy, each on its own port with its own database. */
  agencies: string[];
  /** Fills a deployment after it starts. */
  seed?: (agency: RunningAgency) => Promise<void>;
  /** Gateway overrides (shard timeouts...). */
  gateway?: Partial<GatewayConfig>;
  clock?: string;
  /** Also run the directory (seeded with the demo province), so agency names resolve. */
  withDirectory?: boolean;
  /** Also run the coordination subgraph (its scheduler off: tests run its cycles themselves). */
  withCoordination?: boolean;
  /**
   * Keep every database in SQLite files in this folder instead of memory, so that a deployment
   * stopped and restarted (`restartAgency`, `restartCoordination`) finds its data again.
   */
  databaseDir?: string;
}

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
  /** POSTs a GraphQL operation to the gateway, as the holder of `token` (anonymous without). */
  query(query: string, variables?: Record<string, unknown>, token?: string): Promise<GatewayAnswer>;
  token(roles: Role[], agency?: string): Promise<string>;
  /** Starts one more deployment and adds it to the registry (no gateway restart). */
  addAgency(code: string): Promise<RunningAgency>;
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
  const clock = options.clock ?? '2026-11-27T10:00:00+08:00';
  const databaseOf = (name: string) => (options.databaseDir ? join(options.databaseDir, `${name}.sqlite`) : ':memory:');
  const launchAgency = (code: string, port = 0) => startAgencySubgraph(loadAgencyConfig({
    HUB_AGENCY_CODE: code, HUB_DATABASE_URL: databaseOf(code), PORT: String(port), HUB_CLOCK: clock,
  }));
  const start = async (code: string) => {
    const agency = await launchAgency(code);
    await options.seed?.(agency);
    agencies.set(code, agency);
    return agency;
  };
  for (const code of options.agencies) await start(code);
  let directory: RunningDirectory | undefined;
  if (options.withDirectory) {
    const config = loadDirectoryConfig({ HUB_DIRECTORY_DATABASE_URL: ':memory:', PORT: '0' });
    const runtime = await createDirectoryRuntime(config);
    await seedDirectory(runtime, DEMO_AGENCIES);
    directory = await startDirectorySubgraph(config, runtime);
  }
  const registry = new ShardRegistry(undefined, [...agencies.values()].map((a) => ({ code: a.runtime.config.agencyCode, url: a.url })));
  const coordinationConfig = loadCoordinationConfig({ HUB_COORDINATION_DATABASE_URL: databaseOf('coordination'), PORT: '0', HUB_CLOCK: clock });
  let coordination = options.withCoordination ? await startCoordinationSubgraph(coordinationConfig) : undefined;
  const gateway = await startGateway({
    // Tests send many requests from one address; quotas are tested where a test sets them.
    ...loadGatewayConfig({
      PORT: '0', HUB_SUPERGRAPH: supergraphPath, HUB_DIRECTORY_URL: directory?.url ?? 'http://127.0.0.1:9/graphql',
      HUB_COORDINATION_URL: coordination?.url ?? 'http://127.0.0.1:9/graphql',
      HUB_ANONYMOUS_PER_MINUTE: '1000000', HUB_STAFF_PER_MINUTE: '1000000', HUB_FAILED_AUTH_PER_MINUTE: '1000000', HUB_LOG_LEVEL: 'warn',
    }),
    ...options.gateway,
  }, { registry, apiKeys: new ApiKeyStore() });
  // The gateway's port is only known now; coordination reaches the agencies through it.
  const gatewayClient = new GatewayClient({ url: gateway.url, serviceJwtSecret: DEV_JWT_SECRET });
  if (coordination) coordination.runtime.gateway = gatewayClient;
  const portOf = (url: string) => Number(new URL(url).port);
  const hub: TestHub = {
    gateway,
    directory,
    coordination,
    agencies,
    async query(query, variables, token) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
      return { data: body.data ?? null, errors: body.errors, status: response.status };
    },
    token: (roles, agency) => issueDevToken(DEV_JWT_SECRET, { sub: `${roles.join('+')}@${agency ?? 'province'}`, roles, agency }),
    async addAgency(code) {
      const agency = await start(code);
      registry.set([...registry.all(), { code, url: agency.url }]);
      return agency;
    },
    async stopAgency(code) {
      await agencies.get(code)?.stop();
    },
    async restartAgency(code) {
      if (!options.databaseDir) throw new Error('restartAgency needs databaseDir: an in-memory database does not survive a restart');
      const agency = await launchAgency(code, portOf(agencies.get(code)!.url));
      agencies.set(code, agency);
      return agency;
    },
    async restartCoordination() {
      if (!options.databaseDir || !coordination) throw new Error('restartCoordination needs withCoordination and databaseDir');
      await coordination.stop();
      coordination = await startCoordinationSubgraph({ ...coordinationConfig, port: portOf(coordination.url) });
      coordination.runtime.gateway = gatewayClient;
      hub.coordination = coordination;
      return coordination;
    },
    async stop() {
      await gateway.stop();
      await Promise.all([...agencies.values(), ...(directory ? [directory] : []), ...(hub.coordination ? [hub.coordination] : [])].map((s) => s.stop().catch(() => undefined)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return hub;
}
