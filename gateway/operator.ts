import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allowGracefulClose, closeGracefully } from '../subgraphs/shared/process';
import type { ShardRegistry } from '../schema/contracts/shard-registry';
import type { BreakerSnapshot, ShardClients } from './sharding/shard-client';

/** What the gateway thinks of its agency deployments, from the breakers alone. */
export type HubStatus = 'ok' | 'degraded' | 'down';

/** The public GET /health: no address, no counters, nothing an attacker could use. */
export interface PublicHealth {
  status: HubStatus;
  agencies: { code: string; state: BreakerSnapshot['state'] }[];
}

/** The operators' GET /health: every breaker with its URL, counters and last failure. */
export interface DetailedHealth {
  status: HubStatus;
  agencies: (Omit<BreakerSnapshot, 'name'> & { code: string })[];
  services: BreakerSnapshot[];
}

/** The sources of the operator endpoints. */
export interface OperatorSources {
  registry: ShardRegistry;
  /** The agency deployments' clients (breakers), by agency code. */
  agencies: ShardClients;
  /** The singleton subgraphs' clients, by subgraph name. */
  services: ShardClients;
  metrics(): Promise<{ contentType: string; text: string }>;
}

const NEVER_CALLED = { state: 'closed', consecutiveFailures: 0, lastFailure: null, lastSuccessAt: null } as const;

function statusOf(states: BreakerSnapshot['state'][]): HubStatus {
  const closed = states.filter((s) => s === 'closed').length;
  if (states.length > 0 && closed === states.length) return 'ok';
  return closed > 0 ? 'degraded' : 'down';
}

/** Every registered deployment with its breaker (closed for one not called yet), by code. Costs no call. */
export function detailedHealth(sources: OperatorSources): DetailedHealth {
  const entries = sources.registry.all().sort((a, b) => (a.code < b.code ? -1 : 1));
  const agencies = entries.map(({ code, url }) => {
    const client = sources.agencies.find(code);
    const { name: _name, ...breaker } = client && client.url === url ? client.snapshot() : { name: code, url, ...NEVER_CALLED };
    return { code, ...breaker };
  });
  return { status: statusOf(agencies.map((a) => a.state)), agencies, services: sources.services.all().map((c) => c.snapshot()) };
}

export function publicHealth(sources: OperatorSources): PublicHealth {
  const { status, agencies } = detailedHealth(sources);
  return { status, agencies: agencies.map(({ code, state }) => ({ code, state })) };
}

/** 503 when no agency can be reached, so a load balancer can tell; 200 otherwise. */
function httpStatusOf(status: HubStatus): number {
  return status === 'down' ? 503 : 200;
}

/** Whether `presented` is the operator token, in time independent of where they differ. */
export function isOperatorToken(presented: string | null, token: string | undefined): boolean {
  if (!token || !presented) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

function bearerOf(authorization: string | null): string | null {
  const match = authorization ? /^Bearer (.+)$/.exec(authorization) : null;
  return match ? match[1] : null;
}

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}

/**
 * GET /health and GET /metrics on the public port: /health is the cheap aggregate from the
 * breakers; with `Authorization: Bearer <HUB_OPERATOR_TOKEN>` it is the detailed health, and
 * /metrics answers; without the token /metrics is refused.
 */
export function useOperatorEndpoints(sources: OperatorSources, operatorToken: string | undefined): GatewayPlugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== '/health' && url.pathname !== '/metrics') return;
      const operator = isOperatorToken(bearerOf(request.headers.get('authorization')), operatorToken);
      if (url.pathname === '/health') {
        const health = operator ? detailedHealth(sources) : publicHealth(sources);
        return endResponse(json(health, httpStatusOf(health.status)));
      }
      if (!operator) {
        return endResponse(json({ errors: [{ message: '指标只对运维开放 / /metrics is only served to operators (internal port or operator token)', extensions: { code: 'FORBIDDEN' } }] }, 403));
      }
      return sources.metrics().then(({ contentType, text }) => endResponse(new Response(text, { headers: { 'content-type': contentType } })));
    },
  };
}

/** The operators' listener: detailed /health and /metrics, nothing else. */
export interface InternalServer {
  url: string;
  stop(): Promise<void>;
}

/** Opens the operators' port (HUB_INTERNAL_PORT on HUB_INTERNAL_HOST, loopback by default). */
export async function startInternalServer(sources: OperatorSources, port: number, host: string, graceMs: number): Promise<InternalServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://internal').pathname;
    const send = (status: number, contentType: string, body: string) => {
      res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET') return send(405, 'text/plain; charset=utf-8', 'GET only');
    if (path === '/health') {
      const health = detailedHealth(sources);
      return send(httpStatusOf(health.status), 'application/json; charset=utf-8', JSON.stringify(health));
    }
    if (path === '/metrics') {
      return void sources.metrics().then(
        ({ contentType, text }) => send(200, contentType, text),
        (error: Error) => send(500, 'text/plain; charset=utf-8', `metrics failed: ${error.message}`),
      );
    }
    send(404, 'text/plain; charset=utf-8', 'not found: /health and /metrics only');
  });
  allowGracefulClose(server);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return { url: `http://${host}:${address.port}`, stop: () => closeGracefully(server, graceMs) };
}
