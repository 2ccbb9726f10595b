import type { Role } from '../schema/contracts/claims';
import { loadGatewayConfig } from '../gateway/config';
import { issueToken } from '../schema/contracts/tokens';

/**
 * A token the local gateway accepts for `roles` of `agency`, signed with the gateway's own HS256
 * secret (HUB_JWT_SECRET, or in development the data folder's): what `npm run token` prints and
 * `npm run screenshots` signs the staff pages in with. Refused when the gateway trusts an identity provider.
 */
export async function devToken(roles: Role[], options: { agency?: string; sub?: string; ttl?: string } = {}): Promise<string> {
  const config = loadGatewayConfig();
  if (!config.jwtSecret) throw new Error('HUB_JWT_PUBLIC_KEY is set: tokens come from the identity provider, not from this tool');
  const service = roles.includes('service');
  const claims = { sub: options.sub ?? `${roles.join('+')}@${options.agency ?? 'province'}`, roles: roles.filter((r) => r !== 'service'), agency: options.agency, service };
  return issueToken({ secret: config.jwtSecret }, claims, { ttl: options.ttl ?? '12h', issuer: config.jwtIssuer });
}
