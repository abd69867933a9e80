import type { AppAbility } from '@layanan/authz';
import type { AuthUser } from '@layanan/contracts';

/** Who is calling, resolved once per request by the JWT guard. */
export interface AuthContext {
  user: AuthUser;
  ability: AppAbility;
  sessionId: string;
  /** When the Plh./Plt. grants behind `ability` change next (ms since the epoch); null: not scheduled. */
  actingChangesAt?: number | null;
  /** Set when the caller is an integration API key (user.id is then the key's id). */
  apiKey?: { id: string; name: string };
}
