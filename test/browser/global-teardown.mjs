import pg from 'pg';

export default async function globalTeardown() {
  const state = globalThis.__LT_BROWSER__;
  if (!state) return;
  const exited = new Promise((r) => state.child.once('exit', r));
  state.child.kill('SIGTERM');
  const timer = (ms) => new Promise((r) => setTimeout(r, ms).unref());
  if ((await Promise.race([exited.then(() => 'exited'), timer(10000)])) !== 'exited') state.child.kill('SIGKILL');
  // Its output pipes would keep this process alive after the run.
  state.child.stdout?.destroy();
  state.child.stderr?.destroy();
  state.child.unref();
  if (state.dbName && state.server) {
    const admin = new pg.Client({ connectionString: state.server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${state.dbName} WITH (FORCE)`);
    await admin.end();
  }
}
