process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { loadGatewayConfig } from './config';
import { startGateway } from './server';

/** Runs the provincial gateway: `PORT=4000 HUB_REGISTRY=data/registry.json node dist/gateway/main.js`. */
async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const gateway = await startGateway(config);
  console.log(`gateway ready at ${gateway.url} (${gateway.registry.all().length} agency deployments from ${config.registryPath})`);
  // The runtime catches SIGTERM without exiting, so the server exits itself.
  const stop = async () => {
    await gateway.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
