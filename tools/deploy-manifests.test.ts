import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { loadGatewayConfig } from '../gateway/config';
import { loadAgencyConfig } from '../subgraphs/agency/config';
import { loadCatalogueConfig } from '../subgraphs/catalogue/config';
import { loadCoordinationConfig } from '../subgraphs/coordination/config';
import { loadDirectoryConfig } from '../subgraphs/directory/config';
import { DEFAULT_SHUTDOWN_GRACE_MS } from '../subgraphs/shared/process';
import { MissingSecretsError, randomSecret } from '../subgraphs/shared/secrets';
import { parseRegistry } from '../schema/contracts/shard-registry';

/**
 * Issue 15: the deployment files of docs/deploy (systemd units, the compose file, the Kubernetes
 * manifests) say what the code reads, so they cannot drift from it. Each service's environment is
 * gathered from each file as the service manager would build it, then handed to that service's
 * own config loader: without its secrets it must refuse to start (so the file really puts it in
 * production), and with the secret placeholders filled with test values it must load.
 */
const ROOT = resolve(__dirname, '..');
const DEPLOY = join(ROOT, 'docs', 'deploy');

type Kind = 'gateway' | 'agency' | 'directory' | 'coordination' | 'catalogue';
const KINDS: Kind[] = ['gateway', 'agency', 'directory', 'coordination', 'catalogue'];
const ENTRY: Record<Kind, string> = {
  gateway: 'dist/gateway/main.js',
  agency: 'dist/subgraphs/agency/main.js',
  directory: 'dist/subgraphs/directory/main.js',
  coordination: 'dist/subgraphs/coordination/main.js',
  catalogue: 'dist/subgraphs/catalogue/main.js',
};
const LOAD: Record<Kind, (env: NodeJS.ProcessEnv) => unknown> = {
  gateway: loadGatewayConfig,
  agency: loadAgencyConfig,
  directory: loadDirectoryConfig,
  coordination: loadCoordinationConfig,
  catalogue: loadCatalogueConfig,
};

/** One service as a deployment file runs it: where, which kind, and its environment. */
interface Service {
  /** e.g. "systemd/hub-agency@.service (fjdrc)", "compose.yaml gateway-1". */
  label: string;
  form: 'systemd' | 'compose' | 'kubernetes';
  kind: Kind;
  env: Record<string, string>;
}

/** A value to be filled in by whoever deploys: `<...>` in an example env file, or a Secret reference. */
const isPlaceholder = (value: string) => /^<[^>]*>$/.test(value);

/** Settings that are secrets: never a literal value in a deployment file. */
const isSecretName = (name: string) => /^HUB_\w*(SECRET|_TOKEN|_SERVICE_KEY)$/.test(name);

const kindOf = (command: string): Kind | undefined => KINDS.find((kind) => command.includes(ENTRY[kind]));

/** KEY=VALUE lines of an env file (systemd's EnvironmentFile, compose's env_file); comments and blanks skipped. */
function envFile(path: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 1) throw new Error(`${path}: not KEY=VALUE: ${line}`);
    env[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return env;
}

// ---- systemd ----------------------------------------------------------------------------------

const SYSTEMD = join(DEPLOY, 'systemd');
/** The instance the templated agency unit is read for (its example env file exists). */
const AGENCY_INSTANCE = 'fjdrc';

/** A unit file's [Service] settings, each key with all its values in order. */
function unitSettings(path: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  let section = '';
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('[')) { section = line; continue; }
    if (section !== '[Service]') continue;
    const eq = line.indexOf('=');
    const key = line.slice(0, eq);
    settings.set(key, [...(settings.get(key) ?? []), line.slice(eq + 1)]);
  }
  return settings;
}

const unitFiles = () => readdirSync(SYSTEMD).filter((f) => f.endsWith('.service'));

function systemdServices(): Service[] {
  return unitFiles().map((file) => {
    const instance = file.includes('@') ? AGENCY_INSTANCE : '';
    const settings = unitSettings(join(SYSTEMD, file));
    const env: Record<string, string> = {};
    // Environment= first, then the EnvironmentFile= files in order (systemd's precedence: files win).
    for (const assignment of (settings.get('Environment') ?? []).flatMap((v) => v.split(/\s+/))) {
      const eq = assignment.indexOf('=');
      env[assignment.slice(0, eq)] = assignment.slice(eq + 1).replace(/%i/g, instance);
    }
    for (const path of settings.get('EnvironmentFile') ?? []) {
      // /etc/hub/<name>.env is installed from docs/deploy/systemd/<name>.env.example.
      const example = join(SYSTEMD, `${basename(path.replace(/%i/g, instance))}.example`);
      Object.assign(env, envFile(example));
    }
    const kind = kindOf((settings.get('ExecStart') ?? []).join(' '));
    if (!kind) throw new Error(`${file}: ExecStart runs no known service`);
    return { label: `systemd/${file}${instance ? ` (${instance})` : ''}`, form: 'systemd' as const, kind, env };
  });
}

// ---- compose ----------------------------------------------------------------------------------

interface ComposeService {
  command?: string[];
  environment?: Record<string, string | number>;
  env_file?: string | string[];
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
  restart?: string;
}
const compose = () => parse(readFileSync(join(DEPLOY, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };

function composeServices(): Service[] {
  return Object.entries(compose().services).flatMap(([name, service]) => {
    const kind = kindOf((service.command ?? []).join(' '));
    if (!kind) return [];
    const env: Record<string, string> = {};
    // The env files hold the secrets; compose reads them, then `environment:` wins.
    for (const file of [service.env_file ?? []].flat()) Object.assign(env, envFile(join(DEPLOY, `${file}.example`)));
    for (const [key, value] of Object.entries(service.environment ?? {})) env[key] = String(value);
    return [{ label: `compose.yaml ${name}`, form: 'compose' as const, kind, env }];
  });
}

// ---- Kubernetes -------------------------------------------------------------------------------

const KUBERNETES = join(DEPLOY, 'kubernetes');
interface Manifest { kind: string; metadata: { name: string; labels?: Record<string, string> }; spec: any; data?: Record<string, string> }

function manifests(): (Manifest & { file: string })[] {
  return readdirSync(KUBERNETES).filter((f) => f.endsWith('.yaml')).flatMap((file) =>
    parseAllDocuments(readFileSync(join(KUBERNETES, file), 'utf8')).map((doc) => {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return { ...(doc.toJS() as Manifest), file };
    }));
}

interface EnvVar { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }

function kubernetesServices(): Service[] {
  return manifests().filter((m) => m.kind === 'Deployment').flatMap((m) => {
    const container = m.spec.template.spec.containers[0];
    const kind = kindOf((container.command ?? []).join(' '));
    if (!kind) return [];
    const env: Record<string, string> = {};
    for (const variable of container.env as EnvVar[]) {
      const ref = variable.valueFrom?.secretKeyRef;
      if (variable.valueFrom && !ref) throw new Error(`${m.file}: ${variable.name} comes from neither a value nor a Secret`);
      env[variable.name] = ref ? `<Secret ${ref.name}/${ref.key}>` : String(variable.value);
    }
    return [{ label: `kubernetes/${m.file} ${m.metadata.name}`, form: 'kubernetes' as const, kind, env }];
  });
}

const SERVICES: Service[] = [...systemdServices(), ...composeServices(), ...kubernetesServices()];

// ---- filling the placeholders -----------------------------------------------------------------

const keyPair = generateKeyPairSync('ec', {
  namedCurve: 'P-256',
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

/** The environment with every placeholder given a test value: keys as PEM, anything else 32+ random bytes. */
function filled(env: Record<string, string>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).map(([name, value]) => {
    if (!isPlaceholder(value)) return [name, value];
    if (name.endsWith('PUBLIC_KEY')) return [name, keyPair.publicKey];
    if (name.endsWith('_KEY')) return [name, keyPair.privateKey];
    return [name, randomSecret()];
  }));
}

/** The environment without what the deployer fills in: the secrets (and other placeholders). */
const withoutPlaceholders = (env: Record<string, string>): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(env).filter(([, value]) => !isPlaceholder(value)));

// ---- what the code reads ----------------------------------------------------------------------

function sourceFiles(dirs: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) { if (name !== 'tests') walk(path); } else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(path);
    }
  };
  for (const dir of dirs) walk(join(ROOT, dir));
  return files;
}

/** Every environment variable named literally in `files`, with the service-identity families (`<prefix>_TOKEN`, `_TOKEN_FILE`, `_KEY`). */
function variablesRead(files: string[]): Set<string> {
  const read = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:env\.|env\[')([A-Z][A-Z0-9_]+)|'(HUB_[A-Z0-9_]+|PORT|HOST|NODE_ENV)'/g)) read.add(m[1] ?? m[2]);
    for (const m of text.matchAll(/serviceIdentityFrom\([^)]*'(HUB_[A-Z0-9_]+)'\)/g)) prefixes.add(m[1]);
  }
  // A prefix is no variable of its own: its family is.
  for (const prefix of prefixes) {
    read.delete(prefix);
    for (const suffix of ['_TOKEN', '_TOKEN_FILE', '_KEY']) read.add(`${prefix}${suffix}`);
  }
  return read;
}

/** Every text file under docs/deploy. */
function deployFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(DEPLOY);
  return files;
}

describe('issue 15: the deployment files in docs/deploy', () => {
  it('describe every service kind in each form: systemd, compose (two agencies, two gateway replicas), Kubernetes (two agencies)', () => {
    for (const form of ['systemd', 'compose', 'kubernetes'] as const) {
      expect(new Set(SERVICES.filter((s) => s.form === form).map((s) => s.kind))).toEqual(new Set(KINDS));
    }
    const count = (form: Service['form'], kind: Kind) => SERVICES.filter((s) => s.form === form && s.kind === kind).length;
    expect([count('compose', 'agency'), count('compose', 'gateway'), count('kubernetes', 'agency')]).toEqual([2, 2, 2]);
  });

  it('name only variables the code reads (HUB_* anywhere in docs/deploy; every service environment\'s keys)', () => {
    const read = variablesRead(sourceFiles(['gateway', 'subgraphs']));
    expect(read.size).toBeGreaterThan(80);
    const named = new Set<string>();
    for (const file of deployFiles()) for (const m of readFileSync(file, 'utf8').matchAll(/\b(HUB_[A-Z0-9_]+)\b/g)) named.add(m[1]);
    for (const service of SERVICES) for (const name of Object.keys(service.env)) named.add(name);
    // APOLLO_TELEMETRY_DISABLED is Apollo's own, set by every entry point too (`process.env.APOLLO_TELEMETRY_DISABLED = '1'`).
    expect([...named].filter((name) => !read.has(name)).sort()).toEqual([]);
  });

  it('README.md lists every setting the services\' config code reads', () => {
    const configFiles = [
      'gateway/config.ts', 'subgraphs/agency/config.ts', 'subgraphs/catalogue/config.ts', 'subgraphs/coordination/config.ts',
      'subgraphs/directory/config.ts', 'subgraphs/shared/env.ts', 'subgraphs/shared/secrets.ts', 'subgraphs/shared/gateway-client.ts',
    ].map((f) => join(ROOT, f));
    const readme = readFileSync(join(DEPLOY, 'README.md'), 'utf8');
    const read = [...variablesRead(configFiles)];
    expect(read.length).toBeGreaterThan(60);
    expect(read.filter((name) => !readme.includes(`\`${name}\``)).sort()).toEqual([]);
  });

  describe.each(SERVICES.map((s) => [s.label, s] as const))('%s', (_label, service) => {
    it('runs in production (NODE_ENV, no Apollo telemetry)', () => {
      expect(service.env.NODE_ENV).toBe('production');
      expect(service.env.APOLLO_TELEMETRY_DISABLED).toBe('1');
    });

    it('refuses to start without the secrets it is given, and loads with them', () => {
      expect(() => LOAD[service.kind](withoutPlaceholders(service.env))).toThrow(MissingSecretsError);
      expect(() => LOAD[service.kind](filled(service.env))).not.toThrow();
    });

    it('writes no secret, and no password in a URL, as a literal value', () => {
      const literalSecrets = Object.entries(service.env).filter(([name, value]) => isSecretName(name) && !isPlaceholder(value));
      expect(literalSecrets).toEqual([]);
      const passwords = Object.entries(service.env).filter(([, value]) => !isPlaceholder(value) && /:\/\/[^/\s@]*:[^/\s@]*@/.test(value));
      expect(passwords).toEqual([]);
    });

    if (service.kind === 'gateway') {
      it('trusts the load balancer\'s X-Forwarded-For, shares its quotas in Redis, opens the operators\' port', () => {
        const config = loadGatewayConfig(filled(service.env));
        expect(config.quotas.trustProxy).toBe(true);
        expect(config.redisUrl).toBeDefined();
        expect(config.internalPort).toBeDefined();
        expect(config.catalogueUrl).toBeDefined();
      });
    }

    if (service.kind === 'catalogue' || service.kind === 'coordination' || service.kind === 'agency') {
      it('calls the agencies (and the calendar) through the gateway, not on loopback', () => {
        const { gatewayUrl } = LOAD[service.kind](filled(service.env)) as { gatewayUrl: string };
        expect(new URL(gatewayUrl).hostname).toMatch(/gateway|nginx/);
      });
    }
  });

  it('example env files say their mode, and every secret in them is a placeholder', () => {
    const examples = deployFiles().filter((f) => f.endsWith('.env.example'));
    expect(examples.length).toBeGreaterThan(10);
    for (const file of examples) {
      expect([relative(DEPLOY, file), readFileSync(file, 'utf8').includes('0600')]).toEqual([relative(DEPLOY, file), true]);
      const literal = Object.entries(envFile(file)).filter(([name, value]) => isSecretName(name) && !isPlaceholder(value));
      expect(literal).toEqual([]);
    }
  });
});

describe('issue 15: the systemd units', () => {
  it.each(unitFiles())('%s: a dedicated user, restarted always with back-off, hardened, stopped after the drain', (file) => {
    const s = unitSettings(join(SYSTEMD, file));
    const one = (key: string) => s.get(key)?.at(-1);
    expect([one('User'), one('Restart'), one('KillSignal'), one('NoNewPrivileges'), one('ProtectSystem'), one('PrivateTmp')])
      .toEqual(['hub', 'always', 'SIGTERM', 'yes', 'strict', 'yes']);
    expect(one('RestartSec')).toBeDefined();
    const [service] = systemdServices().filter((x) => x.label.startsWith(`systemd/${file}`));
    expect(s.get('ReadWritePaths')).toContain(service.env.HUB_DATA_DIR);
    const grace = service.kind === 'gateway' ? loadGatewayConfig(filled(service.env)).shutdownGraceMs : DEFAULT_SHUTDOWN_GRACE_MS;
    expect(Number(one('TimeoutStopSec')?.replace(/s$/, '')) * 1000).toBeGreaterThan(grace);
  });

  // Keys of systemd 254+ (the back-off's growth), which this machine's older systemd may not know.
  const NEWER_KEYS = /Unknown key '(RestartSteps|RestartMaxDelaySec)' in section \[Service\], ignoring\.$/;
  const analyze = '/usr/bin/systemd-analyze';
  (existsSync(analyze) ? it : it.skip)('pass systemd-analyze verify (the agency template as an instance)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-units-'));
    try {
      const names = unitFiles().map((file) => {
        const name = file.replace('@.service', `@${AGENCY_INSTANCE}.service`);
        copyFileSync(join(SYSTEMD, file), join(dir, name));
        return name;
      });
      const result = spawnSync(analyze, ['verify', ...names], { cwd: dir, encoding: 'utf8' });
      const complaints = `${result.stdout}\n${result.stderr}`.split('\n').filter((l) => l.trim() && !NEWER_KEYS.test(l));
      expect({ status: result.status, complaints }).toEqual({ status: 0, complaints: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('issue 15: the compose file and nginx', () => {
  it('gives every service a healthcheck and restart: always; the hub\'s on GET /health, stopped after the drain', () => {
    for (const [name, service] of Object.entries(compose().services)) {
      expect([name, Boolean(service.healthcheck?.test?.length), service.restart]).toEqual([name, true, 'always']);
      if (!kindOf((service.command ?? []).join(' '))) continue;
      expect([name, service.healthcheck!.test.join(' ')]).toEqual([name, expect.stringContaining(`:${service.environment?.PORT}/health`)]);
      expect([name, parseInt(service.stop_grace_period ?? '10', 10) * 1000 > DEFAULT_SHUTDOWN_GRACE_MS]).toEqual([name, true]);
    }
  });

  it('nginx balances the gateway replicas round robin, redispatching a refused connection, and sets X-Forwarded-For', () => {
    const conf = readFileSync(join(DEPLOY, 'nginx.conf'), 'utf8').replace(/#.*$/gm, '');
    const upstream = /upstream hub_gateway \{([^}]*)\}/.exec(conf)?.[1] ?? '';
    const servers = [...upstream.matchAll(/server ([\w-]+):(\d+)/g)].map((m) => `${m[1]}:${m[2]}`);
    const gateways = composeServices().filter((s) => s.kind === 'gateway').map((s) => `${s.label.split(' ')[1]}:${s.env.PORT}`);
    expect(servers.sort()).toEqual(gateways.sort());
    // Round robin is the default: no other balancing method, and no upstream keep-alive.
    expect(upstream).not.toMatch(/least_conn|ip_hash|hash |random|keepalive/);
    expect(conf).toMatch(/proxy_next_upstream error timeout;/);
    expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
  });

  it('the registry file routes to the compose agency services', () => {
    const entries = parseRegistry(readFileSync(join(DEPLOY, 'compose/hub-files/registry.json'), 'utf8'), 'registry.json');
    const agencies = composeServices().filter((s) => s.kind === 'agency');
    expect(entries.map((e) => e.url).sort()).toEqual(agencies.map((a) => `http://${a.label.split(' ')[1]}:${a.env.PORT}/graphql`).sort());
    expect(entries.map((e) => [e.code, e.indexPrefix]).sort()).toEqual(agencies.map((a) => [a.env.HUB_AGENCY_CODE, a.env.HUB_AGENCY_INDEX_PREFIX]).sort());
  });
});

describe('issue 15: the Kubernetes manifests', () => {
  const all = manifests();
  const deployments = all.filter((m) => m.kind === 'Deployment' && kindOf((m.spec.template.spec.containers[0].command ?? []).join(' ')));

  it.each(deployments.map((d) => [d.metadata.name, d] as const))('%s: probes on /health, a grace period above the drain, memory requested, hardened', (_name, d) => {
    const pod = d.spec.template.spec;
    const container = pod.containers[0];
    const port = Number(container.env.find((e: EnvVar) => e.name === 'PORT').value);
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) expect([probe, container[probe]?.httpGet]).toEqual([probe, { path: '/health', port }]);
    const preStopSeconds = Number(container.lifecycle?.preStop?.exec?.command?.[1] ?? 0);
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(preStopSeconds * 1000 + DEFAULT_SHUTDOWN_GRACE_MS);
    expect(container.resources.requests.memory).toMatch(/^\d+(Mi|Gi)$/);
    expect([container.securityContext.allowPrivilegeEscalation, container.securityContext.readOnlyRootFilesystem, pod.securityContext.runAsNonRoot]).toEqual([false, true, true]);
    const kind = kindOf(container.command.join(' '));
    // The gateway sleeps before its drain, so the Service has stopped routing to it by then.
    if (kind === 'gateway') expect(preStopSeconds).toBeGreaterThan(0);
    else expect(d.metadata.labels?.['hub.fujian.gov.cn/tier']).toBe('subgraph');
  });

  it('references Secrets without filling any', () => {
    expect(all.filter((m) => m.kind === 'Secret')).toEqual([]);
  });

  it('lets subgraphs accept calls from the gateway only, and call out only to the gateway, PostgreSQL and DNS', () => {
    const policy = all.find((m) => m.kind === 'NetworkPolicy' && m.spec.podSelector.matchLabels?.['hub.fujian.gov.cn/tier'] === 'subgraph');
    expect(policy?.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy!.spec.ingress.flatMap((rule: any) => rule.from)).toEqual([{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'hub-gateway' } } }]);
    const egressPorts = policy!.spec.egress.flatMap((rule: any) => rule.ports.map((p: { port: number }) => p.port)).sort();
    expect(egressPorts).toEqual([4000, 53, 53, 5432].sort());
  });

  it('the registry ConfigMap routes to the agency Services, each on its deployment\'s port', () => {
    const config = all.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'hub-registry');
    const entries = parseRegistry(config!.data!['registry.json'], 'hub-registry');
    const services = new Map(all.filter((m) => m.kind === 'Service').map((m) => [m.metadata.name, m.spec.ports[0].port as number]));
    const agencies = kubernetesServices().filter((s) => s.kind === 'agency');
    expect(entries.map((e) => e.url).sort()).toEqual(agencies.map((a) => `http://hub-agency-${a.env.HUB_AGENCY_CODE}:${a.env.PORT}/graphql`).sort());
    for (const entry of entries) expect(services.get(new URL(entry.url).hostname)).toBe(Number(new URL(entry.url).port));
  });
});
