import type { Transport } from '@graphql-mesh/transport-common';
import type { ExecutionRequest, Executor } from '@graphql-tools/utils';
import { GATEWAY_CLAIMS_HEADER } from '../subgraphs/shared/claims';

/** A singleton subgraph over HTTP, each call carrying the caller's claims signed by the gateway. */
export function createSignedHttpTransport(signedClaimsOf: (context: unknown) => Promise<string>): Transport {
  return {
    async getSubgraphExecutor({ getTransportExecutor, transportEntry }) {
      const http = (await getTransportExecutor({ ...transportEntry, kind: 'http' })) as Executor;
      return async (request: ExecutionRequest) =>
        http({
          ...request,
          extensions: {
            ...request.extensions,
            headers: { ...(request.extensions?.headers as object), [GATEWAY_CLAIMS_HEADER]: await signedClaimsOf(request.context) },
          },
        });
    },
  };
}
