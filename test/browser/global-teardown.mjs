import pg from 'pg';

export default async function globalTeardown() {
  const state = globalThis.__LT_BROWSER__;
  if (!state) return;
  const exited = new Promise((r) => state.child.once('exit', r));
  state.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10000))]);
  if (state.dbName && state.server) {
    const admin = new pg.Client({ connectionString: state.server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${state.dbName} WITH (FORCE)`);
    await admin.end();
  }
}
