process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { loadAgencyConfig } from './config';
import { createAgencyRuntime, startAgencySubgraph } from './server';
import { logNotifier, startDeadlineWatch } from './services/deadline-watch';

/** Runs one agency deployment: `HUB_AGENCY_CODE=fjdrc PORT=4101 node dist/subgraphs/agency/main.js`. */
async function main(): Promise<void> {
  const config = loadAgencyConfig();
  const runtime = await createAgencyRuntime(config);
  const demo = DEMO_AGENCIES.find((a) => a.code === config.agencyCode);
  if (config.seedDemo && demo) {
    const documents = config.demoDocuments;
    const added = await seedAgency(runtime, demo, { documents, penalties: Math.round(documents / 8), requests: config.demoRequests, today: runtime.clock.today() });
    if (added > 0) console.log(`agency ${config.agencyCode} seeded with ${added} demo documents`);
  }
  const agency = await startAgencySubgraph(config, runtime);
  console.log(`agency ${config.agencyCode} ready at ${agency.url} (database ${config.databaseUrl})`);
  const stopWatch = startDeadlineWatch(runtime, logNotifier(runtime.auditSink, () => runtime.clock.now()), config.deadlineWatchHours);
  const stop = async () => {
    stopWatch();
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
