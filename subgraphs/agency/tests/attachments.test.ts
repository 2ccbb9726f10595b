import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Claims } from '../../../schema/contracts/claims';
import { openTestAgency, staff, PUBLIC, SUPERVISOR, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { CREATE_DOCUMENT, GET_DOCUMENT, PUBLISH_DOCUMENT, REVIEW_DOCUMENT, UPDATE_DOCUMENT } from '../../../test/documents/agency-operations';
import { createContext } from '../context';
import { AttachmentEntity, AttachmentFileEntity, DocumentEventEntity } from '../entities/document-parts.entity';
import { AttachmentRefusal, readAttachment, uploadAttachment } from '../services/attachment.service';

const EDITOR = staff('fjdrc', 'editor');
const REVIEWER = staff('fjdrc', 'reviewer');
const OTHER_AGENCY = staff('fjczt', 'editor', 'reviewer');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-not-a-real-image')]);
const INPUT = {
  title: '关于做好2026年政府信息公开工作的通知', body: '各设区市发展改革委：现就做好2026年政府信息公开工作通知如下。',
  theme: '国民经济管理、国有资产监管', formedOn: '2026-11-20', disclosure: 'PROACTIVE',
};
const SCANNER = join(__dirname, '../../../test/support/virus-scan-marker.sh');

describe.each(testEngines())('attachment files on %s', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => {
    agency = await openTestAgency(kind, { env: { HUB_MAX_ATTACHMENT_BYTES: '4096', HUB_ATTACHMENT_SCAN_COMMAND: `sh ${SCANNER}` } });
  });
  afterAll(async () => { await agency.close(); });

  const ctx = (claims: Claims) => createContext(agency.runtime, claims);
  const upload = (claims: Claims, documentId: string, fileName: string, mediaType: string, content: Buffer, declaredBytes = content.length) =>
    uploadAttachment(ctx(claims), documentId, { fileName, mediaType, declaredBytes, read: async () => content });
  const refusalOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as AttachmentRefusal & { extensions?: { code?: string } });
  const draft = async (docNumber: string) => (await agency.exec(CREATE_DOCUMENT, { input: { ...INPUT, docNumber } }, EDITOR)).createDocument.id as string;
  const publish = async (id: string) => {
    await agency.exec(REVIEW_DOCUMENT, { id, approve: true }, REVIEWER);
    return agency.exec(PUBLISH_DOCUMENT, { id }, EDITOR);
  };

  it('stores an editor\'s file with its hash, answers a retry with the same attachment, and shows it to the agency\'s staff only until publication', async () => {
    const id = await draft('闽发改〔2026〕301号');
    const first = await upload(EDITOR, id, '附件1：重点任务分工.pdf', 'application/pdf', PDF);
    expect(first.created).toBe(true);
    expect(first.attachment).toMatchObject({ number: 1, fileName: '附件1：重点任务分工.pdf', mediaType: 'application/pdf', sha256: createHash('sha256').update(PDF).digest('hex'), inRevision: false });
    const retry = await upload(EDITOR, id, '附件1：重点任务分工.pdf', 'application/pdf', PDF);
    expect(retry).toMatchObject({ created: false, attachment: { number: 1 } });
    expect(await agency.runtime.orm.em.fork().count(AttachmentEntity, { documentId: id })).toBe(1);
    expect(await agency.runtime.orm.em.fork().count(AttachmentFileEntity, { sha256: first.attachment.sha256 })).toBe(1);
    expect((await upload(EDITOR, id, '附件2.png', 'image/png', PNG)).attachment.number).toBe(2);
    // Two retries racing each other attach the file once.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    const raced = await Promise.all([upload(EDITOR, id, '附图.jpg', 'image/jpeg', jpeg), upload(EDITOR, id, '附图.jpg', 'image/jpeg', jpeg)]);
    expect(raced.map((r) => r.attachment.number)).toEqual([3, 3]);
    expect(raced.filter((r) => r.created)).toHaveLength(1);

    expect((await readAttachment(ctx(EDITOR), id, 1))!.content.equals(PDF)).toBe(true);
    for (const caller of [PUBLIC, OTHER_AGENCY, SUPERVISOR]) expect(await readAttachment(ctx(caller), id, 1)).toBeNull();
    const { document } = await agency.exec(GET_DOCUMENT, { id }, EDITOR);
    expect(document.status).toBe('DRAFT');

    await publish(id);
    const published = await readAttachment(ctx(PUBLIC), id, 1);
    expect(published).toMatchObject({ restricted: false, attachment: { fileName: '附件1：重点任务分工.pdf' } });
    expect(published!.content.equals(PDF)).toBe(true);
    expect(await readAttachment(ctx(PUBLIC), id, 4)).toBeNull();
  });

  it('refuses a file whose bytes are not its declared type, a type not accepted, an oversized file, and one the virus scan flags, writing nothing', async () => {
    const id = await draft('闽发改〔2026〕302号');
    expect(await refusalOf(upload(EDITOR, id, '伪装.pdf', 'application/pdf', PNG))).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('不是声明的 PDF') });
    expect(await refusalOf(upload(EDITOR, id, '页面.html', 'text/html', Buffer.from('<html>')))).toMatchObject({ status: 415, message: expect.stringContaining('not accepted') });
    expect(await refusalOf(upload(EDITOR, id, '大.pdf', 'application/pdf', PDF, 5000))).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('附件过大') });
    const big = Buffer.concat([PDF, Buffer.alloc(5000, 0x20)]);
    expect(await refusalOf(upload(EDITOR, id, '大.pdf', 'application/pdf', big, 10))).toMatchObject({ status: 413 });
    const infected = Buffer.concat([PDF, Buffer.from('HUB-TEST-VIRUS-MARKER')]);
    expect(await refusalOf(upload(EDITOR, id, '带毒.pdf', 'application/pdf', infected))).toMatchObject({ status: 422, code: 'ATTACHMENT_REJECTED', message: expect.stringContaining('病毒扫描') });
    expect(await refusalOf(upload(EDITOR, id, '../etc/passwd', 'application/pdf', PDF))).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'fileName' } });
    expect(await agency.runtime.orm.em.fork().count(AttachmentEntity, { documentId: id })).toBe(0);
    // Another agency's editor cannot tell the draft exists; a reviewer is not an editor.
    expect(await refusalOf(upload(OTHER_AGENCY, id, 'a.pdf', 'application/pdf', PDF))).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(await refusalOf(upload(REVIEWER, id, 'a.pdf', 'application/pdf', PDF))).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('lets an editor remove a draft\'s file, whose number is never given again, its bytes gone when nothing else holds them', async () => {
    const id = await draft('闽发改〔2026〕304号');
    await upload(EDITOR, id, '错传.png', 'image/png', Buffer.concat([PNG, Buffer.from('304')]));
    const REMOVE = `mutation($id: ID!, $number: Int!) { removeAttachment(id: $id, number: $number) { status attachments { number fileName } } }`;
    expect((await agency.execRaw(REMOVE, { id, number: 1 }, REVIEWER)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await agency.exec(REMOVE, { id, number: 1 }, EDITOR)).removeAttachment).toEqual({ status: 'DRAFT', attachments: [] });
    const sha = createHash('sha256').update(Buffer.concat([PNG, Buffer.from('304')])).digest('hex');
    expect(await agency.runtime.orm.em.fork().count(AttachmentFileEntity, { sha256: sha })).toBe(0);
    expect((await upload(EDITOR, id, '正确.pdf', 'application/pdf', PDF)).attachment.number).toBe(2);
    expect((await agency.execRaw(REMOVE, { id, number: 1 }, EDITOR)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // The same file twice on one document is one attachment.
    expect(await upload(EDITOR, id, '同一文件.pdf', 'application/pdf', PDF)).toMatchObject({ created: false, attachment: { number: 2 } });
    // These bytes are also attached to another, published document: removing this draft's copy keeps them.
    const other = await upload(EDITOR, id, '附图.png', 'image/png', PNG);
    expect(other.attachment.number).toBe(3);
    await agency.exec(REMOVE, { id, number: 3 }, EDITOR);
    expect(await agency.runtime.orm.em.fork().count(AttachmentFileEntity, { sha256: other.attachment.sha256 })).toBe(1);
    await publish(id);
    expect((await agency.execRaw(REMOVE, { id, number: 2 }, EDITOR)).errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('never changes a published document\'s files: a revision brings its own, public once the revision is published', async () => {
    const id = await draft('闽发改〔2026〕303号');
    await upload(EDITOR, id, '原件.pdf', 'application/pdf', PDF);
    await publish(id);
    expect(await refusalOf(upload(EDITOR, id, '补充.png', 'image/png', PNG))).toMatchObject({ extensions: { code: 'CONFLICT' } });

    await agency.exec(UPDATE_DOCUMENT, { id, input: { summary: '补充附图。' }, reason: '补充附图' }, EDITOR);
    const added = await upload(EDITOR, id, '补充.png', 'image/png', PNG);
    expect(added.attachment).toMatchObject({ number: 2, inRevision: true });
    const attachmentsOf = async (claims: Claims) => (await agency.exec(`query($id: ID!) { document(id: $id) { attachments { number downloadPath inRevision } } }`, { id }, claims)).document.attachments;
    expect(await attachmentsOf(PUBLIC)).toEqual([{ number: 1, downloadPath: `/attachments/${id}/1`, inRevision: false }]);
    expect(await attachmentsOf(EDITOR)).toHaveLength(2);
    expect(await readAttachment(ctx(PUBLIC), id, 2)).toBeNull();
    expect(await readAttachment(ctx(EDITOR), id, 2)).toMatchObject({ restricted: true });
    const events = await agency.runtime.orm.em.fork().find(DocumentEventEntity, { documentId: id, note: { $like: '添加附件%' } });
    expect(events).toHaveLength(2);

    await publish(id);
    expect(await attachmentsOf(PUBLIC)).toEqual([
      { number: 1, downloadPath: `/attachments/${id}/1`, inRevision: false }, { number: 2, downloadPath: `/attachments/${id}/2`, inRevision: false },
    ]);
    expect((await readAttachment(ctx(PUBLIC), id, 2))!.content.equals(PNG)).toBe(true);
    expect((await readAttachment(ctx(PUBLIC), id, 1))!.content.equals(PDF)).toBe(true);
  });
});

describe('an attachment scanner that gives no verdict', () => {
  it('refuses the upload as unavailable rather than accept the file unscanned', async () => {
    const agency = await openTestAgency('sqlite', { env: { HUB_ATTACHMENT_SCAN_COMMAND: '/nonexistent/virus-scanner --stdin' } });
    try {
      const { createDocument } = await agency.exec(CREATE_DOCUMENT, { input: { ...INPUT, docNumber: '闽发改〔2026〕305号' } }, EDITOR);
      const refusal = await uploadAttachment(createContext(agency.runtime, EDITOR), createDocument.id, {
        fileName: 'a.pdf', mediaType: 'application/pdf', declaredBytes: PDF.length, read: async () => PDF,
      }).then(() => null, (error: unknown) => error);
      expect(refusal).toMatchObject({ status: 503, code: 'SCAN_UNAVAILABLE', message: '病毒扫描暂不可用，请稍后重试 / The virus scan is unavailable; please try again later' });
      expect(await agency.runtime.orm.em.fork().count(AttachmentEntity, {})).toBe(0);
    } finally {
      await agency.close();
    }
  });
});
