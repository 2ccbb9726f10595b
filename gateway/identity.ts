import { importSPKI, jwtVerify, SignJWT, type KeyLike } from 'jose';
import { GraphQLError } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ANONYMOUS, ROLES, signGatewayClaims, type Claims, type Role } from '../subgraphs/shared/claims';

/** Options of the caller verification. */
export interface IdentityOptions {
  /** HS256 secret of locally issued tokens (development, `npm run token`). */
  jwtSecret?: string;
  /** PEM public key (RS256/ES256) of the provincial identity provider; when set, it is the only accepted issuer key. */
  jwtPublicKeyPem?: string;
  /** Expected `iss`, when set. */
  jwtIssuer?: string;
  /** Secret shared with the subgraphs, to sign the claims passed on. */
  gatewaySecret: string;
}

const claimsByContext = new WeakMap<object, Claims>();
const signedByContext = new WeakMap<object, Promise<string>>();

/** The verified caller of a gateway request (anonymous when it presented no token). */
export function claimsOf(context: unknown): Claims {
  return (context && typeof context === 'object' ? claimsByContext.get(context) : undefined) ?? ANONYMOUS;
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/**
 * Verifies the caller's bearer token at the gateway and keeps the claims for the request; the
 * transports pass them on signed (once per request), so a subgraph can trust them.
 */
export function useHubIdentity(options: IdentityOptions): GatewayPlugin & { signedClaimsOf(context: unknown): Promise<string> } {
  let publicKey: Promise<KeyLike> | undefined;
  const key = async (): Promise<KeyLike | Uint8Array> => {
    if (options.jwtPublicKeyPem) return (publicKey ??= importSPKI(options.jwtPublicKeyPem, 'RS256'));
    if (!options.jwtSecret) throw unauthenticated('网关未配置身份验证密钥 / No token verification key configured');
    return new TextEncoder().encode(options.jwtSecret);
  };
  return {
    async onContextBuilding({ context }) {
      const header = (context as { request?: Request }).request?.headers.get('authorization');
      if (!header) return;
      const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
      if (!token) throw unauthenticated('Authorization 头应为 "Bearer <token>" / Authorization must be "Bearer <token>"');
      try {
        const { payload } = await jwtVerify(token, await key(), { issuer: options.jwtIssuer, algorithms: options.jwtPublicKeyPem ? ['RS256', 'ES256'] : ['HS256'] });
        const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => ROLES.includes(r as Role) && r !== 'service') : [];
        if (payload.service === true) roles.push('service');
        claimsByContext.set(context, { sub: payload.sub, agency: typeof payload.agency === 'string' ? payload.agency : undefined, roles });
      } catch (error) {
        if (error instanceof GraphQLError) throw error;
        throw unauthenticated('身份令牌无效或已过期 / The token is invalid or expired');
      }
    },
    signedClaimsOf(context: unknown): Promise<string> {
      const ctx = (context ?? {}) as object;
      let signed = signedByContext.get(ctx);
      if (!signed) {
        signed = signGatewayClaims(claimsOf(ctx), options.gatewaySecret);
        signedByContext.set(ctx, signed);
      }
      return signed;
    },
  };
}

/** Issues a development token (HS256), as `npm run token` prints. */
export function issueDevToken(secret: string, claims: { sub: string; roles: Role[]; agency?: string; service?: boolean }, ttl = '12h'): Promise<string> {
  return new SignJWT({ roles: claims.roles, agency: claims.agency, service: claims.service })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}
