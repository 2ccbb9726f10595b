import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { join, resolve } from 'node:path';

/** dist/ (benchmarks run compiled). */
export const DIST = resolve(__dirname, '..', '..');

/** The services a benchmark starts, each its own process, all stopped at the end. */
export class ProcessGroup {
  private readonly children: ChildProcess[] = [];

  /** Starts dist/<script> (with Node's `nodeArgs`) and resolves once it prints `ready` ("ready at" by default). */
  launch(script: string, env: Record<string, string>, ready = /ready at/, nodeArgs: string[] = []): Promise<ChildProcess> {
    return new Promise((started, reject) => {
      const child = spawn(process.execPath, [...nodeArgs, join(DIST, script)], { env: { ...process.env, HUB_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      this.children.push(child);
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (ready.test(output)) started(child);
      });
      child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      child.on('exit', (code) => reject(new Error(`${script} exited ${code}: ${output.slice(-2000)}`)));
    });
  }

  /** Stops `child` with SIGTERM, and SIGKILL if it has not exited after `patienceMs`. */
  async stop(child: ChildProcess, patienceMs = 3000): Promise<void> {
    // A child killed by a signal has no exit code, only a signal code: both mean it is gone.
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.removeAllListeners('exit');
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), patienceMs).unref();
    });
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.children.splice(0).map((c) => this.stop(c)));
  }
}

/** CPU seconds a process has used (user + system), from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of a process in MiB, from /proc. */
export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

/** A server that accepts connections and never answers: a hung deployment, for benchmarks and tests. */
export interface HungServer {
  /** Its GraphQL address, to put in a registry entry. */
  url: string;
  /** Cuts every connection it holds and stops listening. */
  close(): Promise<void>;
}

export function startHungServer(): Promise<HungServer> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((listening) => server.listen(0, '127.0.0.1', () => listening({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((closed) => server.close(() => closed()));
    },
  })));
}

/** An HTTP hop in front of one deployment that can refuse its next coordinated-release commit. */
export interface CommitBreaker {
  /** Its GraphQL address, to put in the deployment's registry entry. */
  url: string;
  refuseNextCommit(): void;
  /** Commits refused so far. */
  refused(): number;
  close(): Promise<void>;
}

/**
 * An HTTP hop in front of one deployment that a test or a benchmark can make refuse its next
 * commit of a coordinated release with a 503, as a deployment restarting would; everything else
 * passes through.
 */
export async function commitBreaker(target: string): Promise<CommitBreaker> {
  let armed = false;
  let refused = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (armed && body.includes('commitCoordinatedRelease')) {
        armed = false;
        refused += 1;
        response.writeHead(503, { 'content-type': 'text/plain' }).end('restarting');
        return;
      }
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)) as [string, string][]);
      fetch(target, { method: request.method, headers, body: request.method === 'POST' ? body : undefined })
        .then(async (answer) => {
          response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          response.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => response.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${new URL(target).pathname}`,
    refuseNextCommit: () => { armed = true; },
    refused: () => refused,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
