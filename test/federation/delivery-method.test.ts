import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { residentId } from '../../tools/demo/codes';
import { startHub, type TestHub } from '../support/hub-harness';

const PERSISTED = JSON.parse(readFileSync(join(__dirname, '../../schema/persisted-documents.json'), 'utf8')) as Record<string, string>;
const hashOf = (operation: string) => Object.entries(PERSISTED).find(([, text]) => text.includes(` ${operation}(`))![0];

/**
 * 获取方式 through the portal's own persisted operations, on the real gateway over HTTP: the form
 * asks for e-mail delivery, the receipt and the progress by tracking code say so, never the address.
 */
describe('the portal\'s request form with 获取方式 (issue 13)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({ agencies: ['fjdrc'], withDirectory: true });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  async function persisted(operation: string, variables: Record<string, unknown>) {
    const response = await fetch(hub.gateway.url, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(operation) } }, variables }),
    });
    return (await response.json()) as { data?: any; errors?: any[] };
  }

  const input = (extra: Record<string, unknown>) => ({
    requesterKind: 'NATURAL_PERSON', requesterName: '林志强', idNumber: residentId('350102', '19800101', 21), contact: '13800000000',
    channel: 'ONLINE', agency: 'fjdrc', description: '申请公开2025年度涉企收费清单', ...extra,
  });

  it('refuses e-mail delivery without an address in both languages, then gives a receipt and progress that state the way', async () => {
    const refused = await persisted('PortalSubmitRequest', { input: input({ deliveryMethod: 'EMAIL' }) });
    expect(refused.errors?.[0]).toMatchObject({
      message: '选择以电子邮件获取信息时须填写接收邮箱 / The EMAIL delivery method needs deliveryEmail, the address to send the information to',
      extensions: { code: 'BAD_USER_INPUT', field: 'deliveryEmail' },
    });
    const receipt = await persisted('PortalSubmitRequest', { input: input({ deliveryMethod: 'EMAIL', deliveryEmail: 'linzq@example.cn' }) });
    expect(receipt.errors).toBeUndefined();
    expect(receipt.data.submitDisclosureRequest).toMatchObject({ deliveryMethod: 'EMAIL', agency: { code: 'fjdrc', name: '福建省发展和改革委员会' } });
    const progress = await persisted('PortalRequestProgress', { trackingCode: receipt.data.submitDisclosureRequest.trackingCode });
    expect(progress.errors).toBeUndefined();
    expect(progress.data.requestProgress).toMatchObject({ status: 'PROCESSING', deliveryMethod: 'EMAIL' });
    expect(JSON.stringify(progress)).not.toContain('linzq');
  });
});
