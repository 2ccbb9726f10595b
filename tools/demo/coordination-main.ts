process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { readFileSync } from 'node:fs';
import { parseRegistry } from '../../schema/contracts/shard-registry';
import { loadCoordinationConfig } from '../../subgraphs/coordination/config';
import { serveCoordination } from '../../subgraphs/coordination/server';
import { runService } from '../../subgraphs/shared/process';
import { seedCoordinationDemo } from './coordination-seed';

/**
 * The demo news office (`npm start`): the production coordination subgraph, whose demo plans and
 * planted inconsistencies go in through the gateway in the background once it answers — and, when
 * HUB_DEMO_REGISTRY names the shard registry, once every deployment in it answers its /health:
 * the demo's calls to a department still seeding would open its circuit breaker in the gateway.
 */
runService(() => serveCoordination(loadCoordinationConfig(), (runtime) => {
  const registry = process.env.HUB_DEMO_REGISTRY;
  (registry ? waitForDeployments(parseRegistry(readFileSync(registry, 'utf8'), registry)) : Promise.resolve())
    .then(() => seedCoordinationDemo(runtime))
    .then((planted) => { if (planted) console.log(`coordination demo seeded: ${planted}`); })
    .catch((error) => console.error('[coordination] demo seeding failed:', error instanceof Error ? error.message : error));
}));

/** Resolves once each deployment's GET /health answers 200 (none gives up: the hub stops us if one never does). */
async function waitForDeployments(deployments: { url: string }[]): Promise<void> {
  await Promise.all(deployments.map(async ({ url }) => {
    const health = new URL('/health', url);
    for (;;) {
      try {
        if ((await fetch(health, { signal: AbortSignal.timeout(1000) })).ok) return;
      } catch { /* still starting */ }
      await new Promise((r) => setTimeout(r, 500));
    }
  }));
}
