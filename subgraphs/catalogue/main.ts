process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { runService } from '../shared/process';
import { loadCatalogueConfig } from './config';
import { startCatalogue } from './server';

/** Runs the provincial catalogue: `PORT=4098 HUB_GATEWAY_URL=http://127.0.0.1:4000/graphql node dist/subgraphs/catalogue/main.js`. */
async function main(): Promise<{ stop(): Promise<void> }> {
  const config = loadCatalogueConfig();
  const catalogue = await startCatalogue(config);
  console.log(`catalogue ready at ${catalogue.url} (database ${config.databaseUrl}, replicating through ${config.gatewayUrl})`);
  return catalogue;
}

runService(main);
