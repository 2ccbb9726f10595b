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

  it('exports the spans of a request, its operation and the agency subgraph execution to the collector', async () => {
    expect((await hub.query('query Latest { documents(first: 2) { totalCount } }')).errors).toBeUndefined();
    const deadline = Date.now() + 10_000;
    while (!received.some((b) => b.includes('hub-gateway') && b.includes('agency')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const exported = received.join('\n');
    expect(exported).toContain('hub-gateway');
    expect(exported).toMatch(/Latest/);
    expect(exported).toMatch(/agency/);
  });
});
