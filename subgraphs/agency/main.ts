process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { runService } from '../shared/process';
import { loadAgencyConfig } from './config';
import { serveAgency } from './server';

/** Runs one agency deployment: `HUB_AGENCY_CODE=fjdrc PORT=4101 node dist/subgraphs/agency/main.js`. */
runService(() => serveAgency(loadAgencyConfig()));
