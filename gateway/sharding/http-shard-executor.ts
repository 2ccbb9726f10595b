import type { ExecutionRequest, ExecutionResult } from '@graphql-tools/utils';
import { print, type DocumentNode } from 'graphql';
import { Agent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { UnavailableReason } from '../../schema/contracts/errors';

const printed = new WeakMap<DocumentNode, string>();

/** Prints a subgraph operation once per document object (the transport caches its documents). */
export function printOnce(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

/**
 * How a call to a deployment failed to get an answer:
 * - `connection`: refused, reset, hang-up, DNS (the errno is in `errno`);
 * - `timeout`: no answer within the executor's socket deadline;
 * - `http-5xx`: an HTTP 5xx answer that is not a GraphQL response (a proxy's 502/504 page);
 * - `bad-response`: any other HTTP answer that is not a GraphQL response;
 * - `signature`: the subgraph refused the gateway's signed claims (HTTP 401);
 * - `unavailable`: the subgraph said it cannot serve (HTTP 503, e.g. its database is down).
 */
export type TransportFailureKind = Extract<UnavailableReason, 'connection' | 'timeout' | 'http-5xx' | 'bad-response' | 'signature' | 'unavailable'>;

/** Facts about a failed call, for the circuit breaker and for operators; never client-facing text. */
export interface TransportFailureFacts {
  /** HTTP status, when an answer came. */
  status?: number;
  /** Node's errno code (ECONNREFUSED, ECONNRESET...), for connection failures. */
  errno?: string;
  /** The subgraph's own `extensions.reason` on a 503 (e.g. "database"). */
  reason?: string;
}

/**
 * A call that got no GraphQL answer: the only kind of failure a deployment's breaker counts.
 * A GraphQL answer, whatever its errors or HTTP status (400 for a bad variable), is never one.
 */
export class ShardTransportError extends Error {
  constructor(readonly kind: TransportFailureKind, message: string, readonly facts: TransportFailureFacts = {}) {
    super(message);
    this.name = 'ShardTransportError';
  }
}

/** The body as a GraphQL response (an object with `data` or an `errors` list), or undefined. */
function graphqlBody(text: string): ExecutionResult | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { data, errors } = body as { data?: unknown; errors?: unknown };
  if (Array.isArray(errors) || (data !== undefined && (data === null || typeof data === 'object'))) return body as ExecutionResult;
  return undefined;
}

function firstReason(result: ExecutionResult): string | undefined {
  const reason = (result.errors?.[0]?.extensions as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

/** Sends one call to a deployment; `waitMs` is how long the call may legitimately hold before answering (a long poll). */
export type ShardExecutor = (request: ExecutionRequest, waitMs?: number) => Promise<ExecutionResult>;

/**
 * A lean GraphQL-over-HTTP executor for one agency deployment: node:http with keep-alive
 * connections and no fetch layer. The gateway calls many shards per request, so the fixed cost
 * of each call is what bounds the fan-out (measured in docs/benchmarks.md).
 *
 * It resolves with every GraphQL answer, whatever its HTTP status (a subgraph answers a bad
 * variable with 400 and the client's error, which the client must get as it is), and rejects with
 * a {@link ShardTransportError} when there is no GraphQL answer to give.
 */
export function createHttpShardExecutor(url: string, timeoutMs = 5000): ShardExecutor {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: 256 }) : new Agent({ keepAlive: true, maxSockets: 256 });
  const send = secure ? httpsRequest : httpRequest;
  return (request: ExecutionRequest, waitMs = 0) =>
    new Promise<ExecutionResult>((resolve, reject) => {
      const body = JSON.stringify({ query: printOnce(request.document), variables: request.variables, operationName: request.operationName });
      const headers = (request.extensions?.headers ?? {}) as Record<string, string>;
      const connectionLost = (error: NodeJS.ErrnoException) =>
        reject(error instanceof ShardTransportError ? error : new ShardTransportError('connection', error.message, { errno: error.code }));
      const req = send(
        target,
        {
          method: 'POST',
          agent,
          headers: { ...headers, 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const result = graphqlBody(Buffer.concat(chunks).toString('utf8'));
            if (!result) return reject(new ShardTransportError(status >= 500 ? 'http-5xx' : 'bad-response', `HTTP ${status}: not a GraphQL response`, { status }));
            // Only the signature check answers 401 (resolvers' UNAUTHENTICATED comes with 200): a
            // gateway whose secret the deployment does not share fails every call alike.
            if (status === 401) return reject(new ShardTransportError('signature', 'the deployment refused the gateway signature', { status }));
            if (status === 503) return reject(new ShardTransportError('unavailable', `HTTP 503: ${firstReason(result) ?? 'unavailable'}`, { status, reason: firstReason(result) }));
            resolve(result);
          });
          res.on('error', connectionLost);
        },
      );
      req.on('error', connectionLost);
      // A socket idle past the deadline is closed, so a hung deployment does not keep connections.
      req.setTimeout(timeoutMs + waitMs, () => req.destroy(new ShardTransportError('timeout', `no answer within ${timeoutMs + waitMs} ms`)));
      req.end(body);
    });
}
