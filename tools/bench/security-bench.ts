process.env.APOLLO_TELEMETRY_DISABLED = '1';
import autocannon from 'autocannon';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomSecret } from '../../subgraphs/shared/secrets';
import { issueToken } from '../../schema/contracts/tokens';
import { writeRegistry } from '../../schema/contracts/shard-registry';
import { composeSupergraph } from '../compose';
import { hostileRequests } from './hostile-requests';
import { ProcessGroup } from './processes';
import { machineLine, writeBenchmarkSection } from './report-file';

/**
 * `npm run bench:security`: the p50 of legitimate portal queries with and without a concurrent
 * stream of the security suite's hostile requests (target: ≤ 2× the p50 without the attack).
 */

const BASE_PORT = 5400;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ATTACKERS = 4;
/** Concurrent exports from one address, each read as fast as it streams (the gateway admits 2 per caller). */
const EXPORTERS = Number(process.env.BENCH_EXPORTERS ?? 8);
const processes = new ProcessGroup();
const LEGIT = 'query Latest($to: Date) { documents(first: 20, filter: { publishedTo: $to }) { edges { node { id title publishedAt agency { name } } } } }';

async function legitimateLoad(url: string): Promise<{ p50: number; p99: number; rps: number }> {
  let i = 0;
  const result = await autocannon({
    url, connections: 4, duration: SECONDS, method: 'POST', headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ query: LEGIT, variables: { to: `2026-0${1 + (i % 9)}-${String(1 + (i++ % 28)).padStart(2, '0')}` } }) }) }],
  });
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'hub-security-'));
  const jwtSecret = randomSecret();
  const env = { HUB_JWT_SECRET: jwtSecret, HUB_GATEWAY_SECRET: randomSecret(), HUB_DATA_DIR: work, HUB_ANONYMOUS_PER_MINUTE: '100000000', HUB_DEMO_DOCUMENTS: '120' };
  await processes.launch('tools/demo/directory-main.js', { ...env, PORT: String(BASE_PORT) });
  const agencies = ['fjdrc', 'fjczt', 'xiamen'].map((code, i) => ({ code, url: `http://127.0.0.1:${BASE_PORT + 1 + i}/graphql` }));
  for (const [i, a] of agencies.entries()) await processes.launch('tools/demo/agency-main.js', { ...env, HUB_AGENCY_CODE: a.code, PORT: String(BASE_PORT + 1 + i) });
  writeRegistry(join(work, 'registry.json'), agencies);
  writeFileSync(join(work, 'supergraph.graphql'), composeSupergraph());
  const gatewayPort = BASE_PORT + 50;
  await processes.launch('gateway/main.js', {
    ...env, PORT: String(gatewayPort), HUB_REGISTRY: join(work, 'registry.json'), HUB_SUPERGRAPH: join(work, 'supergraph.graphql'),
    HUB_DIRECTORY_URL: `http://127.0.0.1:${BASE_PORT}/graphql`,
  });
  const gateway = `http://127.0.0.1:${gatewayPort}/graphql`;
  await legitimateLoad(gateway); // warm-up
  const quiet = await legitimateLoad(gateway);

  const tokens = {
    editorB: await issueToken({ secret: jwtSecret }, { sub: 'attacker', roles: ['editor'], agency: 'fjczt' }),
    adminB: await issueToken({ secret: jwtSecret }, { sub: 'attacker', roles: ['admin'], agency: 'fjczt' }),
  };
  const attacks = hostileRequests(tokens);
  let sent = 0;
  let stop = false;
  const attacker = async (offset: number) => {
    for (let n = offset; !stop; n++) {
      const attack = attacks[n % attacks.length];
      const base = attack.target === 'agency' ? agencies[0].url : attack.target === 'directory' ? `http://127.0.0.1:${BASE_PORT}/graphql` : gateway;
      try {
        const response = await fetch(attack.path ? base.replace(/\/graphql$/, attack.path) : base, await attack.init());
        await response.arrayBuffer();
      } catch { /* a refused connection is a refusal too */ }
      sent++;
    }
  };
  const exports = { streamed: 0, refused: 0, rows: 0 };
  const exporter = async () => {
    while (!stop) {
      try {
        const response = await fetch(gateway.replace(/\/graphql$/, '/export/documents.ndjson'));
        if (response.status === 429) {
          exports.refused++;
          await response.arrayBuffer();
          // A client honouring Retry-After would wait longer; retrying soon keeps the pressure on.
          await new Promise((resolve) => setTimeout(resolve, 200));
          continue;
        }
        exports.rows += (await response.text()).split('\n').length - 1;
        exports.streamed++;
      } catch { /* a refused connection is a refusal too */ }
    }
  };
  const running = [...Array.from({ length: ATTACKERS }, (_, k) => attacker(k * 7)), ...Array.from({ length: EXPORTERS }, exporter)];
  const attacked = await legitimateLoad(gateway);
  stop = true;
  await Promise.all(running);
  await processes.stopAll();
  rmSync(work, { recursive: true, force: true });

  const ratio = attacked.p50 / Math.max(quiet.p50, 0.5);
  console.log({ quiet, attacked, hostileSent: sent, exports, ratio });
  console.log(`wrote ${writeBenchmarkSection('security', [
    '## Legitimate latency under attack',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:security\` (tools/bench/security-bench.ts) on ${machineLine()}.`,
    `Gateway, directory and 3 seeded agency deployments as processes; legitimate load: the portal query, autocannon with 4 connections for ${SECONDS} s; attack: ${ATTACKERS} concurrent loops sending the ${attacks.length} hostile requests of the security suite (tools/bench/hostile-requests.ts, among them 30 aliased \`search(first: 100)\`), ${Math.round(sent / SECONDS)} per second, and ${EXPORTERS} concurrent loops exporting \`/export/documents.ndjson\` from the same address: ${exports.streamed} exports streamed (${exports.rows} rows), ${exports.refused} refused \`429\` (the gateway admits 2 at once per caller, \`HUB_MAX_CONCURRENT_EXPORTS\`).`,
    '',
    '| | legitimate req/s | p50 ms | p99 ms |',
    '|---|---:|---:|---:|',
    `| without attack | ${quiet.rps.toFixed(0)} | ${quiet.p50} | ${quiet.p99} |`,
    `| during attack | ${attacked.rps.toFixed(0)} | ${attacked.p50} | ${attacked.p99} |`,
    '',
    `p50 during the attack / without it: **${ratio.toFixed(2)}×** (target ≤ 2×).`,
  ].join('\n'))}`);
}

main().catch((error) => {
  console.error(error);
  void processes.stopAll().then(() => process.exit(1));
});
