import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { defineAbilityFor } from '@layanan/authz';
import type { Role } from '@layanan/contracts';
import { DataSource } from 'typeorm';
import { AppError } from '../errors/app-error';
import { REQUIRED_ABILITY, RequiredAbility } from './can.decorator';
import { AuthedRequest } from './current-user.decorator';
import { IS_PUBLIC } from './public.decorator';

export interface AccessTokenPayload { sub: string; sid: string; tv: number }

interface SessionRow { id: string; username: string; full_name: string; roles: Role[]; opd_id: string | null; active: boolean; token_version: number; revoked_at: Date | null; expires_at: Date }

/**
 * Global guard: every route needs a valid access token unless marked @Public(). The user and
 * session are read on each request, so deactivation or logout takes effect at once.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly db: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw new AppError('UNAUTHENTICATED', 'Authentication required');
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(header.slice(7));
    } catch {
      throw new AppError('UNAUTHENTICATED', 'Access token is invalid or expired');
    }
    const rows = (await this.db.query(
      `SELECT u.id, u.username, u.full_name, u.roles, u.opd_id, u.active, u.token_version, s.revoked_at, s.expires_at
         FROM users u JOIN refresh_tokens s ON s.user_id = u.id AND s.id = $2 WHERE u.id = $1`,
      [payload.sub, payload.sid],
    )) as SessionRow[];
    const row = rows[0];
    if (!row || !row.active || row.revoked_at || row.token_version !== payload.tv) {
      throw new AppError('UNAUTHENTICATED', 'Session has ended; please log in again');
    }
    const user = { id: row.id, username: row.username, fullName: row.full_name, roles: row.roles, opdId: row.opd_id };
    const ability = defineAbilityFor(user);
    req.auth = { user, ability, sessionId: payload.sid };
    const required = this.reflector.getAllAndOverride<RequiredAbility | undefined>(REQUIRED_ABILITY, targets);
    if (required && !ability.can(required.action, required.subject)) {
      throw new AppError('FORBIDDEN', `Not permitted: ${required.action} ${required.subject}`);
    }
    return true;
  }
}
