import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { ATTACHMENTS_PATH } from '../schema/contracts/attachments';
import { REQUEST_FILES_PATH } from '../schema/contracts/request-files';

/**
 * Paths the web app never answers, not even with its index page for a client route: the API,
 * the exports, the attachment and released files and the operator endpoints keep their own answers (a 404
 * there stays a 404).
 */
const SERVER_PREFIXES = ['/graphql', '/export', ATTACHMENTS_PATH.replace(/\/$/, ''), REQUEST_FILES_PATH.replace(/\/$/, ''), '/health', '/healthcheck', '/readiness', '/metrics'];

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Vite's content-hashed output: a changed file gets a new name, so a browser may keep one forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Asset {
  body: Buffer;
  /** The build's precompressed variants (tools/build-web.js writes them beside the file). */
  br?: Buffer;
  gzip?: Buffer;
  type: string;
  cacheControl: string;
  etag: string;
}

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/** The web app's files in memory, keyed by URL path; an empty map when the app is not built. */
function loadAssets(dist: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(join(dist, 'index.html'))) return assets;
  for (const path of files(dist)) {
    const extension = extname(path);
    if (extension === '.br' || extension === '.gz' || path.endsWith('.build-stamp')) continue;
    const url = '/' + relative(dist, path).split(sep).join('/');
    const body = readFileSync(path);
    assets.set(url, {
      body,
      br: existsSync(`${path}.br`) ? readFileSync(`${path}.br`) : undefined,
      gzip: existsSync(`${path}.gz`) ? readFileSync(`${path}.gz`) : undefined,
      type: MEDIA_TYPES[extension] ?? 'application/octet-stream',
      // index.html names the hashed assets of the current build: revalidated on every load.
      cacheControl: url.startsWith('/assets/') ? IMMUTABLE : 'no-cache',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    });
  }
  return assets;
}

/** Whether `accept-encoding` lists `coding` with a non-zero quality. */
function accepts(header: string | undefined, coding: string): boolean {
  return (header ?? '').split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return name.trim().toLowerCase() === coding && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/**
 * Serves the web app's build (web/dist) from memory: hashed assets with a year's immutable
 * cache, index.html revalidated (`no-cache`, ETag), brotli or gzip when the client takes it,
 * and index.html for a client route (a path without an extension outside the server's own).
 * `handle` answers and returns true, or returns false for the gateway to answer.
 */
export class WebAssets {
  private readonly assets: Map<string, Asset>;

  constructor(dist: string) {
    this.assets = loadAssets(dist);
  }

  /** Whether a build was found. */
  get built(): boolean {
    return this.assets.size > 0;
  }

  handle(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.built || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    if (SERVER_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return false;
    let asset = this.assets.get(path === '/' ? '/index.html' : path);
    if (!asset) {
      const last = path.slice(path.lastIndexOf('/') + 1);
      // A missing file (a stale hashed name) is a 404 the gateway gives; a client route gets the app.
      if (last.includes('.')) return false;
      asset = this.assets.get('/index.html')!;
    }
    const headers: Record<string, string> = {
      'content-type': asset.type, 'cache-control': asset.cacheControl, etag: asset.etag, vary: 'accept-encoding',
      'x-content-type-options': 'nosniff',
    };
    if (req.headers['if-none-match'] === asset.etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    const encoding = req.headers['accept-encoding'];
    let body = asset.body;
    if (asset.br && accepts(encoding, 'br')) {
      body = asset.br;
      headers['content-encoding'] = 'br';
    } else if (asset.gzip && accepts(encoding, 'gzip')) {
      body = asset.gzip;
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
}
