import type { ExecutionRequest, ExecutionResult } from '@graphql-tools/utils';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { SUBGRAPH_UNAVAILABLE_REASONS, type UnavailableReason } from '../../schema/contracts/errors';
import type { CallObserver } from '../observability';
import { createHttpShardExecutor, ShardTransportError, type ShardExecutor } from './http-shard-executor';

/** Options of the calls to one shard. */
export interface ShardCallOptions {
  /** Per-shard deadline in milliseconds. @default 5000 */
  timeoutMs: number;
  /** Consecutive transport failures that open the circuit. @default 3 */
  breakerThreshold: number;
  /** How long an open circuit fails fast before one trial call, in milliseconds. @default 10000 */
  breakerCooldownMs: number;
  /** While the circuit is open, how often the deployment's GET /health is probed, in milliseconds. @default 1000 */
  probeIntervalMs?: number;
}

export const DEFAULT_SHARD_CALL_OPTIONS: ShardCallOptions = { timeoutMs: 5000, breakerThreshold: 3, breakerCooldownMs: 10_000, probeIntervalMs: 1000 };

/** Why a shard gave no answer, its reason from the closed list in schema/contracts/errors.ts. */
export class ShardUnavailable extends Error {
  constructor(readonly agency: string, readonly reason: UnavailableReason, detail?: string) {
    super(`${agency}: ${reason}${detail ? ` (${detail})` : ''}`);
  }
}

/**
 * The reason of a failed call to a shard, from the error's type alone: a {@link ShardUnavailable}
 * carries its own; anything else was thrown before the call left the gateway (`internal`).
 */
export function unavailableReasonOf(failure: unknown): UnavailableReason {
  return failure instanceof ShardUnavailable ? failure.reason : 'internal';
}

/** The reason (schema/contracts/errors.ts) of a failed call: its kind, or on a 503 the subgraph's own reason when it is a known one. */
function reasonOf(failure: ShardTransportError): UnavailableReason {
  if (failure.kind !== 'unavailable') return failure.kind;
  const own = SUBGRAPH_UNAVAILABLE_REASONS.find((r) => r === failure.facts.reason);
  return own ?? 'unavailable';
}

/** GET /health next to a `…/graphql` endpoint, or undefined when the endpoint has another path. */
export function healthUrlOf(url: string): string | undefined {
  const target = new URL(url);
  if (!target.pathname.endsWith('/graphql')) return undefined;
  target.pathname = target.pathname.replace(/\/graphql$/, '/health');
  target.search = '';
  return target.toString();
}

/** One GET of a health endpoint on a fresh connection: true on a 2xx within `timeoutMs`. */
function probeHealth(url: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    // No keep-alive agent: a probe must not hold a socket to a deployment that is failing.
    const req = send(url, { method: 'GET', agent: false, headers: { connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300));
      res.on('error', () => resolve(false));
    });
    req.on('error', () => resolve(false));
    req.setTimeout(timeoutMs, () => req.destroy());
    req.end();
  });
}

/** What detailed health reports of one breaker. */
export interface BreakerSnapshot {
  name: string;
  url: string;
  state: 'closed' | 'open' | 'half-open';
  consecutiveFailures: number;
  /** The last failure counted, with when it happened (ISO date-time). */
  lastFailure: { reason: UnavailableReason; at: string } | null;
  /** When the deployment last gave a GraphQL answer or a healthy probe (ISO date-time). */
  lastSuccessAt: string | null;
}

/**
 * One agency deployment (or singleton subgraph; `agency` is then its name) as the gateway sees it:
 * an executor behind a deadline and a circuit breaker, so a dead or hung service costs the others
 * at most one timeout, then nothing.
 *
 * The breaker counts only calls that got no GraphQL answer ({@link ShardTransportError}: connection
 * refused or reset, timeout, a non-GraphQL or 503 answer, a refused signature). A GraphQL answer
 * with errors — a bad date, an unknown id, a validation error — is the client's, passed on as it is.
 * After `breakerThreshold` such failures the circuit opens: calls fail fast, the deployment's
 * /health is probed every `probeIntervalMs` and a healthy probe closes the circuit; after
 * `breakerCooldownMs` exactly one call is let through as a trial while the others still fail fast.
 */
export class ShardClient {
  private failures = 0;
  private openUntil = 0;
  private trialInFlight = false;
  private lastFailure: BreakerSnapshot['lastFailure'] = null;
  private lastSuccess: number | undefined;
  private probing = false;
  private probeTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  private readonly healthUrl: string | undefined;

  constructor(
    readonly agency: string,
    readonly url: string,
    private readonly executor: ShardExecutor,
    private readonly options: ShardCallOptions,
    private readonly observe?: CallObserver,
  ) {
    this.healthUrl = healthUrlOf(url);
  }

  /** closed, open (failing fast) or half-open (the next call is the one trial). */
  get state(): 'closed' | 'open' | 'half-open' {
    if (this.failures < this.options.breakerThreshold) return 'closed';
    return this.trialInFlight || Date.now() < this.openUntil ? 'open' : 'half-open';
  }

  snapshot(): BreakerSnapshot {
    return {
      name: this.agency, url: this.url, state: this.state, consecutiveFailures: this.failures, lastFailure: this.lastFailure,
      lastSuccessAt: this.lastSuccess === undefined ? null : new Date(this.lastSuccess).toISOString(),
    };
  }

  /** Calls the deployment; `waitMs` is how long the call may legitimately hold (a long poll), added to the deadline. */
  async execute(request: ExecutionRequest, waitMs = 0): Promise<ExecutionResult> {
    const state = this.state;
    if (state === 'open') {
      this.observe?.(this.agency, 0, 'circuit-open');
      throw new ShardUnavailable(this.agency, 'circuit-open');
    }
    const trial = state === 'half-open';
    if (trial) this.trialInFlight = true;
    const start = performance.now();
    // No AbortSignal per call: its listeners cost more than the call on a fan-out. The executor
    // closes a hung socket itself (see createHttpShardExecutor); this deadline answers on time.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ShardTransportError('timeout', `${this.options.timeoutMs + waitMs} ms`)), this.options.timeoutMs + waitMs);
    });
    try {
      const result = (await Promise.race([this.executor(request, waitMs), deadline])) as ExecutionResult;
      this.succeeded();
      this.observe?.(this.agency, (performance.now() - start) / 1000, 'ok');
      return result;
    } catch (error) {
      const seconds = (performance.now() - start) / 1000;
      if (!(error instanceof ShardTransportError)) {
        // Not the deployment's failure (the gateway could not even build the call): not counted.
        this.observe?.(this.agency, seconds, 'error');
        throw error;
      }
      this.observe?.(this.agency, seconds, error.kind === 'timeout' ? 'timeout' : 'error');
      const reason = reasonOf(error);
      this.failed(reason);
      throw new ShardUnavailable(this.agency, reason, error.message);
    } finally {
      clearTimeout(timer);
      if (trial) this.trialInFlight = false;
    }
  }

  /** Stops probing for good (the deployment left the registry, or the gateway stops). */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.probeTimer);
  }

  private succeeded(): void {
    this.failures = 0;
    this.lastSuccess = Date.now();
  }

  private failed(reason: UnavailableReason): void {
    this.failures += 1;
    this.lastFailure = { reason, at: new Date().toISOString() };
    if (this.failures >= this.options.breakerThreshold) {
      this.openUntil = Date.now() + this.options.breakerCooldownMs;
      this.startProbing();
    }
  }

  /** One probe at a time, one chain per client, on unref'd timers so a stopping process is not held. */
  private startProbing(): void {
    if (this.probing || this.disposed || !this.healthUrl) return;
    this.probing = true;
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    this.probeTimer = setTimeout(() => void this.probe(), this.options.probeIntervalMs ?? DEFAULT_SHARD_CALL_OPTIONS.probeIntervalMs);
    this.probeTimer.unref();
  }

  /** Probing ends when the client is disposed or the circuit closed (by a call or by a probe). */
  private get probeNeeded(): boolean {
    return !this.disposed && this.state !== 'closed';
  }

  private async probe(): Promise<void> {
    if (!this.probeNeeded) {
      this.probing = false;
      return;
    }
    const healthy = await probeHealth(this.healthUrl!, Math.min(this.options.timeoutMs, 1000));
    if (!this.probeNeeded) {
      this.probing = false;
      return;
    }
    if (healthy) {
      this.succeeded();
      this.probing = false;
      return;
    }
    this.scheduleProbe();
  }
}

/** Facts the pool needs to make a client. */
interface Target {
  name: string;
  url: string;
}

/**
 * The gateway's shard clients by name (agency code or subgraph name), shared by the transports
 * and read by /health, so health tells what the breakers think rather than probing per request.
 */
export class ShardClients {
  private readonly clients = new Map<string, ShardClient>();
  private readonly options: ShardCallOptions;

  constructor(options: Partial<ShardCallOptions> = {}, private readonly observe?: CallObserver) {
    this.options = { ...DEFAULT_SHARD_CALL_OPTIONS, ...options };
  }

  /** The client of `name` at `url`; a new one (the old one disposed) when the URL changed. */
  get(name: string, url: string): ShardClient {
    let client = this.clients.get(name);
    if (!client || client.url !== url) {
      client?.dispose();
      client = new ShardClient(name, url, createHttpShardExecutor(url, this.options.timeoutMs), this.options, this.observe);
      this.clients.set(name, client);
    }
    return client;
  }

  find(name: string): ShardClient | undefined {
    return this.clients.get(name);
  }

  all(): ShardClient[] {
    return [...this.clients.values()];
  }

  /** Keeps only the clients of these targets (same name and URL); the others stop probing. */
  retain(targets: Target[]): void {
    const wanted = new Map(targets.map((t) => [t.name, t.url]));
    for (const [name, client] of this.clients) {
      if (wanted.get(name) !== client.url) {
        client.dispose();
        this.clients.delete(name);
      }
    }
  }

  dispose(): void {
    for (const client of this.clients.values()) client.dispose();
    this.clients.clear();
  }
}
