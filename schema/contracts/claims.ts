import { SignJWT, jwtVerify } from 'jose';

/** Role ids carried in tokens (the roles `npm run token -- --role` issues). */
export const ROLES = ['editor', 'reviewer', 'disclosure-officer', 'admin', 'coordinator', 'supervisor', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** The verified caller, as the gateway vouches for it. Anonymous callers have no subject and no roles. */
export interface Claims {
  sub?: string;
  /** Registry code of the caller's agency, for agency staff. */
  agency?: string;
  roles: Role[];
}

export const ANONYMOUS: Claims = Object.freeze({ roles: [] }) as Claims;

/** Header in which the gateway passes the verified claims to subgraphs, signed. */
export const GATEWAY_CLAIMS_HEADER = 'x-hub-claims';
const ISSUER = 'hub-gateway';
const AUDIENCE = 'hub-subgraph';

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signs claims as the gateway does for each subgraph call; short-lived so a captured header is soon useless. */
export async function signGatewayClaims(claims: Claims, secret: string, ttlSeconds = 60): Promise<string> {
  return new SignJWT({ agency: claims.agency, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(claims.sub ?? 'anonymous')
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keyOf(secret));
}

/** Verifies the gateway's signature; throws when the header is forged, expired or malformed. */
export async function verifyGatewayClaims(token: string, secret: string): Promise<Claims> {
  const { payload } = await jwtVerify(token, keyOf(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => ROLES.includes(r as Role)) : [];
  return {
    sub: payload.sub === 'anonymous' ? undefined : payload.sub,
    agency: typeof payload.agency === 'string' ? payload.agency : undefined,
    roles,
  };
}

/** Staff roles that act inside one agency. */
const AGENCY_STAFF_ROLES: readonly Role[] = ['editor', 'reviewer', 'disclosure-officer', 'admin'];

/** True when the caller works for `agency` in one of `roles` (admin always qualifies). */
export function actsFor(claims: Claims, agency: string, roles: readonly Role[] = AGENCY_STAFF_ROLES): boolean {
  return claims.agency === agency && claims.roles.some((r) => r === 'admin' || roles.includes(r));
}
