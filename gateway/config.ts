import { join } from 'node:path';
import { DEV_GATEWAY_SECRET, intFrom } from '../subgraphs/shared/env';
import type { ShardCallOptions } from './sharding/shard-client';

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
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const dataDir = env.HUB_DATA_DIR ?? './data';
  return {
    host: env.HOST ?? '127.0.0.1',
    port: intFrom(env, 'PORT', 4000),
    supergraphPath: env.HUB_SUPERGRAPH ?? join(__dirname, '..', ...(__dirname.includes('dist') ? ['..'] : []), 'schema', 'supergraph.graphql'),
    registryPath: env.HUB_REGISTRY ?? join(dataDir, 'registry.json'),
    directoryUrl: env.HUB_DIRECTORY_URL ?? 'http://127.0.0.1:4100/graphql',
    coordinationUrl: env.HUB_COORDINATION_URL ?? 'http://127.0.0.1:4099/graphql',
    jwtSecret: env.HUB_JWT_PUBLIC_KEY ? undefined : (env.HUB_JWT_SECRET ?? DEV_JWT_SECRET),
    jwtPublicKeyPem: env.HUB_JWT_PUBLIC_KEY || undefined,
    jwtIssuer: env.HUB_JWT_ISSUER || undefined,
    gatewaySecret: env.HUB_GATEWAY_SECRET ?? DEV_GATEWAY_SECRET,
    shardCalls: {
      timeoutMs: intFrom(env, 'HUB_SHARD_TIMEOUT_MS', 5000),
      breakerThreshold: intFrom(env, 'HUB_SHARD_BREAKER_THRESHOLD', 3),
      breakerCooldownMs: intFrom(env, 'HUB_SHARD_BREAKER_COOLDOWN_MS', 10_000),
    },
  };
}
