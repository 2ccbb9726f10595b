import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * "Hosts apart" on one machine: each {@link NetworkHost} is a Linux network namespace joined to
 * this one by a veth pair, its own address on a /30 of its own, so a service started in it is
 * reachable only over that link — which a test can take down (a partition) and bring back.
 */

/** Whether this machine lets the tests make network namespaces (root, with iproute2's `ip`). */
export function canMakeNetworkHosts(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = `hubprobe${process.pid}`;
  try {
    execFileSync('ip', ['netns', 'add', probe], { stdio: 'ignore' });
    execFileSync('ip', ['netns', 'del', probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

/** One namespace with its link to this one. */
export class NetworkHost {
  /** The address services in the namespace listen on. */
  readonly address: string;
  private readonly namespace: string;
  private readonly outside: string;

  /** `index` (1–250) numbers the host within the test; the pid keeps concurrent test runs apart. */
  constructor(index: number) {
    const id = `${process.pid % 100_000}${index}`;
    this.namespace = `hubh${id}`;
    this.outside = `hvo${id}`;
    const inside = `hvi${id}`;
    const net = `10.${20 + (process.pid % 200)}.${index}`;
    this.address = `${net}.2`;
    ip('netns', 'add', this.namespace);
    try {
      ip('link', 'add', this.outside, 'type', 'veth', 'peer', 'name', inside);
      ip('link', 'set', inside, 'netns', this.namespace);
      ip('addr', 'add', `${net}.1/30`, 'dev', this.outside);
      ip('link', 'set', this.outside, 'up');
      ip('netns', 'exec', this.namespace, 'ip', 'addr', 'add', `${this.address}/30`, 'dev', inside);
      ip('netns', 'exec', this.namespace, 'ip', 'link', 'set', inside, 'up');
      ip('netns', 'exec', this.namespace, 'ip', 'link', 'set', 'lo', 'up');
    } catch (error) {
      this.destroy();
      throw error;
    }
  }

  /** Runs Node with `args` inside the namespace (the child is Node itself: `ip netns exec` execs it). */
  spawnNode(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
    return spawn('ip', ['netns', 'exec', this.namespace, process.execPath, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Takes the link down (a partition) or brings it back up. */
  link(state: 'up' | 'down'): void {
    ip('link', 'set', this.outside, state);
  }

  /** Removes the namespace and with it both ends of the link. */
  destroy(): void {
    try { ip('netns', 'del', this.namespace); } catch { /* already gone */ }
    try { ip('link', 'del', this.outside); } catch { /* went with the namespace */ }
  }
}

/** A running {@link startDelayProxy}. */
export interface DelayProxy {
  /** Where to connect instead of the target. */
  port: number;
  /** Latency added to every chunk in each direction, in milliseconds; changeable at any time. */
  delayMs: number;
  stop(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 that adds latency (this kernel has no netem qdisc): each chunk is
 * passed on `delayMs` later, in order, in both directions.
 */
export async function startDelayProxy(targetHost: string, targetPort: number): Promise<DelayProxy> {
  const sockets = new Set<Socket>();
  const proxy: DelayProxy = { port: 0, delayMs: 0, stop: async () => {} };
  const relay = (from: Socket, to: Socket) => {
    // Chunks keep their order: each is written when its own delay has passed, after the previous one.
    let last = Promise.resolve();
    from.on('data', (chunk) => {
      const due = Date.now() + proxy.delayMs;
      last = last.then(() => new Promise<void>((resolve) => setTimeout(() => { if (!to.destroyed) to.write(chunk); resolve(); }, Math.max(0, due - Date.now()))));
    });
    from.on('end', () => { void last.then(() => to.end()); });
    from.on('error', () => to.destroy());
    from.on('close', () => { void last.then(() => to.destroy()); });
  };
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    sockets.add(client).add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as { port: number }).port;
  proxy.stop = () => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  });
  return proxy;
}
