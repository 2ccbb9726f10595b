import { createServer, request, type IncomingMessage, type Server } from 'node:http';

/** A running {@link startLoadBalancer}. */
export interface LoadBalancer {
  url: string;
  /** Requests each backend answered, by its origin. */
  answered: Map<string, number>;
  /** Requests sent to the next backend because a connection could not be established. */
  redispatched: number;
  /** Called after each answer a backend gave (for tests that wait on progress). */
  onAnswer?: () => void;
  stop(): Promise<void>;
}

/**
 * A local load balancer in front of gateway replicas, behaving as nginx does by default: round
 * robin, a new upstream connection per request (nginx's default upstream has no keep-alive), and a
 * request whose connection could not be established (refused, or reset before it was) — so it
 * never reached a replica — sent to the next one (`proxy_next_upstream error`). Nothing is
 * retried once it reached a replica.
 */
export async function startLoadBalancer(backends: string[]): Promise<LoadBalancer> {
  let next = 0;
  const answered = new Map<string, number>();
  const balancer: LoadBalancer = { url: '', answered, redispatched: 0, stop: async () => {} };
  const server: Server = createServer(async (req, res) => {
    const body = Buffer.concat(await req.toArray() as Buffer[]);
    const first = next++ % backends.length;
    for (let tried = 0; tried < backends.length; tried++) {
      const origin = backends[(first + tried) % backends.length];
      const upstream = await new Promise<IncomingMessage | 'refused'>((resolve, reject) => {
        const target = new URL(req.url ?? '/', origin);
        const call = request(target, { method: req.method, headers: { ...req.headers, host: target.host, connection: 'close' }, agent: false }, resolve);
        // A connection that was never established (refused, or reset while a stopping replica
        // closed its accept queue) carried no request: nginx sends it to the next upstream.
        call.on('error', (error: NodeJS.ErrnoException) => (error.syscall === 'connect' ? resolve('refused') : reject(error)));
        call.end(body);
      // Wrapped, not tested with instanceof: Node's errors come from another realm than the test's Error.
      }).catch((error: Error) => ({ failed: error }));
      if (upstream === 'refused') {
        balancer.redispatched++;
        continue;
      }
      if ('failed' in upstream) {
        res.writeHead(502, { 'content-type': 'text/plain' }).end(`upstream ${origin} failed: ${upstream.failed.message}`);
        return;
      }
      answered.set(origin, (answered.get(origin) ?? 0) + 1);
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
      res.once('finish', () => balancer.onAnswer?.());
      return;
    }
    res.writeHead(503, { 'content-type': 'text/plain' }).end('no replica accepted the connection');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  balancer.url = `http://127.0.0.1:${port}`;
  balancer.stop = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return balancer;
}
