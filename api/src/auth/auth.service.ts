import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { defineAbilityFor, packAbilityRules } from '@layanan/authz';
import type { AuthUser, LoginResponse, MeResponse, Role } from '@layanan/contracts';
import * as argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import type { AccessTokenPayload } from '../common/auth/jwt-auth.guard';
import { AppError } from '../common/errors/app-error';
import { authConfig } from '../config';
import { SessionCache } from '../common/auth/session-cache';

interface LoginRow {
  id: string;
  username: string;
  full_name: string;
  roles: Role[];
  opd_id: string | null;
  active: boolean;
  password_hash: string;
  failed_logins: number;
  locked_until: Date | null;
  token_version: number;
}

const BAD_CREDENTIALS = 'Invalid username or password';
// Verified against when the username is unknown, so both paths cost the same time.
const DUMMY_HASH = argon2.hash('timing-equaliser', { type: argon2.argon2id });

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly jwt: JwtService,
    @Inject(authConfig.KEY) private readonly cfg: ConfigType<typeof authConfig>,
    private readonly sessions: SessionCache,
  ) {}

  async login(username: string, password: string): Promise<LoginResponse> {
    const rows = await this.db.query<LoginRow[]>(
      `SELECT id, username, full_name, roles, opd_id, active, password_hash, failed_logins, locked_until, token_version FROM users WHERE username = $1`,
      [username.trim().toLowerCase()],
    );
    const row = rows[0];
    if (!row) {
      await argon2.verify(await DUMMY_HASH, password);
      throw new AppError('LOGIN_FAILED', BAD_CREDENTIALS);
    }
    if (row.locked_until && row.locked_until > new Date()) throw this.lockedError(row.locked_until);
    if (!(await argon2.verify(row.password_hash, password))) {
      const [updated] = await this.db.query<[{ failed_logins: number; locked_until: Date | null }[], number]>(
        `UPDATE users SET failed_logins = failed_logins + 1,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE locked_until END
         WHERE id = $1 RETURNING failed_logins, locked_until`,
        [row.id, this.cfg.maxFailures, this.cfg.lockSeconds],
      );
      const lockedUntil = updated[0]?.locked_until;
      if (lockedUntil && lockedUntil > new Date()) throw this.lockedError(lockedUntil);
      throw new AppError('LOGIN_FAILED', BAD_CREDENTIALS);
    }
    if (!row.active) throw new AppError('LOGIN_FAILED', BAD_CREDENTIALS);
    await this.db.query(`UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`, [row.id]);
    const refreshToken = randomBytes(32).toString('base64url');
    const [session] = await this.db.query<{ id: string }[]>(
      `INSERT INTO refresh_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING id`,
      [row.id, sha256(refreshToken), this.cfg.refreshTtl],
    );
    const user = toAuthUser(row);
    return {
      accessToken: await this.sign(row.id, session.id, row.token_version),
      refreshToken: `${session.id}.${refreshToken}`,
      expiresIn: this.cfg.accessTtl,
      user,
    };
  }

  /** Rotates the refresh token: the old one stops working, the session id stays. */
  async refresh(token: string): Promise<LoginResponse> {
    const [sessionId, secret] = token.split('.');
    if (!sessionId || !secret || !/^[0-9a-f-]{36}$/.test(sessionId)) throw new AppError('REFRESH_INVALID', 'Refresh token is invalid');
    const next = randomBytes(32).toString('base64url');
    const rows = await this.db.query<[LoginRow[], number]>(
      `UPDATE refresh_tokens s SET token_hash = $3, expires_at = now() + make_interval(secs => $4)
         FROM users u
        WHERE s.id = $1 AND s.token_hash = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.id = s.user_id AND u.active
        RETURNING u.id, u.username, u.full_name, u.roles, u.opd_id, u.token_version`,
      [sessionId, sha256(secret), sha256(next), this.cfg.refreshTtl],
    );
    const row = rows[0][0];
    if (!row) throw new AppError('REFRESH_INVALID', 'Refresh token is invalid, expired or revoked');
    return {
      accessToken: await this.sign(row.id, sessionId, row.token_version),
      refreshToken: `${sessionId}.${next}`,
      expiresIn: this.cfg.accessTtl,
      user: toAuthUser(row),
    };
  }

  async logout(auth: AuthContext): Promise<void> {
    await this.db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [auth.sessionId]);
    this.sessions.forgetUser(auth.user.id);
  }

  me(auth: AuthContext): MeResponse {
    const changesAt = auth.actingChangesAt ?? null;
    return {
      ...auth.user,
      rules: packAbilityRules(defineAbilityFor(auth.user)),
      actingChangesAt: changesAt === null ? null : new Date(changesAt).toISOString(),
    };
  }

  private sign(userId: string, sessionId: string, tokenVersion: number): Promise<string> {
    const payload: AccessTokenPayload = { sub: userId, sid: sessionId, tv: tokenVersion };
    return this.jwt.signAsync(payload);
  }

  private lockedError(until: Date): AppError {
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60000));
    return new AppError('LOGIN_LOCKED', `Account locked after too many failed logins; try again in ${minutes} minute(s)`);
  }
}

function toAuthUser(row: Pick<LoginRow, 'id' | 'username' | 'full_name' | 'roles' | 'opd_id'>): AuthUser {
  return { id: row.id, username: row.username, fullName: row.full_name, roles: row.roles, opdId: row.opd_id };
}
