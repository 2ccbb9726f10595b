import { createHash } from 'node:crypto';

/** Idempotency keys as they travel: client → gateway → subgraph (the subgraph stores the outcome). */

/** The header a client sends with a mutation so that a retry of it happens once. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/**
 * Set by the gateway beside the key: the fingerprint of the whole client request (document,
 * operation name, variables). One gateway request may become several subgraph operations; they
 * share the key, and a retry must be the same client request.
 */
export const IDEMPOTENCY_REQUEST_HEADER = 'x-hub-idempotency-request';

/** A UUID (36 characters) fits; 16 characters at least, so that a key is not guessed. */
const KEY_FORMAT = /^[A-Za-z0-9_-]{16,64}$/;

/** True when `key` is a well-formed idempotency key. */
export function isIdempotencyKey(key: string): boolean {
  return KEY_FORMAT.test(key);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 (hex) of a JSON value, independent of the order of object keys. */
export function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}
