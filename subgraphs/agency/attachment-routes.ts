import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import {
  attachmentEtag, attachmentPath, ATTACHMENTS_PATH, contentDisposition, FILE_NAME_PARAMETER, parseAttachmentPath,
} from '../../schema/contracts/attachments';
import type { Claims } from '../../schema/contracts/claims';
import { SERVICE_UNAVAILABLE } from '../../schema/contracts/errors';
import { isDatabaseUnavailable } from '../shared/mask-error';
import type { HttpRoute } from '../shared/subgraph-http';
import { createContext, type AgencyRuntime } from './context';
import type { AttachmentEntity } from './entities/document-parts.entity';
import { AttachmentRefusal, readAttachment, tooLarge, uploadAttachment } from './services/attachment.service';

/** HTTP status of each GraphQL refusal the attachment services raise. */
const STATUS_OF_CODE: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };

/** Answers a refusal as JSON, in the error shape of /graphql (which the gateway's relay passes on). */
export function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}, extensions: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}

const NOT_FOUND_MESSAGE = '未找到该附件 / No such attachment';

/** The attachment as an upload answers it (the fields of the GraphQL Attachment type). */
function describe(attachment: AttachmentEntity) {
  return {
    number: attachment.number, fileName: attachment.fileName, mediaType: attachment.mediaType, sizeBytes: Number(attachment.sizeBytes),
    sha256: attachment.sha256 ?? null, downloadPath: attachmentPath(attachment.documentId, attachment.number), inRevision: attachment.inRevision,
  };
}

/**
 * Reads the upload's body, at most `maxBytes`: a larger body (by Content-Length, or by what
 * arrives) is read to its end and discarded before the 413, so the gateway relaying it always
 * gets the answer rather than a connection cut in the middle of its request.
 */
export function readUpload(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number(req.headers['content-length']) > maxBytes;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => (over ? reject(tooLarge(maxBytes)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** Reads what is left of a request's body and discards it (a refusal answered before the body was wanted). */
export function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.readableEnded) return resolve();
    req.on('end', resolve);
    req.on('error', () => resolve());
    req.resume();
  });
}

/** A stored file as a download names it. */
export interface FileMetadata {
  fileName: string;
  mediaType: string;
  sha256: string;
}

/**
 * Sends a stored file as a download: its type, its length, its Chinese name (RFC 5987), its hash as
 * entity tag (a matching If-None-Match is a 304), `cacheControl` as given; never rendered as a page
 * of the hub's origin.
 */
export function sendFile(req: IncomingMessage, res: ServerResponse, file: FileMetadata, content: Buffer, cacheControl: string): void {
  const etag = attachmentEtag(file.sha256);
  const caching = { etag, 'cache-control': cacheControl };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, caching);
    return void res.end();
  }
  res.writeHead(200, {
    ...caching,
    'content-type': file.mediaType,
    'content-length': String(content.length),
    'content-disposition': contentDisposition(file.fileName),
    'x-content-type-options': 'nosniff',
    'content-security-policy': 'sandbox',
  });
  res.end(req.method === 'HEAD' ? undefined : content);
}

/**
 * Answers what a file route threw: an upload or download refusal, or a GraphQL error, as its HTTP
 * status with the bilingual message; a database out of reach as 503 (the gateway answers
 * AGENCY_UNAVAILABLE), as on /graphql. Anything else is rethrown, a masked fault.
 */
export async function sendFailure(req: IncomingMessage, res: ServerResponse, error: unknown): Promise<void> {
  // The gateway relaying an upload reads the answer only once it has sent the whole body.
  if (req.method === 'POST') await drain(req);
  if (error instanceof AttachmentRefusal) return sendError(res, error.status, error.code, error.message);
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  if (typeof code === 'string' && STATUS_OF_CODE[code]) return sendError(res, STATUS_OF_CODE[code], code, (error as Error).message);
  if (isDatabaseUnavailable(error)) {
    console.error('[database unavailable]', (error as Error).message);
    return sendError(res, 503, SERVICE_UNAVAILABLE, '数据库暂时无法访问，请稍后重试 / The database is unavailable, please try again later', {}, { reason: 'database' });
  }
  throw error;
}

/**
 * The deployment's attachment files over HTTP (paths in schema/contracts/attachments.ts), for
 * calls the gateway signed: GET a file with the document's visibility (404 for whoever may not
 * know it exists), POST a file as an editor. The answer carries the file's type, its length, its
 * Chinese name (RFC 5987), its hash as entity tag; a matching If-None-Match is a 304.
 */
export function attachmentRoutes(runtime: AgencyRuntime): HttpRoute {
  return {
    prefix: ATTACHMENTS_PATH,
    async handle(req: IncomingMessage, res: ServerResponse, url: URL, claims: Claims) {
      const target = parseAttachmentPath(url.pathname);
      if (!target || target.agency !== runtime.config.agencyCode) return sendError(res, 404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
      const ctx = createContext(runtime, claims);
      try {
        if (target.number !== undefined) {
          if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'METHOD_NOT_ALLOWED', '仅支持 GET / Only GET is allowed', { allow: 'GET, HEAD' });
          const download = await readAttachment(ctx, target.documentId, target.number);
          if (!download) return sendError(res, 404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
          const { attachment, content, restricted } = download;
          // A public file changes only by withdrawal, so shared caches may keep it briefly; a draft's never.
          return sendFile(req, res, { ...attachment, sha256: attachment.sha256! }, content, restricted ? 'private, no-store' : 'public, max-age=300');
        }
        if (req.method !== 'POST') return sendError(res, 405, 'METHOD_NOT_ALLOWED', '上传须用 POST / Upload with POST', { allow: 'POST' });
        if (req.headers['content-length'] === undefined) return sendError(res, 411, 'LENGTH_REQUIRED', '上传须带 Content-Length / An upload must carry Content-Length');
        const { attachment, created } = await uploadAttachment(ctx, target.documentId, {
          fileName: url.searchParams.get(FILE_NAME_PARAMETER), mediaType: req.headers['content-type'] ?? '',
          declaredBytes: Number(req.headers['content-length']),
          read: () => readUpload(req, runtime.config.maxAttachmentBytes),
        });
        res.writeHead(created ? 201 : 200, { 'content-type': 'application/json; charset=utf-8' });
        return void res.end(JSON.stringify({ attachment: describe(attachment) }));
      } catch (error) {
        return sendFailure(req, res, error);
      }
    },
  };
}
