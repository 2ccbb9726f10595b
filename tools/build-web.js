// Builds the web app (web/) with Vite into web/dist, then writes brotli and gzip copies of every
// compressible file beside it, which the gateway serves as they are (no compression per request).
// Skipped when the sources are those of the last build (a stamp of their hash in web/dist), so
// `npm start` after a first build starts without waiting for Vite.
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { brotliCompressSync, gzipSync, constants } = require('node:zlib');

const root = join(__dirname, '..');
const web = join(root, 'web');
const dist = join(web, 'dist');
const stampFile = join(dist, '.build-stamp');
/** Below this a compressed copy saves less than its headers cost. */
const COMPRESS_MIN_BYTES = 1024;
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (path === dist || name === 'node_modules') continue;
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/** The hash of everything the build reads: web/ sources, the persisted documents, the lockfile (Vite's version). */
function sourceStamp() {
  const hash = createHash('sha256');
  for (const path of [...files(web), join(root, 'schema', 'persisted-documents.json'), join(root, 'package-lock.json')]) {
    hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

function precompress() {
  let count = 0;
  for (const path of files(dist)) {
    if (!COMPRESSIBLE.test(path) || statSync(path).size < COMPRESS_MIN_BYTES) continue;
    const body = readFileSync(path);
    writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
    writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
    count++;
  }
  return count;
}

/** Builds web/dist unless it was built from these very sources; `force` builds anyway. */
async function buildWeb({ force = false, quiet = false } = {}) {
  const stamp = sourceStamp();
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    if (!quiet) console.log('web/dist is up to date');
    return false;
  }
  const { build } = await import('vite');
  await build({ configFile: join(web, 'vite.config.mts'), logLevel: quiet ? 'warn' : 'info' });
  const compressed = precompress();
  writeFileSync(stampFile, stamp);
  if (!quiet) console.log(`built web/dist (${compressed} files precompressed)`);
  return true;
}

module.exports = { buildWeb };

if (require.main === module) {
  buildWeb({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
