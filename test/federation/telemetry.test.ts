import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHub, type TestHub } from '../support/hub-harness';

describe('OpenTelemetry when configured', () => {
  let collector: Server;
  const received: string[] = [];
  let hub: TestHub;

  beforeAll(async () => {
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => { received.push(body); res.writeHead(200, { 'content-type': 'application/json' }).end('{}'); });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/v1/traces`;
    hub = await startHub({ agencies: ['fjdrc', 'fjczt'], gateway: { otelExporterUrl: url } });
  });
  afterAll(async () => {
    await hub?.stop();
    collector.close();
  });

  interface Span { name: string; traceId: string; spanId: string; parentSpanId?: string; attributes?: { key: string; value: Record<string, unknown> }[] }
  const spans = (): Span[] => received.flatMap((body) => {
    const sent = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: Span[] }[] }[] };
    return sent.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
  });
  const attribute = (span: Span, key: string) => Object.values(span.attributes?.find((a) => a.key === key)?.value ?? {})[0];

  it('exports one trace per request: the HTTP request, its operation, and the agency subgraph execution beneath them', async () => {
    expect((await hub.query('query Latest { documents(first: 2) { totalCount } }')).errors).toBeUndefined();
    const deadline = Date.now() + 10_000;
    const find = () => spans().find((s) => s.name === 'subgraph.execute (agency)');
    while (!find() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const all = spans();
    const subgraph = find()!;
    expect(attribute(subgraph, 'hive.gateway.upstream.subgraph.name')).toBe('agency');
    // Walk up from the subgraph execution: the operation span, then the HTTP request span, one trace.
    const byId = new Map(all.map((s) => [s.spanId, s]));
    const ancestors: Span[] = [];
    for (let span = byId.get(subgraph.parentSpanId ?? ''); span; span = byId.get(span.parentSpanId ?? '')) ancestors.push(span);
    expect(ancestors.every((s) => s.traceId === subgraph.traceId)).toBe(true);
    const operation = ancestors.find((s) => s.name === 'graphql.operation Latest');
    expect(operation && attribute(operation, 'graphql.operation.name')).toBe('Latest');
    expect(ancestors.at(-1)?.name).toBe('POST /graphql');
  });
});
