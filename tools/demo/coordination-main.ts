process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { loadCoordinationConfig } from '../../subgraphs/coordination/config';
import { serveCoordination } from '../../subgraphs/coordination/server';
import { runService } from '../../subgraphs/shared/process';
import { seedCoordinationDemo } from './coordination-seed';

/**
 * The demo news office (`npm start`): the production coordination subgraph, whose demo plans and
 * planted inconsistencies go in through the gateway in the background once it answers.
 */
runService(() => serveCoordination(loadCoordinationConfig(), (runtime) => {
  seedCoordinationDemo(runtime)
    .then((planted) => { if (planted) console.log(`coordination demo seeded: ${planted}`); })
    .catch((error) => console.error('[coordination] demo seeding failed:', error instanceof Error ? error.message : error));
}));
