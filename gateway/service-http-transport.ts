import type { Transport } from '@graphql-mesh/transport-common';
import type { ExecutionRequest, ExecutionResult } from '@graphql-tools/utils';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unavailableError } from '../schema/contracts/errors';
import { unavailableReasonOf, type ShardClients } from './sharding/shard-client';

type Executor = (request: ExecutionRequest) => Promise<ExecutionResult>;

/**
 * A subgraph's error as the engine needs it: a GraphQLError (a plain JSON object would be masked
 * as "Unexpected error."), keeping the subgraph's own message and code, with no `originalError`
 * so the engine's masking knows it is a deliberate refusal, not an internal fault.
 */
function fromSubgraph(error: GraphQLFormattedError): GraphQLError {
  return new GraphQLError(error.message, { path: error.path, extensions: error.extensions });
}

/**
 * A singleton subgraph (directory, coordination) over HTTP through the same lean keep-alive
 * executor, deadline and circuit breaker the agency shards use (a slow directory must not hang the
 * portal), its client kept in `clients`. It only routes: the signed claims and idempotency headers
 * are already in the request's `extensions.headers` (`useSubgraphHeaders`, gateway/subgraph-headers.ts).
 * `caches` wraps a subgraph's executor (by subgraph name) in an entity cache (gateway/entity-cache.ts).
 */
export function createServiceHttpTransport(clients: ShardClients, caches: Record<string, (executor: Executor) => Executor> = {}): Transport {
  return {
    getSubgraphExecutor({ transportEntry }) {
      const { subgraph, location } = transportEntry;
      if (!location) throw new Error(`no location for subgraph ${subgraph}`);
      const client = clients.get(subgraph, location);
      const cached = caches[subgraph] ?? ((executor: Executor) => executor);
      return cached(async (request: ExecutionRequest): Promise<ExecutionResult> => {
        try {
          const result = await client.execute(request);
          return result.errors ? { ...result, errors: result.errors.map(fromSubgraph) } : result;
        } catch (error) {
          return { errors: [unavailableError({ service: subgraph }, unavailableReasonOf(error))] };
        }
      });
    },
  };
}
