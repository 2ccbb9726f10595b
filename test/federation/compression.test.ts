import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { startHub, type TestHub } from '../support/hub-harness';

/** A raw HTTP exchange (fetch would decode the body itself): status, headers and the bytes as sent. */
function raw(url: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
  return new Promise((done, fail) => {
    const req = request(url, { method: body ? 'POST' : 'GET', headers: { ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

const PAGE = JSON.stringify({ query: '{ documents(first: 50) { edges { node { id title summary docNumber publishedAt agency { code name } } } } }' });
const SMALL = JSON.stringify({ query: '{ documents(first: 0) { totalCount } }' });

describe('compressed answers at the gateway (issue 12)', () => {
  let hub: TestHub;
  let base: string;
  beforeAll(async () => {
    hub = await startHub({
      agencies: ['fjdrc', 'xiamen'],
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 60, penalties: 0, today: '2026-11-27' }).then(() => undefined),
    });
    base = hub.gateway.url.replace(/\/graphql$/, '');
  });
  afterAll(() => hub?.stop());

  it('answers a GraphQL page in brotli or gzip as accepted, the same JSON as unencoded, and says it varies', async () => {
    const plain = await raw(hub.gateway.url, {}, PAGE);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    const br = await raw(hub.gateway.url, { 'accept-encoding': 'gzip, deflate, br' }, PAGE);
    expect(br.headers['content-encoding']).toBe('br');
    expect(Number(br.headers['content-length'])).toBe(br.bytes.length);
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 3);
    expect(JSON.parse(brotliDecompressSync(br.bytes).toString())).toEqual(JSON.parse(plain.bytes.toString()));
    const gz = await raw(hub.gateway.url, { 'accept-encoding': 'gzip;q=1, br;q=0' }, PAGE);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.bytes).toString())).toEqual(JSON.parse(plain.bytes.toString()));
    const refused = await raw(hub.gateway.url, { 'accept-encoding': 'identity' }, PAGE);
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('leaves an answer under the threshold unencoded', async () => {
    const small = await raw(hub.gateway.url, { 'accept-encoding': 'br' }, SMALL);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.bytes.toString()).data.documents.totalCount).toBeGreaterThan(0);
  });

  it('streams an export compressed, every line there once', async () => {
    const plain = await raw(`${base}/export/documents.ndjson`, {});
    const gz = await raw(`${base}/export/documents.ndjson`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.bytes.length).toBeLessThan(plain.bytes.length / 3);
    expect(gunzipSync(gz.bytes).toString()).toBe(plain.bytes.toString());
  });

  it('compresses the GraphQL IDE page a browser asks for, the same bytes on every load', async () => {
    const page = await raw(hub.gateway.url, { accept: 'text/html', 'accept-encoding': 'gzip, br' });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(page.bytes).toString()).toMatch(/<html/i);
    const again = await raw(hub.gateway.url, { accept: 'text/html', 'accept-encoding': 'gzip, br' });
    expect(again.bytes.equals(page.bytes)).toBe(true);
  });
});
