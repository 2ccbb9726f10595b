import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuByPart } from './cpu-attribution';

/** A profile of the shape `node --cpu-prof` writes: a call tree, the node of each sample and the time before it (µs). */
function profile(tree: Record<number, { fn: string; url: string; children?: number[] }>, samples: [number, number][]) {
  return {
    nodes: Object.entries(tree).map(([id, n]) => ({ id: Number(id), callFrame: { functionName: n.fn, url: n.url, lineNumber: 0 }, children: n.children })),
    samples: samples.map(([id]) => id),
    timeDeltas: samples.map(([, us]) => us),
  };
}

describe('the gateway\'s CPU by part, from a CPU profile (npm run bench)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-cpu-attribution-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts a sample for the part nearest the root of its stack, and the rest by the innermost library frame; idle time not at all', () => {
    const dist = 'file:///hub/dist/gateway';
    writeFileSync(join(dir, 'gateway.cpuprofile'), JSON.stringify(profile({
      1: { fn: '(root)', url: '', children: [2, 6, 8, 9, 11, 12, 14] },
      2: { fn: 'handle', url: 'file:///hub/node_modules/graphql-yoga/cjs/server.js', children: [3] },
      3: { fn: 'onRequest', url: `${dist}/identity.js`, children: [4] },
      // jose under identity counts for identity; the engine under a plugin's hook too.
      4: { fn: 'jwtVerify', url: 'file:///hub/node_modules/jose/dist/node/cjs/jwt/verify.js', children: [5] },
      5: { fn: 'execute', url: 'file:///hub/node_modules/graphql/execution/execute.js' },
      6: { fn: 'onResponse', url: `${dist}/observability.js`, children: [7, 10] },
      // Below the observability plugin, the access log is told apart from the metrics by its library.
      7: { fn: 'write', url: 'file:///hub/node_modules/pino/lib/proto.js' },
      8: { fn: 'execute', url: 'file:///hub/node_modules/graphql/execution/execute.js' },
      9: { fn: '(garbage collector)', url: '' },
      10: { fn: 'startTimer', url: 'file:///hub/node_modules/lodash/index.js' },
      11: { fn: '(idle)', url: '' },
      // Node's own code counts for the library that called it.
      12: { fn: 'fetch', url: 'file:///hub/node_modules/@whatwg-node/node-fetch/cjs/fetch.js', children: [13] },
      13: { fn: 'write', url: 'node:internal/streams/writable' },
      14: { fn: 'onread', url: 'node:internal/stream_base_commons' },
    }, [[4, 3000], [5, 1000], [7, 2000], [10, 1500], [8, 5000], [9, 500], [11, 9000], [13, 700], [14, 300]])));
    expect(Object.fromEntries(cpuByPart(dir))).toEqual({
      'identity (tokens verified, claims signed for subgraphs)': 4,
      'access log (pino)': 2,
      'metrics and access log, the plugin itself (observability.ts)': 1.5,
      'engine (Hive runtime: parse, validate, plan, execute)': 5,
      'garbage collection': 0.5,
      'fetch API adapter (@whatwg-node: requests, responses, bodies)': 0.7,
      'Node (HTTP server, sockets, streams, timers)': 0.3,
    });
  });
});
