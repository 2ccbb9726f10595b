process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { runService } from '../shared/process';
import { loadCompactDeployments } from './config';
import { serveAgency } from './server';

/**
 * Compact mode: several agency deployments in one process,
 * `HUB_AGENCY_DEPLOYMENTS=deployments.json node dist/subgraphs/agency/compact-main.js`.
 * Each keeps what isolates a deployment in production — its own database, its own port and
 * registry entry, its own claims check — and they share only the process (one copy of the
 * schema and the code instead of one per deployment), so a hundred fit on one machine.
 * Production runs one deployment per process (`main.ts`); compact mode is for benchmarks and
 * large local provinces.
 */
runService(async () => {
  const configs = loadCompactDeployments();
  const deployments: { stop(): Promise<void> }[] = [];
  for (const config of configs) deployments.push(await serveAgency(config));
  console.log(`compact host of ${deployments.length} agency deployments ready at ports ${configs.map((c) => c.port).join(',')}`);
  return {
    async stop() {
      await Promise.all(deployments.map((d) => d.stop()));
    },
  };
});
