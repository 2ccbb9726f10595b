process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { runService } from '../subgraphs/shared/process';
import { loadGatewayConfig } from './config';
import { startGateway } from './server';

/** Runs the provincial gateway: `PORT=4000 HUB_REGISTRY=data/registry.json node dist/gateway/main.js`. */
async function main(): Promise<{ stop(): Promise<void> }> {
  const config = loadGatewayConfig();
  const gateway = await startGateway(config);
  console.log(`gateway ready at ${gateway.url} (${gateway.registry.all().length} agency deployments from ${config.registryPath})`);
  return gateway;
}

runService(main);
