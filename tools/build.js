// Compiles schema/contracts/, gateway/, subgraphs/ and tools/ to dist/ with SWC, the same compiler (and decorator
// metadata) the tests run under, then the web app into web/dist (tools/build-web.js; skipped when its
// sources did not change). Type errors are `npm run typecheck`'s job (part of `npm test`); the
// server build takes about a second, so `npm start` is ready sooner.
const { transformFileSync } = require('@swc/core');
const { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

const root = join(__dirname, '..');
const out = join(root, 'dist');
const options = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
delete options.$schema;

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) yield path;
  }
}

rmSync(out, { recursive: true, force: true });
let count = 0;
for (const top of ['schema', 'gateway', 'subgraphs', 'tools']) {
  for (const file of sources(join(root, top))) {
    if (relative(root, file).split(/[\\/]/).includes('tests')) continue;
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, transformFileSync(file, { ...options, swcrc: false, sourceMaps: false }).code);
    count++;
  }
}
console.log(`built ${count} files into dist/`);
require('./build-web').buildWeb().catch((error) => {
  console.error(error);
  process.exit(1);
});
