import { createHash } from 'node:crypto';
import { startHungServer } from '../../tools/bench/processes';
import { join } from 'node:path';
import { APPROVE, CREATE_DOCUMENT, PUBLISH } from '../documents/coordination-operations';
import { startHub, type TestHub } from '../support/hub-harness';

/**
 * Attachment files end to end (issue 13): two agency deployments, the provincial catalogue and the
 * real gateway on ephemeral ports. An editor uploads through the gateway to the owning deployment;
 * the file is downloaded through the gateway with the document's visibility.
 */
const FILE_NAME = '附件1：重点任务分工（2026年）.pdf';
const PDF = Buffer.from(`%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n${'0123456789'.repeat(50)}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not-a-pdf')]);
const SCANNER = join(__dirname, '../support/virus-scan-marker.sh');

describe('attachment files through the gateway', () => {
  let hub: TestHub;
  let base: string;
  let editor: string;
  let documentId: string;

  beforeAll(async () => {
    hub = await startHub({
      agencies: ['fjdrc', 'fjczt'], withCatalogue: {},
      env: { HUB_MAX_ATTACHMENT_BYTES: '65536', HUB_ATTACHMENT_SCAN_COMMAND: `sh ${SCANNER}` },
      // A short request deadline, so that a hung deployment is a quick 503 here.
      gateway: { maxUploadBytes: 200_000, headersTimeoutMs: 2000, requestTimeoutMs: 3000 },
    });
    base = hub.gateway.url.replace(/\/graphql$/, '');
    editor = await hub.token(['editor'], 'fjdrc');
    const created = await hub.query(CREATE_DOCUMENT, {
      input: { title: '关于印发2026年重点任务分工的通知', body: '现将重点任务分工印发给你们。', theme: '综合政务', formedOn: '2026-11-20', disclosure: 'PROACTIVE' },
    }, editor);
    documentId = created.data.createDocument.id;
  }, 60_000);
  afterAll(() => hub.stop());

  const post = (id: string, body: Buffer, type: string, token?: string, fileName = FILE_NAME) => fetch(`${base}/attachments/${id}?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST', body: new Uint8Array(body), headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const download = (token?: string, number = 1, headers: Record<string, string> = {}) => fetch(`${base}/attachments/${documentId}/${number}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  const errorOf = async (response: Response) => ((await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] }).errors[0];

  it('takes an editor\'s upload, answers a retry with the same attachment, and refuses bad files with bilingual errors', async () => {
    const first = await post(documentId, PDF, 'application/pdf', editor);
    expect(first.status).toBe(201);
    const { attachment } = (await first.json()) as { attachment: Record<string, unknown> };
    expect(attachment).toEqual({
      number: 1, fileName: FILE_NAME, mediaType: 'application/pdf', sizeBytes: PDF.length, inRevision: false,
      sha256: createHash('sha256').update(PDF).digest('hex'), downloadPath: `/attachments/${documentId}/1`,
    });
    const retry = await post(documentId, PDF, 'application/pdf', editor);
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { attachment: { number: number } }).attachment.number).toBe(1);

    const oversized = await post(documentId, Buffer.concat([PDF, Buffer.alloc(70_000, 0x20)]), 'application/pdf', editor);
    expect(oversized.status).toBe(413);
    expect(await errorOf(oversized)).toMatchObject({ message: expect.stringMatching(/附件过大.*\/ The attachment is too large \(max 65536 bytes\)/), extensions: { code: 'PAYLOAD_TOO_LARGE' } });
    // Past the gateway's own ceiling the body is never read.
    const huge = await post(documentId, Buffer.concat([PDF, Buffer.alloc(250_000, 0x20)]), 'application/pdf', editor);
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).message).toContain('请求体过大');
    const disguised = await post(documentId, PNG, 'application/pdf', editor);
    expect(disguised.status).toBe(415);
    expect(await errorOf(disguised)).toMatchObject({ message: expect.stringContaining('文件内容不是声明的 PDF 格式 / The file\'s content is not the PDF'), extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const infected = await post(documentId, Buffer.concat([PDF, Buffer.from('HUB-TEST-VIRUS-MARKER')]), 'application/pdf', editor);
    expect(infected.status).toBe(422);
    expect((await errorOf(infected)).extensions.code).toBe('ATTACHMENT_REJECTED');
    expect((await post(documentId, PDF, 'application/pdf')).status).toBe(401);
    expect((await post(documentId, PDF, 'application/pdf', await hub.token(['editor'], 'fjczt'), 'x.pdf')).status).toBe(404);
  });

  it('hides the file before publication from everyone but the agency\'s staff, with a 404', async () => {
    expect((await download()).status).toBe(404);
    expect((await download(await hub.token(['editor', 'reviewer', 'admin'], 'fjczt'))).status).toBe(404);
    expect((await download(await hub.token(['supervisor']))).status).toBe(404);
    const own = await download(await hub.token(['reviewer'], 'fjdrc'));
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await own.arrayBuffer()).equals(PDF)).toBe(true);
    // A deployment answers the gateway only.
    const direct = await fetch(`${hub.agencies.get('fjdrc')!.url.replace(/\/graphql$/, '')}/attachments/${documentId}/1`);
    expect(direct.status).toBe(401);
  });

  it('serves the published file to anyone, the same bytes with type, length, Chinese name and hash as entity tag', async () => {
    expect((await hub.query(APPROVE, { id: documentId }, await hub.token(['reviewer'], 'fjdrc'))).errors).toBeUndefined();
    expect((await hub.query(PUBLISH, { id: documentId }, editor)).errors).toBeUndefined();
    const response = await download();
    expect(response.status).toBe(200);
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    expect(Object.fromEntries(['content-type', 'content-length', 'etag', 'x-content-type-options'].map((h) => [h, response.headers.get(h)]))).toEqual({
      'content-type': 'application/pdf', 'content-length': String(PDF.length), etag: `"sha256-${sha256}"`, 'x-content-type-options': 'nosniff',
    });
    // RFC 6266: an ASCII fallback for old clients, the UTF-8 name as RFC 5987 filename*.
    const disposition = /^attachment; filename="([\x20-\x7e]+)"; filename\*=UTF-8''([A-Za-z0-9%!#$&+.^_`|~-]+)$/.exec(response.headers.get('content-disposition') ?? '');
    expect(disposition?.[1]).toBe('__1________2026__.pdf');
    expect(decodeURIComponent(disposition![2])).toBe(FILE_NAME);
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await download(undefined, 1, { 'if-none-match': `"sha256-${sha256}"` })).status).toBe(304);
    expect((await download(undefined, 2)).status).toBe(404);

    // The catalogue lists the metadata with the same path; the file itself comes from its agency.
    await hub.catalogueCaughtUp();
    const listed = await hub.query(`{ documents(first: 5) { edges { node { id attachments { number fileName sha256 downloadPath } } } } }`);
    expect(listed.errors).toBeUndefined();
    expect(listed.data.documents.edges.find((e: { node: { id: string } }) => e.node.id === documentId).node.attachments).toEqual([
      { number: 1, fileName: FILE_NAME, sha256, downloadPath: `/attachments/${documentId}/1` },
    ]);
    // Published files never change: a second file needs a revision.
    const late = await post(documentId, PNG, 'image/png', editor, '附图.png');
    expect(late.status).toBe(409);
  });

  it('answers 503 with a bilingual AGENCY_UNAVAILABLE when the owning deployment is down', async () => {
    await hub.stopAgency('fjdrc');
    const response = await download();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await errorOf(response)).toMatchObject({
      message: expect.stringMatching(/^机关 fjdrc 的信息公开服务暂时无法访问 \/ Agency fjdrc is unavailable/),
      extensions: { code: 'AGENCY_UNAVAILABLE', service: 'agency', agency: 'fjdrc' },
    });
    expect((await fetch(`${base}/attachments/nosuch:00000001/1`)).status).toBe(404);
  });

  it('answers 503 with reason timeout when the owning deployment accepts the call and never answers', async () => {
    const hung = await startHungServer();
    try {
      hub.gateway.registry.set([...hub.gateway.registry.all(), { code: 'fjhung', url: hung.url }]);
      const response = await fetch(`${base}/attachments/fjhung:00000001/1`);
      expect(response.status).toBe(503);
      expect((await errorOf(response)).extensions).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'fjhung', reason: 'timeout' });
    } finally {
      await hung.close();
    }
  });
});
