// Compiles the API, the shared libs, migrations, scripts and bench with swc (~1 s);
// type checking is `npm run typecheck`, kept out of the start path on purpose.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const swc = 'node_modules/.bin/swc';
const run = (args) => execFileSync(swc, args, { stdio: ['ignore', 'ignore', 'inherit'] });
for (const lib of ['workflow', 'authz', 'contracts', 'sla']) {
  run([`libs/${lib}/src`, '-d', `libs/${lib}/dist`, '--strip-leading-paths', '--ignore', '**/*.spec.ts', '--config-file', '.swcrc', '-q']);
}
const dirs = ['api/src', 'migrations', 'scripts', 'bench'].filter((d) => existsSync(d));
run([...dirs, '-d', 'dist', '--ignore', '**/*.spec.ts', '--config-file', '.swcrc', '-q']);
