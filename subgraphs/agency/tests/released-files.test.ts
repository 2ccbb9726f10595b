import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Claims } from '../../../schema/contracts/claims';
import { REQUESTER_PIN_HEADER } from '../../../schema/contracts/request-files';
import { openTestAgency, staff, PUBLIC, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { REPLY, SUBMIT_REQUEST } from '../../../test/documents/request-operations';
import { residentId } from '../../../tools/demo/codes';
import { RequesterCaseReadEntity, RequestLetterEntity } from '../entities/letter.entity';
import { OutboxMailEntity } from '../entities/mail-outbox.entity';
import { DisclosureRequestEntity } from '../entities/request.entity';
import { requestFileRoutes } from '../request-file-routes';
import { deliverDueMail, type OutgoingMail } from '../services/mail-outbox';

const OFFICER = staff('fjdrc', 'disclosure-officer');
const EDITOR = staff('fjdrc', 'editor');
const OTHER_OFFICER = staff('fjczt', 'disclosure-officer');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const CASE = /* GraphQL */ `
  query Case($trackingCode: String!, $pin: String!) { requesterCase(trackingCode: $trackingCode, pin: $pin) { releasedFiles { number fileName mediaType bytes sha256 downloadPath } } }
`;
const STAFF_FILES = /* GraphQL */ `query Files($id: ID!) { request(id: $id) { releasedFiles { number fileName downloadPath } requesterCaseReads { granted fileNumber } } }`;
/** Test glue only: which verified claims the gateway would have signed for this call. */
const CLAIMS_HEADER = 'x-test-claims';

describe.each(testEngines())('files released with a reply on %s', (kind) => {
  let agency: TestAgency;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    agency = await openTestAgency(kind, { env: { HUB_AGENCY_NAME: '福建省发展和改革委员会' } });
    // The deployment's own handler, as its server mounts it; the claims stand for the gateway's signature.
    const route = requestFileRoutes(agency.runtime);
    server = createServer((req, res) => {
      const claims = JSON.parse(String(req.headers[CLAIMS_HEADER] ?? JSON.stringify(PUBLIC))) as Claims;
      void route.handle(req, res, new URL(req.url!, 'http://deployment'), claims);
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((closed) => server.close(closed));
    await agency.close();
  });

  const call = (path: string, claims: Claims, init: RequestInit = {}) =>
    fetch(base + path, { ...init, headers: { [CLAIMS_HEADER]: JSON.stringify(claims), ...(init.headers as Record<string, string>) } });
  const upload = (requestId: string, fileName: string, claims: Claims, body = PDF) =>
    call(`/request-files/${requestId}?fileName=${encodeURIComponent(fileName)}`, claims, { method: 'POST', body, headers: { 'content-type': 'application/pdf' } });

  it('takes an officer\'s files for an open request, lets the requester download them with the PIN header only, lists them in the reply and its e-mail, and refuses new files once the request is closed', async () => {
    const { submitDisclosureRequest: receipt } = await agency.exec(SUBMIT_REQUEST, {
      input: {
        requesterKind: 'NATURAL_PERSON', requesterName: '林小明', idNumber: residentId('350102', '19880214', 37), contact: '13800000000',
        channel: 'ONLINE', agency: 'fjdrc', description: '请公开2025年省级重点项目名单', deliveryMethod: 'EMAIL', deliveryEmail: 'lin.xiaoming@example.cn',
      },
    }, PUBLIC);
    const { trackingCode, accessPin } = receipt;
    const { id } = await agency.runtime.orm.em.fork().findOneOrFail(DisclosureRequestEntity, { trackingCode });

    // Only the handling agency's disclosure officers release files.
    for (const caller of [EDITOR, OTHER_OFFICER, PUBLIC]) expect((await upload(id, '名单.pdf', caller)).status).toBe(403);
    const first = await upload(id, '2025年省重点建设项目名单.pdf', OFFICER);
    expect(first.status).toBe(201);
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    expect(await first.json()).toEqual({ releasedFile: {
      number: 1, fileName: '2025年省重点建设项目名单.pdf', mediaType: 'application/pdf', bytes: PDF.length, sha256, downloadPath: `/request-files/${id}/1`,
    } });
    // A retry of the same bytes answers the same file; the upload checks are the attachments' own.
    expect((await upload(id, '2025年省重点建设项目名单.pdf', OFFICER)).status).toBe(200);
    const wrongType = await upload(id, '名单.pdf', OFFICER, Buffer.from('not a pdf'));
    expect(wrongType.status).toBe(415);
    expect((await upload(id, '../名单.pdf', OFFICER)).status).toBe(400);

    // The officers download by request id; nobody else learns it exists.
    const officerCopy = await call(`/request-files/${id}/1`, OFFICER);
    expect(officerCopy.status).toBe(200);
    expect(Buffer.from(await officerCopy.arrayBuffer()).equals(PDF)).toBe(true);
    expect(officerCopy.headers.get('cache-control')).toBe('private, no-store');
    for (const caller of [EDITOR, OTHER_OFFICER, PUBLIC]) expect((await call(`/request-files/${id}/1`, caller)).status).toBe(404);

    // The requester downloads by tracking code with the PIN in its header.
    const byCode = `/request-files/${trackingCode}/1`;
    const requesterCopy = await call(byCode, PUBLIC, { headers: { [REQUESTER_PIN_HEADER]: accessPin } });
    expect(requesterCopy.status).toBe(200);
    expect(Buffer.from(await requesterCopy.arrayBuffer()).equals(PDF)).toBe(true);
    expect(requesterCopy.headers.get('content-disposition')).toContain("filename*=UTF-8''2025");
    for (const [path, pin] of [[byCode, '00000000'], [byCode, ''], ['/request-files/fjdrc:0000-0000-0000-0000/1', accessPin]]) {
      const refused = await call(path, PUBLIC, { headers: { [REQUESTER_PIN_HEADER]: pin } });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ errors: [{ message: '查询码或查询密码不正确 / The tracking code or the PIN is wrong', extensions: { code: 'FORBIDDEN' } }] });
    }
    expect((await call(byCode, PUBLIC)).status).toBe(404);
    expect((await call(`${byCode}?pin=${accessPin}`, PUBLIC)).status).toBe(400);
    expect((await call(`/request-files/${trackingCode}/9`, PUBLIC, { headers: { [REQUESTER_PIN_HEADER]: accessPin } })).status).toBe(404);

    // The page lists the files by tracking code; the officers see them with every download attempt logged.
    const { requesterCase } = await agency.exec(CASE, { trackingCode, pin: accessPin }, PUBLIC);
    expect(requesterCase.releasedFiles).toEqual([{ number: 1, fileName: '2025年省重点建设项目名单.pdf', mediaType: 'application/pdf', bytes: PDF.length, sha256, downloadPath: byCode }]);
    const { request } = await agency.exec(STAFF_FILES, { id }, OFFICER);
    expect(request.releasedFiles).toEqual([{ number: 1, fileName: '2025年省重点建设项目名单.pdf', downloadPath: `/request-files/${id}/1` }]);
    expect(request.requesterCaseReads.filter((r: { fileNumber: number | null }) => r.fileNumber !== null)).toEqual([
      { granted: true, fileNumber: 9 }, { granted: false, fileNumber: 1 }, { granted: false, fileNumber: 1 }, { granted: true, fileNumber: 1 },
    ]);
    expect((await agency.exec(STAFF_FILES, { id }, EDITOR)).request.releasedFiles).toBeNull();
    expect(await agency.runtime.orm.em.fork().count(RequesterCaseReadEntity, { requestId: id })).toBe(5);

    // The reply names the file, and its e-mail carries it.
    await agency.exec(REPLY, { id, on: '2026-11-27', outcome: 'DISCLOSED', responseText: '现随本答复书提供名单。' }, OFFICER);
    const reply = await agency.runtime.orm.em.fork().findOneOrFail(RequestLetterEntity, { requestId: id, kind: 'REPLY' as never });
    expect(reply.text).toContain(`随本答复书提供的政府信息：1. 2025年省重点建设项目名单.pdf（${PDF.length}字节）。`);
    const mail = await agency.runtime.orm.em.fork().findOneOrFail(OutboxMailEntity, { letterId: reply.id });
    expect(mail).toMatchObject({ releasedFilesOf: id });
    expect(mail.body).toContain('随本答复书提供的政府信息作为附件一并发送');
    const sent: OutgoingMail[] = [];
    await deliverDueMail(agency.runtime, { send: async (m) => { sent.push(m); } });
    const replyMail = sent.find((m) => m.subject.startsWith('政府信息公开申请答复书'))!;
    expect(replyMail.attachments!.map((a) => [a.filename, a.contentType, a.content.equals(PDF)])).toEqual([
      ['政府信息公开申请答复书-2026-11-27.pdf', 'application/pdf', false], ['2025年省重点建设项目名单.pdf', 'application/pdf', true],
    ]);

    // Archived (保存备查): nothing more is added.
    const closed = await upload(id, '补充.pdf', OFFICER, Buffer.concat([PDF, Buffer.from('%more')]));
    expect(closed.status).toBe(409);
    expect((await closed.json()).errors[0].message).toContain('申请已答复并归档');
  });
});
