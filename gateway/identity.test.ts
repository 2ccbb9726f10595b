import { verifyGatewayClaims } from '../schema/contracts/claims';
import { issueToken } from '../schema/contracts/tokens';
import { useHubIdentity } from './identity';

/**
 * Issue 12: the gateway verifies a token once and signs a caller's claims once for a while, not
 * on every request — and neither shortcut lets through what a fresh check would refuse.
 */
describe('useHubIdentity: verified tokens and signed claims kept', () => {
  const jwtSecret = 'j'.repeat(32);
  const gatewaySecret = 'g'.repeat(32);
  const identity = useHubIdentity({ jwtSecret, gatewaySecret });
  const headers = (token: string) => new Headers({ authorization: `Bearer ${token}` });
  /** A context as the runtime builds one for a request carrying `token` (none: anonymous). */
  const contextOf = async (token?: string) => {
    const context = { request: new Request('http://gateway/graphql', { headers: token ? headers(token) : {} }) };
    await identity.onContextBuilding!({ context } as never);
    return context;
  };

  it('refuses a token once it has expired, though it was accepted before', async () => {
    const token = await issueToken({ secret: jwtSecret }, { sub: 'editor@fjdrc', roles: ['editor'], agency: 'fjdrc' }, { ttl: '1s' });
    expect(await identity.claimsOfHeaders(headers(token))).toEqual({ sub: 'editor@fjdrc', agency: 'fjdrc', roles: ['editor'] });
    await new Promise((r) => setTimeout(r, 2100));
    await expect(identity.claimsOfHeaders(headers(token))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('never takes a token for another because their claims match: a forged signature is refused after the real one', async () => {
    const token = await issueToken({ secret: jwtSecret }, { sub: 'reviewer@fjczt', roles: ['reviewer'], agency: 'fjczt' });
    await identity.claimsOfHeaders(headers(token));
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    await expect(identity.claimsOfHeaders(headers(forged))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('signs one caller\'s claims once for its requests, and each caller its own', async () => {
    const editor = await issueToken({ secret: jwtSecret }, { sub: 'editor@fjdrc', roles: ['editor'], agency: 'fjdrc' });
    const other = await issueToken({ secret: jwtSecret }, { sub: 'editor@fjczt', roles: ['editor'], agency: 'fjczt' });
    const [first, second, otherAgency, anonymous] = await Promise.all([
      identity.signedClaimsOf(await contextOf(editor)), identity.signedClaimsOf(await contextOf(editor)),
      identity.signedClaimsOf(await contextOf(other)), identity.signedClaimsOf(await contextOf()),
    ]);
    expect(second).toBe(first);
    expect(await verifyGatewayClaims(first, gatewaySecret)).toMatchObject({ sub: 'editor@fjdrc', agency: 'fjdrc', roles: ['editor'] });
    expect(await verifyGatewayClaims(otherAgency, gatewaySecret)).toMatchObject({ sub: 'editor@fjczt', agency: 'fjczt', roles: ['editor'] });
    expect(await verifyGatewayClaims(anonymous, gatewaySecret)).toMatchObject({ roles: [] });
  });
});
