import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirFrom, hostFrom } from './env';

/**
 * The one rule of what development is, and where every service's secrets come from. Outside
 * development a service never invents a secret: it refuses to start and names what is missing.
 * In development no secret is written in the source either: each data folder gets its own random
 * ones, generated once into `<HUB_DATA_DIR>/dev-secrets.json`.
 */

/** Shortest secret accepted outside development (HS256 wants at least the hash's 32 bytes). */
export const MIN_SECRET_BYTES = 32;

/** The development secrets file inside a data folder. */
export const DEV_SECRETS_FILE = 'dev-secrets.json';

/** The random secrets of one development data folder. */
export interface DevSecrets {
  /** Signs and verifies the locally issued bearer tokens (`npm run token`, the coordination service). */
  jwtSecret: string;
  /** Signs and verifies the claims header the gateway passes to every subgraph. */
  gatewaySecret: string;
}

/** True for an address only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(h);
}

/** Development: NODE_ENV is not `production` and the service listens on a loopback address only. */
export function isDevelopment(env: NodeJS.ProcessEnv): boolean {
  return env.NODE_ENV !== 'production' && isLoopback(hostFrom(env));
}

/** A fresh random secret (32 bytes, base64url). */
export function randomSecret(): string {
  return randomBytes(MIN_SECRET_BYTES).toString('base64url');
}

function readDevSecrets(path: string): DevSecrets | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: Partial<DevSecrets> | undefined;
  try {
    parsed = JSON.parse(text) as Partial<DevSecrets>;
  } catch { /* reported below, with what to do */ }
  const valid = (s: unknown) => typeof s === 'string' && Buffer.byteLength(s) >= MIN_SECRET_BYTES;
  if (!parsed || !valid(parsed.jwtSecret) || !valid(parsed.gatewaySecret)) {
    throw new Error(`${path} is not a development secrets file ({ "jwtSecret", "gatewaySecret" }, ${MIN_SECRET_BYTES}+ bytes each): delete it to generate new ones`);
  }
  return { jwtSecret: parsed.jwtSecret!, gatewaySecret: parsed.gatewaySecret! };
}

/**
 * The development secrets of `dataDir`, generated on first use. Processes starting together agree:
 * each writes a complete candidate file (mode 0600) and hard-links it into place, which succeeds
 * for one of them only; everyone then reads the file that won.
 */
export function devSecrets(dataDir: string): DevSecrets {
  const path = join(dataDir, DEV_SECRETS_FILE);
  const existing = readDevSecrets(path);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  const candidate = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fresh: DevSecrets = { jwtSecret: randomSecret(), gatewaySecret: randomSecret() };
  writeFileSync(candidate, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(candidate, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(candidate);
  }
  return readDevSecrets(path)!;
}

/** A service refused to start: secrets or keys it needs outside development are missing or too weak. */
export class MissingSecretsError extends Error {
  constructor(
    service: string,
    /** Each missing requirement: a variable, or alternatives joined by " or ". */
    readonly missing: string[],
    /** Variables set to a secret shorter than {@link MIN_SECRET_BYTES}. */
    readonly tooShort: string[],
  ) {
    super([
      `${service}: refusing to start outside development (NODE_ENV=production or a non-loopback HOST)`,
      ...(missing.length ? [`set ${missing.join(', ')}`] : []),
      ...(tooShort.length ? [`${tooShort.join(', ')} must be at least ${MIN_SECRET_BYTES} bytes`] : []),
    ].join('; '));
    this.name = 'MissingSecretsError';
  }
}

/**
 * Collects the secrets of one service's configuration. Outside development every secret must be
 * given; {@link check} then throws one error naming all that are missing, so read the values
 * only after it.
 */
export class SecretSource {
  /** See {@link isDevelopment}. */
  readonly development: boolean;
  private readonly missing: string[] = [];
  private readonly tooShort: string[] = [];
  private dev?: DevSecrets;

  constructor(private readonly env: NodeJS.ProcessEnv, private readonly service: string) {
    this.development = isDevelopment(env);
  }

  /**
   * A shared (HS256) secret: `variable` when set, else in development the data folder's
   * `devKey`; outside development a missing one is noted as `requirement` (default: the variable).
   */
  shared(variable: string, devKey: keyof DevSecrets, requirement = variable): string {
    const value = this.env[variable];
    if (value) {
      if (!this.development && Buffer.byteLength(value) < MIN_SECRET_BYTES) this.tooShort.push(variable);
      return value;
    }
    if (this.development) return (this.dev ??= devSecrets(dataDirFrom(this.env)))[devKey];
    this.missing.push(requirement);
    return '';
  }

  /** Throws a {@link MissingSecretsError} when anything noted is missing or too short. */
  check(): void {
    if (this.missing.length || this.tooShort.length) throw new MissingSecretsError(this.service, this.missing, this.tooShort);
  }
}
