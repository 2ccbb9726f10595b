import type { ExecutionRequest, ExecutionResult, Executor } from '@graphql-tools/utils';
import type { CallObserver } from '../observability';

/** Options of the calls to one shard. */
export interface ShardCallOptions {
  /** Per-shard deadline in milliseconds. @default 5000 */
  timeoutMs: number;
  /** Consecutive failures that open the circuit. @default 3 */
  breakerThreshold: number;
  /** How long an open circuit fails fast before one trial call, in milliseconds. @default 10000 */
  breakerCooldownMs: number;
}

export const DEFAULT_SHARD_CALL_OPTIONS: ShardCallOptions = { timeoutMs: 5000, breakerThreshold: 3, breakerCooldownMs: 10_000 };

/** Why a shard gave no answer. */
export class ShardUnavailable extends Error {
  constructor(readonly agency: string, readonly reason: 'timeout' | 'circuit-open' | 'error', detail?: string) {
    super(`${agency}: ${reason}${detail ? ` (${detail})` : ''}`);
  }
}

/**
 * One agency deployment (or singleton subgraph; `agency` is then its name) as the gateway sees it:
 * an executor behind a deadline and a circuit breaker, so a dead or hung service costs the others
 * at most one timeout, then nothing.
 */
export class ShardClient {
  private failures = 0;
  private openUntil = 0;

  constructor(
    readonly agency: string,
    readonly url: string,
    private readonly executor: Executor,
    private readonly options: ShardCallOptions,
    private readonly observe?: CallObserver,
  ) {}

  /** closed, open (failing fast) or half-open (next call is a trial). */
  get state(): 'closed' | 'open' | 'half-open' {
    if (this.failures < this.options.breakerThreshold) return 'closed';
    return Date.now() < this.openUntil ? 'open' : 'half-open';
  }

  async execute(request: ExecutionRequest): Promise<ExecutionResult> {
    if (this.state === 'open') {
      this.observe?.(this.agency, 0, 'circuit-open');
      throw new ShardUnavailable(this.agency, 'circuit-open');
    }
    const start = performance.now();
    // No AbortSignal per call: its listeners cost more than the call on a fan-out. The executor
    // closes a hung socket itself (see createHttpShardExecutor); this deadline answers on time.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ShardUnavailable(this.agency, 'timeout', `${this.options.timeoutMs} ms`)), this.options.timeoutMs);
    });
    try {
      const result = (await Promise.race([this.executor(request), deadline])) as ExecutionResult;
      if (isTransportFailure(result)) throw new ShardUnavailable(this.agency, 'error', result.errors?.[0]?.message);
      this.failures = 0;
      this.observe?.(this.agency, (performance.now() - start) / 1000, 'ok');
      return result;
    } catch (error) {
      this.failures += 1;
      this.observe?.(this.agency, (performance.now() - start) / 1000, error instanceof ShardUnavailable && error.reason === 'timeout' ? 'timeout' : 'error');
      if (this.failures >= this.options.breakerThreshold) this.openUntil = Date.now() + this.options.breakerCooldownMs;
      throw error instanceof ShardUnavailable ? error : new ShardUnavailable(this.agency, 'error', (error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The HTTP executor reports connection failures as a result with errors and no data. */
function isTransportFailure(result: ExecutionResult): boolean {
  return !result.data && Boolean(result.errors?.length) && result.errors!.every((e) => {
    const code = (e.extensions as { code?: string } | undefined)?.code;
    return code === 'DOWNSTREAM_SERVICE_ERROR' || code === 'UNAUTHENTICATED' || /fetch failed|ECONNREFUSED|socket|aborted|Unexpected end/i.test(e.message);
  });
}
