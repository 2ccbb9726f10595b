import type { Transport } from '@graphql-mesh/transport-common';
import type { ExecutionRequest, ExecutionResult } from '@graphql-tools/utils';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { GATEWAY_CLAIMS_HEADER } from '../schema/contracts/claims';
import { idempotencyHeadersOf } from './idempotency';
import { ShardUnavailable, type ShardClients } from './sharding/shard-client';

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
 * signed by the gateway; through the same lean keep-alive executor, deadline and circuit breaker
 * the agency shards use (a slow directory must not hang the portal), its client kept in `clients`.
 */
export function createSignedHttpTransport(signedClaimsOf: (context: unknown) => Promise<string>, clients: ShardClients): Transport {
  return {
    getSubgraphExecutor({ transportEntry }) {
      const { subgraph, location } = transportEntry;
      if (!location) throw new Error(`no location for subgraph ${subgraph}`);
      const client = clients.get(subgraph, location);
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
        } catch (error) {
          const reason = error instanceof ShardUnavailable ? error.reason : 'error';
          return { errors: [new GraphQLError(`${subgraph} 服务暂时无法访问 / The ${subgraph} service is unavailable`, { extensions: { code: 'SERVICE_UNAVAILABLE', service: subgraph, reason } })] };
        }
      };
    },
  };
}
