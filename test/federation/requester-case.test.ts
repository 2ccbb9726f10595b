import { residentId } from '../../tools/demo/codes';
import type { DetailedHealth } from '../../gateway/operator';
import { SUBMIT_REQUEST } from '../documents/request-operations';
import { startHub, type TestHub } from '../support/hub-harness';

const OPERATOR_TOKEN = 'operator-token-for-tests-0123456789abcdef';
const CASE = `query Case($trackingCode: String!, $pin: String!) {
  requesterCase(trackingCode: $trackingCode, pin: $pin) { trackingCode status agency { code name } letters { kind title issuedOn pdfBase64 } }
}`;

/**
 * The requester's page through the provincial gateway over HTTP: routed to the handling agency by
 * the tracking code, a letter an officer issues readable there, and wrong PINs — a client's mistake —
 * never counted against the agency's deployment.
 */
describe('the requester\'s page through the gateway (issue 16)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({
      agencies: ['fjdrc', 'fjczt'], withDirectory: true,
      gateway: { shardCalls: { timeoutMs: 2000, breakerThreshold: 3, breakerCooldownMs: 60_000 }, internalPort: 0, internalHost: '127.0.0.1', operatorToken: OPERATOR_TOKEN },
    });
  }, 120_000);
  afterAll(() => hub?.stop());

  it('opens with the code and PIN given at submission, shows the letter an officer issues, and leaves the breaker closed after wrong PINs', async () => {
    const submitted = await hub.query(SUBMIT_REQUEST, {
      input: {
        requesterKind: 'NATURAL_PERSON', requesterName: '黄丽', idNumber: residentId('350583', '19920718', 44), contact: '13900000000',
        channel: 'ONLINE', agency: 'fjczt', description: '申请公开2025年省级一般公共预算调整方案', deliveryMethod: 'ONLINE',
      },
    });
    expect(submitted.errors).toBeUndefined();
    const { trackingCode, accessPin } = submitted.data.submitDisclosureRequest;
    expect(trackingCode).toMatch(/^fjczt:/);

    for (let i = 0; i < 4; i++) {
      const wrong = await hub.query(CASE, { trackingCode, pin: '99999999' === accessPin ? '88888888' : '99999999' });
      expect(wrong.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'pin' } });
    }
    const health = (await (await fetch(`${hub.gateway.internal!.url}/health`)).json()) as DetailedHealth;
    expect(health.agencies.find((a) => a.code === 'fjczt')).toMatchObject({ state: 'closed', consecutiveFailures: 0 });

    const officer = await hub.token(['disclosure-officer'], 'fjczt');
    const listed = await hub.query('query { disclosureRequests(first: 5) { edges { node { id trackingCode } } } }', {}, officer);
    const { id } = listed.data.disclosureRequests.edges.find((e: any) => e.node.trackingCode === trackingCode).node;
    const noticed = await hub.query('mutation S($id: ID!, $on: Date!) { requestSupplement(id: $id, on: $on, detail: "请写明预算调整方案的年度") { status } }', { id, on: '2026-11-27' }, officer);
    expect(noticed.errors).toBeUndefined();

    const opened = await hub.query(CASE, { trackingCode, pin: accessPin });
    expect(opened.errors).toBeUndefined();
    expect(opened.data.requesterCase).toMatchObject({ trackingCode, status: 'AWAITING_SUPPLEMENT', agency: { code: 'fjczt', name: '福建省财政厅' } });
    const [letter] = opened.data.requesterCase.letters;
    expect(letter).toMatchObject({ kind: 'SUPPLEMENT_NOTICE', title: '政府信息公开申请补正告知书', issuedOn: '2026-11-27' });
    expect(Buffer.from(letter.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    // Another agency's officer cannot issue a PIN for it: the id routes to its own agency, which refuses.
    const other = await hub.token(['disclosure-officer'], 'fjdrc');
    expect((await hub.query('mutation P($id: ID!) { issueRequesterPin(id: $id) }', { id }, other)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
