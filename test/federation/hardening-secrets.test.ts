import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { loadCoordinationConfig } from '../../subgraphs/coordination/config';
import { GatewayCallError, GatewayClient } from '../../subgraphs/shared/gateway-client';
import { GATEWAY_CLAIMS_HEADER, signGatewayClaims } from '../../schema/contracts/claims';
import { CREATE_DOCUMENT, CREATE_PLAN } from '../documents/coordination-operations';
import { startHub, type TestHub } from '../support/hub-harness';
import { TEST_SECRETS } from '../support/secrets';

/** The constants every service used when no secret was set, readable by anyone in the repository. */
const OLD_GATEWAY_SECRET = 'dev-only-gateway-secret-change-me';
const OLD_JWT_SECRET = 'dev-only-jwt-secret-change-me';

const DOCUMENT = { input: { title: '关于密钥管理的通知', body: '各有关单位：现将密钥管理有关事项通知如下。', theme: '综合政务', formedOn: '2026-11-20', disclosure: 'PROACTIVE' } };
const PLAN = { input: { title: '密钥轮换发布计划', leadAgency: 'fjdrc', participants: ['fjdrc'], releaseAt: '2026-12-20T10:00:00+08:00', channels: ['PORTAL'] } };

/** A bearer token as an identity provider signs it. */
function signed(key: KeyLike | Uint8Array, alg: string, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg }).setSubject(String(claims.sub ?? 'someone')).setIssuedAt().setExpirationTime('10m').sign(key);
}

const codesOf = (answer: { errors?: { extensions?: { code?: string } }[] }) => (answer.errors ?? []).map((e) => e.extensions?.code);

describe('issue 9 finding 1: a deployment started without configuration has random secrets, not the old constants', () => {
  let hub: TestHub;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hub-dev-folder-'));
    hub = await startHub({ agencies: ['fjdrc'], withDirectory: true, developmentDataDir: dataDir });
  });
  afterAll(async () => {
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (url: string, claimsHeader: string) => fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [GATEWAY_CLAIMS_HEADER]: claimsHeader },
    body: JSON.stringify({ query: '{ __typename }' }),
  });

  it('straight at a subgraph port, a claims header signed with the old constant is refused (401)', async () => {
    const forged = await signGatewayClaims({ sub: 'attacker', roles: ['disclosure-officer', 'admin'], agency: 'fjdrc' }, OLD_GATEWAY_SECRET);
    expect((await post(hub.agencies.get('fjdrc')!.url, forged)).status).toBe(401);
    expect((await post(hub.directory!.url, forged)).status).toBe(401);
    // The deployment does answer the gateway: with the secret its data folder generated.
    const { gatewaySecret } = JSON.parse(readFileSync(join(dataDir, 'dev-secrets.json'), 'utf8')) as { gatewaySecret: string };
    expect((await post(hub.agencies.get('fjdrc')!.url, await signGatewayClaims({ roles: [] }, gatewaySecret))).status).toBe(200);
  });

  it('through the gateway, a token signed with the old constant is UNAUTHENTICATED; one from the data folder works', async () => {
    const forged = await signed(new TextEncoder().encode(OLD_JWT_SECRET), 'HS256', { sub: 'attacker', roles: ['editor', 'disclosure-officer'], agency: 'fjdrc' });
    const refused = await hub.query(CREATE_DOCUMENT, DOCUMENT, forged);
    expect(codesOf(refused)).toEqual(['UNAUTHENTICATED']);
    const accepted = await hub.query(CREATE_DOCUMENT, DOCUMENT, await hub.token(['editor'], 'fjdrc'));
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.createDocument.id).toMatch(/^fjdrc:/);
  });
});

describe('issue 9 finding 1: issued ES256 keys for staff tokens and the coordination service', () => {
  let hub: TestHub;
  let provider: { privateKey: KeyLike; publicKey: KeyLike };
  let stranger: { privateKey: KeyLike };
  const folder = mkdtempSync(join(tmpdir(), 'hub-token-file-'));

  beforeAll(async () => {
    provider = await generateKeyPair('ES256');
    const service = await generateKeyPair('ES256');
    stranger = await generateKeyPair('ES256');
    hub = await startHub({
      agencies: ['fjdrc'],
      withCoordination: true,
      env: {
        // The identity provider's key and the coordination service's issued key, both trusted.
        HUB_JWT_PUBLIC_KEY: `${await exportSPKI(provider.publicKey)}\n${await exportSPKI(service.publicKey)}`,
        HUB_COORDINATION_SERVICE_KEY: await exportPKCS8(service.privateKey),
      },
    });
  });
  afterAll(async () => {
    await hub?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('a staff token signed with the provider\'s ES256 private key is accepted; HS256 and unknown keys are not', async () => {
    const editor = { sub: 'editor@fjdrc', roles: ['editor'], agency: 'fjdrc' };
    const accepted = await hub.query(CREATE_DOCUMENT, DOCUMENT, await signed(provider.privateKey, 'ES256', editor));
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.createDocument.id).toMatch(/^fjdrc:/);
    expect(codesOf(await hub.query(CREATE_DOCUMENT, DOCUMENT, await signed(stranger.privateKey, 'ES256', editor)))).toEqual(['UNAUTHENTICATED']);
    // With public keys configured, the shared secret no longer opens anything.
    expect(codesOf(await hub.query(CREATE_DOCUMENT, DOCUMENT, await signed(new TextEncoder().encode(TEST_SECRETS.HUB_JWT_SECRET), 'HS256', editor)))).toEqual(['UNAUTHENTICATED']);
  });

  it('the coordination service signing with HUB_COORDINATION_SERVICE_KEY acts as the service through the gateway', async () => {
    const { createReleasePlan } = await hub.coordination!.runtime.gateway.request<{ createReleasePlan: { id: string; status: string } }>(CREATE_PLAN, PLAN);
    expect(createReleasePlan.status).toBe('DRAFT');
    // Only the service may: the same call without its token is refused (its code is finding 9's business).
    expect((await hub.query(CREATE_PLAN, PLAN)).data?.createReleasePlan).toBeFalsy();
    const foreign = loadCoordinationConfig({ ...TEST_SECRETS, HUB_COORDINATION_SERVICE_KEY: await exportPKCS8(stranger.privateKey) });
    const impostor = new GatewayClient({ url: hub.gateway.url, identity: foreign.serviceIdentity });
    await expect(impostor.request(CREATE_PLAN, PLAN)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a service token issued by the provider is read from its file on every call, so a renewal takes effect at once', async () => {
    const file = join(folder, 'service-token');
    writeFileSync(file, `${await signed(provider.privateKey, 'ES256', { sub: 'coordination-service', roles: [], service: true })}\n`);
    const client = new GatewayClient({ url: hub.gateway.url, identity: loadCoordinationConfig({ ...TEST_SECRETS, HUB_COORDINATION_SERVICE_TOKEN_FILE: file }).serviceIdentity });
    expect((await client.request<{ createReleasePlan: { status: string } }>(CREATE_PLAN, PLAN)).createReleasePlan.status).toBe('DRAFT');
    writeFileSync(file, await signed(stranger.privateKey, 'ES256', { sub: 'coordination-service', roles: [], service: true }));
    const failure = await client.request(CREATE_PLAN, PLAN).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GatewayCallError);
    expect((failure as GatewayCallError).code).toBe('UNAUTHENTICATED');
  });
});
