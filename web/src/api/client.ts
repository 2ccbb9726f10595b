import { useEffect, useState } from 'preact/hooks';
import { bearerToken } from '../auth/session';
import type { PersistedOperation } from './operations.generated';

export * from './operations.generated';

/** One error of a GraphQL answer, as the gateway writes it. */
export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; agency?: string; agencies?: string[]; field?: string; [key: string]: unknown };
}

/** A GraphQL answer: partial data with errors is normal (one agency unavailable). */
export interface Answer<TResult> {
  data: TResult | null;
  errors: GraphQLErrorShape[];
}

/** The gateway's GraphQL endpoint (same origin as the app). */
const ENDPOINT = '/graphql';

/**
 * Sends a persisted operation by its hash only (Apollo's persisted-query protocol), so the
 * portal and the staff pages run on a gateway in safelist mode. A transport failure or a non-GraphQL answer throws.
 */
export async function request<TResult, TVariables>(operation: PersistedOperation<TResult, TVariables>, variables: TVariables, signal?: AbortSignal): Promise<Answer<TResult>> {
  const token = bearerToken();
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    // application/json makes the request preflighted: the gateway's CSRF prevention lets it through.
    // A signed-in staff member's token goes along: the deployments answer by its claims.
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ operationName: operation.name, variables, extensions: { persistedQuery: { version: 1, sha256Hash: operation.hash } } }),
    signal,
  });
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) throw new Error(`HTTP ${response.status}`);
  const body = (await response.json()) as { data?: TResult | null; errors?: GraphQLErrorShape[] };
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** A query's state in a component. */
export interface QueryState<TResult> {
  loading: boolean;
  data: TResult | null;
  errors: GraphQLErrorShape[];
  /** The transport failed (no GraphQL answer at all). */
  failed: boolean;
}

/** Runs `operation` when mounted and whenever `variables` change (compared as JSON); `skip` runs nothing. */
export function useQuery<TResult, TVariables>(operation: PersistedOperation<TResult, TVariables>, variables: TVariables, options: { skip?: boolean } = {}): QueryState<TResult> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<QueryState<TResult>>({ loading: !options.skip, data: null, errors: [], failed: false });
  useEffect(() => {
    if (options.skip) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    request(operation, variables, controller.signal).then(
      (answer) => setState({ loading: false, data: answer.data, errors: answer.errors, failed: false }),
      // An aborted request belongs to variables no longer shown; any other failure is the page's.
      () => {
        if (!controller.signal.aborted) setState({ loading: false, data: null, errors: [], failed: true });
      },
    );
    return () => controller.abort();
  }, [operation.hash, key, options.skip]);
  return state;
}

/** Agencies named by the answer's availability notices: AGENCY_UNAVAILABLE (`agency`) and CATALOGUE_STALE (`agencies`). */
export function agencyNotices(errors: GraphQLErrorShape[]): { unavailable: string[]; stale: string[] } {
  const unavailable = new Set<string>();
  const stale = new Set<string>();
  for (const error of errors) {
    const extensions = error.extensions ?? {};
    if (extensions.code === 'AGENCY_UNAVAILABLE' && extensions.agency) unavailable.add(extensions.agency);
    if (extensions.code === 'CATALOGUE_STALE') for (const agency of extensions.agencies ?? []) stale.add(agency);
  }
  return { unavailable: [...unavailable].sort(), stale: [...stale].sort() };
}

/** Errors other than availability notices: what a page reports as its own failure. */
export function otherErrors(errors: GraphQLErrorShape[]): GraphQLErrorShape[] {
  return errors.filter((e) => e.extensions?.code !== 'AGENCY_UNAVAILABLE' && e.extensions?.code !== 'CATALOGUE_STALE');
}
