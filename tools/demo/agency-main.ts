process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { loadAgencyConfig } from '../../subgraphs/agency/config';
import { serveAgency } from '../../subgraphs/agency/server';
import { intFrom } from '../../subgraphs/shared/env';
import { runService } from '../../subgraphs/shared/process';
import { DEMO_AGENCIES } from './province';
import { seedAgency } from './seed-agency';

/**
 * A demo agency deployment (`npm start` runs one per demo department): the production deployment,
 * its empty database first filled with the demo department of HUB_AGENCY_CODE through the real
 * workflow — HUB_DEMO_DOCUMENTS documents (230) and HUB_DEMO_REQUESTS requests (48).
 */
runService(() => {
  const config = loadAgencyConfig();
  const demo = DEMO_AGENCIES.find((a) => a.code === config.agencyCode);
  if (!demo) throw new Error(`no demo department with code ${config.agencyCode}`);
  const documents = intFrom(process.env, 'HUB_DEMO_DOCUMENTS', 230);
  return serveAgency(config, async (runtime) => {
    const added = await seedAgency(runtime, demo, { documents, penalties: Math.round(documents / 8), requests: intFrom(process.env, 'HUB_DEMO_REQUESTS', 48), today: runtime.clock.today() });
    if (added > 0) console.log(`agency ${config.agencyCode} seeded with ${added} demo documents`);
  });
});
