import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformFileSync } from '@swc/core';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { loadGatewayConfig } from '../../gateway/config';
import { loadAgencyConfig } from '../agency/config';
import { loadCoordinationConfig } from '../coordination/config';
import { loadDirectoryConfig } from '../directory/config';
import { DEV_SECRETS_FILE, isDevelopment, isLoopback, MissingSecretsError, randomSecret } from './secrets';

const folders: string[] = [];
function freshFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-secrets-'));
  folders.push(dir);
  return dir;
}
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The error a config load throws, so a test can say what it names. */
function refusal(load: () => unknown): MissingSecretsError {
  try {
    load();
  } catch (error) {
    if (error instanceof MissingSecretsError) return error;
    throw error;
  }
  throw new Error('the configuration loaded');
}

const LOADERS = {
  gateway: loadGatewayConfig,
  // Outside development a deployment must also say whose it is (below).
  agency: (env: NodeJS.ProcessEnv) => loadAgencyConfig({ HUB_AGENCY_CODE: 'fjdrc', ...env }),
  directory: loadDirectoryConfig,
  coordination: loadCoordinationConfig,
} as const;

/** What each service names when it has nothing. */
const REQUIRED: Record<keyof typeof LOADERS, string[]> = {
  gateway: ['HUB_JWT_SECRET or HUB_JWT_PUBLIC_KEY', 'HUB_GATEWAY_SECRET'],
  agency: ['HUB_GATEWAY_SECRET', 'HUB_AGENCY_SERVICE_TOKEN, HUB_AGENCY_SERVICE_TOKEN_FILE, HUB_AGENCY_SERVICE_KEY or HUB_JWT_SECRET'],
  directory: ['HUB_GATEWAY_SECRET'],
  coordination: ['HUB_GATEWAY_SECRET', 'HUB_COORDINATION_SERVICE_TOKEN, HUB_COORDINATION_SERVICE_TOKEN_FILE, HUB_COORDINATION_SERVICE_KEY or HUB_JWT_SECRET'],
};

describe('issue 9 finding 1: outside development every service refuses to start without its secrets', () => {
  it('tells development by NODE_ENV and the listen address', () => {
    for (const host of ['127.0.0.1', '127.3.2.1', 'localhost', '::1', '[::1]']) expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'hub.fujian.gov.cn', '128.0.0.1']) expect(isLoopback(host)).toBe(false);
    expect(isDevelopment({})).toBe(true);
    expect(isDevelopment({ NODE_ENV: 'production' })).toBe(false);
    expect(isDevelopment({ HOST: '0.0.0.0' })).toBe(false);
  });

  for (const [service, load] of Object.entries(LOADERS) as [keyof typeof LOADERS, (env: NodeJS.ProcessEnv) => unknown][]) {
    for (const [why, env] of [['NODE_ENV=production', { NODE_ENV: 'production' }], ['HOST=0.0.0.0', { HOST: '0.0.0.0' }]] as const) {
      it(`${service} with ${why} and no secret names ${REQUIRED[service].join(' and ')}, and writes no development secrets`, () => {
        const dataDir = freshFolder();
        const error = refusal(() => load({ ...env, HUB_DATA_DIR: dataDir }));
        expect(error.missing).toEqual(REQUIRED[service]);
        for (const name of REQUIRED[service]) expect(error.message).toContain(name);
        expect(existsSync(join(dataDir, DEV_SECRETS_FILE))).toBe(false);
      });
    }

    it(`${service} in production refuses a secret shorter than 32 bytes, naming it`, () => {
      const short = 'x'.repeat(31);
      const error = refusal(() => load({ NODE_ENV: 'production', HUB_JWT_SECRET: randomSecret(), HUB_GATEWAY_SECRET: short }));
      expect(error.tooShort).toEqual(['HUB_GATEWAY_SECRET']);
      expect(error.message).toContain('HUB_GATEWAY_SECRET');
    });

    it(`${service} in production loads with its secrets set`, () => {
      const env = { NODE_ENV: 'production', HOST: '0.0.0.0', HUB_JWT_SECRET: randomSecret(), HUB_GATEWAY_SECRET: randomSecret() };
      expect((load(env) as { gatewaySecret: string }).gatewaySecret).toBe(env.HUB_GATEWAY_SECRET);
    });
  }

  it('an agency deployment outside development refuses to start without HUB_AGENCY_CODE instead of passing for fjdrc', () => {
    const secrets = { HUB_JWT_SECRET: randomSecret(), HUB_GATEWAY_SECRET: randomSecret() };
    for (const env of [{ NODE_ENV: 'production' }, { HOST: '0.0.0.0' }]) {
      expect(() => loadAgencyConfig({ ...env, ...secrets })).toThrow(/HUB_AGENCY_CODE must name this deployment's agency/);
      expect(loadAgencyConfig({ ...env, ...secrets, HUB_AGENCY_CODE: 'fjczt' }).agencyCode).toBe('fjczt');
    }
    expect(loadAgencyConfig({ HUB_DATA_DIR: freshFolder() }).agencyCode).toBe('fjdrc');
  });

  it('the gateway in production accepts a public key instead of HUB_JWT_SECRET, and then no HS256 secret', async () => {
    const { publicKey } = await generateKeyPair('ES256');
    const config = loadGatewayConfig({ NODE_ENV: 'production', HUB_JWT_PUBLIC_KEY: await exportSPKI(publicKey), HUB_GATEWAY_SECRET: randomSecret() });
    expect(config.jwtSecret).toBeUndefined();
    expect(config.jwtPublicKeys?.map((k) => k.alg)).toEqual(['ES256']);
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', HUB_JWT_PUBLIC_KEY: 'not a key', HUB_GATEWAY_SECRET: randomSecret() })).toThrow(/HUB_JWT_PUBLIC_KEY/);
  });

  it('coordination in production takes an issued key or token instead of HUB_JWT_SECRET', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const base = { NODE_ENV: 'production', HUB_GATEWAY_SECRET: randomSecret() };
    const keyed = loadCoordinationConfig({ ...base, HUB_COORDINATION_SERVICE_KEY: await exportPKCS8(privateKey), HUB_JWT_ISSUER: 'https://idp.fujian.gov.cn' });
    expect(keyed.serviceIdentity).toMatchObject({ signer: { alg: 'RS256' }, issuer: 'https://idp.fujian.gov.cn' });
    expect(loadCoordinationConfig({ ...base, HUB_COORDINATION_SERVICE_TOKEN: 'issued.jwt.token' }).serviceIdentity).toEqual({ token: 'issued.jwt.token' });
    expect(() => loadCoordinationConfig({ ...base, HUB_COORDINATION_SERVICE_TOKEN_FILE: join(freshFolder(), 'absent') })).toThrow(/HUB_COORDINATION_SERVICE_TOKEN_FILE/);
    const publicPem = await exportSPKI((await generateKeyPair('ES256')).publicKey);
    expect(() => loadCoordinationConfig({ ...base, HUB_COORDINATION_SERVICE_KEY: publicPem })).toThrow(/HUB_COORDINATION_SERVICE_KEY/);
  });
});

describe('issue 9 finding 1: development secrets are random per data folder', () => {
  it('two services of one fresh data folder agree, another folder differs, the file is 0600', () => {
    const dataDir = freshFolder();
    const gateway = loadGatewayConfig({ HUB_DATA_DIR: dataDir });
    const agency = loadAgencyConfig({ HUB_DATA_DIR: dataDir });
    const coordination = loadCoordinationConfig({ HUB_DATA_DIR: dataDir });
    const file = join(dataDir, DEV_SECRETS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string; gatewaySecret: string };
    expect(gateway.gatewaySecret).toBe(stored.gatewaySecret);
    expect(agency.gatewaySecret).toBe(stored.gatewaySecret);
    expect(gateway.jwtSecret).toBe(stored.jwtSecret);
    expect(coordination.serviceIdentity).toEqual({ signer: { secret: stored.jwtSecret }, issuer: undefined });
    expect(Buffer.byteLength(stored.gatewaySecret)).toBeGreaterThanOrEqual(32);
    expect(stored.jwtSecret).not.toBe(stored.gatewaySecret);
    for (const old of ['dev-only-jwt-secret-change-me', 'dev-only-gateway-secret-change-me']) expect(Object.values(stored)).not.toContain(old);

    const other = loadDirectoryConfig({ HUB_DATA_DIR: freshFolder() });
    expect(other.gatewaySecret).not.toBe(stored.gatewaySecret);
  });

  it('processes starting at the same instant agree on one file and leave no temporary file', async () => {
    const dataDir = freshFolder();
    const lib = freshFolder();
    for (const name of ['secrets', 'env']) {
      writeFileSync(join(lib, `${name}.js`), transformFileSync(join(__dirname, `${name}.ts`), {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' }, swcrc: false,
      }).code);
    }
    // Each child waits for the same moment, so their read-miss-create steps overlap.
    const at = Date.now() + 1500;
    const script = `const { devSecrets } = require(${JSON.stringify(join(lib, 'secrets.js'))});
      while (Date.now() < ${at});
      process.stdout.write(JSON.stringify(devSecrets(process.argv[1])));`;
    const outputs = await Promise.all(Array.from({ length: 6 }, () => new Promise<string>((done, fail) => {
      execFile(process.execPath, ['-e', script, dataDir], (error, stdout) => (error ? fail(error) : done(stdout)));
    })));
    expect(new Set(outputs).size).toBe(1);
    expect(JSON.parse(outputs[0])).toEqual(JSON.parse(readFileSync(join(dataDir, DEV_SECRETS_FILE), 'utf8')));
    expect(readdirSync(dataDir)).toEqual([DEV_SECRETS_FILE]);
  });

  it('an explicit variable wins in development, and no file is written for it', () => {
    const dataDir = freshFolder();
    const secret = randomSecret();
    // The agency's two secrets: the gateway's, and HUB_JWT_SECRET for its calendar reads' service identity.
    expect(loadAgencyConfig({ HUB_DATA_DIR: dataDir, HUB_GATEWAY_SECRET: secret, HUB_JWT_SECRET: randomSecret() }).gatewaySecret).toBe(secret);
    expect(existsSync(join(dataDir, DEV_SECRETS_FILE))).toBe(false);
  });

  it('a damaged secrets file stops the service, naming the file', () => {
    const dataDir = freshFolder();
    writeFileSync(join(dataDir, DEV_SECRETS_FILE), '{"jwtSecret":"short"}');
    expect(() => loadDirectoryConfig({ HUB_DATA_DIR: dataDir })).toThrow(DEV_SECRETS_FILE);
  });
});
