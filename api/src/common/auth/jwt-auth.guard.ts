import { CanActivate, ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { actingAt, defineAbilityFor } from '@layanan/authz';
import { DataSource } from 'typeorm';
import { Clock } from '../clock';
import { preparedQuery } from '../database/prepared';
import { AppError } from '../errors/app-error';
import { API_KEY_PREFIX, API_KEY_ROUTE, ApiKeyAuthenticator } from './api-key';
import { REQUIRED_ABILITY, RequiredAbility } from './can.decorator';
import { AuthedRequest } from './current-user.decorator';
import { IS_PUBLIC } from './public.decorator';
import { SessionCache, type Session, type SessionRow } from './session-cache';

export interface AccessTokenPayload {
  sub: string;
  sid: string;
  tv: number;
}

const MAX_VERIFIED = 10_000;

/**
 * Global guard: every route needs a valid access token unless marked @Public(). The user and
 * session are checked on each request (read from the database, or from SessionCache, which
 * drops them the moment they change), so deactivation or logout takes effect at once.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly db: DataSource,
    private readonly sessions: SessionCache,
    private readonly clock: Clock,
    @Optional() private readonly apiKeys?: ApiKeyAuthenticator,
  ) {}

  private readonly verified = new Map<string, AccessTokenPayload & { exp: number }>();

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization;
    if (header?.startsWith(`Bearer ${API_KEY_PREFIX}`)) return this.apiKeyCaller(req, header.slice(7), targets);
    if (!header?.startsWith('Bearer ')) throw new AppError('AUTH_REQUIRED', 'Authentication required');
    let payload: AccessTokenPayload;
    try {
      payload = await this.verify(header.slice(7));
    } catch {
      throw new AppError('SESSION_ENDED', 'Access token is invalid or expired');
    }
    const session = this.sessions.get(payload.sid) ?? (await this.readSession(payload));
    if (!session || !isCurrent(session.row, payload)) {
      throw new AppError('SESSION_ENDED', 'Session has ended; please log in again');
    }
    const now = this.clock.now().getTime();
    if ((session.validUntil !== null && now >= session.validUntil) || now < session.derivedAt)
      Object.assign(session, derive(session.row, now));
    const { user, ability, validUntil } = session;
    req.auth = { user, ability, sessionId: payload.sid, actingChangesAt: validUntil };
    const required = this.reflector.getAllAndOverride<RequiredAbility | undefined>(REQUIRED_ABILITY, targets);
    if (required && !ability.can(required.action, required.subject)) {
      throw new AppError('FORBIDDEN', `Not permitted: ${required.action} ${required.subject}`);
    }
    return true;
  }

  /** Integration API keys: only on routes marked @AcceptsApiKey(), with the key's scoped ability. */
  private async apiKeyCaller(req: AuthedRequest, key: string, targets: Parameters<Reflector['getAllAndOverride']>[1]): Promise<boolean> {
    if (!this.apiKeys || !this.reflector.getAllAndOverride<boolean>(API_KEY_ROUTE, targets))
      throw new AppError('FORBIDDEN', 'Integration API keys may call only the integration API (/api/integration)');
    const auth = await this.apiKeys.authenticate(key);
    if (!auth) throw new AppError('API_KEY_INVALID', 'The API key is unknown or revoked');
    req.auth = auth;
    const required = this.reflector.getAllAndOverride<RequiredAbility | undefined>(REQUIRED_ABILITY, targets);
    if (required && !auth.ability.can(required.action, required.subject)) {
      throw new AppError('FORBIDDEN', `The API key's scopes do not allow: ${required.action} ${required.subject}`);
    }
    return true;
  }

  /**
   * Verifies the token's signature and expiry once per instance and token: a signature cannot
   * change, so checking it again on every request buys nothing. What can change (logout,
   * deactivation, roles) is the session check, which runs on every request.
   */
  private async verify(token: string): Promise<AccessTokenPayload> {
    const known = this.verified.get(token);
    if (known && known.exp * 1000 > Date.now()) return known;
    this.verified.delete(token);
    const payload = await this.jwt.verifyAsync<AccessTokenPayload & { exp: number }>(token);
    if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
    this.verified.set(token, payload);
    return payload;
  }

  private async readSession(payload: AccessTokenPayload): Promise<Session | undefined> {
    const epoch = this.sessions.mark();
    const [row] = await preparedQuery<SessionRow>(
      this.db,
      `SELECT u.id, u.username, u.full_name, u.roles, u.opd_id, u.active, u.token_version, s.revoked_at,
              COALESCE((SELECT json_agg(json_build_object('appointmentId', a.id, 'opdId', a.opd_id, 'role', a.role, 'kind', a.kind,
                                'positionTitle', a.position_title, 'startsAt', lower(a.period), 'endsAt', upper(a.period)))
                          FROM acting_appointments a WHERE a.user_id = u.id AND a.revoked_at IS NULL AND upper(a.period) > now()), '[]') AS acting
         FROM users u JOIN refresh_tokens s ON s.user_id = u.id AND s.id = $2 WHERE u.id = $1`,
      [payload.sub, payload.sid],
    );
    if (!row) return undefined;
    const session = { row, ...derive(row, this.clock.now().getTime()) };
    this.sessions.set(payload.sid, session, epoch);
    return session;
  }
}

/** The user and ability of a session row at `now`: own roles plus the acting appointments in force then. */
function derive(row: SessionRow, now: number): Omit<Session, 'row'> {
  const { grants, changesAt } = actingAt(row.acting, new Date(now));
  const user = { id: row.id, username: row.username, fullName: row.full_name, roles: row.roles, opdId: row.opd_id };
  const withActing = grants.length ? { ...user, acting: grants } : user;
  return { user: withActing, ability: defineAbilityFor(withActing), validUntil: changesAt, derivedAt: now };
}

/** The token's user and session still stand: same user, active, session not revoked, no global logout since. */
function isCurrent(row: SessionRow, payload: AccessTokenPayload): boolean {
  return row.id === payload.sub && row.active && !row.revoked_at && row.token_version === payload.tv;
}
