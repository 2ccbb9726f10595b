import { isAgencyCode } from './shard-registry';
import { shardOfId } from './shard-routing';

/**
 * Attachment files over HTTP, the same paths on the gateway (public) and on the owning agency
 * deployment (signed calls from the gateway only):
 * - `GET /attachments/<documentId>/<number>`: the file, with the document's visibility;
 * - `POST /attachments/<documentId>?fileName=<name>`: an editor uploads a file (the raw bytes as
 *   the body, its media type as Content-Type) to a draft or to the revision of a published document.
 */
export const ATTACHMENTS_PATH = '/attachments/';

/** Query parameter of an upload that names the file (UTF-8, percent-encoded like any query value). */
export const FILE_NAME_PARAMETER = 'fileName';

/** The path a file is downloaded from, through the gateway: `/attachments/fjdrc:00000012/1`. */
export function attachmentPath(documentId: string, number: number): string {
  return `${ATTACHMENTS_PATH}${pathSegment(documentId)}/${number}`;
}

/** What an attachments path names: a file (with `number`) or a document to upload to; null when it is not one. */
export interface AttachmentTarget {
  documentId: string;
  /** The agency whose deployment holds the document (named by its id). */
  agency: string;
  number?: number;
}

/** What a file path of an agency deployment names: an id prefixed with its agency, and a file number when it names one file. */
export interface AgencyFileTarget {
  /** The id (or tracking code) after the prefix, decoded: "fjdrc:00000012". */
  key: string;
  /** The agency whose deployment holds it (the key's prefix). */
  agency: string;
  number?: number;
}

/**
 * Reads `<prefix><agency>:<key>[/<number>]`, the shape of every file path an agency deployment
 * serves (attachments, released files); null for any other path or a malformed key or number.
 */
export function parseAgencyFilePath(prefix: string, pathname: string): AgencyFileTarget | null {
  if (!pathname.startsWith(prefix)) return null;
  const parts = pathname.slice(prefix.length).split('/');
  if (parts.length > 2 || (parts.length === 2 && !/^[1-9]\d{0,8}$/.test(parts[1]))) return null;
  let key: string;
  try {
    key = decodeURIComponent(parts[0]);
  } catch {
    return null;
  }
  const agency = shardOfId(key);
  if (!agency || !isAgencyCode(agency) || !/^[A-Za-z0-9-]{1,32}$/.test(key.slice(agency.length + 1))) return null;
  return { key, agency, ...(parts.length === 2 ? { number: Number(parts[1]) } : {}) };
}

/** Reads `/attachments/<documentId>[/<number>]`; null for any other path or a malformed id or number. */
export function parseAttachmentPath(pathname: string): AttachmentTarget | null {
  const target = parseAgencyFilePath(ATTACHMENTS_PATH, pathname);
  if (!target) return null;
  const { key, ...rest } = target;
  return { documentId: key, ...rest };
}

/** A prefixed id as a path segment, its ":" kept readable: "fjdrc:00000012". */
export function pathSegment(id: string): string {
  return encodeURIComponent(id).replace(/%3A/g, ':');
}

/**
 * Content-Disposition for a download named `fileName`: an ASCII fallback for old clients and the
 * UTF-8 name (a Chinese file name) as RFC 5987 / RFC 6266 `filename*`.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The entity tag of a file: its SHA-256, which names its content for ever. */
export function attachmentEtag(sha256: string): string {
  return `"sha256-${sha256}"`;
}
