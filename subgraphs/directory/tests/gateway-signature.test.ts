import { GATEWAY_CLAIMS_HEADER, signGatewayClaims } from '../../../schema/contracts/claims';
import { loadDirectoryConfig } from '../config';
import { startDirectorySubgraph, type RunningDirectory } from '../server';

const SECRET = 'test-secret-of-the-gateway';

describe('the directory only answers the gateway', () => {
  let directory: RunningDirectory;
  beforeAll(async () => {
    directory = await startDirectorySubgraph(loadDirectoryConfig({ HUB_DIRECTORY_DATABASE_URL: ':memory:', PORT: '0', HUB_GATEWAY_SECRET: SECRET }));
  });
  afterAll(() => directory.stop());

  const post = (headers: Record<string, string>) =>
    fetch(directory.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ dueDate(from: "2026-02-10", workingDays: 20) { on provisional } }' }) });

  it('refuses a call without the signed claims header, or signed with another key', async () => {
    expect((await post({})).status).toBe(401);
    expect((await post({ [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims({ roles: ['admin'], agency: 'fjgov' }, 'not-the-secret') })).status).toBe(401);
  });

  it('answers a call the gateway signed', async () => {
    const response = await post({ [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims({ roles: [] }, SECRET) });
    expect(await response.json()).toEqual({ data: { dueDate: { on: '2026-03-16', provisional: false } } });
  });

  it('reports its health without a signature', async () => {
    const response = await fetch(directory.url.replace('/graphql', '/health'));
    expect(await response.json()).toMatchObject({ status: 'ok', name: 'directory' });
  });
});
