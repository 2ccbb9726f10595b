import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import pino, { type Logger } from 'pino';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the gateway records of each call to a deployment or singleton subgraph. */
export type CallObserver = (target: string, seconds: number, outcome: 'ok' | 'error' | 'timeout' | 'circuit-open') => void;

/**
 * The `path` label of a request: one of a fixed set, so a client inventing URLs cannot create
 * unbounded series.
 */
export function pathLabel(pathname: string): '/graphql' | '/export/*' | '/health' | '/metrics' | 'other' {
  if (pathname === '/graphql' || pathname === '/health' || pathname === '/metrics') return pathname;
  if (pathname.startsWith('/export/')) return '/export/*';
  return 'other';
}

/**
 * Prometheus metrics (served by the operator endpoints, see gateway/operator.ts) and structured logs (pino, JSON lines) of the gateway:
 * requests by status, latency, and per agency deployment the latency and errors of its calls.
 */
export class GatewayObservability {
  readonly registry = new Registry();
  readonly log: Logger;
  private readonly requests = new Counter({ name: 'hub_http_requests_total', help: 'HTTP requests by path and status', labelNames: ['path', 'status'], registers: [this.registry] });
  private readonly latency = new Histogram({
    name: 'hub_http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['path'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [this.registry],
  });
  private readonly calls = new Histogram({
    name: 'hub_subgraph_call_duration_seconds', help: 'Calls to agency deployments and singleton subgraphs, by target and outcome',
    labelNames: ['target', 'outcome'], buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [this.registry],
  });

  constructor(level: string) {
    collectDefaultMetrics({ register: this.registry });
    this.log = pino({ level, base: { service: 'gateway' } });
  }

  readonly observeCall: CallObserver = (target, seconds, outcome) => {
    this.calls.observe({ target, outcome }, seconds);
    if (outcome !== 'ok') this.log.warn({ target, outcome, ms: Math.round(seconds * 1000) }, 'subgraph call failed');
  };

  /** The metrics in Prometheus' text format. */
  async metrics(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }

  /** One access-log line and the request metrics for every request. */
  plugin(): GatewayPlugin {
    const started = new WeakMap<Request, number>();
    return {
      onRequest: ({ request }) => {
        started.set(request, performance.now());
      },
      onResponse: ({ request, response }) => {
        const start = started.get(request);
        if (start === undefined) return;
        const path = new URL(request.url).pathname;
        const seconds = (performance.now() - start) / 1000;
        this.requests.inc({ path: pathLabel(path), status: String(response.status) });
        this.latency.observe({ path: pathLabel(path) }, seconds);
        this.log.info({ method: request.method, path, status: response.status, ms: Math.round(seconds * 1000), caller: request.headers.has('x-api-key') ? 'api-key' : request.headers.has('authorization') ? 'token' : 'anonymous' }, 'request');
      },
    };
  }
}
