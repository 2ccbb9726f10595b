import { parseAgencyFilePath, pathSegment, type AgencyFileTarget } from './attachments';

/**
 * 随答复提供的政府信息 — the files an agency releases with its reply to a disclosure request, over
 * HTTP, the same paths on the gateway (public) and on the handling agency's deployment (signed
 * calls from the gateway only):
 * - `POST /request-files/<requestId>?fileName=<name>`: a disclosure officer of the handling agency
 *   uploads a file (the raw bytes as the body, its media type as Content-Type) to an open request;
 * - `GET /request-files/<requestId>/<number>`: its disclosure officers download it;
 * - `GET /request-files/<trackingCode>/<number>` with the {@link REQUESTER_PIN_HEADER} header: the
 *   requester downloads it, the PIN checked (and the attempt logged) as on the requester's page.
 *   The PIN is never accepted in the URL, where logs and browser histories would keep it.
 * Request ids and tracking codes both start with the agency's code, which routes the call.
 */
export const REQUEST_FILES_PATH = '/request-files/';

/** Header carrying the requester's PIN on a download by tracking code. */
export const REQUESTER_PIN_HEADER = 'x-requester-pin';

/** The path a released file is downloaded from: `/request-files/fjdrc:r0000001/1`, or by tracking code. */
export function requestFilePath(requestIdOrTrackingCode: string, number: number): string {
  return `${REQUEST_FILES_PATH}${pathSegment(requestIdOrTrackingCode)}/${number}`;
}

/** Reads `/request-files/<requestId or trackingCode>[/<number>]`; null for any other path. */
export function parseRequestFilePath(pathname: string): AgencyFileTarget | null {
  return parseAgencyFilePath(REQUEST_FILES_PATH, pathname);
}
