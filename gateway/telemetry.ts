import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { useOpenTelemetry } from '@graphql-hive/plugin-opentelemetry';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

// The setup entry point is a package subpath export, which TypeScript's "node" resolution cannot type.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { openTelemetrySetup } = require('@graphql-hive/plugin-opentelemetry/setup') as typeof import('@graphql-hive/plugin-opentelemetry/dist/setup');

let configured = false;

/**
 * OpenTelemetry traces (HTTP request, GraphQL operation, each subgraph execution) exported over
 * OTLP/HTTP when `endpoint` is set (HUB_OTEL_EXPORTER_URL); nothing at all otherwise, so a closed
 * network without a collector pays nothing.
 */
export function openTelemetryPlugins(endpoint: string | undefined, serviceName = 'hub-gateway'): GatewayPlugin[] {
  if (!endpoint) return [];
  // The OpenTelemetry API is process-global: set it up once, however many gateways a process runs.
  if (!configured) {
    openTelemetrySetup({
      contextManager: new AsyncLocalStorageContextManager(),
      resource: { serviceName },
      traces: { exporter: new OTLPTraceExporter({ url: endpoint }), batching: { scheduledDelayMillis: 1000 } },
    });
    configured = true;
  }
  return [useOpenTelemetry({ traces: true }) as GatewayPlugin];
}
