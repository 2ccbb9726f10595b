import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Role } from './claims';

/**
 * Bearer tokens of the hub, as the gateway verifies them: HS256 with a shared secret
 * (development, `npm run token`), or RS256/ES256 with an issued key pair (the provincial
 * identity provider, the coordination service's own key). Shared by the gateway, the
 * coordination subgraph and the tools, so none of them reaches into another's internals.
 */

/** The asymmetric algorithms accepted: RSA keys sign RS256, P-256 keys ES256. */
export type AsymmetricAlgorithm = 'RS256' | 'ES256';

/** A parsed key and the one algorithm it is used with. */
export interface AsymmetricKey {
  key: KeyObject;
  alg: AsymmetricAlgorithm;
}

/** How a token is signed: HS256 with a shared secret, or with a private key. */
export type TokenSigner = { secret: string } | AsymmetricKey;

/** What a hub token says about its holder. */
export interface TokenClaims {
  sub: string;
  roles: Role[];
  agency?: string;
  /** A service identity (the coordination subgraph): role `service` at the gateway. */
  service?: boolean;
}

function algorithmOf(key: KeyObject, variable: string): AsymmetricAlgorithm {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  const curve = key.asymmetricKeyDetails?.namedCurve;
  throw new RangeError(`${variable}: only RSA (RS256) and EC P-256 (ES256) keys are supported, got ${key.asymmetricKeyType}${curve ? ` ${curve}` : ''}`);
}

/** PEM blocks of a setting; environment files often carry a PEM's line breaks as a literal `\n`. */
function pemBlocks(pem: string): { label: string; text: string }[] {
  const text = pem.replace(/\\n/g, '\n');
  return [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g)].map((m) => ({ label: m[1], text: m[0] }));
}

/** The private key (PKCS#8 or traditional PEM, RSA or P-256) in setting `variable`; a bad one fails at start, naming it. */
export function privateKeyFrom(pem: string, variable: string): AsymmetricKey {
  const blocks = pemBlocks(pem);
  if (blocks.length !== 1 || !/PRIVATE KEY$/.test(blocks[0].label)) throw new RangeError(`${variable} must hold one PEM private key`);
  let key: KeyObject;
  try {
    key = createPrivateKey(blocks[0].text);
  } catch (error) {
    throw new RangeError(`${variable} is not a readable private key: ${(error as Error).message}`);
  }
  return { key, alg: algorithmOf(key, variable) };
}

/**
 * The public keys (one or more PEM blocks, RSA or P-256) in setting `variable`. A private key is
 * refused, so it is never left in the verifier's environment by mistake.
 */
export function publicKeysFrom(pem: string, variable: string): AsymmetricKey[] {
  const blocks = pemBlocks(pem);
  if (blocks.length === 0) throw new RangeError(`${variable} must hold one or more PEM public keys`);
  return blocks.map(({ label, text }) => {
    if (label !== 'PUBLIC KEY' && label !== 'RSA PUBLIC KEY') throw new RangeError(`${variable} must hold public keys only, found a ${label}`);
    let key: KeyObject;
    try {
      key = createPublicKey(text);
    } catch (error) {
      throw new RangeError(`${variable} is not a readable public key: ${(error as Error).message}`);
    }
    return { key, alg: algorithmOf(key, variable) };
  });
}

/** Signs a hub token valid for `ttl` (a jose duration, e.g. "12h", "300s"), with `iss` when given. */
export function issueToken(signer: TokenSigner, claims: TokenClaims, options: { ttl?: string; issuer?: string } = {}): Promise<string> {
  const jwt = new SignJWT({ roles: claims.roles, agency: claims.agency, service: claims.service })
    .setProtectedHeader({ alg: 'secret' in signer ? 'HS256' : signer.alg })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(options.ttl ?? '12h');
  if (options.issuer) jwt.setIssuer(options.issuer);
  return jwt.sign('secret' in signer ? new TextEncoder().encode(signer.secret) : signer.key);
}
