import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allowGracefulClose, closeGracefully } from '../subgraphs/shared/process';
import type { ShardRegistry } from '../schema/contracts/shard-registry';
import type { AgencyFreshness } from '../schema/contracts/catalogue-freshness';
import { ANONYMOUS, GATEWAY_CLAIMS_HEADER, signGatewayClaims } from '../schema/contracts/claims';
import type { BreakerSnapshot, ShardClients } from './sharding/shard-client';

/** What the gateway thinks of its agency deployments, from the breakers alone. */
export type HubStatus = 'ok' | 'degraded' | 'down';


/**
 * The catalogue's freshness: `ok`, `starting` (first back-fill, the live fan-out answers), or
 * `unreachable` (down or hung: the live fan-out answers, and no per-agency figures are known).
 */
export interface CatalogueHealth {
  status: 'ok' | 'starting' | 'unreachable';
  agencies: AgencyFreshness[];
}

/** The public GET /health: no address, no counters, nothing an attacker could use. */
export interface PublicHealth {
  status: HubStatus;
  agencies: { code: string; state: BreakerSnapshot['state'] }[];
  /** Present when the gateway has a catalogue (HUB_CATALOGUE_URL). */
  catalogue?: CatalogueHealth;
}

/** The operators' GET /health: every breaker with its URL, counters and last failure. */
export interface DetailedHealth {
  status: HubStatus;
  agencies: (Omit<BreakerSnapshot, 'name'> & { code: string })[];
  services: BreakerSnapshot[];
  catalogue?: CatalogueHealth;
}

/** The sources of the operator endpoints. */
export interface OperatorSources {
  registry: ShardRegistry;
  /** The agency deployments' clients (breakers), by agency code. */
  agencies: ShardClients;
  /** The singleton subgraphs' clients, by subgraph name. */
  services: ShardClients;
  metrics(): Promise<{ contentType: string; text: string }>;
  /** The catalogue's freshness (with read errors), when the gateway has a catalogue; never rejects. */
  catalogue?: () => Promise<CatalogueHealth>;
}

/** How long /health waits for the catalogue's own /health before calling it unreachable. */
const CATALOGUE_HEALTH_TIMEOUT_MS = 1000;

/**
 * Reads the catalogue's GET /health (next to its /graphql). A catalogue down, hung or answering
 * something else is `unreachable`, so the gateway's /health says so instead of failing.
 */
export function catalogueHealthProbe(catalogueUrl: string, gatewaySecret: string): () => Promise<CatalogueHealth> {
  const healthUrl = new URL('/health', catalogueUrl).toString();
  return async () => {
    try {
      // Signed, so the catalogue includes why a feed fails (for the operators' /health only).
      const headers = { [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims(ANONYMOUS, gatewaySecret, 60) };
      const response = await fetch(healthUrl, { headers, signal: AbortSignal.timeout(CATALOGUE_HEALTH_TIMEOUT_MS) });
      const body = await response.json() as { status?: string; agencies?: AgencyFreshness[] };
      if (!Array.isArray(body.agencies) || (body.status !== 'ok' && body.status !== 'starting')) return { status: 'unreachable', agencies: [] };
      const agencies = body.agencies.map(({ agency, appliedSeq, knownSeq, lagEntries, msSinceRead, stale, error }) => (
        { agency, appliedSeq, knownSeq, lagEntries, msSinceRead, stale, ...(error ? { error } : {}) }));
      return { status: body.status, agencies };
    } catch {
      return { status: 'unreachable', agencies: [] };
    }
  };
}

const NEVER_CALLED = { state: 'closed', consecutiveFailures: 0, lastFailure: null, lastSuccessAt: null } as const;

function statusOf(states: BreakerSnapshot['state'][]): HubStatus {
  const closed = states.filter((s) => s === 'closed').length;
  if (states.length > 0 && closed === states.length) return 'ok';
  return closed > 0 ? 'degraded' : 'down';
}

/** Every registered deployment with its breaker (closed for one not called yet), by code. Costs no call. */
function breakerHealth(sources: OperatorSources): Omit<DetailedHealth, 'catalogue'> {
  const entries = sources.registry.all().sort((a, b) => (a.code < b.code ? -1 : 1));
  const agencies = entries.map(({ code, url }) => {
    const client = sources.agencies.find(code);
    const { name: _name, ...breaker } = client && client.url === url ? client.snapshot() : { name: code, url, ...NEVER_CALLED };
    return { code, ...breaker };
  });
  return { status: statusOf(agencies.map((a) => a.state)), agencies, services: sources.services.all().map((c) => c.snapshot()) };
}

/** The operators' health: every breaker, and the catalogue's freshness with its read errors. */
export async function detailedHealth(sources: OperatorSources): Promise<DetailedHealth> {
  const catalogue = await sources.catalogue?.();
  return { ...breakerHealth(sources), ...(catalogue ? { catalogue } : {}) };
}

/** The public health: breaker states by code, the catalogue's lag and stale flags without read errors (they may name addresses). */
export async function publicHealth(sources: OperatorSources): Promise<PublicHealth> {
  const { status, agencies } = breakerHealth(sources);
  const catalogue = await sources.catalogue?.();
  return {
    status, agencies: agencies.map(({ code, state }) => ({ code, state })),
    ...(catalogue ? { catalogue: { status: catalogue.status, agencies: catalogue.agencies.map(({ error: _error, ...feed }) => feed) } } : {}),
  };
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
        return (operator ? detailedHealth(sources) : publicHealth(sources)).then((health) => endResponse(json(health, httpStatusOf(health.status))));
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
      return void detailedHealth(sources).then((health) => send(httpStatusOf(health.status), 'application/json; charset=utf-8', JSON.stringify(health)));
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
