import { buildSchema } from 'graphql';
import { GATEWAY_CLAIMS_HEADER, signGatewayClaims } from '../../schema/contracts/claims';
import { startSubgraphServer } from './subgraph-http';

const SECRET = 'test-secret-of-the-gateway';

describe('issue 9 finding 8: a subgraph server drains on stop', () => {
  it('lets a slow in-flight request finish while new connections are refused', async () => {
    const schema = buildSchema('type Query { slow: String }');
    // A resolver that takes 800 ms: a request in flight when stop() is called.
    (schema.getQueryType()!.getFields().slow as { resolve?: () => Promise<string> }).resolve = () => new Promise((resolve) => setTimeout(() => resolve('done'), 800));
    const subgraph = await startSubgraphServer({ name: 'slow', schema, gatewaySecret: SECRET, createContext: () => ({}), shutdownGraceMs: 5000 }, 0);
    const headers = { 'content-type': 'application/json', [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims({ roles: [] }, SECRET) };
    const inFlight = fetch(subgraph.url, { method: 'POST', headers, body: JSON.stringify({ query: '{ slow }' }) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    const stopped = subgraph.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(subgraph.url.replace('/graphql', '/health'))).rejects.toThrow();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { slow: 'done' } });
    await stopped;
    // Closed as soon as the last answer went out, not after the grace period or a keep-alive timeout.
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('cuts what is still running when the grace period ends', async () => {
    const schema = buildSchema('type Query { never: String }');
    (schema.getQueryType()!.getFields().never as { resolve?: () => Promise<string> }).resolve = () => new Promise(() => undefined);
    const subgraph = await startSubgraphServer({ name: 'hung', schema, gatewaySecret: SECRET, createContext: () => ({}), shutdownGraceMs: 300 }, 0);
    const headers = { 'content-type': 'application/json', [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims({ roles: [] }, SECRET) };
    const inFlight = fetch(subgraph.url, { method: 'POST', headers, body: JSON.stringify({ query: '{ never }' }) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await subgraph.stop();
    expect(Date.now() - started).toBeLessThan(1500);
    await expect(inFlight).rejects.toThrow();
  });
});
