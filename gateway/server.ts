import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AGENCY_ROUTING } from '../schema/contracts/agency-routing';
import { answeredByReplica } from '../schema/contracts/shard-routing';
import { INTERNAL_ERROR_MESSAGE } from '../schema/contracts/errors';
import { allowGracefulClose, closeGracefully } from '../subgraphs/shared/process';
import { ApiKeyStore } from './api-keys';
import { useAttachments } from './attachments';
import { ATTACHMENTS_PATH } from '../schema/contracts/attachments';
import { REQUEST_FILES_PATH } from '../schema/contracts/request-files';
import type { GatewayConfig } from './config';
import { useDemandControl } from './demand-control';
import { CatalogueExportClient } from './catalogue-export-client';
import { useExport, type SelfQuery } from './export';
import { useResponseCompression } from './compression';
import { ExportMeter, InteractiveLoad } from './export-limits';
import { claimsOf, useHubIdentity } from './identity';
import { useInputValidation } from './input-validation';
import { GatewayObservability } from './observability';
import { catalogueHealthProbe, startInternalServer, useOperatorEndpoints, type InternalServer, type OperatorSources } from './operator';
import { corsPolicy, limitPlugins, useCsrfPrevention, useErrorCodes, useQuotas, useRequestParseErrors } from './protection';
import { MemoryQuotaCounter, RedisQuotaCounter, type QuotaCounter } from './rate-limit';
import { ShardRegistry } from '../schema/contracts/shard-registry';
import { openTelemetryPlugins } from './telemetry';
import { ShardClients } from './sharding/shard-client';
import { createShardedTransport } from './sharding/sharded-transport';
import { createServiceHttpTransport } from './service-http-transport';
import { useEntityCache } from './entity-cache';
import { useSubgraphHeaders } from './subgraph-headers';
import { WebAssets } from './web-assets';

export interface RunningGateway {
  url: string;
  registry: ShardRegistry;
  apiKeys: ApiKeyStore;
  server: Server;
  /** The operators' port (detailed /health, /metrics), when HUB_INTERNAL_PORT is set. */
  internal?: InternalServer;
  /** Stops accepting, lets requests in flight finish (at most `shutdownGraceMs`), then closes. */
  stop(): Promise<void>;
}

/** The directory's facts of an agency that are the same for every caller and change rarely: kept by the gateway. */
const DIRECTORY_AGENCY_FACTS: ReadonlySet<string> = new Set(['code', 'name', 'shortName', 'kind', 'regionCode', 'creditCode', 'indexPrefix', 'docPrefix']);

/** How long a starting gateway waits for Redis before it serves anyway. */
const REDIS_CONNECT_WAIT_MS = 3000;

/**
 * The quotas' Redis counter, connected before the gateway listens: with no offline queue a
 * replica started under load would otherwise allow its first requests uncounted (a rolling restart
 * would open a quota hole each time). A Redis that does not answer in time is logged and the
 * gateway serves anyway, counting as soon as it connects: a quota store down must not take the
 * portal down.
 */
async function connectedRedisCounter(url: string, warn: (message: string) => void): Promise<RedisQuotaCounter> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  let timer: NodeJS.Timeout | undefined;
  const connected = await Promise.race([
    once(redis, 'ready').then(() => true),
    new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), REDIS_CONNECT_WAIT_MS); }),
  ]);
  clearTimeout(timer);
  if (!connected) warn(`Redis at ${new URL(url).host} did not answer within ${REDIS_CONNECT_WAIT_MS} ms: requests are allowed uncounted until it does`);
  return new RedisQuotaCounter(redis);
}

/** Marks the gateway's own requests (exports paging through the API); its value is random per process. */
const INTERNAL_HEADER = 'x-hub-internal';

/** Persisted documents of the portal: `{ "<sha256>": "<document>" }`. */
function loadPersistedDocuments(path: string): Map<string, string> {
  return existsSync(path) ? new Map(Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>)) : new Map();
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * The provincial gateway: the composed schema at /graphql on Hive Gateway's runtime with the Rust
 * query planner, the agency subgraph carried by the sharded transport over the shard registry,
 * behind request limits, quotas, persisted documents and CSRF prevention.
 */
export async function startGateway(config: GatewayConfig, options: { registry?: ShardRegistry; apiKeys?: ApiKeyStore } = {}): Promise<RunningGateway> {
  const observability = new GatewayObservability(config.logLevel);
  const registry = options.registry ?? new ShardRegistry(config.registryPath, [], (message) => observability.log.error(message));
  if (!options.registry) registry.watch();
  const apiKeys = options.apiKeys ?? new ApiKeyStore(config.apiKeysPath);
  if (!options.apiKeys) apiKeys.watch();
  const counter: QuotaCounter = config.redisUrl ? await connectedRedisCounter(config.redisUrl, (message) => observability.log.warn(message)) : new MemoryQuotaCounter();
  // Shared by the transports and the operator endpoints, so /health reads the breakers.
  const agencyClients = new ShardClients(config.shardCalls, observability.observeCall);
  const serviceClients = new ShardClients(config.shardCalls, observability.observeCall);
  const operatorSources: OperatorSources = {
    registry, agencies: agencyClients, services: serviceClients, metrics: () => observability.metrics(),
    catalogue: config.catalogueUrl ? catalogueHealthProbe(config.catalogueUrl, config.gatewaySecret) : undefined,
  };
  const identity = useHubIdentity({
    jwtSecret: config.jwtSecret, jwtPublicKeys: config.jwtPublicKeys, jwtIssuer: config.jwtIssuer, gatewaySecret: config.gatewaySecret,
  });
  const isService = async (request: Request) => {
    const claims = await identity.verifiedClaimsOf(request)?.catch(() => undefined);
    return claims?.roles.includes('service') ?? false;
  };
  const persisted = loadPersistedDocuments(config.persistedDocumentsPath);
  const internalToken = randomBytes(24).toString('base64url');
  const isInternal = (request: Request) => request.headers.get(INTERNAL_HEADER) === internalToken;
  const interactive = new InteractiveLoad(isInternal, isService);
  const runtime = createGatewayRuntime({
    supergraph: readFileSync(config.supergraphPath, 'utf8'),
    unifiedGraphHandler,
    transports: {
      http: httpTransport,
      sharded: createShardedTransport({ routing: AGENCY_ROUTING, registry, clients: agencyClients, claimsOf, catalogueUrl: config.catalogueUrl }),
      'service-http': createServiceHttpTransport(serviceClients, {
        // Every document's `agency { name }` is an entity fetch to the directory: its registry facts are kept.
        directory: useEntityCache({ typeName: 'Agency', keyField: 'code', fields: DIRECTORY_AGENCY_FACTS, ttlMs: config.directoryCacheMs }),
      }),
    },
    transportEntries: {
      [AGENCY_ROUTING.subgraph]: { kind: 'sharded' },
      directory: { kind: 'service-http', location: config.directoryUrl },
      coordination: { kind: 'service-http', location: config.coordinationUrl },
    },
    plugins: () => [
      ...openTelemetryPlugins(config.otelExporterUrl),
      observability.plugin(),
      useOperatorEndpoints(operatorSources, config.operatorToken),
      useQuotas(apiKeys, counter, config.quotas, isInternal, isService),
      useCsrfPrevention(),
      useRequestParseErrors(),
      interactive.plugin(),
      useExport(() => selfQuery, new ExportMeter(apiKeys, counter, config.quotas, {
        maxConcurrent: config.maxConcurrentExports, pagesInFlight: config.exportPagesInFlight, pacing: config.exportPacing, contended: () => interactive.busy(),
      }), config.catalogueUrl ? {
        client: new CatalogueExportClient(config.catalogueUrl, config.gatewaySecret, config.shardCalls.timeoutMs),
        claimsOf: (headers) => identity.claimsOfHeaders(headers),
        documentPages: config.exportCataloguePages,
      } : undefined),
      useAttachments({
        registry, clients: agencyClients, gatewaySecret: config.gatewaySecret, timeoutMs: config.requestTimeoutMs,
        claimsOf: (headers) => identity.claimsOfHeaders(headers),
      }),
      identity,
      useSubgraphHeaders((context) => identity.signedClaimsOf(context)),
      ...limitPlugins(config.limits),
      useInputValidation(),
      useErrorCodes(),
      useDemandControl({
        maxCost: config.limits.maxCost, routing: AGENCY_ROUTING, deployments: () => registry.all().length, isInternal,
        answeredByCatalogue: config.catalogueUrl ? (context, rule, named) => answeredByReplica(rule, claimsOf(context), named) : undefined,
      }),
      // Last, so the answer it compresses carries every other plugin's headers.
      useResponseCompression({ thresholdBytes: config.compressionMinBytes }),
    ],
    cors: corsPolicy(config.corsOrigins),
    // Only errors the hub raised on purpose (GraphQLErrors without a cause) pass; anything else is masked, as in the subgraphs.
    maskedErrors: { errorMessage: INTERNAL_ERROR_MESSAGE },
    persistedDocuments: {
      getPersistedOperation: (key: string) => persisted.get(key) ?? null,
      // In safelist mode only the hub's own callers send documents of their own: the gateway's
      // internal calls (exports) and verified service identities (the news office's scans, the
      // catalogue's feeds), whose documents are code. Staff and the public send persisted ones.
      allowArbitraryDocuments: config.safelistOnly ? async (request: Request) => isInternal(request) || (await isService(request)) : true,
      customErrors: { notFound: { message: '未找到该持久化查询 / Persisted document not found', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } } },
    },
    batching: false,
    // The IDE's assets are bundled: government networks reach no CDN.
    renderGraphiQL,
    graphiql: {
      title: '福建省政府信息公开枢纽 / Fujian disclosure hub',
      defaultQuery: `# 最新公开的政府信息 / The latest published documents
{
  documents(first: 5) {
    totalCount
    edges { node { id title publishedAt agency { code name } } }
  }
}`,
    },
    landingPage: false,
    logging: 'warn',
  });
  const selfQuery: SelfQuery = async (query, variables, headers) => {
    const forwarded = new Headers({ 'content-type': 'application/json', accept: 'application/graphql-response+json', [INTERNAL_HEADER]: internalToken });
    for (const name of ['authorization', 'x-api-key']) {
      const value = headers.get(name);
      if (value) forwarded.set(name, value);
    }
    const response = await runtime.fetch('http://gateway.internal/graphql', { method: 'POST', headers: forwarded, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as { data?: unknown; errors?: unknown[] };
  };
  // Body size is checked before anything reads the body; a POST must say how long it is. Node
  // enforces the header and request deadlines only at each connections check, so it runs every
  // second (or more often for shorter deadlines) to cut slow clients when documented.
  const web = new WebAssets(config.webDistPath);
  if (!web.built) observability.log.info(`no web app build at ${config.webDistPath} (npm run build): / serves nothing`);
  const server = createServer({
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(config.headersTimeoutMs / 4))),
  }, (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST') {
      const length = req.headers['content-length'];
      if (length === undefined) return refuse(res, 411, 'LENGTH_REQUIRED', '请求须带 Content-Length / A POST must carry Content-Length');
      // A file upload (an attachment, a file released with a reply) is streamed to its deployment: it has its own, larger limit.
      const upload = req.url?.startsWith(ATTACHMENTS_PATH) || req.url?.startsWith(REQUEST_FILES_PATH);
      const limit = upload ? config.maxUploadBytes : config.limits.maxBodyBytes;
      if (Number(length) > limit) {
        return refuse(res, 413, 'PAYLOAD_TOO_LARGE', `请求体过大（上限 ${limit} 字节）/ Request body too large (max ${limit} bytes)`);
      }
    }
    if (web.handle(req, res)) return;
    void runtime(req, res);
  });
  server.keepAliveTimeout = 65_000;
  allowGracefulClose(server);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const internal = config.internalPort === undefined ? undefined
    : await startInternalServer(operatorSources, config.internalPort, config.internalHost, config.shutdownGraceMs);
  return {
    url: `http://${config.host}:${port}/graphql`,
    registry,
    apiKeys,
    server,
    internal,
    async stop() {
      registry.close();
      apiKeys.close();
      // Requests in flight still need the runtime and the shard clients: those close after the drain.
      await Promise.all([closeGracefully(server, config.shutdownGraceMs), internal?.stop()]);
      agencyClients.dispose();
      serviceClients.dispose();
      await runtime.dispose();
      await counter.close();
    },
  };
}
