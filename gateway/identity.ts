import { decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { GraphQLError } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ANONYMOUS, ROLES, signGatewayClaims, type Claims, type Role } from '../schema/contracts/claims';
import type { AsymmetricKey } from '../schema/contracts/tokens';
import { ExpiringCache } from './expiring-cache';

/** Options of the caller verification. */
export interface IdentityOptions {
  /** HS256 secret of locally issued tokens (development, `npm run token`). */
  jwtSecret?: string;
  /** Public keys (RS256/ES256) of the provincial identity provider and issued service keys; when set, the only keys accepted. */
  jwtPublicKeys?: AsymmetricKey[];
  /** Expected `iss`, when set. */
  jwtIssuer?: string;
  /** Secret shared with the subgraphs, to sign the claims passed on. */
  gatewaySecret: string;
}

const claimsByContext = new WeakMap<object, Claims>();
const signedByContext = new WeakMap<object, Promise<string>>();
/** Each request's token is verified once, by whichever of the quotas and the context building asks first. */
const claimsByRequest = new WeakMap<Request, Promise<Claims>>();

/** How long one signature of a caller's claims serves that caller's requests: a third of its 60 s life, so a subgraph never gets one about to expire. */
const SIGNED_CLAIMS_REUSE_MS = 20_000;
/** Callers (signed claims) and tokens (verified claims) kept at most, so a flood of tokens costs memory only up to here. */
const MAX_CACHED = 10_000;

/** The verified caller of a gateway request (anonymous when it presented no token). */
export function claimsOf(context: unknown): Claims {
  return (context && typeof context === 'object' ? claimsByContext.get(context) : undefined) ?? ANONYMOUS;
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** What the gateway's other parts ask of the caller verification. */
export interface HubIdentity {
  /** The claims of a request's bearer token (ANONYMOUS without one); rejects, UNAUTHENTICATED, on a bad token. Outside GraphQL (the exports). */
  claimsOfHeaders(headers: Headers): Promise<Claims>;
  /** The request's verified claims, signed for the subgraphs (once per request). */
  signedClaimsOf(context: unknown): Promise<string>;
  /**
   * A request's token verified once, for the quotas (which tell a service identity from staff
   * before the context is built) and the context alike; undefined without an Authorization header.
   */
  verifiedClaimsOf(request: Request): Promise<Claims> | undefined;
}

/**
 * Verifies the caller's bearer token at the gateway (once per token, until it expires) and keeps
 * the claims for the request; `signedClaimsOf` signs them (once per caller every
 * {@link SIGNED_CLAIMS_REUSE_MS}) and gateway/subgraph-headers.ts puts them on every subgraph
 * call, so a subgraph can trust them.
 */
export function useHubIdentity(options: IdentityOptions): GatewayPlugin & HubIdentity {
  const secret = options.jwtSecret ? new TextEncoder().encode(options.jwtSecret) : undefined;
  const verify = async (token: string): Promise<JWTPayload> => {
    if (options.jwtPublicKeys) {
      // Several keys may share an algorithm (the identity provider's and a service's): the one that verifies wins.
      const { alg } = decodeProtectedHeader(token);
      let failure: unknown = new Error(`no configured key for ${alg}`);
      for (const { key, alg: keyAlg } of options.jwtPublicKeys) {
        if (keyAlg !== alg) continue;
        try {
          return (await jwtVerify(token, key, { issuer: options.jwtIssuer, algorithms: [keyAlg] })).payload;
        } catch (error) {
          failure = error;
        }
      }
      throw failure;
    }
    if (!secret) throw unauthenticated('网关未配置身份验证密钥 / No token verification key configured');
    return (await jwtVerify(token, secret, { issuer: options.jwtIssuer, algorithms: ['HS256'] })).payload;
  };
  // A token verified once serves until it expires (every request of a page's session carries the
  // same one); only tokens that verified are kept.
  const verifiedTokens = new ExpiringCache<Claims>(MAX_CACHED);
  // Verifies the bearer token of a request's headers: the caller's claims, ANONYMOUS without one.
  const claimsOfHeaders = async (headers: Headers): Promise<Claims> => {
    const header = headers.get('authorization');
    if (!header) return ANONYMOUS;
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
    if (!token) throw unauthenticated('Authorization 头应为 "Bearer <token>" / Authorization must be "Bearer <token>"');
    const known = verifiedTokens.get(token, Date.now());
    if (known) return known;
    try {
      const payload = await verify(token);
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => ROLES.includes(r as Role) && r !== 'service') : [];
      if (payload.service === true) roles.push('service');
      const claims = { sub: payload.sub, agency: typeof payload.agency === 'string' ? payload.agency : undefined, roles };
      // jose refuses a token without a future `exp` only when it has one; one without is kept a minute.
      verifiedTokens.set(token, claims, typeof payload.exp === 'number' ? payload.exp * 1000 : Date.now() + 60_000);
      return claims;
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      throw unauthenticated('身份令牌无效或已过期 / The token is invalid or expired');
    }
  };
  const verifiedClaimsOf = (request: Request): Promise<Claims> | undefined => {
    if (!request.headers.has('authorization')) return undefined;
    let claims = claimsByRequest.get(request);
    if (!claims) {
      claims = claimsOfHeaders(request.headers);
      // Whoever asks first may not be the one who fails the request (the quotas only look).
      claims.catch(() => undefined);
      claimsByRequest.set(request, claims);
    }
    return claims;
  };
  // One signature of a caller's claims serves all of that caller's requests for a while: the
  // subgraphs check the signature and the expiry, and the claims are the same.
  const signedCallers = new ExpiringCache<Promise<string>>(MAX_CACHED);
  return {
    async onContextBuilding({ context }) {
      const request = (context as { request?: Request }).request;
      const claims = request && verifiedClaimsOf(request);
      if (claims) claimsByContext.set(context, await claims);
    },
    claimsOfHeaders,
    verifiedClaimsOf,
    signedClaimsOf(context: unknown): Promise<string> {
      const ctx = (context ?? {}) as object;
      let signed = signedByContext.get(ctx);
      if (!signed) {
        const claims = claimsOf(ctx);
        const caller = JSON.stringify([claims.sub ?? null, claims.agency ?? null, claims.roles]);
        const now = Date.now();
        signed = signedCallers.get(caller, now);
        if (!signed) {
          signed = signGatewayClaims(claims, options.gatewaySecret);
          signedCallers.set(caller, signed, now + SIGNED_CLAIMS_REUSE_MS);
        }
        signedByContext.set(ctx, signed);
      }
      return signed;
    },
  };
}
