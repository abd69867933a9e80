// Two projects: fast unit specs next to the code, and e2e specs in test/ that boot the
// API against a real PostgreSQL (embedded unless DATABASE_URL / TEST_DATABASE_URL is set);
// *.int-spec.ts next to the code run in the e2e project too, for the same server.
const swc = JSON.parse(require('fs').readFileSync(__dirname + '/.swcrc', 'utf8'));
delete swc.$schema;
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swc, module: { type: 'commonjs' }, swcrc: false }] };
const moduleNameMapper = { '^@layanan/(workflow|authz|contracts|sla)$': '<rootDir>/libs/$1/src/index.ts' };
const common = { rootDir: __dirname, transform, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  maxWorkers: 2,
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/*/src/**/*.spec.ts', '<rootDir>/api/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts', '<rootDir>/api/src/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.mjs',
      globalTeardown: '<rootDir>/test/global-teardown.mjs',
    },
  ],
};
