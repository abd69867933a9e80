// Two projects: fast unit specs next to the code, and e2e specs in test/ that boot the
// API against a real PostgreSQL (embedded unless DATABASE_URL / TEST_DATABASE_URL is set);
// *.int-spec.ts next to the code run in the e2e project too, for the same server.
const swc = JSON.parse(require('fs').readFileSync(__dirname + '/.swcrc', 'utf8'));
delete swc.$schema;
const toCommonJs = ['@swc/jest', { ...swc, module: { type: 'commonjs' }, swcrc: false }];
// pg-boss 12 and its serialize-error (and non-error) are ESM-only; Node 24 requires them natively, jest's
// module system does not, so those two packages are compiled to CommonJS for the tests.
const esmOnly = ['pg-boss', 'serialize-error', 'non-error'];
const transform = { '^.+\\.ts$': toCommonJs, [`/node_modules/(${esmOnly.join('|')})/.+\\.js$`]: toCommonJs };
const transformIgnorePatterns = [`/node_modules/(?!(${esmOnly.join('|')})/)`];
const moduleNameMapper = { '^@layanan/(workflow|authz|contracts|sla)$': '<rootDir>/libs/$1/src/index.ts' };
const common = { rootDir: __dirname, transform, transformIgnorePatterns, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  maxWorkers: 2,
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/*/src/**/*.spec.ts', '<rootDir>/api/src/**/*.spec.ts', '<rootDir>/admin-ui/src/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts', '<rootDir>/api/src/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.mjs',
      globalTeardown: '<rootDir>/test/global-teardown.mjs',
    },
  ],
};
