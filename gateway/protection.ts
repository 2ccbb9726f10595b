import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type ValidationContext } from 'graphql';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { REQUESTER_PIN_HEADER } from '../schema/contracts/request-files';
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
  /**
   * Service identities (the catalogue, the news office), per token: their calls grow with the
   * number of agencies — the catalogue holds one long poll per agency, answered at each commit
   * and at least every few seconds — so a staff quota would starve a province's feeds. @default 60000
   */
  servicePerMinute: number;
  /** Failed authentications (invalid API key, invalid or expired token), per IP address, before further attempts are refused. @default 20 */
  failedAuthPerMinute: number;
  /** Trust the first X-Forwarded-For address (behind the province's load balancer). @default false */
  trustProxy: boolean;
}

export const DEFAULT_QUOTAS: Quotas = { anonymousPerMinute: 120, staffPerMinute: 1200, servicePerMinute: 60_000, failedAuthPerMinute: 20, trustProxy: false };

/**
 * A refusal of GraphQL Armor as the hub's own coded, bilingual error: a limit met while parsing
 * (tokens) is thrown as GRAPHQL_PARSE_FAILED, one met while validating is reported as
 * GRAPHQL_VALIDATION_FAILED; Armor's own English "Syntax Error: …" is never propagated.
 */
function armorRefusal(code: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED', message: string) {
  return {
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null) => {
      const error = new GraphQLError(message, { extensions: { code } });
      if (!context) throw error;
      context.reportError(error);
    }],
  };
}

/** GraphQL Armor's validation limits, with messages a caller can act on. */
export function limitPlugins(limits: RequestLimits): GatewayPlugin[] {
  return [
    maxTokensPlugin({ n: limits.maxTokens, ...armorRefusal('GRAPHQL_PARSE_FAILED', `查询过长 / Query too long (max ${limits.maxTokens} tokens)`) }),
    maxDepthPlugin({ n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: false, ...armorRefusal('GRAPHQL_VALIDATION_FAILED', `查询嵌套过深 / Query too deep (max depth ${limits.maxDepth})`) }),
    maxAliasesPlugin({ n: limits.maxAliases, ...armorRefusal('GRAPHQL_VALIDATION_FAILED', `别名过多 / Too many aliases (max ${limits.maxAliases})`) }),
    maxDirectivesPlugin({ n: limits.maxDirectives, ...armorRefusal('GRAPHQL_VALIDATION_FAILED', `指令过多 / Too many directives (max ${limits.maxDirectives})`) }),
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

function tooManyRequests(resetInMs: number, zh: string, en: string): Response {
  const retryAfter = String(Math.max(1, Math.ceil(resetInMs / 1000)));
  return jsonError(429, 'RATE_LIMITED', `${zh}，请 ${retryAfter} 秒后再试 / ${en}, retry in ${retryAfter} s`, { 'retry-after': retryAfter });
}

/** The caller's address: the first X-Forwarded-For entry behind a trusted proxy, else the socket's. */
function clientAddress(request: Request, req: IncomingMessage | undefined, quotas: Quotas): string {
  const forwarded = quotas.trustProxy ? request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  return forwarded || req?.socket.remoteAddress || 'unknown';
}

/** The request tries to authenticate (a failed attempt counts against its address). */
function presentsCredentials(request: Request): boolean {
  return request.headers.has('x-api-key') || request.headers.has('authorization');
}

/** Who is calling, for quotas: an API key, a token (a verified service identity's, or staff's), or an IP address. */
export function callerOf(request: Request, req: IncomingMessage | undefined, keys: ApiKeyStore, quotas: Quotas, service = false):
  { key: string; perMinute: number } | { refused: Response } {
  const apiKey = request.headers.get('x-api-key');
  if (apiKey) {
    const record = keys.verify(apiKey);
    if (!record) return { refused: jsonError(401, 'UNAUTHENTICATED', 'API Key 无效或已吊销 / The API key is invalid or revoked') };
    return { key: `key:${record.id}`, perMinute: record.quotaPerMinute };
  }
  const authorization = request.headers.get('authorization');
  if (authorization) return { key: `token:${createHash('sha256').update(authorization).digest('hex').slice(0, 24)}`, perMinute: service ? quotas.servicePerMinute : quotas.staffPerMinute };
  return { key: `ip:${clientAddress(request, req, quotas)}`, perMinute: quotas.anonymousPerMinute };
}

const UNLIMITED_PATHS = new Set(['/health', '/metrics']);

/**
 * Quotas per API key, per staff token and per anonymous IP: 429 with Retry-After when exceeded.
 * Failed authentications are counted per IP (a 401 to a request that presented a key or token),
 * and an address past `failedAuthPerMinute` has its next attempts refused before any key or
 * token is checked, so guessing keys is throttled. `isService` tells a token the gateway verified
 * as a service identity's (only those have the service quota; a token that fails verification
 * counts as staff and is refused later).
 */
export function useQuotas(
  keys: ApiKeyStore, counter: QuotaCounter, quotas: Quotas, isInternal: (request: Request) => boolean, isService: (request: Request) => Promise<boolean>,
): GatewayPlugin {
  // A quota store that is down must not take the portal down with it.
  const allow = (error: Error) => console.error(`quota counter unavailable, request allowed: ${error.message}`);
  const failuresOf = (address: string) => `authfail:${address}`;
  // What each counted request learnt of its caller's quota, for the RateLimit-* answer headers.
  const standing = new WeakMap<Request, { limit: number; remaining: number; resetSeconds: number }>();
  return {
    async onRequest({ request, url, serverContext, endResponse }) {
      // An export counts once, not once per page it fetches from the gateway itself.
      if (UNLIMITED_PATHS.has(url.pathname) || isInternal(request)) return;
      const req = (serverContext as { req?: IncomingMessage }).req;
      try {
        if (presentsCredentials(request)) {
          const failed = await counter.peek(failuresOf(clientAddress(request, req, quotas)), 60_000);
          if (failed.count >= quotas.failedAuthPerMinute) {
            return endResponse(tooManyRequests(failed.resetInMs, '身份验证失败次数过多', `Too many failed authentication attempts (limit ${quotas.failedAuthPerMinute} per minute)`));
          }
        }
        const token = request.headers.has('authorization') && !request.headers.has('x-api-key');
        const caller = callerOf(request, req, keys, quotas, token && (await isService(request)));
        if ('refused' in caller) return endResponse(caller.refused);
        const { count, resetInMs } = await counter.hit(caller.key, 60_000);
        standing.set(request, { limit: caller.perMinute, remaining: Math.max(0, caller.perMinute - count), resetSeconds: Math.max(1, Math.ceil(resetInMs / 1000)) });
        if (count > caller.perMinute) endResponse(tooManyRequests(resetInMs, '请求过于频繁', `Too many requests (quota ${caller.perMinute} per minute)`));
      } catch (error) {
        allow(error as Error);
      }
    },
    async onResponse({ request, response, serverContext }) {
      // Every counted answer tells its caller where it stands (IETF RateLimit header fields).
      const quota = standing.get(request);
      if (quota) {
        response.headers.set('ratelimit-limit', String(quota.limit));
        response.headers.set('ratelimit-remaining', String(quota.remaining));
        response.headers.set('ratelimit-reset', String(quota.resetSeconds));
      }
      if (response.status !== 401 || !presentsCredentials(request) || isInternal(request)) return;
      await counter.hit(failuresOf(clientAddress(request, (serverContext as { req?: IncomingMessage }).req, quotas)), 60_000).catch(allow);
    },
  };
}

/** Headers a browser page may send cross-origin (a retried write's Idempotency-Key, the requester's PIN of a download among them), and those it may read back. */
const CORS_REQUEST_HEADERS = ['content-type', 'accept', 'authorization', 'x-api-key', 'x-graphql-csrf', 'apollo-require-preflight', 'idempotency-key', REQUESTER_PIN_HEADER];

/**
 * CORS from an allow-list: an origin on the list gets CORS headers (credentials allowed, since it
 * is named); `*` lets any origin read without credentials; any other origin gets no CORS header,
 * so by default only the gateway's own origin (which needs none) can call from a browser.
 */
export function corsPolicy(allowed: readonly string[]): (request: Request) => false | { origin: string[] | string; credentials: boolean; methods: string[]; allowedHeaders: string[]; exposedHeaders: string[]; maxAge: number } {
  const listed = new Set(allowed);
  const common = { methods: ['GET', 'POST'], allowedHeaders: CORS_REQUEST_HEADERS, exposedHeaders: ['retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'], maxAge: 600 };
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin && listed.has(origin)) return { ...common, origin: [origin], credentials: true };
    if (listed.has('*')) return { ...common, origin: '*', credentials: false };
    return false;
  };
}

/** Request headers any of which marks a GET or "simple" POST as sent by a script that passed CORS. */
export const CSRF_HEADERS = ['x-graphql-csrf', 'apollo-require-preflight'];

/** Content types a browser form or a plain fetch may POST cross-site without a CORS preflight. */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * CSRF prevention: a request a browser could send cross-site without a preflight (any GET, a form
 * or text/plain POST) must carry one of CSRF_HEADERS; refused 403 CSRF_PREVENTED otherwise.
 */
export function useCsrfPrevention(): GatewayPlugin {
  return {
    onRequestParse({ request }) {
      const type = request.headers.get('content-type')?.toLowerCase();
      const preflighted = type !== undefined && !SIMPLE_CONTENT_TYPES.some((simple) => type.startsWith(simple));
      if (preflighted || CSRF_HEADERS.some((name) => request.headers.has(name))) return;
      throw new GraphQLError(`跨站请求须带 ${CSRF_HEADERS[0]} 请求头 / A GET or form POST must carry the ${CSRF_HEADERS[0]} header (CSRF prevention)`, {
        extensions: { code: 'CSRF_PREVENTED', http: { status: 403 } },
      });
    },
  };
}

/**
 * The engine's request-body errors without their `originalError` (the JSON parser's own message
 * and position), always with their 400, and a bilingual message for a body that is not JSON.
 */
export function useRequestParseErrors(): GatewayPlugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          const { originalError, http, ...extensions } = error.extensions as { originalError?: { name?: string }; http?: { status?: number } };
          const notJson = originalError?.name === 'SyntaxError';
          // Not a GraphQL request at all: 400 whatever the Accept header (the engine would answer 200 to application/json).
          throw new GraphQLError(notJson ? '请求体不是有效的 JSON / The request body is not valid JSON' : error.message, {
            extensions: { ...extensions, http: { status: http?.status ?? 400 } },
          });
        }
      });
    },
  };
}

/** The error with `code` when it has none; the same object when it has one. */
function withCode<T extends GraphQLError>(error: T, code: string): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

/** An execution error of the request itself: outside any field, and no fault (at most a scalar's refusal) under it. */
function isRequestError(error: GraphQLError): boolean {
  return !error.path && (error.originalError === undefined || error.originalError instanceof GraphQLError);
}

/**
 * Every error a client receives carries an `extensions.code` it can branch on. graphql-js's and
 * the engine's refusals come without one, so they get one from the phase that raised them, never
 * from their text: a parse failure is GRAPHQL_PARSE_FAILED, a validation failure
 * GRAPHQL_VALIDATION_FAILED, and an execution error outside any field (no `path`: a variable of the
 * wrong type or missing, an unknown operation name) is the request's, BAD_USER_INPUT.
 */
export function useErrorCodes(): GatewayPlugin {
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError) replaceParseResult(withCode(result, 'GRAPHQL_PARSE_FAILED'));
      };
    },
    onValidate() {
      return ({ result, setResult }) => {
        if (result.length) setResult(result.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')));
      };
    },
    onResultProcess({ result }) {
      // Variables are coerced where no execute hook sees the answer: their errors are amended here,
      // in place, so the engine keeps deciding the HTTP status from them.
      if (!result || Array.isArray(result) || typeof result !== 'object' || !('errors' in result)) return;
      for (const error of ((result as { errors?: GraphQLError[] }).errors ?? [])) {
        if (error instanceof GraphQLError && !error.extensions.code && isRequestError(error)) {
          (error.extensions as Record<string, unknown>).code = 'BAD_USER_INPUT';
        }
      }
    },
  };
}
