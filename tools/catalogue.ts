process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { existsSync } from 'node:fs';
import { loadCatalogueConfig } from '../subgraphs/catalogue/config';
import { catalogueGatewayClient, createCatalogueRuntime } from '../subgraphs/catalogue/server';
import { gatewayFeedReader } from '../subgraphs/catalogue/services/gateway-feed';
import { emptyCatalogue } from '../subgraphs/catalogue/services/rebuild';
import { Replicator } from '../subgraphs/catalogue/services/replicator';
import { verifyCatalogue } from '../subgraphs/catalogue/services/verify';
import { ShardRegistry } from '../schema/contracts/shard-registry';

const USAGE = 'usage: npm run catalogue -- verify | rebuild   (the catalogue\'s settings: HUB_DATA_DIR, HUB_CATALOGUE_DATABASE_URL, HUB_GATEWAY_URL, HUB_REGISTRY)';

/**
 * `npm run catalogue -- verify`: compares the provincial catalogue with every agency in the
 * registry (count and checksum of the public documents per agency, differences listed); exits 1
 * when they differ. `npm run catalogue -- rebuild`: with the catalogue service stopped, empties the
 * catalogue and replicates every agency's log again from sequence 0, then exits.
 */
async function main(command: string | undefined): Promise<number> {
  if (command !== 'verify' && command !== 'rebuild') throw new Error(USAGE);
  const config = loadCatalogueConfig();
  // Both commands work on an existing hub: opening a missing SQLite file would create an empty catalogue elsewhere.
  const missing = [
    ...(config.databaseUrl.startsWith('postgres') || existsSync(config.databaseUrl) ? [] : [`the catalogue's database ${config.databaseUrl}`]),
    ...(existsSync(config.registryPath) ? [] : [`the shard registry ${config.registryPath}`]),
  ];
  if (missing.length) {
    throw new Error(`Not found: ${missing.join(', ')}. Run the command with the hub's settings (HUB_DATA_DIR=<the hub's data folder>, or HUB_CATALOGUE_DATABASE_URL and HUB_REGISTRY).\n${USAGE}`);
  }
  const runtime = await createCatalogueRuntime(config);
  const registry = new ShardRegistry(config.registryPath);
  const gateway = catalogueGatewayClient(config);
  try {
    const agencies = registry.all().map((e) => e.code);
    if (command === 'rebuild') {
      const started = Date.now();
      await emptyCatalogue(runtime);
      const replicator = new Replicator(runtime, registry, gatewayFeedReader(gateway), { pageSize: config.feedPageSize, waitMs: config.feedWaitMs });
      await replicator.start();
      while (!replicator.ready()) await new Promise((r) => setTimeout(r, 200));
      await replicator.stop();
      const applied = replicator.freshness().reduce((sum, f) => sum + f.appliedSeq, 0);
      console.log(`catalogue rebuilt from ${agencies.length} agencies (${applied} log entries) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return 0;
    }
    const report = await verifyCatalogue(runtime, gateway, agencies);
    let differing = 0;
    for (const r of report) {
      const same = r.agencyChecksum === r.catalogueChecksum && r.agencyCount === r.catalogueCount;
      if (!same) differing++;
      console.log(`${same ? 'ok  ' : 'DIFF'} ${r.agency.padEnd(12)} agency ${String(r.agencyCount).padStart(6)} ${r.agencyChecksum}  catalogue ${String(r.catalogueCount).padStart(6)} ${r.catalogueChecksum}`);
      if (r.missing.length) console.log(`     missing in the catalogue: ${r.missing.join(' ')}`);
      if (r.extra.length) console.log(`     not public at the agency: ${r.extra.join(' ')}`);
      if (r.different.length) console.log(`     another state: ${r.different.join(' ')}`);
    }
    console.log(differing ? `${differing} of ${report.length} agencies differ` : `all ${report.length} agencies equal`);
    return differing ? 1 : 0;
  } finally {
    registry.close();
    await runtime.orm.close(true);
  }
}

main(process.argv[2]).then((code) => process.exit(code), (error) => {
  console.error((error as Error).message);
  process.exit(2);
});
