import type { AppAbility } from '@layanan/authz';
import type { AuthUser } from '@layanan/contracts';

/** Who is calling, resolved once per request by the JWT guard. */
export interface AuthContext {
  user: AuthUser;
  ability: AppAbility;
  sessionId: string;
  /** Set when the caller is an integration API key (user.id is then the key's id). */
  apiKey?: { id: string; name: string };
}
