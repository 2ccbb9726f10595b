import { spawn, type ChildProcess } from 'node:child_process';

/** How the supervisor restarts and stops its children. */
export interface SupervisorOptions {
  /** Delay before the first restart of a child that exited, in milliseconds. @default 1000 */
  initialBackoffMs?: number;
  /** The longest delay between restarts; each restart in a row doubles the delay up to it. @default 30000 */
  maxBackoffMs?: number;
  /** A child that ran this long before it exited is restarted after the first delay again. @default 60000 */
  stableAfterMs?: number;
  /** How long a child may drain after SIGTERM before it is killed, in milliseconds. @default 15000 */
  killAfterMs?: number;
  /** Where the supervisor's own lines go (each child's output is passed through, prefixed with its name). @default console.error */
  log?: (line: string) => void;
}

/** What starts a child: a script run by this Node binary, with the supervisor's own Node options. */
export interface ChildSpec {
  script: string;
  env: NodeJS.ProcessEnv;
  /** Node options before the script. @default process.execArgv (so a supervisor run through SWC runs its children so too) */
  execArgv?: string[];
}

/** One supervised child as the supervisor tracks it. */
interface Supervised {
  name: string;
  spec: ChildSpec;
  child: ChildProcess;
  startedAt: number;
  /** Restarts so far, and the consecutive ones that set the next delay. */
  restarts: number;
  streak: number;
  timer?: NodeJS.Timeout;
}

/**
 * Keeps the hub's processes running, as systemd's `Restart=always` would: a child that exits while
 * the hub is not stopping is started again after a back-off (1 s, doubling to 30 s while it keeps
 * failing, back to 1 s once it ran a minute), and the others keep serving meanwhile — the gateway
 * answers partial pages naming the agencies of a host that is down, and its circuit breaker probes
 * the deployment's /health, so a restarted one is called again within a second of answering.
 * Every exit and restart is logged with the child's name, exit code or signal and the delay.
 */
export class Supervisor {
  private readonly children = new Map<string, Supervised>();
  private stopping = false;
  private readonly options: Required<SupervisorOptions>;

  constructor(options: SupervisorOptions = {}) {
    this.options = {
      initialBackoffMs: options.initialBackoffMs ?? 1000,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      stableAfterMs: options.stableAfterMs ?? 60_000,
      killAfterMs: options.killAfterMs ?? 15_000,
      log: options.log ?? ((line) => console.error(line)),
    };
  }

  /** Starts a child under `name` (unique) and keeps it running until {@link stop}. */
  start(name: string, spec: ChildSpec): ChildProcess {
    if (this.children.has(name)) throw new Error(`a child named ${name} is already supervised`);
    const entry: Supervised = { name, spec, child: this.spawn(name, spec), startedAt: Date.now(), restarts: 0, streak: 0 };
    this.children.set(name, entry);
    this.watch(entry);
    return entry.child;
  }

  /** The running process of a child (a new one after each restart). */
  processOf(name: string): ChildProcess | undefined {
    return this.children.get(name)?.child;
  }

  /** How many times a child was restarted. */
  restartsOf(name: string): number {
    return this.children.get(name)?.restarts ?? 0;
  }

  /** SIGTERM to every child (SIGKILL after `killAfterMs`); resolves when all have exited. No restart after this. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.children.values()].map((entry) => new Promise<void>((done) => {
      clearTimeout(entry.timer);
      const { child } = entry;
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), this.options.killAfterMs).unref();
    })));
  }

  private spawn(name: string, spec: ChildSpec): ChildProcess {
    const child = spawn(process.execPath, [...(spec.execArgv ?? process.execArgv), spec.script], { env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = `[${name}] `;
    child.stdout!.on('data', (chunk: Buffer) => process.stdout.write(chunk.toString().replace(/^(?=.)/gm, prefix)));
    child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk.toString().replace(/^(?=.)/gm, prefix)));
    return child;
  }

  private watch(entry: Supervised): void {
    const { child } = entry;
    // A child that cannot be spawned at all emits 'error' (and may never emit 'exit'): treated as an exit.
    let handled = false;
    const exited = (how: string) => {
      if (handled || this.stopping) return;
      handled = true;
      const ranMs = Date.now() - entry.startedAt;
      if (ranMs >= this.options.stableAfterMs) entry.streak = 0;
      const delay = Math.min(this.options.maxBackoffMs, this.options.initialBackoffMs * 2 ** entry.streak);
      entry.streak += 1;
      this.options.log(`${entry.name} ${how} after ${(ranMs / 1000).toFixed(1)} s; restarting it in ${(delay / 1000).toFixed(1)} s (restart ${entry.restarts + 1}); the rest of the hub keeps serving`);
      entry.timer = setTimeout(() => {
        if (this.stopping) return;
        entry.restarts += 1;
        entry.child = this.spawn(entry.name, entry.spec);
        entry.startedAt = Date.now();
        this.options.log(`${entry.name} restarted (pid ${entry.child.pid})`);
        this.watch(entry);
      }, delay);
    };
    child.once('exit', (code, signal) => exited(signal ? `was killed by ${signal}` : `exited with code ${code}`));
    child.once('error', (error) => exited(`could not run (${error.message})`));
  }
}
