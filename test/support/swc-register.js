// Lets a child Node process run the TypeScript sources as the tests do (SWC, decorator metadata):
// `NODE_OPTIONS="--require test/support/swc-register.js" node subgraphs/agency/main.ts`. Tests that
// need a real process to freeze or kill start a service this way, without building dist/.
const { transformFileSync } = require('@swc/core');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const options = JSON.parse(readFileSync(join(__dirname, '..', '..', '.swcrc'), 'utf8'));
delete options.$schema;

require.extensions['.ts'] = (module, filename) => {
  module._compile(transformFileSync(filename, { ...options, swcrc: false }).code, filename);
};
