import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Issue 10: the import direction between the parts of the hub. What crosses a process boundary
 * (claims, tokens, routing rules, cursors, error shapes, plan grants, idempotency keys, the
 * shard registry) lives in schema/contracts/, which imports nothing of the hub's services.
 * Services (gateway/, subgraphs/) never import tools/ (the demo, benchmarks, command-line
 * tools); no subgraph imports the gateway; the gateway never reaches into a subgraph's own
 * folder (only the contracts and the shared service runtime, subgraphs/shared/); the directory
 * and the news office never reach into the agency subgraph. The catalogue may: it is the agency
 * contract in a read-only replica mode (docs/architecture.md).
 */
const ROOT = resolve(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'tests' || name === 'node_modules' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every relative import of a production file, as a path from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((m) => relative(ROOT, resolve(dirname(file), m[1])));
}

function violations(dirs: string[], forbidden: (target: string, file: string) => boolean): string[] {
  return dirs.flatMap((dir) => sources(join(ROOT, dir)).flatMap((file) =>
    importsOf(file).filter((target) => forbidden(target, relative(ROOT, file))).map((target) => `${relative(ROOT, file)} → ${target}`)));
}

describe('issue 10: import direction', () => {
  it('services and contracts never import tools/', () => {
    expect(violations(['gateway', 'subgraphs', 'schema'], (target) => target.startsWith('tools/'))).toEqual([]);
  });

  it('the contracts import nothing of the services', () => {
    expect(violations(['schema'], (target) => !target.startsWith('schema/contracts/'))).toEqual([]);
  });

  it('the directory and the news office never reach into the agency subgraph', () => {
    expect(violations(['subgraphs/directory', 'subgraphs/coordination'], (target) => target.startsWith('subgraphs/agency/'))).toEqual([]);
  });

  it('no subgraph imports the gateway', () => {
    expect(violations(['subgraphs'], (target) => target.startsWith('gateway/'))).toEqual([]);
  });

  it('the gateway never reaches into a subgraph (only the contracts and the shared service runtime)', () => {
    expect(violations(['gateway'], (target) => target.startsWith('subgraphs/') && !target.startsWith('subgraphs/shared/'))).toEqual([]);
  });

  it('finds a wrong import when there is one (the check itself)', () => {
    expect(importsOf(join(ROOT, 'tools/hub.ts'))).toContain('tools/demo/province');
  });
});
