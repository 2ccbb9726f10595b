import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Supervisor } from './supervisor';

/**
 * Issue 15: `npm start` supervises its processes. These run real child processes (small scripts)
 * under the supervisor the hub uses; test/federation/hub-supervision.test.ts crashes a process of
 * the real hub.
 */
describe('issue 15: the supervisor restarts a child that exits, with back-off, and leaves the others alone', () => {
  let dir: string;
  let supervisor: Supervisor | undefined;
  const lines: string[] = [];
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'hub-supervisor-')); });
  afterEach(async () => { await supervisor?.stop(); supervisor = undefined; lines.length = 0; });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function script(name: string, body: string): string {
    const path = join(dir, name);
    writeFileSync(path, body);
    return path;
  }
  const until = async (check: () => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out; supervisor said:\n${lines.join('\n')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const running = (pid: number | undefined) => {
    try { return pid !== undefined && process.kill(pid, 0); } catch { return false; }
  };

  it('a crashed child is started again and a sibling keeps its process', async () => {
    const server = script('server.js', 'setInterval(() => {}, 1000);');
    supervisor = new Supervisor({ initialBackoffMs: 50, log: (line) => lines.push(line) });
    const crashing = supervisor.start('agencies-1', { script: server, env: process.env, execArgv: [] });
    const sibling = supervisor.start('gateway', { script: server, env: process.env, execArgv: [] });
    await until(() => running(crashing.pid) && running(sibling.pid));
    crashing.kill('SIGKILL');
    await until(() => supervisor!.restartsOf('agencies-1') === 1 && running(supervisor!.processOf('agencies-1')!.pid));
    expect(supervisor.processOf('agencies-1')!.pid).not.toBe(crashing.pid);
    expect(supervisor.processOf('gateway')).toBe(sibling);
    expect(running(sibling.pid)).toBe(true);
    expect(supervisor.restartsOf('gateway')).toBe(0);
    expect(lines[0]).toMatch(/^agencies-1 was killed by SIGKILL after \d+\.\d s; restarting it in 0\.1 s \(restart 1\)/);
    expect(lines[1]).toMatch(/^agencies-1 restarted \(pid \d+\)$/);
  });

  it('a child that keeps failing is restarted after delays that double up to the bound', async () => {
    const failing = script('failing.js', 'process.exit(3);');
    const starts: number[] = [];
    supervisor = new Supervisor({
      initialBackoffMs: 100, maxBackoffMs: 400, log: (line) => { lines.push(line); if (/restarted/.test(line)) starts.push(Date.now()); },
    });
    supervisor.start('directory', { script: failing, env: process.env, execArgv: [] });
    await until(() => starts.length >= 4, 15_000);
    expect(lines.filter((l) => /exited with code 3/.test(l)).map((l) => /restarting it in (\d+\.\d) s/.exec(l)![1]).slice(0, 4)).toEqual(['0.1', '0.2', '0.4', '0.4']);
    // The gaps between starts are at least the delays (plus the child's own start-up).
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    expect(gaps[0]).toBeGreaterThanOrEqual(200);
    expect(gaps[1]).toBeGreaterThanOrEqual(400);
  });

  it('stop() ends every child, kills one that ignores SIGTERM, and restarts nothing', async () => {
    const stubborn = script('stubborn.js', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); console.log('ready');");
    supervisor = new Supervisor({ initialBackoffMs: 10, killAfterMs: 300, log: (line) => lines.push(line) });
    const child = supervisor.start('catalogue', { script: stubborn, env: process.env, execArgv: [] });
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    const stopped = Date.now();
    await supervisor.stop();
    expect(child.signalCode).toBe('SIGKILL');
    expect(Date.now() - stopped).toBeGreaterThanOrEqual(300);
    await new Promise((r) => setTimeout(r, 100));
    expect(supervisor.restartsOf('catalogue')).toBe(0);
    expect(lines).toEqual([]);
    supervisor = undefined;
  });
});
