import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { WebAssets } from './web-assets';

describe('the web app served by the gateway', () => {
  let dir: string;
  let server: Server;
  let origin: string;
  const script = 'console.log("portal");'.repeat(100);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'web-assets-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>portal</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), script);
    // Only gzip beside this one: a client taking brotli still gets the gzip copy.
    writeFileSync(join(dir, 'assets', 'index-abc123.js.gz'), gzipSync(script));
    const web = new WebAssets(dir);
    server = createServer((req, res) => {
      if (web.handle(req, res)) return;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"api":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const raw = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      // node:http, not fetch: fetch decodes the body and hides what was sent.
      const sent = request(`${origin}${path}`, { method: init.method ?? 'GET', headers: init.headers }, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      sent.on('error', reject);
      sent.end();
    });

  it('serves the precompressed copy the client accepts, uncompressed otherwise', async () => {
    const gz = await raw('/assets/index-abc123.js', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gz.headers.vary).toBe('accept-encoding');
    const plain = await raw('/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip;q=0' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('revalidates index.html with its ETag', async () => {
    const first = await raw('/');
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await raw('/', { headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await raw('/documents/fjdrc:1', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it("leaves the server's own paths, missing files and other methods to the gateway", async () => {
    for (const path of ['/graphql', '/graphql/x', '/export/documents.csv', '/attachments/fjdrc:00000001/1', '/health', '/metrics', '/assets/gone-000.js']) {
      expect([path, (await raw(path)).body.toString()]).toEqual([path, '{"api":true}']);
    }
    expect((await raw('/', { method: 'POST' })).body.toString()).toBe('{"api":true}');
  });

  it('answers nothing when the app is not built', () => {
    expect(new WebAssets(join(dir, 'missing')).built).toBe(false);
  });
});
