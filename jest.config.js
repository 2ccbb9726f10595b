/** Tests run TypeScript through SWC (decorator metadata included); `npm test` type-checks first. */
const transform = { '^.+\\.ts$': ['@swc/jest'] };

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform,
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  testMatch: ['<rootDir>/{schema,subgraphs,gateway,tools,test}/**/*.test.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
