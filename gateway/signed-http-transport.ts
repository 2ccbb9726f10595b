import type { Transport } from '@graphql-mesh/transport-common';
import type { ExecutionRequest, ExecutionResult } from '@graphql-tools/utils';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { GATEWAY_CLAIMS_HEADER } from '../subgraphs/shared/claims';
import { createHttpShardExecutor } from './sharding/http-shard-executor';
import { idempotencyHeadersOf } from './idempotency';
import type { CallObserver } from './observability';
import { ShardClient, type ShardCallOptions } from './sharding/shard-client';

/**
 * A subgraph's error as the engine needs it: a GraphQLError (a plain JSON object would be masked
 * as "Unexpected error."), keeping the subgraph's own message and code, with no `originalError`
 * so the engine's masking knows it is a deliberate refusal, not an internal fault.
 */
function fromSubgraph(error: GraphQLFormattedError): GraphQLError {
  return new GraphQLError(error.message, { path: error.path, extensions: error.extensions });
}

/**
 * A singleton subgraph (directory, coordination) over HTTP, each call carrying the caller's claims
 * signed by the gateway; through the same lean keep-alive executor the agency shards use.
 */
export function createSignedHttpTransport(signedClaimsOf: (context: unknown) => Promise<string>, calls: ShardCallOptions, observe?: CallObserver): Transport {
  return {
    getSubgraphExecutor({ transportEntry }) {
      const { subgraph, location } = transportEntry;
      if (!location) throw new Error(`no location for subgraph ${subgraph}`);
      // The same deadline and circuit breaker as an agency deployment: a slow directory must not hang the portal.
      const client = new ShardClient(subgraph, location, createHttpShardExecutor(location, calls.timeoutMs), calls, observe);
      return async (request: ExecutionRequest): Promise<ExecutionResult> => {
        try {
          const result = await client.execute({
            ...request,
            extensions: {
              ...request.extensions,
              headers: {
                ...(request.extensions?.headers as object),
                ...(request.operationType === 'mutation' ? idempotencyHeadersOf(request.context) : {}),
                [GATEWAY_CLAIMS_HEADER]: await signedClaimsOf(request.context),
              },
            },
          });
          return result.errors ? { ...result, errors: result.errors.map(fromSubgraph) } : result;
        } catch {
          return { errors: [new GraphQLError(`${subgraph} 服务暂时无法访问 / The ${subgraph} service is unavailable`, { extensions: { code: 'SERVICE_UNAVAILABLE', service: subgraph } })] };
        }
      };
    },
  };
}
