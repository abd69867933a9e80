import type { ActorRole } from '@layanan/contracts';
import type { WorkflowActor } from '@layanan/workflow';
import type { AuthContext } from '../common/auth/auth-context';

/** Who acts: a staff user, the applicant through the public API, or the system (jobs). */
export interface Actor {
  id: string | null;
  name: string | null;
  roles: ActorRole[];
  opdId: string | null;
  /** null for applicant/system: they are authorised by the caller (tracking code + factor, job). */
  auth: AuthContext | null;
}

export function staffActor(auth: AuthContext): Actor {
  return { id: auth.user.id, name: auth.user.fullName, roles: auth.user.roles, opdId: auth.user.opdId, auth };
}

export function applicantActor(name: string): Actor {
  return { id: null, name, roles: ['applicant'], opdId: null, auth: null };
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'Sistem', roles: ['system'], opdId: null, auth: null };

/** The actor as the pure workflow sees it. */
export function workflowActor(actor: Actor): WorkflowActor {
  return { id: actor.id ?? 'applicant', roles: actor.roles, opdId: actor.opdId };
}

/** The role under which the actor sends something that `allowed` roles may send (a user may hold several). */
export function roleFor(allowed: readonly string[], actor: Actor): ActorRole {
  return actor.roles.find((r) => allowed.includes(r)) ?? actor.roles[0] ?? 'system';
}
