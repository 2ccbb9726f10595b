process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { readFileSync } from 'node:fs';
import { ANONYMOUS, GATEWAY_CLAIMS_HEADER, signGatewayClaims } from '../../schema/contracts/claims';

/**
 * The baseline of the benchmarks: stock Apollo Gateway 2.x over the same supergraph with ONE
 * agency deployment (it cannot shard), signing the claims per call as the hub's gateway does.
 * Env: SUPERGRAPH (file), PORT, HUB_GATEWAY_SECRET.
 */
async function main(): Promise<void> {
  const secret = process.env.HUB_GATEWAY_SECRET!;
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(process.env.SUPERGRAPH!, 'utf8'),
    buildService: ({ url }) => new RemoteGraphQLDataSource({
      url,
      async willSendRequest({ request }) {
        request.http?.headers.set(GATEWAY_CLAIMS_HEADER, await signGatewayClaims(ANONYMOUS, secret));
      },
    }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT), host: '127.0.0.1' } });
  console.log(`apollo baseline ready at ${url}`);
  process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
