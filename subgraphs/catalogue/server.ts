import 'reflect-metadata';
import { ANONYMOUS } from '../../schema/contracts/claims';
import { startSubgraphServer, type RunningSubgraph } from '../shared/subgraph-http';
import { createContext, type AgencyRuntime } from '../agency/context';
import { AGENCY_ENTITIES } from '../agency/entities';
import { buildAgencySchema, createAgencyRuntime } from '../agency/server';
import { ShardRegistry } from '../../schema/contracts/shard-registry';
import { GatewayClient } from '../shared/gateway-client';
import { replicaAgencyConfig, CATALOGUE_CODE, type CatalogueConfig } from './config';
import { CatalogueDocumentChangeEntity, CatalogueFeedEntity, CatalogueHeldChangeEntity } from './entities/feed-state.entity';
import { CATALOGUE_MIGRATIONS } from './migrations';
import { CATALOGUE_CHANGES_PATH, CATALOGUE_EXPORT_PATH } from '../../schema/contracts/catalogue-export';
import { documentChangesPage, exportDocumentsPage } from './services/export';
import { freshnessNotice } from './services/freshness-notice';
import { gatewayFeedReader } from './services/gateway-feed';
import { Replicator, type FeedReader, type ReplicationState } from './services/replicator';
import { startCatalogueReaders } from './readers';

/** Every table of the catalogue's database: an agency database's, plus the replication state. */
export const CATALOGUE_ENTITIES = [...AGENCY_ENTITIES, CatalogueFeedEntity, CatalogueHeldChangeEntity, CatalogueDocumentChangeEntity];

/** Opens the catalogue's database (an agency database plus the replication state), migrating it. */
export function createCatalogueRuntime(config: CatalogueConfig, onQuery?: (sql: string) => void): Promise<AgencyRuntime> {
  return createAgencyRuntime(replicaAgencyConfig(config), onQuery, { entities: CATALOGUE_ENTITIES, migrations: CATALOGUE_MIGRATIONS });
}

/** The catalogue as a client of the gateway, with its service identity (`gatewayUrl` overrides the configured one). */
export function catalogueGatewayClient(config: CatalogueConfig, gatewayUrl = config.gatewayUrl): GatewayClient {
  return new GatewayClient({ url: gatewayUrl, identity: config.serviceIdentity, subject: 'catalogue-service', timeoutMs: config.feedWaitMs + 10_000 });
}

export interface RunningCatalogue {
  url: string;
  runtime: AgencyRuntime;
  replicator: Replicator;
  stop(): Promise<void>;
}

/**
 * The provincial catalogue: the agency contract's public reads (documents, search, penalty
 * decisions) over one database holding every agency's public projection, replicated from each
 * agency's public change log. Every caller is the public here: staff-only fields are not
 * replicated and no mutation can succeed (the gateway never sends one). With `config.readers` > 1
 * this process only replicates and that many reader processes answer (see startCatalogueReaders;
 * they need the registry file, not `options.registry`).
 */
export async function startCatalogue(
  config: CatalogueConfig, options: { registry?: ShardRegistry; read?: FeedReader; onQuery?: (sql: string) => void } = {},
): Promise<RunningCatalogue> {
  const runtime = await createCatalogueRuntime(config, options.onQuery);
  const registry = options.registry ?? new ShardRegistry(config.registryPath);
  if (!options.registry) registry.watch();
  const read = options.read ?? gatewayFeedReader(catalogueGatewayClient(config));
  const replicator = new Replicator(runtime, registry, read, { pageSize: config.feedPageSize, waitMs: config.feedWaitMs });
  await replicator.start();
  const serving = config.readers > 1
    ? await startCatalogueReaders(config, replicator)
    : await serveCatalogueReads(config, runtime, replicator, registry);
  return {
    url: serving.url,
    runtime,
    replicator,
    async stop() {
      await replicator.stop();
      if (!options.registry) registry.close();
      await serving.stop();
      await runtime.orm.close(true);
    },
  };
}

/** Answers the catalogue's reads over `runtime`'s database, with the freshness `replication` reports. */
export async function serveCatalogueReads(config: CatalogueConfig, runtime: AgencyRuntime, replication: ReplicationState, registry: ShardRegistry): Promise<RunningSubgraph> {
  runtime.replicaFreshness = () => replication.report(config.staleAfterMs).map(({ error: _error, backfilled: _backfilled, ...feed }) => feed);
  const stale = (among?: readonly string[]) => replication.stale(config.staleAfterMs, among);
  return startSubgraphServer(
    {
      name: CATALOGUE_CODE,
      schema: await buildAgencySchema(),
      gatewaySecret: config.gatewaySecret,
      createContext: () => createContext(runtime, ANONYMOUS),
      // Why a feed fails (it may name an agency's address) only for the gateway, which shows it on the operators' /health.
      health: (detailed) => ({
        ready: replication.ready(),
        agencies: replication.report(config.staleAfterMs).map(({ error, ...feed }) => (detailed && error ? { ...feed, error } : feed)),
      }),
      accepting: () => replication.ready(),
      // Every caller is the public here, whoever the gateway vouches for: the catalogue holds nothing else.
      routes: {
        [CATALOGUE_EXPORT_PATH]: (params) => exportDocumentsPage(runtime, stale, params),
        [CATALOGUE_CHANGES_PATH]: (params) => documentChangesPage(runtime, stale, params),
      },
      plugins: [freshnessNotice(stale, (prefix) => registry.ownerOfIndexPrefix(prefix)?.code)],
    },
    config.port,
    config.host,
  );
}
