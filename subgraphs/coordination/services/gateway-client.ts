import { issueDevToken } from '../../../gateway/identity';

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

/** How the coordination subgraph reaches the agencies: the gateway's URL and the service identity. */
export interface GatewayClientOptions {
  url: string;
  /** Development signing key of the service token; production obtains the token from the identity provider. */
  serviceJwtSecret: string;
  /** Per-call deadline. @default 15000 */
  timeoutMs?: number;
}

const TOKEN_TTL_MS = 3600_000;

/**
 * The coordination subgraph as a client of the provincial gateway, like any other client: it
 * never learns where an agency runs, and the gateway routes each call by agency code or document
 * id. It calls with a service identity (`service: true`, role `service`), which agency deployments
 * accept for release-coordination mutations only.
 */
export class GatewayClient {
  private token?: { value: Promise<string>; expires: number };

  constructor(private readonly options: GatewayClientOptions) {}

  private serviceToken(): Promise<string> {
    if (!this.token || this.token.expires < Date.now() + 60_000) {
      this.token = {
        value: issueDevToken(this.options.serviceJwtSecret, { sub: 'coordination-service', roles: [], service: true }, `${TOKEN_TTL_MS / 1000}s`),
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
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.serviceToken()}` },
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
