import { createHash } from 'node:crypto';
import { residentId } from '../../tools/demo/codes';
import { REQUESTER_PIN_HEADER } from '../../schema/contracts/request-files';
import { SUBMIT_REQUEST } from '../documents/request-operations';
import { startHub, type TestHub } from '../support/hub-harness';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const FILE_NAME = '2025年省级一般公共预算调整方案.pdf';
const CASE = `query Case($trackingCode: String!, $pin: String!) {
  requesterCase(trackingCode: $trackingCode, pin: $pin) { letters { kind text } releasedFiles { number fileName bytes sha256 downloadPath } }
}`;
const REPLY = 'mutation R($id: ID!, $on: Date!) { replyToRequest(id: $id, on: $on, outcome: DISCLOSED, responseText: "现随本答复书提供预算调整方案。") { status } }';

/**
 * The files released with a reply through the provincial gateway over HTTP: uploaded by the handling
 * agency's officer (routed by the request id's prefix), downloaded by the requester with the
 * tracking code and the PIN header (routed by the code's prefix), listed on the page and in the reply.
 */
describe('files released with a reply through the gateway (issue 16)', () => {
  let hub: TestHub;
  let base: string;
  beforeAll(async () => {
    hub = await startHub({ agencies: ['fjdrc', 'fjczt'], withDirectory: true });
    base = hub.gateway.url.replace(/\/graphql$/, '');
  }, 120_000);
  afterAll(() => hub?.stop());

  it('relays an officer\'s upload and the requester\'s download to the handling agency, the PIN in its header only', async () => {
    const submitted = await hub.query(SUBMIT_REQUEST, {
      input: {
        requesterKind: 'NATURAL_PERSON', requesterName: '黄丽', idNumber: residentId('350583', '19920718', 44), contact: '13900000000',
        channel: 'ONLINE', agency: 'fjczt', description: '申请公开2025年省级一般公共预算调整方案', deliveryMethod: 'ONLINE',
      },
    });
    const { trackingCode, accessPin } = submitted.data.submitDisclosureRequest;
    const officer = await hub.token(['disclosure-officer'], 'fjczt');
    const listed = await hub.query('query { disclosureRequests(first: 5) { edges { node { id trackingCode } } } }', {}, officer);
    const { id } = listed.data.disclosureRequests.edges.find((e: any) => e.node.trackingCode === trackingCode).node;

    const post = (token?: string) => fetch(`${base}/request-files/${id}?fileName=${encodeURIComponent(FILE_NAME)}`, {
      method: 'POST', body: new Uint8Array(PDF), headers: { 'content-type': 'application/pdf', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    expect((await post()).status).toBe(401);
    expect((await post(await hub.token(['disclosure-officer'], 'fjdrc'))).status).toBe(403);
    const uploaded = await post(officer);
    expect(uploaded.status).toBe(201);
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    expect((await uploaded.json()).releasedFile).toMatchObject({ number: 1, fileName: FILE_NAME, bytes: PDF.length, sha256, downloadPath: `/request-files/${id}/1` });

    const path = `/request-files/${trackingCode}/1`;
    const downloaded = await fetch(base + path, { headers: { [REQUESTER_PIN_HEADER]: accessPin } });
    expect(downloaded.status).toBe(200);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(PDF)).toBe(true);
    const refused = await fetch(base + path, { headers: { [REQUESTER_PIN_HEADER]: accessPin === '99999999' ? '88888888' : '99999999' } });
    expect(refused.status).toBe(403);
    expect((await refused.json()).errors[0]).toMatchObject({ message: '查询码或查询密码不正确 / The tracking code or the PIN is wrong', extensions: { code: 'FORBIDDEN' } });
    expect((await fetch(`${base}${path}?pin=${accessPin}`)).status).toBe(400);
    expect((await fetch(base + path)).status).toBe(404);
    const officerCopy = await fetch(`${base}/request-files/${id}/1`, { headers: { authorization: `Bearer ${officer}` } });
    expect(Buffer.from(await officerCopy.arrayBuffer()).equals(PDF)).toBe(true);

    expect((await hub.query(REPLY, { id, on: '2026-11-27' }, officer)).errors).toBeUndefined();
    const opened = await hub.query(CASE, { trackingCode, pin: accessPin });
    expect(opened.errors).toBeUndefined();
    expect(opened.data.requesterCase.releasedFiles).toEqual([{ number: 1, fileName: FILE_NAME, bytes: PDF.length, sha256, downloadPath: path }]);
    const reply = opened.data.requesterCase.letters.find((l: { kind: string }) => l.kind === 'REPLY');
    expect(reply.text).toContain(`随本答复书提供的政府信息：1. ${FILE_NAME}（${PDF.length}字节）。`);
    expect((await post(officer)).status).toBe(409);
  });
});
