import { join } from 'node:path';
import { DEV_GATEWAY_SECRET, intFrom } from '../subgraphs/shared/env';
import { DEFAULT_LIMITS, DEFAULT_QUOTAS, type Quotas, type RequestLimits } from './protection';
import type { ShardCallOptions } from './sharding/shard-client';

/** schema/ at the repository root, from sources or from dist/. */
const SCHEMA_DIR = join(__dirname, '..', ...(__dirname.includes('dist') ? ['..'] : []), 'schema');

/** The development key of locally issued tokens (`npm run token`); production configures the identity provider's key. */
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me';

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
  jwtSecret?: string;
  jwtPublicKeyPem?: string;
  jwtIssuer?: string;
  /** Secret shared with subgraphs to sign the claims passed on. */
  gatewaySecret: string;
  /** Per-shard deadline, breaker threshold and cool-down. */
  shardCalls: ShardCallOptions;
  /** Request limits (body size, tokens, depth, aliases, directives, cost). */
  limits: RequestLimits;
  /** Requests per minute for anonymous callers and staff tokens (API keys carry their own). */
  quotas: Quotas;
  /** Exports one caller (API key, staff token, anonymous address) may run at once. @default 2 */
  maxConcurrentExports: number;
  /** Export pages this gateway process reads at once, all exports together. @default 1 */
  exportPagesInFlight: number;
  /** Redis URL for counters shared by gateway replicas; in memory when absent. */
  redisUrl?: string;
  /** Researchers' API keys (hashed), re-read on change. @default <HUB_DATA_DIR>/api-keys.json */
  apiKeysPath: string;
  /** Persisted documents of the portal (sha256 → document). @default schema/persisted-documents.json */
  persistedDocumentsPath: string;
  /** Accept only persisted documents (safelist mode). @default false */
  safelistOnly: boolean;
  /** pino log level. @default info */
  logLevel: string;
  /** OTLP/HTTP endpoint of an OpenTelemetry collector (e.g. http://otel:4318/v1/traces); no tracing when absent. */
  otelExporterUrl?: string;
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const dataDir = env.HUB_DATA_DIR ?? './data';
  return {
    host: env.HOST ?? '127.0.0.1',
    port: intFrom(env, 'PORT', 4000),
    supergraphPath: env.HUB_SUPERGRAPH ?? join(SCHEMA_DIR, 'supergraph.graphql'),
    registryPath: env.HUB_REGISTRY ?? join(dataDir, 'registry.json'),
    directoryUrl: env.HUB_DIRECTORY_URL ?? 'http://127.0.0.1:4100/graphql',
    coordinationUrl: env.HUB_COORDINATION_URL ?? 'http://127.0.0.1:4099/graphql',
    jwtSecret: env.HUB_JWT_PUBLIC_KEY ? undefined : (env.HUB_JWT_SECRET ?? DEV_JWT_SECRET),
    jwtPublicKeyPem: env.HUB_JWT_PUBLIC_KEY || undefined,
    jwtIssuer: env.HUB_JWT_ISSUER || undefined,
    gatewaySecret: env.HUB_GATEWAY_SECRET ?? DEV_GATEWAY_SECRET,
    limits: {
      maxBodyBytes: intFrom(env, 'HUB_MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes),
      maxTokens: intFrom(env, 'HUB_MAX_TOKENS', DEFAULT_LIMITS.maxTokens),
      maxDepth: intFrom(env, 'HUB_MAX_DEPTH', DEFAULT_LIMITS.maxDepth),
      maxAliases: intFrom(env, 'HUB_MAX_ALIASES', DEFAULT_LIMITS.maxAliases),
      maxDirectives: intFrom(env, 'HUB_MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives),
      maxCost: intFrom(env, 'HUB_MAX_COST', DEFAULT_LIMITS.maxCost),
    },
    quotas: {
      anonymousPerMinute: intFrom(env, 'HUB_ANONYMOUS_PER_MINUTE', DEFAULT_QUOTAS.anonymousPerMinute),
      staffPerMinute: intFrom(env, 'HUB_STAFF_PER_MINUTE', DEFAULT_QUOTAS.staffPerMinute),
      trustProxy: env.HUB_TRUST_PROXY === '1',
    },
    maxConcurrentExports: intFrom(env, 'HUB_MAX_CONCURRENT_EXPORTS', 2),
    exportPagesInFlight: intFrom(env, 'HUB_EXPORT_PAGES_IN_FLIGHT', 1),
    redisUrl: env.HUB_REDIS_URL || undefined,
    apiKeysPath: env.HUB_API_KEYS ?? join(dataDir, 'api-keys.json'),
    persistedDocumentsPath: env.HUB_PERSISTED_DOCUMENTS ?? join(SCHEMA_DIR, 'persisted-documents.json'),
    safelistOnly: env.HUB_SAFELIST_ONLY === '1',
    logLevel: env.HUB_LOG_LEVEL ?? 'info',
    otelExporterUrl: env.HUB_OTEL_EXPORTER_URL || undefined,
    shardCalls: {
      timeoutMs: intFrom(env, 'HUB_SHARD_TIMEOUT_MS', 5000),
      breakerThreshold: intFrom(env, 'HUB_SHARD_BREAKER_THRESHOLD', 3),
      breakerCooldownMs: intFrom(env, 'HUB_SHARD_BREAKER_COOLDOWN_MS', 10_000),
    },
  };
}
