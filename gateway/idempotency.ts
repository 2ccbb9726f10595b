import { fingerprintOf, IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_REQUEST_HEADER } from '../schema/contracts/idempotency';

const printByContext = new WeakMap<object, Record<string, string>>();

/**
 * The headers that carry a client's `Idempotency-Key` to the subgraph calls of a mutation: the key
 * and the fingerprint of the whole client request (computed once per request), so a subgraph can
 * tell a retry from another request under the same key. Empty when the client sent no key.
 */
export function idempotencyHeadersOf(context: unknown): Record<string, string> {
  if (!context || typeof context !== 'object') return {};
  let headers = printByContext.get(context);
  if (!headers) {
    const { request, params } = context as { request?: Request; params?: Record<string, unknown> };
    const key = request?.headers.get(IDEMPOTENCY_KEY_HEADER);
    headers = key === null || key === undefined ? {} : {
      [IDEMPOTENCY_KEY_HEADER]: key,
      [IDEMPOTENCY_REQUEST_HEADER]: fingerprintOf({
        query: params?.query ?? null, operationName: params?.operationName ?? null, variables: params?.variables ?? {}, extensions: params?.extensions ?? {},
      }),
    };
    printByContext.set(context, headers);
  }
  return headers;
}
