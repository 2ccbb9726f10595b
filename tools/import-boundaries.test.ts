import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Issue 10: the import direction between the parts of the hub. Services (gateway/, subgraphs/)
 * never import tools/ (the demo, benchmarks, command-line tools); no subgraph imports the
 * gateway; the gateway reaches the subgraphs only through what they share as a contract
 * (subgraphs/shared/) and the agency contract's routing rules (subgraphs/agency/routing.ts).
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
  it('services never import tools/', () => {
    expect(violations(['gateway', 'subgraphs'], (target) => target.startsWith('tools/'))).toEqual([]);
  });

  it('no subgraph imports the gateway', () => {
    expect(violations(['subgraphs'], (target) => target.startsWith('gateway/'))).toEqual([]);
  });

  it('the gateway imports only the shared contract and the agency routing rules of the subgraphs', () => {
    const allowed = (target: string) => target.startsWith('subgraphs/shared/') || target === 'subgraphs/agency/routing';
    expect(violations(['gateway'], (target) => target.startsWith('subgraphs/') && !allowed(target))).toEqual([]);
  });

  it('finds a wrong import when there is one (the check itself)', () => {
    expect(importsOf(join(ROOT, 'tools/hub.ts'))).toContain('tools/demo/province');
  });
});
