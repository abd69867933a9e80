// Browser tests: real Chromium (Debian's package) driving the real server on a real PostgreSQL.
const base = require('../../jest.config.js');
const unit = base.projects[0];

module.exports = {
  rootDir: '../..',
  transform: unit.transform,
  moduleNameMapper: unit.moduleNameMapper,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/browser/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/browser/global-setup.mjs',
  globalTeardown: '<rootDir>/test/browser/global-teardown.mjs',
  testTimeout: 120000,
  maxWorkers: 1,
};
