import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GATEWAY_CLAIMS_HEADER, signGatewayClaims, type Claims } from '../../schema/contracts/claims';
import { ProcessGroup } from '../../tools/bench/processes';
import { freePort } from '../support/free-port';
import { TEST_SECRETS } from '../support/secrets';

const CREATE = /* GraphQL */ `mutation Create($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`;
const DRAFTS = /* GraphQL */ `{ documents(first: 5, filter: { status: [DRAFT] }) { totalCount edges { node { id agency { code } } } } }`;
const editor = (agency: string): Claims => ({ sub: `editor@${agency}`, agency, roles: ['editor'] });

describe('compact mode: two agency deployments in one real process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-compact-'));
  const processes = new ProcessGroup();
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    const ports = [await freePort(), await freePort()];
    const deployments = [{ code: 'fjdrc', port: ports[0], indexPrefix: 'FJ00201' }, { code: 'fjfin', port: ports[1], indexPrefix: 'FJ00301' }];
    for (const d of deployments) urls[d.code] = `http://127.0.0.1:${d.port}/graphql`;
    const file = join(dir, 'deployments.json');
    writeFileSync(file, JSON.stringify(deployments));
    await processes.launch('subgraphs/agency/compact-main.ts', {
      NODE_OPTIONS: `--require ${resolve(__dirname, '../../tools/swc-register.js')}`,
      HUB_AGENCY_DEPLOYMENTS: file, HUB_DATA_DIR: dir, HUB_CLOCK: '2026-11-27T10:00:00+08:00',
      HUB_GATEWAY_SECRET: TEST_SECRETS.HUB_GATEWAY_SECRET, HUB_DEADLINE_WATCH_HOURS: '0', HUB_CALENDAR_SYNC_SECONDS: '0', APOLLO_TELEMETRY_DISABLED: '1',
    }, /compact host of 2 agency deployments ready/);
  }, 60_000);
  afterAll(async () => {
    await processes.stopAll();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (code: string, query: string, claims?: Claims, variables?: Record<string, unknown>) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (claims) headers[GATEWAY_CLAIMS_HEADER] = await signGatewayClaims(claims, TEST_SECRETS.HUB_GATEWAY_SECRET);
    const response = await fetch(urls[code], { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return { status: response.status, body: await response.json() as { data?: any; errors?: { extensions: { code: string } }[] } };
  };

  it('answers on each deployment\'s own port as that agency, over its own database', async () => {
    for (const code of ['fjdrc', 'fjfin']) {
      expect(await (await fetch(urls[code].replace('/graphql', '/health'))).json()).toMatchObject({ status: 'ok', agency: code });
    }
    const created = await call('fjdrc', CREATE, editor('fjdrc'), { input: { title: '关于紧凑模式的通知', body: '正文', theme: '综合政务', formedOn: '2026-11-20', disclosure: 'PROACTIVE' } });
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.createDocument.id).toMatch(/^fjdrc:/);

    const drafts = await call('fjdrc', DRAFTS, editor('fjdrc'));
    expect(drafts.body.data.documents.totalCount).toBe(1);
    expect(drafts.body.data.documents.edges[0].node.agency.code).toBe('fjdrc');
    // The other deployment of the same process has its own database: the draft is not there.
    expect((await call('fjfin', DRAFTS, editor('fjfin'))).body.data.documents.totalCount).toBe(0);
  });

  it('refuses a call without the gateway\'s signed claims on every deployment', async () => {
    for (const code of ['fjdrc', 'fjfin']) {
      const unsigned = await call(code, DRAFTS);
      expect(unsigned.status).toBe(401);
      expect(unsigned.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });
});
