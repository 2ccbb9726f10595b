import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { PG_ADMIN_URL } from '../support/databases';
import { E2E_ENGINE } from '../support/hub-harness';
import { until } from '../support/until';

/**
 * Issue 15: `npm start` keeps the hub up when one of its processes dies. The whole hub (tools/hub.ts,
 * run from the sources) on a temporary data folder; one of its agency hosts is killed: the gateway
 * answers a supervisor's fan-out in part, naming exactly that host's agencies, until the supervisor
 * has restarted it, then in full; the gateway and the other host keep their processes.
 *
 * The hub's ports sit at fixed offsets from HUB_PORT_BASE (its registry is written before anything
 * listens), so the test picks a base below the kernel's ephemeral range, where no other test's
 * port-0 listener lands.
 */
const ROOT = resolve(__dirname, '../..');
/** In the end-to-end tier's PostgreSQL pass, the hub's one setting for it (HUB_POSTGRES_URL), on databases of this run. */
const POSTGRES_PREFIX = `hub_supervision_${process.pid}_${Date.now()}`;
const SUPERVISOR_QUERY = 'query { documents(first: 5, filter: { status: [DRAFT, IN_REVIEW] }) { totalCount } }';

describe('issue 15: a crashed process of `npm start` is restarted while the rest keep serving', () => {
  let dataDir: string;
  let hub: ChildProcess;
  let output = '';
  const portBase = 20_000 + Math.floor(Math.random() * 80) * 120;
  const gateway = `http://127.0.0.1:${portBase}/graphql`;

  const env = () => {
    const own = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HUB_')));
    const postgres = E2E_ENGINE === 'postgresql' ? { HUB_POSTGRES_URL: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${POSTGRES_PREFIX}`) } : {};
    return { ...own, ...postgres, HUB_DATA_DIR: dataDir, HUB_PORT_BASE: String(portBase), NODE_OPTIONS: '', APOLLO_TELEMETRY_DISABLED: '1' };
  };
  /** Waits on the running hub: fails at once, with what it printed, if it exited meanwhile. */
  const hubOutput = () => `the hub printed (request logs left out):\n${output.split('\n').filter((l) => !l.includes('"msg":"request"')).slice(-60).join('\n')}`;
  const untilHub = <T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number) => until(what, async () => {
    if (hub.exitCode !== null) throw new Error(`${what}: the hub exited (${hub.exitCode})\n${hubOutput()}`);
    return check();
  }, { timeoutMs, intervalMs: 250, detail: hubOutput });
  /** The hub's child processes, by the script they run and (agency hosts) the deployments file they were given. */
  const childrenOf = (pid: number) => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
    .map((child) => ({ pid: child, cmdline: readFileSync(`/proc/${child}/cmdline`, 'utf8'), environ: readFileSync(`/proc/${child}/environ`, 'utf8') }));
  const hostOf = (file: string) => childrenOf(hub.pid!).find((c) => c.environ.includes(`HUB_AGENCY_DEPLOYMENTS=${file}`));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hub-supervision-'));
    hub = spawn(process.execPath, ['--require', './tools/swc-register.js', 'tools/hub.ts'], { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    hub.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    hub.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    await untilHub('the hub is ready', () => (/Ready in/.test(output) ? true : undefined), 240_000);
  }, 250_000);

  afterAll(async () => {
    if (hub && hub.exitCode === null) {
      const exited = new Promise((r) => hub.once('exit', r));
      hub.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => { timer = setTimeout(r, 20_000); })]);
      clearTimeout(timer);
      // Whatever survived the hub's own stop goes with its process group.
      try { process.kill(-hub.pid!, 'SIGKILL'); } catch { /* already gone */ }
    }
    rmSync(dataDir, { recursive: true, force: true });
    if (E2E_ENGINE === 'postgresql') await dropDatabasesNamed(`${POSTGRES_PREFIX}_%`);
  }, 30_000);

  async function asSupervisor(): Promise<{ data?: { documents: { totalCount: number } }; errors?: { extensions?: { code?: string; agency?: string } }[] }> {
    const token = spawnSync(process.execPath, ['--require', './tools/swc-register.js', 'tools/token.ts', '--role', 'supervisor'], { cwd: ROOT, env: env(), encoding: 'utf8' }).stdout.trim();
    const response = await fetch(gateway, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: SUPERVISOR_QUERY }) });
    return response.json();
  }

  it('runs on the engine of this pass', () => {
    expect(output).toContain(E2E_ENGINE === 'postgresql' ? 'databases          PostgreSQL at' : 'databases          SQLite files in');
  });

  it('kills one agency host: partial answers name its agencies, then the restarted host answers in full', async () => {
    const full = await asSupervisor();
    expect(full.errors).toBeUndefined();
    const hostFile = join(dataDir, 'agency-host-1.json');
    const hostAgencies = (JSON.parse(readFileSync(hostFile, 'utf8')) as { code: string }[]).map((d) => d.code).sort();
    expect(readdirSync(dataDir).filter((f) => /^agency-host-\d+\.json$/.test(f)).length).toBeGreaterThan(1);
    const before = childrenOf(hub.pid!);
    const victim = hostOf(hostFile)!;
    expect(victim).toBeDefined();

    process.kill(victim.pid, 'SIGKILL');
    const partial = await untilHub('a partial answer', async () => {
      const answer = await asSupervisor();
      return answer.errors?.length ? answer : undefined;
    }, 15_000);
    const missing = [...new Set(partial.errors!.map((e) => e.extensions?.agency))].sort();
    expect(missing).toEqual(hostAgencies);
    expect(partial.errors!.every((e) => e.extensions?.code === 'AGENCY_UNAVAILABLE')).toBe(true);
    expect(partial.data!.documents.totalCount).toBeGreaterThan(0);

    await untilHub('the restarted host answers', async () => {
      const answer = await asSupervisor();
      // (The counts themselves may move: the news office's demo plans are still going in.)
      return answer.errors === undefined ? true : undefined;
    }, 90_000);
    expect(output).toMatch(/agencies-1 was killed by SIGKILL after [\d.]+ s; restarting it in 1\.0 s \(restart 1\)/);
    const after = childrenOf(hub.pid!);
    expect(hostOf(hostFile)!.pid).not.toBe(victim.pid);
    // Every other process kept running: same pids.
    expect(after.filter((c) => c.pid !== hostOf(hostFile)!.pid).map((c) => c.pid).sort()).toEqual(before.filter((c) => c.pid !== victim.pid).map((c) => c.pid).sort());
  }, 150_000);
});

async function dropDatabasesNamed(pattern: string): Promise<void> {
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [pattern]);
    for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await admin.end();
  }
}
