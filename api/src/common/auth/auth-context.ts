import type { AppAbility } from '@layanan/authz';
import type { AuthUser } from '@layanan/contracts';

/** Who is calling, resolved once per request by the JWT guard. */
export interface AuthContext {
  user: AuthUser;
  ability: AppAbility;
  sessionId: string;
}
