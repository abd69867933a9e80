import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error';
import type { AuthContext } from './auth-context';

export type AuthedRequest = FastifyRequest & { auth?: AuthContext };

/** The caller's AuthContext; only on routes behind the JWT guard. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.auth) throw new AppError('AUTH_REQUIRED', 'Authentication required');
  return req.auth;
});
