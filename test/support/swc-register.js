// Preloaded (`--require`) into worker threads of the API when it runs from its TypeScript sources
// (jest): compiles `.ts` files with swc as jest does (the repository's .swcrc, CommonJS) and maps
// the `@layanan/*` libraries to their sources, as jest.config.js's moduleNameMapper does. The
// built API (dist) never loads it. See LetterThreads (api/src/issuance/workers/letter-threads.ts).
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const root = path.resolve(__dirname, '..', '..');
const { transformSync } = require(require.resolve('@swc/core', { paths: [root] }));
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
const options = { ...swcrc, module: { type: 'commonjs' }, swcrc: false, sourceMaps: 'inline' };
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const lib = /^@layanan\/(workflow|authz|contracts|sla)$/.exec(request);
  return resolve.call(this, lib ? path.join(root, 'libs', lib[1], 'src', 'index.ts') : request, ...rest);
};
Module._extensions['.ts'] = (module, filename) =>
  module._compile(transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename }).code, filename);
