import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ApiKeyStore } from './api-keys';
import type { QuotaCounter } from './rate-limit';

/** The gateway's request limits; every one is documented in docs/security.md. */
export interface RequestLimits {
  /** Largest request body in bytes. @default 100000 */
  maxBodyBytes: number;
  /** Largest number of lexical tokens in a document. @default 2000 */
  maxTokens: number;
  /** Deepest selection, fragments flattened, introspection included. @default 15 */
  maxDepth: number;
  /** Most aliases in one operation. @default 30 */
  maxAliases: number;
  /** Most directives in one operation. @default 20 */
  maxDirectives: number;
  /** Highest estimated cost (demand control, gateway/demand-control.ts). @default 12000 */
  maxCost: number;
}

export const DEFAULT_LIMITS: RequestLimits = { maxBodyBytes: 100_000, maxTokens: 2000, maxDepth: 15, maxAliases: 30, maxDirectives: 20, maxCost: 12_000 };

/** Requests per minute, by kind of caller. */
export interface Quotas {
  /** Anonymous callers, per IP address. @default 120 */
  anonymousPerMinute: number;
  /** Holders of a staff token, per token. @default 1200 */
  staffPerMinute: number;
  /** Trust the first X-Forwarded-For address (behind the province's load balancer). @default false */
  trustProxy: boolean;
}

export const DEFAULT_QUOTAS: Quotas = { anonymousPerMinute: 120, staffPerMinute: 1200, trustProxy: false };

/** GraphQL Armor's validation limits, with messages a caller can act on. */
export function limitPlugins(limits: RequestLimits): GatewayPlugin[] {
  return [
    maxTokensPlugin({ n: limits.maxTokens, errorMessage: `查询过长 / Query too long (max ${limits.maxTokens} tokens)` }),
    maxDepthPlugin({ n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: false, errorMessage: `查询嵌套过深 / Query too deep (max depth ${limits.maxDepth})` }),
    maxAliasesPlugin({ n: limits.maxAliases, errorMessage: `别名过多 / Too many aliases (max ${limits.maxAliases})` }),
    maxDirectivesPlugin({ n: limits.maxDirectives, errorMessage: `指令过多 / Too many directives (max ${limits.maxDirectives})` }),
    // Field suggestions would let anyone map the schema by probing typos.
    blockFieldSuggestionsPlugin({ mask: '[suggestion hidden]' }),
  ] as GatewayPlugin[];
}

/** A JSON error response with one coded error. */
export function jsonError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** Who is calling, for quotas: an API key, a staff token, or an IP address. */
export function callerOf(request: Request, req: IncomingMessage | undefined, keys: ApiKeyStore, quotas: Quotas):
  { key: string; perMinute: number } | { refused: Response } {
  const apiKey = request.headers.get('x-api-key');
  if (apiKey) {
    const record = keys.verify(apiKey);
    if (!record) return { refused: jsonError(401, 'UNAUTHENTICATED', 'API Key 无效或已吊销 / The API key is invalid or revoked') };
    return { key: `key:${record.id}`, perMinute: record.quotaPerMinute };
  }
  const authorization = request.headers.get('authorization');
  if (authorization) return { key: `token:${createHash('sha256').update(authorization).digest('hex').slice(0, 24)}`, perMinute: quotas.staffPerMinute };
  const forwarded = quotas.trustProxy ? request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  return { key: `ip:${forwarded || req?.socket.remoteAddress || 'unknown'}`, perMinute: quotas.anonymousPerMinute };
}

const UNLIMITED_PATHS = new Set(['/health', '/metrics']);

/** Quotas per API key, per staff token and per anonymous IP: 429 with Retry-After when exceeded. */
export function useQuotas(keys: ApiKeyStore, counter: QuotaCounter, quotas: Quotas, isInternal: (request: Request) => boolean): GatewayPlugin {
  return {
    onRequest({ request, url, serverContext, endResponse }) {
      // An export counts once, not once per page it fetches from the gateway itself.
      if (UNLIMITED_PATHS.has(url.pathname) || isInternal(request)) return;
      const caller = callerOf(request, (serverContext as { req?: IncomingMessage }).req, keys, quotas);
      if ('refused' in caller) return endResponse(caller.refused);
      return counter.hit(caller.key, 60_000).then(
        ({ count, resetInMs }) => {
          if (count <= caller.perMinute) return;
          const retryAfter = String(Math.max(1, Math.ceil(resetInMs / 1000)));
          endResponse(jsonError(429, 'RATE_LIMITED', `请求过于频繁，请 ${retryAfter} 秒后再试 / Too many requests, retry in ${retryAfter} s (quota ${caller.perMinute} per minute)`, { 'retry-after': retryAfter }));
        },
        (error: Error) => {
          // A quota store that is down must not take the portal down with it.
          console.error(`quota counter unavailable, request allowed: ${error.message}`);
        },
      );
    },
  };
}

type MutableError = { message: string; extensions: Record<string, unknown> };

/** A code (and a Chinese lead) for an error that reached the response without one. */
function classify(message: string): { code: string; message?: string } | undefined {
  if (/limit of \d+ exceeded/i.test(message)) return { code: 'GRAPHQL_VALIDATION_FAILED', message: `查询超出网关限制 / ${message.replace(/^Syntax Error: /, '')}` };
  if (/^PersistedQueryNotFound$/.test(message)) return { code: 'PERSISTED_QUERY_NOT_FOUND', message: '未找到该持久化查询 / Persisted document not found' };
  if (/^Syntax Error/.test(message)) return { code: 'GRAPHQL_PARSE_FAILED' };
  if (/^Variable "\$/.test(message)) return { code: 'BAD_USER_INPUT' };
  if (/^(Cannot query field|Unknown argument|Unknown type|Field ".*" (must|argument)|Argument ".*" of|Fragment ".*"|Cannot spread|Unknown fragment|There can be only one|Expected value of type)/.test(message)) {
    return { code: 'GRAPHQL_VALIDATION_FAILED' };
  }
  return undefined;
}

/**
 * Every error a client receives carries an `extensions.code` it can branch on; the engine's and
 * GraphQL Armor's refusals come without one, so they get one here (and limits a Chinese lead).
 * The errors are amended in place so the engine keeps deciding the HTTP status from them.
 */
export function useErrorCodes(): GatewayPlugin {
  return {
    onResultProcess({ result }) {
      if (!result || Array.isArray(result) || typeof result !== 'object' || !('errors' in result)) return;
      for (const error of ((result as { errors?: MutableError[] }).errors ?? [])) {
        const hasCode = Boolean(error.extensions?.code);
        const found = classify(error.message);
        if (!found || (hasCode && !found.message)) continue;
        if (!hasCode) error.extensions.code = found.code;
        if (found.message && !error.message.startsWith('查询超出')) error.message = found.message;
      }
    },
  };
}
