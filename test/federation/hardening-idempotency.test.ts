import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ProcessGroup } from '../../tools/bench/processes';
import { TEST_SECRETS } from '../support/secrets';
import { freePort } from '../support/free-port';
import { startHub, type GatewayAnswer, type TestHub } from '../support/hub-harness';

const CLOCK = '2026-11-27T10:00:00+08:00';
const CREATE = /* GraphQL */ `mutation Create($input: CreateDocumentInput!) { createDocument(input: $input) { id title } }`;
const COUNT = /* GraphQL */ `query Count($agencies: [ID!]) { documents(first: 0, filter: { agencies: $agencies, status: [DRAFT] }) { totalCount } }`;
const input = (title: string) => ({ title, body: '正文', theme: '综合政务', formedOn: '2026-11-20', disclosure: 'PROACTIVE' });
const codes = (answer: GatewayAnswer) => (answer.errors ?? []).map((e: { extensions: { code: string } }) => e.extensions.code);

describe('issue 9 finding 4: a retried mutation with the same Idempotency-Key happens once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-idempotency-'));
  const processes = new ProcessGroup();
  let hub: TestHub;
  let url: string;
  let launchDeployment: () => Promise<ChildProcess>;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/graphql`;
    // A real process, so that it can be frozen (SIGSTOP) and killed (SIGKILL) as in production.
    launchDeployment = () => processes.launch('subgraphs/agency/main.ts', {
      NODE_OPTIONS: `--require ${resolve(__dirname, '../../tools/swc-register.js')}`,
      HUB_AGENCY_CODE: 'fjdrc', HUB_AGENCY_INDEX_PREFIX: 'FJ00201', HUB_DATABASE_URL: join(dir, 'fjdrc.sqlite'), PORT: String(port),
      HUB_CLOCK: CLOCK, HUB_GATEWAY_SECRET: TEST_SECRETS.HUB_GATEWAY_SECRET, HUB_DEADLINE_WATCH_HOURS: '0', HUB_CALENDAR_SYNC_SECONDS: '0', APOLLO_TELEMETRY_DISABLED: '1',
    });
    hub = await startHub({
      agencies: ['fjfin'], clock: CLOCK,
      // A short deadline so that a frozen deployment answers AGENCY_UNAVAILABLE soon; no breaker in the way of the retries.
      gateway: { shardCalls: { timeoutMs: 1000, breakerThreshold: 1000, breakerCooldownMs: 100 } },
    });
    hub.gateway.registry.set([...hub.gateway.registry.all(), { code: 'fjdrc', url }]);
  }, 120_000);
  afterAll(async () => {
    await processes.stopAll();
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates exactly one document while the deployment is frozen, resumed, killed and restarted under the retries', async () => {
    let deployment = await launchDeployment();
    const editor = await hub.token(['editor'], 'fjdrc');
    const key = randomUUID();
    const variables = { input: input('关于重试只生效一次的通知') };
    const create = () => hub.query(CREATE, variables, editor, { 'Idempotency-Key': key });

    deployment.kill('SIGSTOP');
    const whileFrozen = [await create(), await create()];
    for (const answer of whileFrozen) {
      expect(codes(answer)).toEqual(['AGENCY_UNAVAILABLE']);
      expect(answer.data?.createDocument ?? null).toBeNull();
    }
    // Resumed, the deployment reads the two requests it was sent meanwhile: without a key each would create a document.
    deployment.kill('SIGCONT');
    const resumed = await create();
    expect(resumed.errors).toBeUndefined();
    const id = resumed.data.createDocument.id as string;
    expect(id).toMatch(/^fjdrc:/);

    deployment.kill('SIGKILL');
    await new Promise((done) => (deployment.exitCode !== null || deployment.signalCode !== null ? done(undefined) : deployment.once('exit', done)));
    expect(codes(await create())).toEqual(['AGENCY_UNAVAILABLE']);
    deployment = await launchDeployment();
    const afterRestart = await create();
    expect(afterRestart.errors).toBeUndefined();
    expect(afterRestart.data.createDocument).toEqual(resumed.data.createDocument);

    const count = await hub.query(COUNT, { agencies: ['fjdrc'] }, editor);
    expect(count.errors).toBeUndefined();
    expect(count.data.documents.totalCount).toBe(1);
  }, 120_000);

  it('refuses the same key with different variables, naming the header', async () => {
    const editor = await hub.token(['editor'], 'fjfin');
    const key = randomUUID();
    const first = await hub.query(CREATE, { input: input('关于第一次请求的通知') }, editor, { 'Idempotency-Key': key });
    expect(first.errors).toBeUndefined();
    const reused = await hub.query(CREATE, { input: input('关于另一个请求的通知') }, editor, { 'Idempotency-Key': key });
    expect(reused.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Idempotency-Key reused with a different request'),
      extensions: { code: 'BAD_USER_INPUT', field: 'Idempotency-Key' },
    });
    expect(reused.data?.createDocument ?? null).toBeNull();
    const again = await hub.query(CREATE, { input: input('关于第一次请求的通知') }, editor, { 'Idempotency-Key': key });
    expect(again.data.createDocument.id).toBe(first.data.createDocument.id);
  });

  it('keeps two callers\' keys apart: the same key from another caller runs on its own', async () => {
    const key = randomUUID();
    const variables = { input: input('关于两名编辑同一键的通知') };
    const one = await hub.query(CREATE, variables, await hub.token(['editor'], 'fjfin'), { 'Idempotency-Key': key });
    const other = await hub.query(CREATE, variables, await hub.token(['editor', 'reviewer'], 'fjfin'), { 'Idempotency-Key': key });
    expect([one.errors, other.errors]).toEqual([undefined, undefined]);
    expect(other.data.createDocument.id).not.toBe(one.data.createDocument.id);
    const before = (await hub.query(COUNT, { agencies: ['fjfin'] }, await hub.token(['editor'], 'fjfin'))).data.documents.totalCount;
    await hub.query(CREATE, variables, await hub.token(['editor'], 'fjfin'), { 'Idempotency-Key': key });
    expect((await hub.query(COUNT, { agencies: ['fjfin'] }, await hub.token(['editor'], 'fjfin'))).data.documents.totalCount).toBe(before);
  });

  it('replays each root field of a mutation with several under one key', async () => {
    const editor = await hub.token(['editor'], 'fjfin');
    const both = /* GraphQL */ `mutation Two($a: CreateDocumentInput!, $b: CreateDocumentInput!) { a: createDocument(input: $a) { id } b: createDocument(input: $b) { id } }`;
    const variables = { a: input('关于第一份的通知'), b: input('关于第二份的通知') };
    const key = randomUUID();
    const first = await hub.query(both, variables, editor, { 'Idempotency-Key': key });
    expect(first.errors).toBeUndefined();
    expect(first.data.a.id).not.toBe(first.data.b.id);
    const retry = await hub.query(both, variables, editor, { 'Idempotency-Key': key });
    expect(retry).toEqual(first);
  });

  it('runs a mutation without a key as before, and a query ignores a key', async () => {
    const editor = await hub.token(['editor'], 'fjfin');
    const before = (await hub.query(COUNT, { agencies: ['fjfin'] }, editor, { 'Idempotency-Key': randomUUID() })).data.documents.totalCount;
    await hub.query(CREATE, { input: input('关于不带键的通知') }, editor);
    await hub.query(CREATE, { input: input('关于不带键的通知') }, editor);
    expect((await hub.query(COUNT, { agencies: ['fjfin'] }, editor)).data.documents.totalCount).toBe(before + 2);
  });
});
