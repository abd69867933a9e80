import type { ActingGrant, ActingWindow, Role } from '@layanan/contracts';

/** The grants in force at `at`, and the next instant at which that set changes (null: never). */
export interface ActingState {
  grants: ActingGrant[];
  /** ms since the epoch; the ability built from `grants` is valid until then. */
  changesAt: number | null;
}

/**
 * Which appointments are in force at `at`: a half-open window [startsAt, endsAt), so an
 * appointment "until 5 December" (endsAt = 6 December 00:00 WIB) grants nothing from that
 * instant on. Pure; the guard calls it when a session is loaded and again when `changesAt` passes.
 */
export function actingAt(windows: readonly ActingWindow[], at: Date): ActingState {
  const now = at.getTime();
  const grants: ActingGrant[] = [];
  let changesAt: number | null = null;
  const next = (t: number) => {
    if (t > now && (changesAt === null || t < changesAt)) changesAt = t;
  };
  for (const w of windows) {
    const start = Date.parse(w.startsAt);
    const end = Date.parse(w.endsAt);
    if (Number.isNaN(start) || Number.isNaN(end)) continue;
    next(start);
    next(end);
    if (start <= now && now < end) {
      grants.push({ appointmentId: w.appointmentId, opdId: w.opdId, role: w.role, kind: w.kind, positionTitle: w.positionTitle });
    }
  }
  return { grants, changesAt };
}

/**
 * The grant under which `role` is exercised in `opdId`, or undefined when the user holds that
 * role there in their own right (their own roles in their own OPD come first).
 */
export function actingGrantFor(
  user: { roles: readonly string[]; opdId: string | null; acting?: readonly ActingGrant[] },
  opdId: string,
  role: string,
): ActingGrant | undefined {
  if (user.opdId === opdId && user.roles.includes(role)) return undefined;
  return user.acting?.find((g) => g.opdId === opdId && g.role === role);
}

/** The roles the user holds in `opdId`: their own there, plus the positions they act in there. */
export function rolesIn(
  user: { roles: readonly Role[]; opdId: string | null; acting?: readonly ActingGrant[] },
  opdId: string | null,
): Role[] {
  const roles: Role[] = user.opdId !== null && user.opdId === opdId ? [...user.roles] : [];
  for (const g of user.acting ?? []) if (g.opdId === opdId && !roles.includes(g.role)) roles.push(g.role);
  return roles;
}
