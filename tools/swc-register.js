// Lets a child Node process run the TypeScript sources as the tests do (SWC, decorator metadata):
// `node --require ./tools/swc-register.js subgraphs/agency/main.ts`. The command-line tools run this way
// (npm run token, api-key, catalogue), so they never rebuild the dist/ a running hub executes; tests that
// need a real process to freeze or kill start a service this way too.
const { transformFileSync } = require('@swc/core');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const options = JSON.parse(readFileSync(join(__dirname, '..', '.swcrc'), 'utf8'));
delete options.$schema;

require.extensions['.ts'] = (module, filename) => {
  module._compile(transformFileSync(filename, { ...options, swcrc: false }).code, filename);
};
