import { randomUUID } from 'node:crypto';
import { CREATE_PLAN, PLANS } from '../documents/coordination-operations';
import { startHub, type GatewayAnswer, type TestHub } from '../support/hub-harness';

const CLOCK = '2026-11-27T10:00:00+08:00';
const UPDATE_PROFILE = /* GraphQL */ `mutation($code: ID!, $input: AgencyProfileInput!) { updateAgencyProfile(code: $code, input: $input) { code shortName } }`;
const codes = (answer: GatewayAnswer) => (answer.errors ?? []).map((e: { extensions: { code: string } }) => e.extensions.code);

describe('a retried mutation of the directory or the news office happens once (Idempotency-Key)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({ agencies: ['fjdrc', 'fjtjj'], withDirectory: true, withCoordination: true, clock: CLOCK });
  }, 120_000);
  afterAll(() => hub?.stop());

  it('creates one release plan for two sends with the same key, and answers the retry with the first plan', async () => {
    const coordinator = await hub.token(['coordinator']);
    const key = randomUUID();
    const input = { title: '2025年统计公报联合发布', leadAgency: 'fjtjj', participants: ['fjdrc', 'fjtjj'], releaseAt: '2026-12-10T02:00:00.000Z', channels: ['PORTAL'] };
    const first = await hub.query(CREATE_PLAN, { input }, coordinator, { 'Idempotency-Key': key });
    const retry = await hub.query(CREATE_PLAN, { input }, coordinator, { 'Idempotency-Key': key });
    expect(first.errors).toBeUndefined();
    expect(retry.data.createReleasePlan.id).toBe(first.data.createReleasePlan.id);
    const plans = await hub.query(PLANS, { first: 50 }, coordinator);
    expect(plans.data.releasePlans.edges.filter((e: { node: { id: string } }) => e.node.id === first.data.createReleasePlan.id)).toHaveLength(1);
    expect(plans.data.releasePlans.edges).toHaveLength(1);
    const reused = await hub.query(CREATE_PLAN, { input: { ...input, title: '另一个计划' } }, coordinator, { 'Idempotency-Key': key });
    expect(codes(reused)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses the directory key reused for another change', async () => {
    const admin = await hub.token(['admin'], 'fjdrc');
    const key = randomUUID();
    const first = await hub.query(UPDATE_PROFILE, { code: 'fjdrc', input: { shortName: '省发改委' } }, admin, { 'Idempotency-Key': key });
    expect(first.errors).toBeUndefined();
    expect((await hub.query(UPDATE_PROFILE, { code: 'fjdrc', input: { shortName: '省发改委' } }, admin, { 'Idempotency-Key': key })).data).toEqual(first.data);
    const reused = await hub.query(UPDATE_PROFILE, { code: 'fjdrc', input: { shortName: '发改委' } }, admin, { 'Idempotency-Key': key });
    expect(codes(reused)).toEqual(['BAD_USER_INPUT']);
  });
});
