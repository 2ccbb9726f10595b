import type { ExecutionRequest, ExecutionResult, Executor } from '@graphql-tools/utils';
import { print, type DocumentNode } from 'graphql';
import { Agent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

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
 * A lean GraphQL-over-HTTP executor for one agency deployment: node:http with keep-alive
 * connections and no fetch layer. The gateway calls many shards per request, so the fixed cost
 * of each call is what bounds the fan-out (measured in docs/benchmarks.md).
 */
export function createHttpShardExecutor(url: string, timeoutMs = 5000): Executor {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: 256 }) : new Agent({ keepAlive: true, maxSockets: 256 });
  const send = secure ? httpsRequest : httpRequest;
  return (request: ExecutionRequest) =>
    new Promise<ExecutionResult>((resolve, reject) => {
      const body = JSON.stringify({ query: printOnce(request.document), variables: request.variables, operationName: request.operationName });
      const headers = (request.extensions?.headers ?? {}) as Record<string, string>;
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
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              const result = JSON.parse(text) as ExecutionResult;
              if (res.statusCode && res.statusCode >= 400 && !result.data) reject(new Error(`HTTP ${res.statusCode}: ${result.errors?.[0]?.message ?? text.slice(0, 200)}`));
              else resolve(result);
            } catch {
              reject(new Error(`HTTP ${res.statusCode}: not a GraphQL response`));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      // A socket idle past the deadline is closed, so a hung deployment does not keep connections.
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.end(body);
    });
}
