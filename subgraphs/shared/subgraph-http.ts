import { ApolloServer, HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import { GATEWAY_CLAIMS_HEADER, verifyGatewayClaims, type Claims } from '../../schema/contracts/claims';
import { SERVICE_UNAVAILABLE } from '../../schema/contracts/errors';
import { maskError } from './mask-error';
import { allowGracefulClose, closeGracefully, DEFAULT_SHUTDOWN_GRACE_MS } from './process';

/** Largest request body a subgraph accepts; the gateway enforces its own, lower limit. */
const MAX_BODY_BYTES = 1_000_000;

export interface SubgraphServerOptions<TContext extends BaseContext> {
  /** Name shown in /health, e.g. "agency:fjdrc". */
  name: string;
  schema: GraphQLSchema;
  /** Secret shared with the gateway; a call without a valid signature is refused. */
  gatewaySecret: string;
  /** Builds the per-request context from the verified claims. */
  createContext: (claims: Claims) => TContext;
  /**
   * Extra fields for GET /health (e.g. the agency code). `detailed` is true when the call carries
   * the gateway's signed claims: what may name an address or a fault is for it alone, since /health
   * answers anyone who can reach the port.
   */
  health?: (detailed: boolean) => Record<string, unknown>;
  /** False while the service cannot answer yet (the catalogue's first back-fill): /graphql and /health answer 503. */
  accepting?: () => boolean;
  /**
   * GET endpoints besides /graphql (the catalogue's export pages), by path: each answers JSON to
   * calls signed by the gateway only, and 503 while not `accepting`, like /graphql. A
   * BAD_USER_INPUT error is a 400 with its message; anything else a masked 500.
   */
  routes?: Record<string, (params: URLSearchParams, claims: Claims) => Promise<unknown>>;
  /**
   * Endpoints that read and answer raw HTTP themselves (the agency's attachment files), by path
   * prefix: like /graphql they answer calls signed by the gateway only, called with the verified
   * claims, and 503 while not `accepting`.
   */
  httpRoutes?: HttpRoute[];
  /** Apollo Server plugins of the subgraph (e.g. idempotent mutations); they see the gateway's headers. */
  plugins?: ApolloServerPlugin<TContext>[];
  /**
   * Checks what the service needs to answer (its database), for GET /health: a rejection makes
   * /health answer 503, so the gateway's probe keeps an agency whose database is down unavailable.
   */
  ready?: () => Promise<unknown>;
  /** How long stop() lets requests in flight finish. @default DEFAULT_SHUTDOWN_GRACE_MS */
  shutdownGraceMs?: number;
}

/** A raw HTTP endpoint of a subgraph (see SubgraphServerOptions.httpRoutes). */
export interface HttpRoute {
  /** Paths it answers start with this, e.g. "/attachments/". */
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse, url: URL, claims: Claims): Promise<void>;
}

export interface RunningSubgraph {
  url: string;
  server: Server;
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function refusal(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** How long /health waits for the readiness check. */
const READY_TIMEOUT_MS = 1000;

function withinReadyTimeout(check: Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('readiness check timed out')), READY_TIMEOUT_MS); });
  return Promise.race([check, late]).finally(() => clearTimeout(timer));
}

/**
 * Serves a subgraph over node:http: POST/GET /graphql for calls signed by the gateway, GET /health.
 * Unsigned calls are refused before any GraphQL runs, so a subgraph only ever answers the gateway.
 */
export async function startSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>, port: number, host = '127.0.0.1',
): Promise<RunningSubgraph> {
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: maskError,
    // Apollo's own handler would stop and re-raise the signal at once, cutting requests in flight;
    // the process drains through stop() instead (runService).
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), {
      // "Cannot serve now" is an HTTP 503, so the gateway counts it as the deployment failing
      // (any other GraphQL answer, errors and all, is passed to the client as it is).
      async requestDidStart() {
        return {
          async willSendResponse({ response }) {
            const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
            if (errors?.some((e) => e.extensions?.code === SERVICE_UNAVAILABLE)) response.http.status = 503;
          },
        };
      },
    }, ...(options.plugins ?? [])],
  });
  await apollo.start();

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://subgraph');
      const accepting = options.accepting?.() ?? true;
      if (url.pathname === '/health' && req.method === 'GET') {
        const signed = req.headers[GATEWAY_CLAIMS_HEADER];
        const detailed = typeof signed === 'string' && await verifyGatewayClaims(signed, options.gatewaySecret).then(() => true, () => false);
        try {
          if (options.ready) await withinReadyTimeout(options.ready());
        } catch {
          return sendJson(res, 503, { status: 'unavailable', name: options.name, ...options.health?.(detailed) });
        }
        if (!accepting) return sendJson(res, 503, { status: 'starting', name: options.name, ...options.health?.(detailed) });
        return sendJson(res, 200, { status: 'ok', name: options.name, ...options.health?.(detailed) });
      }
      const route = req.method === 'GET' ? options.routes?.[url.pathname] : undefined;
      const httpRoute = options.httpRoutes?.find((r) => url.pathname.startsWith(r.prefix));
      if (!accepting && (url.pathname === '/graphql' || route || httpRoute)) {
        return sendJson(res, 503, refusal(`${options.name} 正在启动 / ${options.name} is not ready yet`, 'SERVICE_NOT_READY'));
      }
      if (url.pathname !== '/graphql' && !route && !httpRoute) return sendJson(res, 404, refusal('Not found', 'NOT_FOUND'));
      const token = req.headers[GATEWAY_CLAIMS_HEADER];
      let claims: Claims;
      try {
        if (typeof token !== 'string') throw new Error('missing');
        claims = await verifyGatewayClaims(token, options.gatewaySecret);
      } catch {
        return sendJson(res, 401, refusal('此服务只接受经省级网关签名的请求 / This subgraph only answers calls signed by the provincial gateway', 'UNAUTHENTICATED'));
      }
      if (httpRoute) return await httpRoute.handle(req, res, url, claims);
      if (route) {
        try {
          return sendJson(res, 200, await route(url.searchParams, claims));
        } catch (error) {
          const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
          if (code === 'BAD_USER_INPUT') return sendJson(res, 400, refusal((error as Error).message, 'BAD_USER_INPUT'));
          throw error;
        }
      }
      const raw = req.method === 'POST' ? await readBody(req) : '';
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown = undefined;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          return sendJson(res, 400, refusal('请求体不是合法的 JSON / The request body is not valid JSON', 'BAD_REQUEST'));
        }
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => options.createContext(claims),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      if (!res.headersSent) sendJson(res, status, refusal(status === 413 ? '请求体过大 / Request body too large' : '内部错误 / Internal error', status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL_SERVER_ERROR'));
    }
  });
  server.keepAliveTimeout = 65_000;
  allowGracefulClose(server);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/graphql`,
    server,
    /** Stops accepting, lets requests in flight finish (bounded by `shutdownGraceMs`), then closes. */
    async stop() {
      await closeGracefully(server, options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS);
      await apollo.stop();
    },
  };
}
