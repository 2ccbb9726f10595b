import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Issue 10: what README.md and docs/ name is true — every `npm run` script exists, every file or
 * folder path written in backquotes exists, every HUB_* setting is read by some config, and no
 * file names a document that lives outside the repository (a newcomer could not follow it).
 */
const ROOT = resolve(__dirname, '..');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const text = (file: string) => readFileSync(join(ROOT, file), 'utf8');

let sources: string | undefined;

/** Every service and tool source (tests aside), read once for all the documents checked. */
function sourceText(): string {
  if (sources !== undefined) return sources;
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules' || name === 'dist') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(path);
    }
  };
  // test/ too: its support reads the test run's own settings (HUB_TEST_CHROMIUM...).
  for (const dir of ['gateway', 'subgraphs', 'tools', 'test']) walk(join(ROOT, dir));
  sources = files.map((f) => readFileSync(f, 'utf8')).join('\n');
  return sources;
}

describe('issue 10: README and docs/ say what is there', () => {
  const scripts = Object.keys(JSON.parse(text('package.json')).scripts as Record<string, string>);

  it('finds what it checks in README.md (the check itself)', () => {
    const readme = text('README.md');
    expect([...readme.matchAll(/npm run ([a-z][a-z0-9:-]*)/g)].length).toBeGreaterThan(5);
    expect([...readme.matchAll(/`((?:gateway|subgraphs|schema|tools|test|docs)\/[A-Za-z0-9_./-]*)`/g)].length).toBeGreaterThan(5);
    expect([...readme.matchAll(/\b(HUB_[A-Z0-9_]+)\b/g)].length).toBeGreaterThan(10);
  });

  it.each(DOCS)('%s: every `npm run` script exists', (file) => {
    const named = [...text(file).matchAll(/npm run ([a-z][a-z0-9:-]*)/g)].map((m) => m[1]);
    expect(named.filter((name) => !scripts.includes(name))).toEqual([]);
  });

  it.each(DOCS)('%s: every path in backquotes exists', (file) => {
    const paths = [...text(file).matchAll(/`((?:gateway|subgraphs|schema|tools|test|docs|web|\.ci)\/[A-Za-z0-9_./-]*)`/g)].map((m) => m[1].replace(/[.,]$/, ''));
    expect(paths.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });

  it.each(DOCS)('%s: every HUB_* setting is read by the code', (file) => {
    const source = sourceText();
    const settings = [...new Set([...text(file).matchAll(/\b(HUB_[A-Z0-9_]+)\b/g)].map((m) => m[1]))];
    // Prefix families (HUB_CATALOGUE_SERVICE_TOKEN…) are read as `${prefix}_TOKEN`.
    const read = (name: string) => source.includes(`'${name}'`) || source.includes(`env.${name}`) || source.includes(`${name.replace(/_(TOKEN|TOKEN_FILE|KEY)$/, '')}'`);
    expect(settings.filter((name) => !name.endsWith('_') && !read(name))).toEqual([]);
  });
});

/** Every file of the repository a newcomer reads: sources, tests, docs, schemas, CI (not node_modules, dist, data). */
function repositoryFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (['node_modules', 'dist', 'data', '.git'].includes(name)) continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|js|md|graphql|json)$|^run$/.test(name)) files.push(path);
    }
  };
  walk(ROOT);
  return files;
}

// Documents that were never part of the repository: the domain notes, the core API draft, the style guide.
const OUTSIDE_DOCUMENTS = /\bapi-core\.graphql\b|\bdomain\.md\b|\bstyle\.md\b|\/work\/shared\b/;

describe('issue 10: nothing refers to a file outside the repository', () => {
  const files = repositoryFiles();

  it('walks the repository (the check itself)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.endsWith('README.md'))).toBe(true);
  });

  it('names no document that lives outside it', () => {
    const offending = files
      .filter((f) => f !== __filename)
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => ({ f, i, line })))
      .filter(({ line }) => OUTSIDE_DOCUMENTS.test(line))
      .map(({ f, i, line }) => `${relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
    expect(offending).toEqual([]);
  });

  it('has every relative `…/shared` path resolve inside the repository', () => {
    // subgraphs/shared is the services' own runtime; a `../shared` that climbs out of the repository is not.
    const outside = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/(?:\.\.\/)+shared\b/g)]
        .filter((m) => relative(ROOT, resolve(dirname(f), m[0])).startsWith('..'))
        .map((m) => `${relative(ROOT, f)}: ${m[0]}`));
    expect(outside).toEqual([]);
  });
});
