process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { loadAgencyConfig, type CompactDeployment } from '../../subgraphs/agency/config';
import { createContext } from '../../subgraphs/agency/context';
import { DisclosureAttribute } from '../../subgraphs/agency/entities/enums';
import { createAgencyRuntime } from '../../subgraphs/agency/server';
import * as documents from '../../subgraphs/agency/services/document.service';
import { loadDirectoryConfig } from '../../subgraphs/directory/config';
import { createDirectoryRuntime } from '../../subgraphs/directory/server';
import { randomSecret } from '../../subgraphs/shared/secrets';
import { writeRegistry, type ShardEntry } from '../../schema/contracts/shard-registry';
import { issueToken } from '../../schema/contracts/tokens';
import type { AgencyFreshness } from '../../schema/contracts/catalogue-freshness';
import { composeSupergraph } from '../compose';
import { seedDirectory } from '../demo/directory-seed';
import { seedAgency } from '../demo/seed-agency';
import { benchAgencies } from './bench-agencies';
import { cpuSeconds, ProcessGroup, rssMiB } from './processes';
import { percentile, sleep } from './measure';
import { machineLine, writeBenchmarkSection } from './report-file';

/**
 * `npm run bench:replication`: the provincial catalogue's replication lag while every agency
 * deployment publishes. Deployments run in compact hosts (several per process, each its own
 * database and port), with the directory, the gateway and the catalogue as processes; this
 * process publishes documents prepared beforehand (created and approved in each deployment's
 * database, so the measured step is only the publish mutation) through the gateway, round-robin
 * over the agencies at a fixed rate, and watches the catalogue's /health.
 *
 * Lag of a document = from the answer to its publish mutation to the first /health poll whose
 * `appliedSeq` for its agency covers its log entry. Each publication appends exactly one entry to
 * its agency's log and publishes of one agency are never concurrent here, so the n-th answered
 * publish of an agency is entry `base + n`. /health reads the replicator's memory, so polling it
 * every 20 ms costs the catalogue little, where asking the catalogue's GraphQL for hundreds of ids
 * would add load to the very process measured; a page applied commits before its appliedSeq moves,
 * so a sequence reported there is readable.
 */

const DEPLOYMENTS = Number(process.env.BENCH_DEPLOYMENTS ?? 100);
const PER_HOST = Number(process.env.BENCH_PER_HOST ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
/** Published documents each deployment holds before the run (the catalogue back-fills them first). */
const SEEDED = Number(process.env.BENCH_DOCS ?? 5);
const POLL_MS = 20;
/** How long after the last publish a document may still appear before it counts as lost. */
const SETTLE_MS = 60_000;
const CLOCK = '2026-11-27T10:00:00+08:00';

const PUBLISH = /* GraphQL */ `mutation Publish($id: ID!) { publishDocument(id: $id) { id } }`;

/** Free TCP ports on the loopback, chosen by the kernel (other benchmarks may run beside this one). */
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  const ports: number[] = [];
  for (let i = 0; i < count; i++) {
    const server = createServer();
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    servers.push(server);
    ports.push((server.address() as { port: number }).port);
  }
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  return ports;
}

async function waitUntilHealthy(url: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not healthy within ${timeoutMs} ms`);
}

/** An error message as a kind: the agency and the address it names replaced, so the report counts kinds. */
function errorKind(message: string): string {
  return message.replace(/\bb\d+[a-z]+\b/g, '<agency>').replace(/https?:\/\/[^\s]+/g, '<url>').replace(/\d+ (秒|s\b)/g, 'N $1').slice(0, 140);
}

/** The catalogue's /health as this benchmark reads it. */
interface CatalogueHealth { agencies: AgencyFreshness[] }

/**
 * Polls the catalogue's /health every {@link POLL_MS} and remembers when each agency's applied
 * sequence first covered each entry; also collects the feed errors the catalogue reported.
 */
class AppearanceWatch {
  private readonly applied = new Map<string, number>();
  private readonly seenAt = new Map<string, number>();
  readonly errors = new Map<string, number>();
  polls = 0;
  private startedAt = 0;
  private stoppedAt = 0;
  private running = true;
  private loop?: Promise<void>;

  constructor(private readonly healthUrl: string) {}

  async start(): Promise<Map<string, number>> {
    const first = await this.read();
    for (const a of first.agencies) this.applied.set(a.agency, a.appliedSeq);
    this.startedAt = Date.now();
    this.loop = this.run();
    return new Map(this.applied);
  }

  private async read(): Promise<CatalogueHealth> {
    return (await (await fetch(this.healthUrl)).json()) as CatalogueHealth;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const started = Date.now();
      try {
        const health = await this.read();
        const at = Date.now();
        this.polls++;
        for (const a of health.agencies) {
          const before = this.applied.get(a.agency) ?? 0;
          for (let seq = before + 1; seq <= a.appliedSeq; seq++) this.seenAt.set(`${a.agency}#${seq}`, at);
          if (a.appliedSeq > before) this.applied.set(a.agency, a.appliedSeq);
          if (a.error) {
            const kind = errorKind(a.error);
            this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
          }
        }
      } catch {
        // A missed poll only coarsens the next one's timing.
      }
      await sleep(POLL_MS - (Date.now() - started));
    }
  }

  seen(agency: string, seq: number): number | undefined {
    return this.seenAt.get(`${agency}#${seq}`);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.stoppedAt = Date.now();
  }

  /** Mean time between polls: the resolution of every lag measured (a slow /health coarsens it). */
  meanIntervalMs(): number {
    return (this.stoppedAt - this.startedAt) / Math.max(1, this.polls);
  }
}

interface Publication { agency: string; seq: number; answeredAt: number; measured: boolean }

async function main(): Promise<void> {
  const processes = new ProcessGroup();
  const work = mkdtempSync(join(tmpdir(), 'hub-replication-bench-'));
  try {
    const agencies = benchAgencies(DEPLOYMENTS);
    const jwtSecret = randomSecret();
    const gatewaySecret = randomSecret();
    const databaseOf = (code: string) => join(work, `${code}.sqlite`);
    const perAgency = Math.ceil((RATE * (SECONDS + WARMUP_SECONDS)) / DEPLOYMENTS) + 1;

    // Preparation, in this process on each database: published history, then documents approved
    // by a reviewer (four-eyes) and waiting for their editor to publish them during the run.
    console.log(`preparing ${DEPLOYMENTS} deployments: ${SEEDED} published + ${perAgency} approved documents each, in ${work}`);
    const ready = new Map<string, string[]>();
    for (const agency of agencies) {
      const runtime = await createAgencyRuntime(loadAgencyConfig({
        HUB_GATEWAY_SECRET: gatewaySecret, HUB_AGENCY_CODE: agency.code, HUB_AGENCY_INDEX_PREFIX: agency.indexPrefix, HUB_DATABASE_URL: databaseOf(agency.code), HUB_CLOCK: CLOCK,
      }));
      await seedAgency(runtime, agency, { documents: SEEDED, penalties: 0, today: '2026-11-27' });
      const as = (role: 'editor' | 'reviewer') => createContext(runtime, { sub: `bench-${role}@${agency.code}`, agency: agency.code, roles: [role] });
      const ids: string[] = [];
      for (let n = 0; n < perAgency; n++) {
        const doc = await documents.createDocument(as('editor'), {
          title: `${agency.name}关于复制时延测试第${n + 1}项工作的通知`, body: `复制时延测试第${n + 1}项工作的正文。`,
          theme: '综合政务', formedOn: '2026-11-20', disclosure: DisclosureAttribute.PROACTIVE,
        });
        await documents.reviewDocument(as('reviewer'), doc.id, true, '经审查不涉及国家秘密、商业秘密和个人隐私');
        ids.push(doc.id);
      }
      ready.set(agency.code, ids);
      await runtime.orm.close();
    }
    const directoryRuntime = await createDirectoryRuntime(loadDirectoryConfig({ HUB_GATEWAY_SECRET: gatewaySecret, HUB_DIRECTORY_DATABASE_URL: join(work, 'directory.sqlite') }));
    await seedDirectory(directoryRuntime, agencies);
    await directoryRuntime.orm.close();

    // Production quotas and limits: nothing is raised, the catalogue meets what it would meet.
    // HUB_CALENDAR_SYNC_SECONDS=0: only the catalogue's polls are measured, not each deployment's calendar reads.
    const env = { HUB_CALENDAR_SYNC_SECONDS: '0', HUB_JWT_SECRET: jwtSecret, HUB_GATEWAY_SECRET: gatewaySecret, HUB_DATA_DIR: work, HUB_CLOCK: CLOCK };
    const ports = await freePorts(DEPLOYMENTS + 3);
    const [directoryPort, gatewayPort, cataloguePort] = ports.splice(0, 3);
    const directoryUrl = `http://127.0.0.1:${directoryPort}/graphql`;
    await processes.launch('subgraphs/directory/main.js', { ...env, PORT: String(directoryPort), HUB_DIRECTORY_DATABASE_URL: join(work, 'directory.sqlite') });
    const shards: ShardEntry[] = [];
    const hosts: ChildProcess[] = [];
    for (let from = 0; from < DEPLOYMENTS; from += PER_HOST) {
      const deployments: CompactDeployment[] = agencies.slice(from, from + PER_HOST).map((agency, i) => ({
        code: agency.code, port: ports[from + i], databaseUrl: databaseOf(agency.code), indexPrefix: agency.indexPrefix,
      }));
      const file = join(work, `host-${from / PER_HOST}.json`);
      writeFileSync(file, JSON.stringify(deployments));
      hosts.push(await processes.launch('subgraphs/agency/compact-main.js', { ...env, HUB_AGENCY_DEPLOYMENTS: file }));
      for (const d of deployments) shards.push({ code: d.code, url: `http://127.0.0.1:${d.port}/graphql` });
    }
    const registry = join(work, 'registry.json');
    writeRegistry(registry, shards);
    const supergraphPath = join(work, 'supergraph.graphql');
    writeFileSync(supergraphPath, composeSupergraph());
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    const catalogueUrl = `http://127.0.0.1:${cataloguePort}/graphql`;
    const gateway = await processes.launch('gateway/main.js', {
      ...env, PORT: String(gatewayPort), HUB_REGISTRY: registry, HUB_SUPERGRAPH: supergraphPath, HUB_DIRECTORY_URL: directoryUrl, HUB_CATALOGUE_URL: catalogueUrl,
    });
    const backfillStarted = Date.now();
    const catalogue = await processes.launch('subgraphs/catalogue/main.js', {
      ...env, PORT: String(cataloguePort), HUB_REGISTRY: registry, HUB_GATEWAY_URL: gatewayUrl, HUB_CATALOGUE_DATABASE_URL: join(work, 'catalogue.sqlite'),
    });
    const healthUrl = catalogueUrl.replace(/\/graphql$/, '/health');
    await waitUntilHealthy(healthUrl);
    const backfillSeconds = (Date.now() - backfillStarted) / 1000;
    console.log(`catalogue back-filled ${DEPLOYMENTS} deployments in ${backfillSeconds.toFixed(1)} s`);

    // One editor per agency, as in production (each token its own staff quota).
    const tokens = new Map<string, string>();
    for (const agency of agencies) {
      tokens.set(agency.code, await issueToken({ secret: jwtSecret }, { sub: `bench-editor@${agency.code}`, roles: ['editor'], agency: agency.code }));
    }
    const watch = new AppearanceWatch(healthUrl);
    const base = await watch.start();
    const published = new Map<string, number>();
    const publications: Publication[] = [];
    const failures = new Map<string, number>();
    const publishLatencies: number[] = [];
    const chains = new Map<string, Promise<void>>();
    // A publish that failed after reaching its agency (a timeout) may have committed all the same:
    // that agency's later answers can no longer be mapped to log entries, so they are left out.
    const unmapped = new Set<string>();
    let excluded = 0;
    const publish = async (code: string, id: string, measured: boolean) => {
      const started = Date.now();
      try {
        const response = await fetch(gatewayUrl, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(code)}` },
          body: JSON.stringify({ query: PUBLISH, variables: { id } }),
        });
        const body = (await response.json()) as { data?: { publishDocument?: { id: string } }; errors?: { message: string }[] };
        const answeredAt = Date.now();
        if (body.data?.publishDocument?.id !== id) throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
        const seq = (base.get(code) ?? 0) + (published.get(code) ?? 0) + 1;
        published.set(code, (published.get(code) ?? 0) + 1);
        if (unmapped.has(code)) excluded += measured ? 1 : 0;
        else publications.push({ agency: code, seq, answeredAt, measured });
        if (measured) publishLatencies.push(answeredAt - started);
      } catch (error) {
        const kind = errorKind((error as Error).message);
        failures.set(kind, (failures.get(kind) ?? 0) + 1);
        // Refused by the open breaker: the call never reached the agency.
        if (!kind.includes('(circuit-open)')) unmapped.add(code);
      }
    };

    const total = Math.round(RATE * (SECONDS + WARMUP_SECONDS));
    const warmup = Math.round(RATE * WARMUP_SECONDS);
    console.log(`publishing ${total} documents at ${RATE}/s over ${DEPLOYMENTS} agencies (${WARMUP_SECONDS} s warm-up, then ${SECONDS} s measured)`);
    const t0 = Date.now() + 100;
    let cpu = { catalogue: 0, gateway: 0, hosts: 0, at: 0 };
    const cpuNow = () => ({ catalogue: cpuSeconds(catalogue.pid!), gateway: cpuSeconds(gateway.pid!), hosts: hosts.reduce((s, h) => s + cpuSeconds(h.pid!), 0), at: Date.now() });
    const next = new Map<string, number>();
    for (let i = 0; i < total; i++) {
      await sleep(t0 + (i * 1000) / RATE - Date.now());
      if (i === warmup) cpu = cpuNow();
      const code = agencies[i % DEPLOYMENTS].code;
      const n = next.get(code) ?? 0;
      next.set(code, n + 1);
      const id = ready.get(code)![n];
      // Publishes of one agency one after the other, so answer order is log order.
      const chain = (chains.get(code) ?? Promise.resolve()).then(() => publish(code, id, i >= warmup));
      chains.set(code, chain);
    }
    await Promise.all(chains.values());
    const publishEnded = Date.now();
    const cpuEnd = cpuNow();
    const settleBy = publishEnded + SETTLE_MS;
    while (Date.now() < settleBy && publications.some((p) => watch.seen(p.agency, p.seq) === undefined)) await sleep(100);
    await watch.stop();
    const memory = { catalogue: rssMiB(catalogue.pid!), gateway: rssMiB(gateway.pid!), host: rssMiB(hosts[0].pid!) };

    const measured = publications.filter((p) => p.measured);
    const lags = measured.map((p) => watch.seen(p.agency, p.seq)).map((seen, i) => (seen === undefined ? undefined : Math.max(0, seen - measured[i].answeredAt)));
    const lost = lags.filter((l) => l === undefined).length;
    const sorted = (lags.filter((l) => l !== undefined) as number[]).sort((a, b) => a - b);
    const publishSorted = publishLatencies.sort((a, b) => a - b);
    const wall = (cpuEnd.at - cpu.at) / 1000;
    const share = (s: number) => `${s.toFixed(1)} s (${((100 * s) / wall).toFixed(0)} % of a core)`;
    const result = {
      count: sorted.length, lost, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN,
      publishP50: percentile(publishSorted, 50), publishP99: percentile(publishSorted, 99),
      cpuCatalogue: cpuEnd.catalogue - cpu.catalogue, cpuGateway: cpuEnd.gateway - cpu.gateway, cpuHosts: cpuEnd.hosts - cpu.hosts,
    };
    const failed = [...failures.values()].reduce((a, b) => a + b, 0);
    console.log(JSON.stringify({ ...result, failed, excluded, failures: Object.fromEntries(failures), feedErrors: Object.fromEntries(watch.errors), polls: watch.polls, pollMs: watch.meanIntervalMs(), wall, memory }));

    const list = (m: Map<string, number>) => [...m].map(([k, v]) => `\`${k.replace(/`/g, "'")}\` ×${v}`).join('; ');
    const verdict = result.p99 <= 2000 && lost === 0 && failed === 0 ? 'met' : 'missed';
    const file = writeBenchmarkSection('replication', `
## Replication lag of the provincial catalogue

\`npm run bench:replication\` (tools/bench/replication-bench.ts) — ${machineLine()}; ${DEPLOYMENTS} agency deployments in ${hosts.length} compact hosts of up to ${PER_HOST} (each deployment its own SQLite file and port), the directory, the gateway and the catalogue as processes, all on this machine, with the production quotas and limits.

- Load: ${RATE} publish mutations per second through the gateway, round-robin over the ${DEPLOYMENTS} agencies (one editor token each), ${SECONDS} s measured after a ${WARMUP_SECONDS} s warm-up; the documents were created and approved (by a second person) beforehand, so the measured step is only \`publishDocument\`. Each deployment also holds ${SEEDED} published demo documents, back-filled before the run (${backfillSeconds.toFixed(1)} s).
- Lag of a document: from the answer to its publish mutation to the first poll of the catalogue's \`/health\` (every ${POLL_MS} ms) whose \`appliedSeq\` for its agency covers its log entry (publishes of one agency are never concurrent, so the n-th answered one is entry n after the start). \`/health\` reads the replicator's memory, so the poll costs the catalogue little; a page's appliedSeq moves only after its transaction commits, so the document is readable then. Resolution: one poll interval (${watch.meanIntervalMs().toFixed(0)} ms on average in this run, /health's own answer time included).

| documents | p50 ms | p95 ms | p99 ms | max ms | not seen within ${SETTLE_MS / 1000} s | publish mutation p50 / p99 ms | failed publishes |
|---:|---:|---:|---:|---:|---:|---:|---:|
| ${result.count} | ${result.p50} | ${result.p95} | ${result.p99} | ${result.max} | ${lost} | ${result.publishP50} / ${result.publishP99} | ${failed} |

- CPU over the ${wall.toFixed(1)} s measured: catalogue ${share(result.cpuCatalogue)}, gateway ${share(result.cpuGateway)}, the compact hosts together ${share(result.cpuHosts)}. Resident memory at the end: catalogue ${memory.catalogue.toFixed(0)} MiB, gateway ${memory.gateway.toFixed(0)} MiB, one compact host ${memory.host.toFixed(0)} MiB.
- Feed errors the catalogue reported during the run: ${watch.errors.size ? list(watch.errors) : 'none'} (counted once per agency per poll).${failed ? `\n- Failed publishes: ${list(failures)}.` : ''}${excluded ? `\n- ${excluded} publications left out of the lag figures: their agency had a publish time out before them, which may have committed unseen, so their log entries are not known.` : ''}
- Target p99 ≤ 2 s: **${verdict}**.
`);
    console.log(`wrote ${file}`);
  } finally {
    await processes.stopAll();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
