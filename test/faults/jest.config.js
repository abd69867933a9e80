// Fault tests: the built API as real processes (node dist/api/src/main.js) on a real PostgreSQL,
// killed with SIGKILL, restarted, run side by side. Slow and heavy, so apart from `npm test`:
// `npm run test:faults` (in .ci/run).
const base = require('../../jest.config.js');
const unit = base.projects[0];

module.exports = {
  rootDir: '../..',
  transform: unit.transform,
  transformIgnorePatterns: unit.transformIgnorePatterns,
  moduleNameMapper: unit.moduleNameMapper,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/faults/**/*.faults-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 300000,
  maxWorkers: 1,
};
