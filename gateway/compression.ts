import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { brotliCompress, constants, createBrotliCompress, createGzip, gzip, type BrotliOptions } from 'node:zlib';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

export interface CompressionOptions {
  /**
   * Smallest answer compressed, in bytes: below it the CPU spent costs more than the bytes saved
   * (a one-document answer is a few hundred bytes; `docs/benchmarks.md`, compression).
   * @default 1024
   */
  thresholdBytes?: number;
}

type Encoding = 'br' | 'gzip';

/**
 * Brotli at quality 4: on the hub's JSON answers it is as fast as gzip's default level and still
 * smaller (measured in `npm run bench:compression`); brotli's default, 11, is for files compressed once.
 */
const BROTLI: BrotliOptions = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };
const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);

/** What is worth compressing: text. Images, archives and PDFs are compressed already. */
const COMPRESSIBLE = /^(application\/(json|graphql-response\+json|x-ndjson|javascript)|text\/)/;

/**
 * Answers at least this large are remembered compressed, by their exact text, a few at a time:
 * the GraphQL IDE's page (9 MB, the same on every load) would otherwise cost about 100 ms of CPU
 * per load. Generated answers differ from one another and never hit it.
 */
const REMEMBERED_FROM_BYTES = 256 * 1024;
const REMEMBERED_ANSWERS = 4;

/** The encoding to answer with, from an Accept-Encoding header: brotli, then gzip; none when both are refused (`q=0`) or absent. */
export function negotiateEncoding(acceptEncoding: string | null): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const quality = (name: Encoding) => accepted.get(name) ?? accepted.get('*') ?? 0;
  return (['br', 'gzip'] as const).find((name) => quality(name) > 0);
}

/** Compresses one whole body off the main thread (zlib's thread pool). */
export function compressBody(body: Uint8Array, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br' ? compressBrotli(body, BROTLI) : compressGzip(body);
}

/**
 * Compresses the gateway's answers when the client accepts it: GraphQL answers, the GraphQL IDE's
 * page, and the bulk exports (streamed, compressed as they stream). An answer that is already
 * encoded (the web app's precompressed assets, an attachment) or not text passes unchanged, and
 * so does one under `thresholdBytes`. Request bodies are never decompressed: the body limit holds
 * on what arrives.
 */
export function useResponseCompression(options: CompressionOptions = {}): GatewayPlugin {
  const threshold = options.thresholdBytes ?? 1024;
  const remembered = new Map<string, Buffer>();
  const compressLarge = async (bytes: Uint8Array, encoding: Encoding): Promise<Buffer> => {
    const key = encoding + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const known = remembered.get(key);
    if (known) return known;
    const compressed = await compressBody(bytes, encoding);
    remembered.set(key, compressed);
    if (remembered.size > REMEMBERED_ANSWERS) remembered.delete(remembered.keys().next().value!);
    return compressed;
  };
  return {
    async onResponse({ request, response, setResponse }) {
      if (request.method === 'HEAD' || !response.body || response.headers.has('content-encoding')) return;
      if (!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return;
      const encoding = negotiateEncoding(request.headers.get('accept-encoding'));
      const length = response.headers.get('content-length');
      // Caches must keep the encodings apart, also the answers that go out unencoded; those keep
      // their own body, which the server writes as it is (a body re-wrapped in a new Response
      // would be streamed instead, at a cost on every request).
      if (!encoding || (length !== null && Number(length) < threshold)) return void response.headers.append('vary', 'Accept-Encoding');
      const headers = new Headers(response.headers);
      headers.append('vary', 'Accept-Encoding');
      const answer = (body: BodyInit | null) => setResponse(new Response(body, { status: response.status, statusText: response.statusText, headers }));
      headers.set('content-encoding', encoding);
      if (length !== null) {
        const bytes = new Uint8Array(await response.arrayBuffer());
        const compressed = await (bytes.byteLength >= REMEMBERED_FROM_BYTES ? compressLarge : compressBody)(bytes, encoding);
        headers.set('content-length', String(compressed.byteLength));
        return answer(compressed as Uint8Array<ArrayBuffer>);
      }
      // A stream of unknown length (an export): compressed as it streams, with back-pressure.
      const compressor = encoding === 'br' ? createBrotliCompress(BROTLI) : createGzip();
      const source = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
      source.on('error', (error) => compressor.destroy(error));
      answer(Readable.toWeb(source.pipe(compressor)) as unknown as ReadableStream);
    },
  };
}
