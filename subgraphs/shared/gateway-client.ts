import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { SecretSource } from './secrets';
import { issueToken, privateKeyFrom, type TokenSigner } from '../../schema/contracts/tokens';

/** One error of a gateway answer, as the gateway and the agency deployments word it. */
export interface GatewayError {
  message: string;
  extensions?: { code?: string; agency?: string };
}

/** A call through the gateway that did not get an answer, or got errors. */
export class GatewayCallError extends Error {
  constructor(message: string, readonly errors: GatewayError[] = []) {
    super(message);
  }

  /** The first error's code, e.g. AGENCY_UNAVAILABLE or CONFLICT; undefined when the gateway was not reached. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/**
 * A service's identity at the gateway (the news office's coordination, the provincial catalogue): a token the identity provider issued (as
 * given, or read from a file a renewal agent rewrites), or a key with which it signs its own.
 */
export type ServiceIdentity =
  | { token: string }
  | { tokenFile: string }
  | { signer: TokenSigner; issuer?: string };

/** How a service reaches the agencies: the gateway's URL and the service identity. */
export interface GatewayClientOptions {
  url: string;
  identity: ServiceIdentity;
  /** Subject of a self-signed service token, naming the service in logs. @default coordination-service */
  subject?: string;
  /** Per-call deadline. @default 15000 */
  timeoutMs?: number;
}

/** Lifetime of a self-signed service token: short, so a leaked one is soon useless. */
const TOKEN_TTL_MS = 300_000;

/**
 * The coordination subgraph as a client of the provincial gateway, like any other client: it
 * never learns where an agency runs, and the gateway routes each call by agency code or document
 * id. It calls with a service identity (`service: true`, role `service`), which agency deployments
 * accept for release-coordination mutations only.
 */
export class GatewayClient {
  private token?: { value: Promise<string>; expires: number };

  constructor(private readonly options: GatewayClientOptions) {}

  private async serviceToken(): Promise<string> {
    const identity = this.options.identity;
    if ('token' in identity) return identity.token;
    if ('tokenFile' in identity) return (await readFile(identity.tokenFile, 'utf8')).trim();
    if (!this.token || this.token.expires < Date.now() + 60_000) {
      this.token = {
        value: issueToken(identity.signer, { sub: this.options.subject ?? 'coordination-service', roles: [], service: true }, { ttl: `${TOKEN_TTL_MS / 1000}s`, issuer: identity.issuer }),
        expires: Date.now() + TOKEN_TTL_MS,
      };
    }
    return this.token.value;
  }

  /**
   * Runs one operation; resolves with the data when there were no errors, throws a
   * {@link GatewayCallError} otherwise (unless `partial`, which returns data and errors together).
   */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { data, errors } = await this.requestPartial<T>(query, variables);
    if (errors.length || !data) throw new GatewayCallError(errors.map((e) => e.message).join('; ') || 'no data', errors);
    return data;
  }

  /** Runs one operation and returns whatever came back: some agencies may answer while others are down. */
  async requestPartial<T>(query: string, variables: Record<string, unknown> = {}): Promise<{ data: T | null; errors: GatewayError[] }> {
    let token: string;
    try {
      token = await this.serviceToken();
    } catch (error) {
      throw new GatewayCallError(`service token unavailable: ${(error as Error).message}`);
    }
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new GatewayCallError(`gateway unreachable at ${this.options.url}: ${(error as Error).message}`);
    }
    let body: { data?: T | null; errors?: GatewayError[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new GatewayCallError(`gateway answered ${response.status} without JSON`);
    }
    return { data: body.data ?? null, errors: body.errors ?? [] };
  }
}

/**
 * A service's identity from its environment, first found of: `<prefix>_TOKEN` (issued by the
 * identity provider), `<prefix>_TOKEN_FILE` (re-read on every call, for a renewing agent),
 * `<prefix>_KEY` (PEM private key, RS256/ES256, with which it signs its own short-lived token),
 * or HS256 with `HUB_JWT_SECRET` (in development the data folder's). Only config.ts files call this.
 */
export function serviceIdentityFrom(env: NodeJS.ProcessEnv, secrets: SecretSource, prefix: string): ServiceIdentity {
  const token = env[`${prefix}_TOKEN`];
  if (token) return { token };
  const tokenFile = env[`${prefix}_TOKEN_FILE`];
  if (tokenFile) {
    if (!existsSync(tokenFile)) throw new RangeError(`${prefix}_TOKEN_FILE names a file that does not exist: ${tokenFile}`);
    return { tokenFile };
  }
  const issuer = env.HUB_JWT_ISSUER || undefined;
  const key = env[`${prefix}_KEY`];
  if (key) return { signer: privateKeyFrom(key, `${prefix}_KEY`), issuer };
  const requirement = `${prefix}_TOKEN, ${prefix}_TOKEN_FILE, ${prefix}_KEY or HUB_JWT_SECRET`;
  return { signer: { secret: secrets.shared('HUB_JWT_SECRET', 'jwtSecret', requirement) }, issuer };
}
