import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AGENCY_ROUTING } from '../subgraphs/agency/routing';
import type { GatewayConfig } from './config';
import { claimsOf, useHubIdentity } from './identity';
import { ShardRegistry } from './registry';
import { createShardedTransport } from './sharding/sharded-transport';
import { createSignedHttpTransport } from './signed-http-transport';

export interface RunningGateway {
  url: string;
  registry: ShardRegistry;
  server: Server;
  stop(): Promise<void>;
}

/** Probes each agency deployment's /health, each within `timeoutMs`. */
async function agencyHealth(registry: ShardRegistry, timeoutMs = 1500) {
  return Promise.all(registry.all().map(async ({ code, url }) => {
    try {
      const response = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(timeoutMs) });
      return { code, url, status: response.ok ? 'up' : 'down' };
    } catch {
      return { code, url, status: 'down' };
    }
  }));
}

/** GET /health: the gateway's state and, for each agency deployment, `{ code, url, status }`. */
function useHubHealth(registry: ShardRegistry): GatewayPlugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/health') return;
      return agencyHealth(registry).then((agencies) => {
        const up = agencies.filter((a) => a.status === 'up').length;
        const status = up === agencies.length ? 'ok' : up > 0 ? 'degraded' : 'down';
        endResponse(fetchAPI.Response.json({ status, gateway: 'up', agencies }));
      });
    },
  };
}

/**
 * The provincial gateway: the composed schema at /graphql on Hive Gateway's runtime with the Rust
 * query planner, the agency subgraph carried by the sharded transport over the shard registry.
 */
export async function startGateway(config: GatewayConfig, options: { registry?: ShardRegistry } = {}): Promise<RunningGateway> {
  const registry = options.registry ?? new ShardRegistry(config.registryPath);
  if (!options.registry) registry.watch();
  const identity = useHubIdentity({
    jwtSecret: config.jwtSecret, jwtPublicKeyPem: config.jwtPublicKeyPem, jwtIssuer: config.jwtIssuer, gatewaySecret: config.gatewaySecret,
  });
  const runtime = createGatewayRuntime({
    supergraph: readFileSync(config.supergraphPath, 'utf8'),
    unifiedGraphHandler,
    transports: {
      http: httpTransport,
      sharded: createShardedTransport({
        routing: AGENCY_ROUTING, registry, call: config.shardCalls, claimsOf, signedClaimsOf: (ctx) => identity.signedClaimsOf(ctx),
      }),
      'signed-http': createSignedHttpTransport((ctx) => identity.signedClaimsOf(ctx), config.shardCalls),
    },
    transportEntries: {
      [AGENCY_ROUTING.subgraph]: { kind: 'sharded' },
      directory: { kind: 'signed-http', location: config.directoryUrl },
      coordination: { kind: 'signed-http', location: config.coordinationUrl },
    },
    plugins: () => [identity, useHubHealth(registry)],
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
  const server = createServer(runtime);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}/graphql`,
    registry,
    server,
    async stop() {
      registry.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await runtime.dispose();
    },
  };
}
