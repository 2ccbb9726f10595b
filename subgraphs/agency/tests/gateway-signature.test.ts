import { signGatewayClaims, GATEWAY_CLAIMS_HEADER } from '../../../schema/contracts/claims';
import { loadAgencyConfig } from '../config';
import { startAgencySubgraph, type RunningAgency } from '../server';

const SECRET = 'test-secret-of-the-gateway';

describe('an agency deployment only answers the gateway', () => {
  let agency: RunningAgency;
  beforeAll(async () => {
    agency = await startAgencySubgraph(loadAgencyConfig({ HUB_AGENCY_CODE: 'fjdrc', HUB_DATABASE_URL: ':memory:', PORT: '0', HUB_GATEWAY_SECRET: SECRET, HUB_CALENDAR_SYNC_SECONDS: '0' }));
  });
  afterAll(() => agency.stop());

  const post = (headers: Record<string, string>) =>
    fetch(agency.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ documents { totalCount } }' }) });

  it('refuses a call without the signed claims header', async () => {
    const response = await post({});
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses claims signed with another key, or expired', async () => {
    expect((await post({ [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims({ roles: ['admin'], agency: 'fjdrc' }, 'not-the-secret') })).status).toBe(401);
    expect((await post({ [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims({ roles: [] }, SECRET, -10) })).status).toBe(401);
    expect((await post({ [GATEWAY_CLAIMS_HEADER]: 'eyJhbGciOiJub25lIn0.eyJyb2xlcyI6WyJhZG1pbiJdfQ.' })).status).toBe(401);
  });

  it('answers a call the gateway signed', async () => {
    const response = await post({ [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims({ roles: [] }, SECRET) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { documents: { totalCount: 0 } } });
  });

  it('reports its health without a signature, naming its agency', async () => {
    const response = await fetch(agency.url.replace('/graphql', '/health'));
    expect(await response.json()).toMatchObject({ status: 'ok', agency: 'fjdrc' });
  });
});
