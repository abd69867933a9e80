import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NOTIFY auth_changed with the user id whenever something the request guard checks changes:
 * a user's roles, OPD, name, active flag or token version, or a session's revocation. API
 * instances cache the guard's row for a few seconds and drop it on this notice (SessionCache).
 */
export class AuthChangeNotify1764500000000 implements MigrationInterface {
  name = 'AuthChangeNotify1764500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- TG_ARGV[0] names the column holding the user id (id on users, user_id on sessions).
        PERFORM pg_notify('auth_changed', to_jsonb(OLD) ->> TG_ARGV[0]);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_auth_changed AFTER UPDATE OF username, full_name, roles, opd_id, active, token_version OR DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION notify_auth_changed('id')`);
    await q.query(`
      CREATE TRIGGER refresh_tokens_auth_changed AFTER UPDATE OF revoked_at, user_id OR DELETE ON refresh_tokens
        FOR EACH ROW EXECUTE FUNCTION notify_auth_changed('user_id')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS refresh_tokens_auth_changed ON refresh_tokens`);
    await q.query(`DROP TRIGGER IF EXISTS users_auth_changed ON users`);
    await q.query(`DROP FUNCTION IF EXISTS notify_auth_changed()`);
  }
}
