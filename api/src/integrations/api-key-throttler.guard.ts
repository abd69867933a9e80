import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthContext } from '../common/auth/auth-context';

/** Rate limit per integration API key (staff tokens on the same routes count per user). */
@Injectable()
export class ApiKeyThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const auth = req.auth as AuthContext | undefined;
    return Promise.resolve(auth?.apiKey ? `key:${auth.apiKey.id}` : `user:${auth?.user.id ?? 'anonymous'}`);
  }
}
