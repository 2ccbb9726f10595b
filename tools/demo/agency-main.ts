process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { loadAgencyConfig, loadCompactDeployments, type AgencyConfig } from '../../subgraphs/agency/config';
import { serveAgency } from '../../subgraphs/agency/server';
import { intFrom } from '../../subgraphs/shared/env';
import { runService } from '../../subgraphs/shared/process';
import { DEMO_AGENCIES } from './province';
import { seedAgency } from './seed-agency';

/**
 * Demo agency deployments: the production deployment, its empty database first filled with the
 * demo department of its code through the real workflow — HUB_DEMO_DOCUMENTS documents (230) and
 * HUB_DEMO_REQUESTS requests (48). One deployment (HUB_AGENCY_CODE), or several in one process
 * (HUB_AGENCY_DEPLOYMENTS, as `subgraphs/agency/compact-main.ts` reads it): each is seeded, then
 * served on its own port, before the next one is seeded.
 */
runService(async () => {
  const configs = process.env.HUB_AGENCY_DEPLOYMENTS ? loadCompactDeployments() : [loadAgencyConfig()];
  const documents = intFrom(process.env, 'HUB_DEMO_DOCUMENTS', 230);
  const requests = intFrom(process.env, 'HUB_DEMO_REQUESTS', 48);
  const serveDemo = (config: AgencyConfig) => {
    const demo = DEMO_AGENCIES.find((a) => a.code === config.agencyCode);
    if (!demo) throw new Error(`no demo department with code ${config.agencyCode}`);
    // The demo department signs its letters with its full name unless its configuration names it.
    return serveAgency(config.agencyName !== config.agencyCode ? config : { ...config, agencyName: demo.name }, async (runtime) => {
      const started = Date.now();
      const added = await seedAgency(runtime, demo, { documents, penalties: Math.round(documents / 8), requests, today: runtime.clock.today() });
      if (added > 0) console.log(`agency ${config.agencyCode} seeded with ${added} demo documents in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
  };
  const deployments: { stop(): Promise<void> }[] = [];
  // One after another: seeding is CPU-bound, and the first deployment serves while the next seeds.
  for (const config of configs) deployments.push(await serveDemo(config));
  return {
    async stop() {
      await Promise.all(deployments.map((d) => d.stop()));
    },
  };
});
