import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ATTACHMENTS_PATH, parseAgencyFilePath } from '../schema/contracts/attachments';
import { REQUEST_FILES_PATH, REQUESTER_PIN_HEADER } from '../schema/contracts/request-files';
import { GATEWAY_CLAIMS_HEADER, signGatewayClaims, type Claims } from '../schema/contracts/claims';
import { SUBGRAPH_UNAVAILABLE_REASONS, unavailableError, type UnavailableReason } from '../schema/contracts/errors';
import type { ShardRegistry } from '../schema/contracts/shard-registry';
import { jsonError } from './protection';
import type { ShardClients } from './sharding/shard-client';

/** What the attachment relay needs of the gateway. */
export interface AttachmentRelayOptions {
  registry: ShardRegistry;
  /** The agency deployments' clients: a deployment whose breaker is open is not called. */
  clients: ShardClients;
  gatewaySecret: string;
  /** The caller's verified claims (the bearer token), rejecting an invalid one. */
  claimsOf: (headers: Headers) => Promise<Claims>;
  /** How long the deployment may take to start its answer (an upload's body is sent within it). */
  timeoutMs: number;
}

/** Headers of the deployment's answer that reach the client. */
const PASSED_HEADERS = [
  'content-type', 'content-length', 'content-disposition', 'etag', 'cache-control', 'x-content-type-options', 'content-security-policy', 'allow', 'retry-after',
];

/** The file paths an agency deployment serves, and what differs between them. */
interface FileRoute {
  prefix: string;
  notFound: string;
  /** Who may upload, said when an anonymous caller tries. */
  uploadNeedsStaff: string;
  /** Headers of a download that reach the deployment. */
  downloadHeaders: string[];
}

const FILE_ROUTES: readonly FileRoute[] = [
  {
    prefix: ATTACHMENTS_PATH, notFound: '未找到该附件 / No such attachment',
    uploadNeedsStaff: '上传附件须以机关工作人员身份登录 / Uploading an attachment needs a staff sign-in', downloadHeaders: ['if-none-match'],
  },
  {
    // The requester's download carries the PIN in its header, never in the URL.
    prefix: REQUEST_FILES_PATH, notFound: '未找到该文件 / No such file',
    uploadNeedsStaff: '上传随答复提供的信息须以机关工作人员身份登录 / Releasing a file with a reply needs a staff sign-in', downloadHeaders: ['if-none-match', REQUESTER_PIN_HEADER],
  },
];

/** The 503 of a deployment that gave no answer: the unavailable-service error every transport gives, bilingual, retry later. */
function unavailable(agency: string, reason: UnavailableReason): Response {
  const error = unavailableError({ service: 'agency', agency }, reason);
  return Response.json({ errors: [{ message: error.message, extensions: error.extensions }] }, { status: 503, headers: { 'retry-after': '5' } });
}

/** The deployment's endpoint for `pathname`, beside its /graphql. */
function deploymentUrl(graphqlUrl: string, url: URL): URL {
  const target = new URL(graphqlUrl);
  target.pathname = target.pathname.replace(/\/graphql$/, '') + url.pathname;
  target.search = url.search;
  return target;
}

/**
 * Attachment files and the files released with a reply through the gateway (paths in
 * schema/contracts/attachments.ts and request-files.ts): each call is relayed to the deployment
 * that owns the document or request — named by the id's (or tracking code's) prefix — with the
 * caller's verified claims signed, as for a GraphQL call, and the deployment applies the
 * document's visibility. Downloads stream the deployment's answer (type, length, Chinese file
 * name, entity tag) back as it is; uploads stream the body there (staff tokens only; the body
 * limit of uploads is the gateway's `maxUploadBytes`, each deployment refusing past its own).
 * An unknown agency is a 404 like a missing file; a deployment that gives no answer (down, hung,
 * breaker open, its signature check refused) is a 503 with `AGENCY_UNAVAILABLE`: the catalogue
 * holds the metadata only, so no one else can serve the file.
 */
export function useAttachments(options: AttachmentRelayOptions): GatewayPlugin {
  async function relay(route: FileRoute, request: Request, url: URL): Promise<Response> {
    const target = parseAgencyFilePath(route.prefix, url.pathname);
    if (!target) return jsonError(404, 'NOT_FOUND', route.notFound);
    const upload = target.number === undefined;
    if (upload && request.method !== 'POST') return jsonError(405, 'METHOD_NOT_ALLOWED', '上传须用 POST / Upload with POST', { allow: 'POST' });
    if (!upload && request.method !== 'GET' && request.method !== 'HEAD') {
      return jsonError(405, 'METHOD_NOT_ALLOWED', '仅支持 GET / Only GET is allowed', { allow: 'GET, HEAD' });
    }
    let claims: Claims;
    try {
      claims = await options.claimsOf(request.headers);
    } catch (error) {
      return jsonError(401, 'UNAUTHENTICATED', (error as Error).message);
    }
    if (upload && claims.roles.length === 0) return jsonError(401, 'UNAUTHENTICATED', route.uploadNeedsStaff);
    const entry = options.registry.get(target.agency);
    if (!entry) return jsonError(404, 'NOT_FOUND', route.notFound);
    if (options.clients.get(target.agency, entry.url).state === 'open') return unavailable(target.agency, 'circuit-open');
    const headers: Record<string, string> = { [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims(claims, options.gatewaySecret) };
    for (const name of upload ? ['content-type', 'content-length'] : route.downloadHeaders) {
      const value = request.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    let answer: Response;
    // The deadline runs until the deployment answers; a download then streams at the client's pace.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
    try {
      answer = await fetch(deploymentUrl(entry.url, url), {
        method: request.method, headers, redirect: 'manual', signal: deadline.signal,
        ...(upload ? { body: request.body, duplex: 'half' } : {}),
      } as RequestInit);
    } catch {
      return unavailable(target.agency, deadline.signal.aborted ? 'timeout' : 'connection');
    } finally {
      clearTimeout(timer);
    }
    const json = answer.headers.get('content-type')?.startsWith('application/json') ?? false;
    // A deployment that refused the gateway's signature, or answered with something other than its own refusal or a file.
    if (answer.status === 401 || (answer.status >= 500 && !json)) {
      await answer.body?.cancel();
      return unavailable(target.agency, answer.status === 401 ? 'signature' : 'http-5xx');
    }
    // The deployment says it cannot serve now (its database is out of reach, it is starting): the agency is unavailable, as on /graphql.
    if (answer.status === 503) {
      const body = (await answer.json().catch(() => ({}))) as { errors?: { extensions?: { code?: string; reason?: string } }[] };
      const refusal = body.errors?.[0]?.extensions;
      // Its virus scanner gave no verdict: the deployment's own refusal, passed on.
      if (refusal?.code === 'SCAN_UNAVAILABLE') return Response.json(body, { status: 503, headers: { 'retry-after': '5' } });
      return unavailable(target.agency, SUBGRAPH_UNAVAILABLE_REASONS.find((r) => r === refusal?.reason) ?? 'unavailable');
    }
    const passed = new Headers();
    for (const name of PASSED_HEADERS) {
      const value = answer.headers.get(name);
      if (value !== null) passed.set(name, value);
    }
    return new Response(answer.status === 304 || request.method === 'HEAD' ? null : answer.body, { status: answer.status, headers: passed });
  }

  return {
    onRequest({ request, url, endResponse }) {
      const route = FILE_ROUTES.find((r) => url.pathname.startsWith(r.prefix));
      if (route) return relay(route, request, url).then(endResponse);
    },
  };
}
