import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ApiKeyStore } from '../gateway/api-keys';
import { apiKeysPathFrom, loadGatewayConfig } from '../gateway/config';
import { claimsOf, useHubIdentity } from '../gateway/identity';

/**
 * Issue 10: the `npm run` commands README.md and docs/ tell a newcomer to type do what the text
 * says. tools/docs-truth.test.ts checks that each script exists; this runs the cheap ones that
 * touch nothing but a temporary data folder, exactly as written, and says why it runs no other.
 */
const ROOT = resolve(__dirname, '..');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const text = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Every `npm run <script> [-- arguments]` the documents write, arguments as written. */
const DOCUMENTED = DOCS.flatMap((file) => [...text(file).matchAll(/npm run ([a-z][a-z0-9:-]*)(?: -- ([^`\n]*))?/g)].map((m) => ({ script: m[1], args: (m[2] ?? '').trim() })));

/** Scripts deliberately not run here, and why. */
const NOT_RUN: Record<string, string> = {
  start: 'starts the whole hub (a 20 s first seed on fixed ports, HUB_PORT_BASE); test/federation/ covers the same processes on ephemeral ports',
  build: 'rewrites dist/, which a running hub executes; the tests compile the sources with SWC instead',
  typecheck: 'npm test runs it before any test; a minute of a 2-core machine',
  'emit-schema': 'rewrites the committed schema/*.graphql; tools/subgraph-schemas.test.ts checks they are current',
  compose: 'rewrites schema/supergraph.graphql; tools/compose.test.ts checks it is current',
  'persisted-documents': 'rewrites schema/persisted-documents.json; tools/persisted-documents.test.ts checks it is current',
  'schema-check': 'rebuilds dist/ (and `-- --update` rewrites the baseline); tools/schema-check.test.ts runs the same check',
  'build:web': 'rewrites web/dist, which a running hub serves; test/global-setup.ts builds it before the browser tests',
  backup: "reads a deployment's database and writes beside the paths given; tools/backup.test.ts backs up, verifies and restores one on both engines",
  screenshots: 'needs a running hub (npm start) and chromium, and rewrites docs/screenshots/',
  bench: 'a benchmark: minutes of load, and it rewrites docs/benchmarks.md',
  'bench:gateway': 'a benchmark: minutes of load, and it rewrites docs/benchmarks.md',
  'bench:export': 'a benchmark: minutes of load, and it rewrites docs/benchmarks.md',
  'bench:security': 'a benchmark: minutes of load, and it rewrites docs/benchmarks.md',
  'bench:compression': 'a benchmark: it seeds a deployment and rewrites docs/benchmarks.md',
  'bench:report': 'a benchmark: minutes of load, and it rewrites docs/benchmarks.md',
  'bench:consistency': 'a benchmark: minutes of load, and it rewrites docs/benchmarks.md',
  'bench:replication': 'a benchmark: minutes of load, and it rewrites docs/benchmarks.md',
  'bench:release': 'a benchmark: the whole demo hub on its own ports for minutes, and it rewrites docs/benchmarks.md',
  'bench:search': 'a benchmark: it loads a million documents into SQLite and PostgreSQL, and it rewrites docs/benchmarks.md',
};
/** Forms of a run script that are not run either: they need a running hub. */
const NOT_RUN_FORMS: Record<string, string> = {
  'catalogue -- verify': 'needs a gateway, agency deployments and a catalogue database; test/federation/catalogue.test.ts verifies',
  'catalogue -- rebuild': 'needs a gateway and agency deployments to replicate from; test/federation/catalogue.test.ts rebuilds',
};
/** Scripts run below. */
const RUN = ['token', 'api-key', 'catalogue'];

/** Splits arguments as a shell would for what the documents write: words, and double-quoted phrases. */
function shellWords(args: string): string[] {
  return [...args.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

/** Arguments with a placeholder (`<id>`, `…`, `N`) are a shape, not a command to type as is. */
const isConcrete = (args: string) => !/<[^>]+>|…|\bN\b/.test(args);

interface Run { status: number | null; stdout: string; stderr: string }

/** Runs `npm run <script> [-- args]` in the checkout, with only the data folder given (no HUB_* of this process leaks in). */
function npmRun(dataDir: string, script: string, args: string[]): Run {
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HUB_')));
  const result = spawnSync('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
    cwd: ROOT, env: { ...env, HUB_DATA_DIR: dataDir, NODE_OPTIONS: '' }, encoding: 'utf8', timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('issue 10: the commands README.md and docs/ give do what they say', () => {
  let dataDir: string;
  beforeAll(() => { dataDir = mkdtempSync(join(tmpdir(), 'hub-readme-')); });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('every documented script is run here or listed with the reason it is not', () => {
    expect(DOCUMENTED.length).toBeGreaterThan(10);
    const unclassified = DOCUMENTED.filter(({ script }) => !RUN.includes(script) && !(script in NOT_RUN));
    expect(unclassified).toEqual([]);
    // The forms of run scripts that are skipped are the ones documented, so the list cannot go stale.
    const forms = new Set(DOCUMENTED.map(({ script, args }) => `${script} -- ${args}`));
    expect(Object.keys(NOT_RUN_FORMS).filter((form) => !forms.has(form))).toEqual([]);
  });

  it('`npm run token`, `npm run api-key` and `npm run catalogue` without arguments print their usage and fail', () => {
    for (const script of RUN) {
      const run = npmRun(dataDir, script, []);
      expect([script, run.status, run.stderr]).toEqual([script, 2, expect.stringMatching(new RegExp(`^usage:\\s+npm run ${script} -- `))]);
    }
  });

  it('`npm run catalogue -- verify` outside a hub\'s data folder says what it did not find and creates nothing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'hub-no-catalogue-'));
    try {
      const run = npmRun(empty, 'catalogue', ['verify']);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`the catalogue's database ${join(empty, 'catalogue.sqlite')}`);
      expect(run.stderr).toContain('HUB_DATA_DIR');
      expect(existsSync(join(empty, 'catalogue.sqlite'))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('`npm run token -- --role <role> [--agency …]` prints a token the gateway of that data folder accepts, for every role README names', async () => {
    const readme = text('README.md');
    const written = DOCUMENTED.find(({ script, args }) => script === 'token' && isConcrete(args) && args.includes('--role'));
    expect(written).toBeDefined();
    // "Roles: `editor`, `reviewer`, `disclosure-officer`, `admin` (all four with `--agency`), `coordinator`, `supervisor`."
    const sentence = /Roles: ([^.]*)\./.exec(readme)![1];
    const roles = [...sentence.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]).filter((r) => r !== '--agency');
    const withAgency = roles.slice(0, 4);
    expect(roles).toEqual(['editor', 'reviewer', 'disclosure-officer', 'admin', 'coordinator', 'supervisor']);
    const args = shellWords(written!.args);
    const agency = args[args.indexOf('--agency') + 1];

    const config = loadGatewayConfig({ HUB_DATA_DIR: dataDir });
    const identity = useHubIdentity({ jwtSecret: config.jwtSecret, jwtIssuer: config.jwtIssuer, gatewaySecret: config.gatewaySecret });
    for (const role of roles) {
      const run = npmRun(dataDir, 'token', ['--role', role, ...(withAgency.includes(role) ? ['--agency', agency] : [])]);
      expect([role, run.status, run.stderr]).toEqual([role, 0, '']);
      const context = { request: new Request('http://gateway/graphql', { headers: { authorization: `Bearer ${run.stdout.trim()}` } }) };
      await (identity.onContextBuilding as (payload: { context: object }) => Promise<void>)({ context });
      expect(claimsOf(context)).toMatchObject({ roles: [role], agency: withAgency.includes(role) ? agency : undefined });
    }
  });

  it('`npm run api-key -- issue --name "…" --quota 600`, `list` and `revoke <id>` issue, show and revoke a key the gateway checks', () => {
    const issue = DOCUMENTED.find(({ script, args }) => script === 'api-key' && args.startsWith('issue') && isConcrete(args));
    expect(issue).toBeDefined();
    const args = shellWords(issue!.args);
    const name = args[args.indexOf('--name') + 1];
    const quota = Number(args[args.indexOf('--quota') + 1]);

    const issued = npmRun(dataDir, 'api-key', args);
    expect([issued.status, issued.stderr]).toEqual([0, '']);
    const id = /^issued (\S+) to /.exec(issued.stdout)?.[1];
    const key = /^ {2}(\S+)$/m.exec(issued.stdout)?.[1];
    expect(id).toBeDefined();
    expect(key).toBeDefined();
    // The key file the gateway of this data folder reads.
    const store = () => new ApiKeyStore(apiKeysPathFrom({ HUB_DATA_DIR: dataDir }));
    expect(store().verify(key!)).toMatchObject({ id, name, quotaPerMinute: quota });

    const listed = npmRun(dataDir, 'api-key', ['list']);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(`${id}  ${quota}/min  active  ${name}`);

    expect(DOCUMENTED.some(({ script, args: written }) => script === 'api-key' && written === 'revoke <id>')).toBe(true);
    const revoked = npmRun(dataDir, 'api-key', ['revoke', id!]);
    expect([revoked.status, revoked.stdout]).toEqual([0, expect.stringContaining(`revoked ${id} (${name})`)]);
    expect(store().verify(key!)).toBeUndefined();
  });
});
