process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { loadAgencyConfig } from './config';
import { startAgencySubgraph } from './server';

/** Runs one agency deployment: `HUB_AGENCY_CODE=fjdrc PORT=4101 node dist/subgraphs/agency/main.js`. */
async function main(): Promise<void> {
  const config = loadAgencyConfig();
  const agency = await startAgencySubgraph(config);
  console.log(`agency ${config.agencyCode} ready at ${agency.url} (database ${config.databaseUrl})`);
  const stop = async () => {
    await agency.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
