import type { Transport } from '@graphql-mesh/transport-common';
import type { ExecutionRequest, ExecutionResult } from '@graphql-tools/utils';
import { GraphQLError } from 'graphql';
import { GATEWAY_CLAIMS_HEADER } from '../subgraphs/shared/claims';
import { ShardUnavailable, type ShardClients } from './sharding/shard-client';

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
          return await client.execute({
            ...request,
            extensions: {
              ...request.extensions,
              headers: { ...(request.extensions?.headers as object), [GATEWAY_CLAIMS_HEADER]: await signedClaimsOf(request.context) },
            },
          });
        } catch (error) {
          const reason = error instanceof ShardUnavailable ? error.reason : 'error';
          return { errors: [new GraphQLError(`${subgraph} 服务暂时无法访问 / The ${subgraph} service is unavailable`, { extensions: { code: 'SERVICE_UNAVAILABLE', service: subgraph, reason } })] };
        }
      };
    },
  };
}
