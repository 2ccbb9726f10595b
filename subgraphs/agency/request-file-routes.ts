import type { IncomingMessage, ServerResponse } from 'node:http';
import { FILE_NAME_PARAMETER } from '../../schema/contracts/attachments';
import type { Claims } from '../../schema/contracts/claims';
import { parseRequestFilePath, REQUEST_FILES_PATH, REQUESTER_PIN_HEADER } from '../../schema/contracts/request-files';
import type { HttpRoute } from '../shared/subgraph-http';
import { readUpload, sendError, sendFailure, sendFile } from './attachment-routes';
import { createContext, type AgencyRuntime } from './context';
import {
  describeReleasedFile, readReleasedFileAsOfficer, readReleasedFileAsRequester, uploadReleasedFile,
} from './services/released-files';

const NOT_FOUND_MESSAGE = '未找到该文件 / No such file';

/**
 * The files released with a reply, over HTTP (paths in schema/contracts/request-files.ts), for
 * calls the gateway signed: POST a file to an open request as its disclosure officer; GET one as
 * its disclosure officer (by request id) or as the requester (by tracking code, the PIN in the
 * {@link REQUESTER_PIN_HEADER} header, never in the URL). Someone who may not read it gets a 404,
 * so the path tells nobody which requests exist. Downloads are never cached by shared caches.
 */
export function requestFileRoutes(runtime: AgencyRuntime): HttpRoute {
  return {
    prefix: REQUEST_FILES_PATH,
    async handle(req: IncomingMessage, res: ServerResponse, url: URL, claims: Claims) {
      const target = parseRequestFilePath(url.pathname);
      if (!target || target.agency !== runtime.config.agencyCode) return sendError(res, 404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
      try {
        if (target.number !== undefined) {
          if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'METHOD_NOT_ALLOWED', '仅支持 GET / Only GET is allowed', { allow: 'GET, HEAD' });
          if (url.searchParams.has('pin')) {
            return sendError(res, 400, 'BAD_USER_INPUT', `查询密码须放在 ${REQUESTER_PIN_HEADER} 请求头中，不能放在网址中 / The PIN goes in the ${REQUESTER_PIN_HEADER} header, never in the URL`);
          }
          // The requester's download: the PIN from its header only, checked and logged as on the
          // requester's page; a wrong code or PIN, or a locked page, is a 403 with the page's words.
          const download = req.headers[REQUESTER_PIN_HEADER] !== undefined
            ? await readReleasedFileAsRequester(createContext(runtime, claims), target.key, String(req.headers[REQUESTER_PIN_HEADER]), target.number)
            : await readReleasedFileAsOfficer(createContext(runtime, claims), target.key, target.number);
          if (!download) return sendError(res, 404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
          return sendFile(req, res, download.file, download.content, 'private, no-store');
        }
        if (req.method !== 'POST') return sendError(res, 405, 'METHOD_NOT_ALLOWED', '上传须用 POST / Upload with POST', { allow: 'POST' });
        if (req.headers['content-length'] === undefined) return sendError(res, 411, 'LENGTH_REQUIRED', '上传须带 Content-Length / An upload must carry Content-Length');
        const { file, created } = await uploadReleasedFile(createContext(runtime, claims), target.key, {
          fileName: url.searchParams.get(FILE_NAME_PARAMETER), mediaType: req.headers['content-type'] ?? '',
          declaredBytes: Number(req.headers['content-length']),
          read: () => readUpload(req, runtime.config.maxAttachmentBytes),
        });
        res.writeHead(created ? 201 : 200, { 'content-type': 'application/json; charset=utf-8' });
        return void res.end(JSON.stringify({ releasedFile: describeReleasedFile(file, target.key) }));
      } catch (error) {
        return sendFailure(req, res, error);
      }
    },
  };
}
