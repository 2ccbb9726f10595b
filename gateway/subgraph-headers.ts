import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { ExecutionRequest } from '@graphql-tools/utils';
import { GATEWAY_CLAIMS_HEADER } from '../schema/contracts/claims';
import { idempotencyHeadersOf } from './idempotency';

/**
 * The one place where the gateway puts on every subgraph call the caller's signed claims
 * (`x-hub-claims`) and, on a mutation, the client's idempotency headers, whatever transport
 * carries the call. The runtime runs `onSubgraphExecute` before the executor a transport made, so
 * the transports only route; the sharded transport's own HTTP executor sends
 * `extensions.headers` as they are, on every shard call of the request. (The model is the
 * runtime's upstream-signature plugin, which also signs in this hook.)
 */
export function useSubgraphHeaders(signedClaimsOf: (context: unknown) => Promise<string>): GatewayPlugin {
  return {
    async onSubgraphExecute({ executionRequest, setExecutionRequest }) {
      const request = executionRequest as ExecutionRequest;
      const headers = {
        ...(request.extensions?.headers as Record<string, string> | undefined),
        ...(request.operationType === 'mutation' ? idempotencyHeadersOf(request.context) : {}),
        [GATEWAY_CLAIMS_HEADER]: await signedClaimsOf(request.context),
      };
      // A new request object: the planner may share `extensions` between the calls of one operation.
      setExecutionRequest({ ...request, extensions: { ...request.extensions, headers } });
    },
  };
}
