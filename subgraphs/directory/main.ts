process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { runService } from '../shared/process';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { loadDirectoryConfig } from './config';
import { createDirectoryRuntime, startDirectorySubgraph } from './server';
import { seedDirectory } from './services/registry-seed';

/** Runs the directory: `PORT=4100 HUB_SEED_DEMO=1 node dist/subgraphs/directory/main.js`. */
async function main(): Promise<{ stop(): Promise<void> }> {
  const config = loadDirectoryConfig();
  const runtime = await createDirectoryRuntime(config);
  if (config.seedDemo) {
    const added = await seedDirectory(runtime, DEMO_AGENCIES);
    if (added > 0) console.log(`directory seeded with ${added} demo agencies`);
  }
  const directory = await startDirectorySubgraph(config, runtime);
  console.log(`directory ready at ${directory.url} (database ${config.databaseUrl})`);
  return directory;
}

runService(main);
