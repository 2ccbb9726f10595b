import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';

/** docs/benchmarks.md at the repository root, whether running from sources or from dist/. */
export const BENCHMARKS_FILE = resolve(__dirname, ...(__dirname.includes(`${'/'}dist${'/'}`) ? ['..', '..', '..'] : ['..', '..']), 'docs', 'benchmarks.md');

/** One line describing this machine, for every section. */
export function machineLine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/**
 * Replaces (or appends) one named section of docs/benchmarks.md, so each benchmark script owns its
 * section and re-running one leaves the others' numbers as they were measured.
 */
export function writeBenchmarkSection(name: string, markdown: string): string {
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const current = existsSync(BENCHMARKS_FILE) ? readFileSync(BENCHMARKS_FILE, 'utf8') : '# Benchmarks\n\nEach section is written by the command it names, on the machine it names.\n';
  const at = current.indexOf(begin);
  const next = at >= 0
    ? current.slice(0, at) + block + current.slice(current.indexOf(end, at) + end.length)
    : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(BENCHMARKS_FILE, next);
  return BENCHMARKS_FILE;
}
