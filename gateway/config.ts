import { join } from 'node:path';
import { dataDirFrom, hostFrom, intFrom } from '../subgraphs/shared/env';
import { SecretSource } from '../subgraphs/shared/secrets';
import { publicKeysFrom, type AsymmetricKey } from '../schema/contracts/tokens';
import { DEFAULT_LIMITS, DEFAULT_QUOTAS, type Quotas, type RequestLimits } from './protection';
import type { ShardCallOptions } from './sharding/shard-client';

/** schema/ at the repository root, from sources or from dist/. */
const ROOT_DIR = join(__dirname, '..', ...(__dirname.includes('dist') ? ['..'] : []));
const SCHEMA_DIR = join(ROOT_DIR, 'schema');

/** Everything the gateway reads from its environment; nothing else in gateway/ touches process.env. */
export interface GatewayConfig {
  host: string;
  /** @default 4000 */
  port: number;
  /** The composed supergraph SDL file. @default schema/supergraph.graphql */
  supergraphPath: string;
  /** Shard registry file (agency code → URL), watched for changes. @default <HUB_DATA_DIR>/registry.json */
  registryPath: string;
  /** URL of the directory subgraph. */
  directoryUrl: string;
  /** URL of the coordination subgraph. */
  coordinationUrl: string;
  /** URL of the provincial catalogue; without it every public read is the live fan-out. */
  catalogueUrl?: string;
  /**
   * HS256 secret of bearer tokens (HUB_JWT_SECRET; in development the data folder's). Unset when
   * public keys are configured: they are then the only keys accepted.
   */
  jwtSecret?: string;
  /** Public keys (RS256/ES256) of the identity provider and of issued service keys (HUB_JWT_PUBLIC_KEY, one or more PEM blocks). */
  jwtPublicKeys?: AsymmetricKey[];
  /** Expected `iss` of bearer tokens (HUB_JWT_ISSUER), when set. */
  jwtIssuer?: string;
  /** Secret shared with subgraphs to sign the claims passed on (HUB_GATEWAY_SECRET; in development the data folder's). */
  gatewaySecret: string;
  /** Per-shard deadline, breaker threshold and cool-down. */
  shardCalls: ShardCallOptions;
  /** Request limits (body size, tokens, depth, aliases, directives, cost). */
  limits: RequestLimits;
  /**
   * Largest attachment upload the gateway relays (`POST /attachments/…`, HUB_MAX_UPLOAD_BYTES):
   * the ceiling of every deployment's own limit (HUB_MAX_ATTACHMENT_BYTES, 20 MiB by default),
   * refused with 413 before the body is read. @default 64 MiB
   */
  maxUploadBytes: number;
  /** Smallest answer compressed (brotli or gzip, as the client accepts), bytes. @default 1024 */
  compressionMinBytes: number;
  /** Requests per minute for anonymous callers and staff tokens (API keys carry their own). */
  quotas: Quotas;
  /** Exports one caller (API key, staff token, anonymous address) may run at once. @default 2 */
  maxConcurrentExports: number;
  /** Export pages this gateway process reads at once, all exports together. @default 1 */
  exportPagesInFlight: number;
  /**
   * How long an export lane rests after a page while interactive requests are in flight, as a
   * multiple of the time the page took: 3 lets bulk exports use at most a quarter of the lane's
   * time under load (an idle gateway exports at full speed). @default 3
   */
  exportPacing: number;
  /**
   * Documents exports of public-projection callers read the catalogue's export pages (1000 plain
   * rows a call) when the gateway has a catalogue; `HUB_EXPORT_CATALOGUE_PAGES=0` keeps them on the
   * GraphQL path (which the catalogue still answers), e.g. to compare the two; a harvest by
   * sequence reads the catalogue either way. @default true
   */
  exportCataloguePages: boolean;
  /**
   * How long the gateway keeps the directory's answers about an agency (its name, code, kind…) that
   * every document's `agency { name }` asks for (HUB_DIRECTORY_CACHE_MS; 0 keeps none): a rename
   * shows after at most this long, and names are still given while the directory is down. @default 60000
   */
  directoryCacheMs: number;
  /** Redis URL for counters shared by gateway replicas; in memory when absent. */
  redisUrl?: string;
  /** Researchers' API keys (hashed), re-read on change. @default <HUB_DATA_DIR>/api-keys.json */
  apiKeysPath: string;
  /** Persisted documents of the portal (sha256 → document). @default schema/persisted-documents.json */
  persistedDocumentsPath: string;
  /** Accept only persisted documents (safelist mode). @default false */
  safelistOnly: boolean;
  /** The web app's build (Vite's output), served at `/`; absent, the gateway serves only the API. @default web/dist */
  webDistPath: string;
  /** pino log level. @default info */
  logLevel: string;
  /** Origins allowed to call from a browser (CORS), exactly as sent in `Origin`; `*` for any, without credentials. @default [] (same origin only) */
  corsOrigins: string[];
  /** A client must finish its request headers within this many ms. @default 10000 */
  headersTimeoutMs: number;
  /** A client must finish its whole request (headers and body) within this many ms. @default 30000 */
  requestTimeoutMs: number;
  /** OTLP/HTTP endpoint of an OpenTelemetry collector (e.g. http://otel:4318/v1/traces); no tracing when absent. */
  otelExporterUrl?: string;
  /**
   * The operators' port: detailed GET /health and GET /metrics, nothing else (`HUB_INTERNAL_PORT`,
   * 0 picks a free port). No internal port when unset: a second listener is opened only on purpose.
   */
  internalPort?: number;
  /** Address of the operators' port. @default 127.0.0.1 */
  internalHost: string;
  /**
   * Bearer token that unlocks detailed /health and /metrics on the public port
   * (`Authorization: Bearer <token>`); at least 32 characters. Only on the internal port when unset.
   */
  operatorToken?: string;
  /** How long a stopping gateway lets requests in flight finish, in milliseconds. @default 10000 */
  shutdownGraceMs: number;
}

/** Shortest operator token accepted: it guards /metrics on the internet-facing port. */
const MIN_OPERATOR_TOKEN_LENGTH = 32;

function operatorTokenFrom(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.HUB_OPERATOR_TOKEN || undefined;
  if (token !== undefined && token.length < MIN_OPERATOR_TOKEN_LENGTH) {
    throw new RangeError(`HUB_OPERATOR_TOKEN must be at least ${MIN_OPERATOR_TOKEN_LENGTH} characters (e.g. openssl rand -base64 32)`);
  }
  return token;
}

/** The researchers' API key file (HUB_API_KEYS, default `<HUB_DATA_DIR>/api-keys.json`), also for `npm run api-key`, which needs no secret. */
export function apiKeysPathFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.HUB_API_KEYS ?? join(dataDirFrom(env), 'api-keys.json');
}

/**
 * Reads the gateway's configuration. Outside development (see subgraphs/shared/secrets.ts) it
 * refuses to load without HUB_JWT_SECRET or HUB_JWT_PUBLIC_KEY, and HUB_GATEWAY_SECRET.
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const dataDir = dataDirFrom(env);
  const secrets = new SecretSource(env, 'gateway');
  const jwtPublicKeys = env.HUB_JWT_PUBLIC_KEY ? publicKeysFrom(env.HUB_JWT_PUBLIC_KEY, 'HUB_JWT_PUBLIC_KEY') : undefined;
  const jwtSecret = jwtPublicKeys ? undefined : secrets.shared('HUB_JWT_SECRET', 'jwtSecret', 'HUB_JWT_SECRET or HUB_JWT_PUBLIC_KEY');
  const gatewaySecret = secrets.shared('HUB_GATEWAY_SECRET', 'gatewaySecret');
  secrets.check();
  return {
    host: hostFrom(env),
    port: intFrom(env, 'PORT', 4000),
    supergraphPath: env.HUB_SUPERGRAPH ?? join(SCHEMA_DIR, 'supergraph.graphql'),
    registryPath: env.HUB_REGISTRY ?? join(dataDir, 'registry.json'),
    directoryUrl: env.HUB_DIRECTORY_URL ?? 'http://127.0.0.1:4100/graphql',
    coordinationUrl: env.HUB_COORDINATION_URL ?? 'http://127.0.0.1:4099/graphql',
    catalogueUrl: env.HUB_CATALOGUE_URL || undefined,
    jwtSecret,
    jwtPublicKeys,
    jwtIssuer: env.HUB_JWT_ISSUER || undefined,
    gatewaySecret,
    limits: {
      maxBodyBytes: intFrom(env, 'HUB_MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes),
      maxTokens: intFrom(env, 'HUB_MAX_TOKENS', DEFAULT_LIMITS.maxTokens),
      maxDepth: intFrom(env, 'HUB_MAX_DEPTH', DEFAULT_LIMITS.maxDepth),
      maxAliases: intFrom(env, 'HUB_MAX_ALIASES', DEFAULT_LIMITS.maxAliases),
      maxDirectives: intFrom(env, 'HUB_MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives),
      maxCost: intFrom(env, 'HUB_MAX_COST', DEFAULT_LIMITS.maxCost),
    },
    maxUploadBytes: intFrom(env, 'HUB_MAX_UPLOAD_BYTES', 64 * 1024 * 1024),
    compressionMinBytes: intFrom(env, 'HUB_COMPRESSION_MIN_BYTES', 1024),
    quotas: {
      anonymousPerMinute: intFrom(env, 'HUB_ANONYMOUS_PER_MINUTE', DEFAULT_QUOTAS.anonymousPerMinute),
      staffPerMinute: intFrom(env, 'HUB_STAFF_PER_MINUTE', DEFAULT_QUOTAS.staffPerMinute),
      servicePerMinute: intFrom(env, 'HUB_SERVICE_PER_MINUTE', DEFAULT_QUOTAS.servicePerMinute),
      failedAuthPerMinute: intFrom(env, 'HUB_FAILED_AUTH_PER_MINUTE', DEFAULT_QUOTAS.failedAuthPerMinute),
      trustProxy: env.HUB_TRUST_PROXY === '1',
    },
    maxConcurrentExports: intFrom(env, 'HUB_MAX_CONCURRENT_EXPORTS', 2),
    exportPagesInFlight: intFrom(env, 'HUB_EXPORT_PAGES_IN_FLIGHT', 1),
    exportPacing: intFrom(env, 'HUB_EXPORT_PACING', 3),
    exportCataloguePages: env.HUB_EXPORT_CATALOGUE_PAGES !== '0',
    redisUrl: env.HUB_REDIS_URL || undefined,
    directoryCacheMs: intFrom(env, 'HUB_DIRECTORY_CACHE_MS', 60_000),
    apiKeysPath: apiKeysPathFrom(env),
    persistedDocumentsPath: env.HUB_PERSISTED_DOCUMENTS ?? join(SCHEMA_DIR, 'persisted-documents.json'),
    safelistOnly: env.HUB_SAFELIST_ONLY === '1',
    webDistPath: env.HUB_WEB_DIST ?? join(ROOT_DIR, 'web', 'dist'),
    logLevel: env.HUB_LOG_LEVEL ?? 'info',
    otelExporterUrl: env.HUB_OTEL_EXPORTER_URL || undefined,
    corsOrigins: (env.HUB_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    headersTimeoutMs: intFrom(env, 'HUB_HEADERS_TIMEOUT_MS', 10_000),
    requestTimeoutMs: intFrom(env, 'HUB_REQUEST_TIMEOUT_MS', 30_000),
    shardCalls: {
      timeoutMs: intFrom(env, 'HUB_SHARD_TIMEOUT_MS', 5000),
      breakerThreshold: intFrom(env, 'HUB_SHARD_BREAKER_THRESHOLD', 3),
      breakerCooldownMs: intFrom(env, 'HUB_SHARD_BREAKER_COOLDOWN_MS', 10_000),
      probeIntervalMs: intFrom(env, 'HUB_SHARD_PROBE_INTERVAL_MS', 1000),
    },
    internalPort: env.HUB_INTERNAL_PORT ? intFrom(env, 'HUB_INTERNAL_PORT', 0) : undefined,
    internalHost: env.HUB_INTERNAL_HOST ?? '127.0.0.1',
    operatorToken: operatorTokenFrom(env),
    shutdownGraceMs: intFrom(env, 'HUB_SHUTDOWN_GRACE_MS', 10_000),
  };
}
