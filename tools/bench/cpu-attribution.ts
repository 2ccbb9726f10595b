import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A V8 CPU profile as `node --cpu-prof` writes it. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

type CallFrame = CpuProfile['nodes'][number]['callFrame'];

/**
 * What a stack frame belongs to, if it is one of the gateway's own parts: the plugin or transport
 * whose code it is (first rule that matches wins). A sample counts for the part of the frame
 * nearest the stack's root, so a library a plugin calls (jose under identity) counts for that
 * plugin, and the engine's work under a plugin's hook for the plugin. A `within` part counts only
 * where no other part is found below it: the observability plugin's samples are told apart by
 * the library they are in, metrics (prom-client) or the access log (pino).
 */
const PARTS: { part: string; matches: (frame: CallFrame) => boolean; within?: true }[] = [
  { part: 'metrics (prom-client)', matches: (f) => f.url.includes('/node_modules/prom-client/') },
  { part: 'access log (pino)', matches: (f) => f.url.includes('/node_modules/pino') || f.url.includes('/node_modules/sonic-boom/') },
  { part: 'tracing (OpenTelemetry: the plugin, off without an exporter, and the runtime\'s own context API)', matches: (f) => f.url.includes('/gateway/telemetry.js') || f.url.includes('/node_modules/@opentelemetry/') },
  { part: 'metrics and access log, the plugin itself (observability.ts)', matches: (f) => f.url.includes('/gateway/observability.js'), within: true },
  { part: 'identity (tokens verified, claims signed for subgraphs)', matches: (f) => /\/gateway\/(identity|subgraph-headers)\.js$/.test(f.url) },
  { part: 'quotas (per caller, per minute)', matches: (f) => f.url.includes('/gateway/rate-limit.js') || f.url.includes('/gateway/api-keys.js') },
  { part: 'limits, quotas, CSRF, error codes (protection.ts)', matches: (f) => f.url.includes('/gateway/protection.js') },
  { part: 'demand control (query cost)', matches: (f) => f.url.includes('/gateway/demand-control.js') },
  { part: 'input validation (ids, dates, cursors)', matches: (f) => f.url.includes('/gateway/input-validation.js') },
  { part: 'compression', matches: (f) => f.url.includes('/gateway/compression.js') },
  { part: 'exports and attachments (not called here)', matches: (f) => /\/gateway\/(export|attachments|catalogue-export-client|idempotency)\.js$/.test(f.url) },
  { part: 'directory cache (agency names)', matches: (f) => f.url.includes('/gateway/entity-cache.js') },
  { part: 'sharded transport (routing, shard calls, merge)', matches: (f) => f.url.includes('/gateway/sharding/') },
  { part: 'service transport (directory calls)', matches: (f) => f.url.includes('/gateway/service-http-transport.js') },
];

/**
 * Where a sample goes when no frame of its stack is one of the gateway's parts: by the innermost
 * library frame of its stack (Node's own code counts for the library that called it), or Node's.
 */
function engineOrRuntime(stack: CallFrame[]): string {
  const [leaf] = stack;
  if (leaf.functionName === '(garbage collector)') return 'garbage collection';
  if (leaf.functionName === '(program)') return 'V8 and Node outside JavaScript';
  const library = stack.find((f) => f.url.includes('/node_modules/'));
  if (!library) return 'Node (HTTP server, sockets, streams, timers)';
  if (/\/node_modules\/@whatwg-node\//.test(library.url)) return 'fetch API adapter (@whatwg-node: requests, responses, bodies)';
  if (/\/node_modules\/(@graphql-hive|@graphql-mesh|@graphql-tools|@envelop|graphql-yoga|graphql|@graphql-yoga)\//.test(library.url)) return 'engine (Hive runtime: parse, validate, plan, execute)';
  return 'other libraries';
}

/**
 * The CPU time of the profiles in `dir` (every `.cpuprofile` in it), in milliseconds per part of
 * the gateway (see PARTS), idle time left out.
 */
export function cpuByPart(dir: string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parentOf = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
    // The part of each node, found once from its parent's: the root-most matching frame of its
    // stack, a `within` part only until another part is found below it.
    const partOf = new Map<number, { part: string; within: boolean } | undefined>();
    const resolve = (id: number): { part: string; within: boolean } | undefined => {
      if (partOf.has(id)) return partOf.get(id);
      const parent = parentOf.get(id);
      const above = parent === undefined ? undefined : resolve(parent);
      const match = PARTS.find((p) => p.matches(byId.get(id)!.callFrame));
      const own = above && !above.within ? above : match && (!above || !match.within) ? { part: match.part, within: Boolean(match.within) } : above;
      partOf.set(id, own);
      return own;
    };
    const stackOf = (id: number): CallFrame[] => {
      const stack: CallFrame[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) stack.push(byId.get(at)!.callFrame);
      return stack;
    };
    profile.samples.forEach((id, i) => {
      const frame = byId.get(id)!.callFrame;
      if (frame.functionName === '(idle)') return;
      const part = resolve(id)?.part ?? engineOrRuntime(stackOf(id));
      totals.set(part, (totals.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
  }
  return totals;
}
