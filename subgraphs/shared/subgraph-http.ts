import { ApolloServer, HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import { GATEWAY_CLAIMS_HEADER, verifyGatewayClaims, type Claims } from './claims';
import { maskError } from './mask-error';

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
  /** Extra fields for GET /health (e.g. the agency code). */
  health?: () => Record<string, unknown>;
  /** False while the service cannot answer yet (the catalogue's first back-fill): /graphql and /health answer 503. */
  ready?: () => boolean;
  /** Apollo Server plugins of the subgraph (e.g. idempotent mutations); they see the gateway's headers. */
  plugins?: ApolloServerPlugin<TContext>[];
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
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), ...(options.plugins ?? [])],
  });
  await apollo.start();

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://subgraph');
      const ready = options.ready?.() ?? true;
      if (url.pathname === '/health' && req.method === 'GET') {
        return sendJson(res, ready ? 200 : 503, { status: ready ? 'ok' : 'starting', name: options.name, ...options.health?.() });
      }
      if (!ready && url.pathname === '/graphql') {
        return sendJson(res, 503, refusal(`${options.name} 正在启动 / ${options.name} is not ready yet`, 'SERVICE_NOT_READY'));
      }
      if (url.pathname !== '/graphql') return sendJson(res, 404, refusal('Not found', 'NOT_FOUND'));
      const token = req.headers[GATEWAY_CLAIMS_HEADER];
      let claims: Claims;
      try {
        if (typeof token !== 'string') throw new Error('missing');
        claims = await verifyGatewayClaims(token, options.gatewaySecret);
      } catch {
        return sendJson(res, 401, refusal('此服务只接受经省级网关签名的请求 / This subgraph only answers calls signed by the provincial gateway', 'UNAUTHENTICATED'));
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
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/graphql`,
    server,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await apollo.stop();
    },
  };
}
