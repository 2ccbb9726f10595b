process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { runService } from '../subgraphs/shared/process';
import { loadGatewayConfig } from './config';
import { startGateway } from './server';

/**
 * Runs the provincial gateway: `PORT=4000 HUB_REGISTRY=data/registry.json node dist/gateway/main.js`;
 * SIGTERM/SIGINT drain requests in flight (HUB_SHUTDOWN_GRACE_MS) before it exits.
 */
async function main(): Promise<{ stop(): Promise<void> }> {
  const config = loadGatewayConfig();
  const gateway = await startGateway(config);
  console.log(`gateway ready at ${gateway.url} (${gateway.registry.all().length} agency deployments from ${config.registryPath})`);
  if (gateway.internal) console.log(`operators' endpoints at ${gateway.internal.url}/health and ${gateway.internal.url}/metrics`);
  return gateway;
}

runService(main);
