process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { loadDirectoryConfig } from '../../subgraphs/directory/config';
import { serveDirectory } from '../../subgraphs/directory/server';
import { runService } from '../../subgraphs/shared/process';
import { seedDirectory } from './directory-seed';
import { DEMO_AGENCIES } from './province';

/** The demo directory (`npm start`): the production directory, an empty registry first filled with the demo province's agencies. */
runService(() => serveDirectory(loadDirectoryConfig(), async (runtime) => {
  const added = await seedDirectory(runtime, DEMO_AGENCIES);
  if (added > 0) console.log(`directory seeded with ${added} demo agencies`);
}));
