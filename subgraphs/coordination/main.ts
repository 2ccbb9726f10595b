process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { runService } from '../shared/process';
import { loadCoordinationConfig } from './config';
import { serveCoordination } from './server';

/** Runs the news office's subgraph: `PORT=4099 HUB_GATEWAY_URL=http://127.0.0.1:4000/graphql node dist/subgraphs/coordination/main.js`. */
runService(() => serveCoordination(loadCoordinationConfig()));
