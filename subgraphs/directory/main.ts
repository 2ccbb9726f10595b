process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { runService } from '../shared/process';
import { loadDirectoryConfig } from './config';
import { serveDirectory } from './server';

/** Runs the directory: `PORT=4100 node dist/subgraphs/directory/main.js`. */
runService(() => serveDirectory(loadDirectoryConfig()));
