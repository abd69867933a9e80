// Creates (or resets) a system administrator outside demo mode:
//   DATABASE_URL=... ADMIN_USERNAME=admin ADMIN_PASSWORD='...' npm run create-admin
import 'reflect-metadata';
import * as argon2 from 'argon2';
import { Client } from 'pg';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const username = process.env.ADMIN_USERNAME ?? 'admin';
  const password = process.env.ADMIN_PASSWORD;
  if (!url) throw new Error('DATABASE_URL must be set');
  if (!password || password.length < 12) throw new Error('ADMIN_PASSWORD must be set, at least 12 characters');
  const hash = await argon2.hash(password, { type: argon2.argon2id });
  const db = new Client({ connectionString: url });
  await db.connect();
  await db.query(
    `INSERT INTO users (username, full_name, password_hash, roles) VALUES ($1, 'Admin Sistem', $2, '{admin}')
     ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, roles = '{admin}', active = true, token_version = users.token_version + 1`,
    [username, hash],
  );
  await db.end();
  process.stdout.write(`Administrator "${username}" is ready.\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
