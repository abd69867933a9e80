// Compiles the API, the shared libs, migrations, scripts and bench with swc (~1 s);
// type checking is `npm run typecheck`, kept out of the start path on purpose.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

for (const lib of ['workflow', 'authz', 'contracts', 'sla']) rmSync(`libs/${lib}/dist`, { recursive: true, force: true });

const swc = 'node_modules/.bin/swc';
const run = (args, cwd = '.') => execFileSync(path.resolve(swc), args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
for (const lib of ['workflow', 'authz', 'contracts', 'sla']) {
  run(['src', '-d', 'dist', '--strip-leading-paths', '--ignore', '**/*.spec.ts', '--config-file', '../../.swcrc', '-q'], `libs/${lib}`);
}
const dirs = ['api/src', 'migrations', 'scripts', 'bench'].filter((d) => existsSync(d));
run([...dirs, '-d', 'dist', '--ignore', '**/*.spec.ts', '--config-file', '.swcrc', '-q']);

// Packages npm installed under api/node_modules (versions that differ from the hoisted
// ones, e.g. file-type) must resolve for the compiled API as they do for its sources.
if (existsSync('api/node_modules') && !existsSync('dist/api/node_modules')) {
  try {
    lstatSync('dist/api/node_modules');
    rmSync('dist/api/node_modules', { force: true });
  } catch {
    // no dangling link to remove
  }
  symlinkSync('../../api/node_modules', 'dist/api/node_modules', 'dir');
}
