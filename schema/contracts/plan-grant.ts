import { SignJWT, jwtVerify } from 'jose';

/**
 * A plan grant: the coordination service's signed statement, attached to every embargo and
 * release call it makes to an agency, that a release plan exists in the state named and links
 * exactly these documents of that agency. Agencies act on holds and releases only under a grant
 * (HS256, short-lived, audience = the agency), so a made-up plan id or a document the plan does
 * not link is refused whoever sends it.
 */
export interface PlanGrant {
  planId: string;
  /** The plan's state when the grant was issued: CONFIRMED (holds, prepare) or COMMITTING (commit). */
  status: 'CONFIRMED' | 'COMMITTING';
  releaseAt: Date;
  /** The agency the grant is for. */
  agency: string;
  /** The documents of that agency the plan links, with their content hash when linked. */
  documents: { id: string; contentHash: string }[];
  /** How many documents the whole plan releases, across every agency (the catalogue shows them all at once). */
  planSize: number;
}

const ISSUER = 'hub-coordination';
const AUDIENCE_PREFIX = 'hub-agency:';
/** Long enough for one call through the gateway and its retries, short enough that a captured grant is soon useless. */
const GRANT_TTL_SECONDS = 300;

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signs a grant for one agency, as the coordination service does before each call. */
export function signPlanGrant(grant: PlanGrant, secret: string, ttlSeconds = GRANT_TTL_SECONDS): Promise<string> {
  return new SignJWT({ status: grant.status, releaseAt: grant.releaseAt.toISOString(), documents: grant.documents, planSize: grant.planSize })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(`${AUDIENCE_PREFIX}${grant.agency}`)
    .setSubject(grant.planId)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keyOf(secret));
}

/** Verifies a grant for `agency`; throws when it is forged, expired, for another agency or malformed. */
export async function verifyPlanGrant(token: string, secret: string, agency: string): Promise<PlanGrant> {
  const { payload } = await jwtVerify(token, keyOf(secret), { issuer: ISSUER, audience: `${AUDIENCE_PREFIX}${agency}`, algorithms: ['HS256'] });
  const releaseAt = new Date(String(payload.releaseAt));
  const documents = Array.isArray(payload.documents) ? payload.documents : null;
  if (!payload.sub || (payload.status !== 'CONFIRMED' && payload.status !== 'COMMITTING') || Number.isNaN(releaseAt.getTime()) || !documents
    || !documents.every((d) => typeof d?.id === 'string' && typeof d?.contentHash === 'string')
    || !Number.isInteger(payload.planSize) || (payload.planSize as number) < documents.length) {
    throw new TypeError('malformed plan grant');
  }
  return { planId: payload.sub, status: payload.status, releaseAt, agency, documents: documents.map(({ id, contentHash }) => ({ id, contentHash })), planSize: payload.planSize as number };
}
