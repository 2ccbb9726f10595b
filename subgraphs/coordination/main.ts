process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { runService } from '../shared/process';
import { seedCoordinationDemo } from '../../tools/demo/coordination-seed';
import { loadCoordinationConfig } from './config';
import { createCoordinationRuntime, startCoordinationSubgraph } from './server';

/** Runs the news office's subgraph: `PORT=4099 HUB_GATEWAY_URL=http://127.0.0.1:4000/graphql node dist/subgraphs/coordination/main.js`. */
async function main(): Promise<{ stop(): Promise<void> }> {
  const config = loadCoordinationConfig();
  const runtime = await createCoordinationRuntime(config);
  const coordination = await startCoordinationSubgraph(config, { runtime, schedule: true });
  console.log(`coordination ready at ${coordination.url} (database ${config.databaseUrl}, gateway ${config.gatewayUrl})`);
  if (config.seedDemo) {
    // In the background: the demo's plans and planted cases go through the gateway, which starts after this process.
    seedCoordinationDemo(runtime)
      .then((planted) => { if (planted) console.log(`coordination demo seeded: ${planted}`); })
      .catch((error) => console.error('[coordination] demo seeding failed:', error instanceof Error ? error.message : error));
  }
  return coordination;
}

runService(main);
