import { rolesIn } from '@layanan/authz';
import type { ActingGrant, ActorRole } from '@layanan/contracts';
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
  /** Roles held in the case's OPD as Plh./Plt.: the log records the capacity ("Plh. Kepala Dinas …"), letters the signer block. */
  acting?: Partial<Record<ActorRole, ActingGrant>>;
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

/**
 * The actor as they stand in a case's OPD: a user acting as Plh./Plt. there holds their own roles
 * (if it is their OPD) plus the acting position's role, and each acting role carries its capacity.
 * Users without an acting appointment there are returned as they are (no allocation).
 */
export function inCaseOpd(actor: Actor, opdId: string): Actor {
  const user = actor.auth?.user;
  if (!user?.acting?.some((g) => g.opdId === opdId)) return actor;
  const roles = rolesIn(user, opdId);
  const acting: Partial<Record<ActorRole, ActingGrant>> = {};
  for (const g of user.acting) if (g.opdId === opdId && !(user.opdId === opdId && user.roles.includes(g.role))) acting[g.role] = g;
  return { ...actor, roles, opdId, acting };
}
