import { AbilityBuilder } from '@casl/ability';
import type { ApiKeyScope, AuthUser, Role } from '@layanan/contracts';
import { createAppAbility, type AppAbility } from './app-ability';

type Builder = AbilityBuilder<AppAbility>;

/**
 * Case read scope shared by every OPD-bound role: the OPD's current cases, plus cases it
 * once held and transferred away (disposisi). `{ handledOpdIds: opdId }` uses Mongo array
 * semantics: it matches when the array CONTAINS opdId (verified in define-ability-for.spec).
 */
function readOwnOpdCases(can: Builder['can'], opdId: string): void {
  can('read', 'Case', { opdId });
  can('read', 'Case', { handledOpdIds: opdId });
}

/**
 * Consults (pertimbangan teknis) for an OPD's case workers: the ones it asked or was asked, and, while a consult to the OPD is open, read access to that
 * case (`consultOpdIds`: no act, no claim, no personal data). The kasi and the head answer any
 * consult asked of the OPD; a consult addressed to a role is answered by that role too.
 */
function consultOwnOpd(can: Builder['can'], opdId: string, role: Role): void {
  can('read', 'Case', { consultOpdIds: opdId });
  can('read', 'Consult', { requesterOpdId: opdId });
  can('read', 'Consult', { consultedOpdId: opdId });
  if (role === 'supervisor' || role === 'head') can('answer', 'Consult', { consultedOpdId: opdId });
  else can('answer', 'Consult', { consultedOpdId: opdId, consultedRole: role });
}

/** act/claim/comment limited to the own OPD's cases that are mine or still unassigned. */
function workOwnQueue(can: Builder['can'], userId: string, opdId: string): void {
  can(['act', 'comment'], 'Case', { opdId, assigneeId: userId });
  can(['act', 'comment'], 'Case', { opdId, assigneeId: null });
  can('claim', 'Case', { opdId, assigneeId: userId, isOpen: true });
  can('claim', 'Case', { opdId, assigneeId: null, isOpen: true });
}

/** `acting`: the role is held as Plh./Plt. (a mandate): it carries the position's casework, not its power to appoint. */
type RoleRules = (can: Builder['can'], user: AuthUser, opdId: string | null, acting: boolean) => void;

/**
 * Roles whose rules are all OPD-scoped get nothing when the account has no OPD: a missing
 * opdId must never turn into a `{ opdId: null }` condition (fail closed).
 */
const ROLE_RULES: Record<Role, RoleRules> = {
  officer(can, user, opdId) {
    if (!opdId) return;
    readOwnOpdCases(can, opdId);
    can('create', 'Case', { opdId });
    workOwnQueue(can, user.id, opdId);
    can('readPersonalData', 'Case', { opdId });
    consultOwnOpd(can, opdId, 'officer');
  },
  verifier(can, user, opdId) {
    if (!opdId) return;
    readOwnOpdCases(can, opdId);
    workOwnQueue(can, user.id, opdId);
    can('checkDocument', 'Case', { opdId, assigneeId: user.id });
    can('checkDocument', 'Case', { opdId, assigneeId: null });
    can('readPersonalData', 'Case', { opdId });
    consultOwnOpd(can, opdId, 'verifier');
  },
  supervisor(can, _user, opdId) {
    if (!opdId) return;
    readOwnOpdCases(can, opdId);
    can(['act', 'comment'], 'Case', { opdId });
    can(['claim', 'assign', 'transfer'], 'Case', { opdId, isOpen: true });
    // The section head records and cancels the leave of the OPD's staff (also as Plh./Plt.: leave is routine personnel work).
    can(['create', 'read', 'update'], 'Leave', { opdId });
    can('readPersonalData', 'Case', { opdId });
    can('read', 'User', { opdId });
    can('readReport', 'Report', { opdId });
    can('read', 'Complaint', { opdId });
    consultOwnOpd(can, opdId, 'supervisor');
  },
  head(can, _user, opdId, acting) {
    if (!opdId) return;
    // The head appoints Plh./Plt. for the OPD's positions; an acting head may not (UU 30/2014: a mandate holder takes no staffing decisions).
    if (!acting) can(['create', 'read', 'update'], 'Appointment', { opdId });
    readOwnOpdCases(can, opdId);
    can(['act', 'comment'], 'Case', { opdId });
    // The head answers for the OPD's letters: revokes or corrects them (the correction is signed anew).
    can('revokeDocument', 'Case', { opdId });
    can(['create', 'read', 'update'], 'Leave', { opdId });
    can('read', 'User', { opdId });
    can('readReport', 'Report', { opdId });
    can('read', 'Complaint', { opdId });
    consultOwnOpd(can, opdId, 'head');
  },
  admin(can) {
    can('manage', ['Opd', 'User', 'Service', 'Holiday', 'Workflow', 'Integration', 'NotificationTemplate', 'Appointment', 'Leave']);
    can('read', ['Case', 'Consult']);
  },
  leadership(can) {
    can('read', ['Case', 'Consult']);
    can('readReport', 'Report');
    can('read', ['Opd', 'Service', 'Complaint']);
  },
  /** Petugas pengelola pengaduan: handles the OPD's complaints and sees the cases they concern. */
  complaint_officer(can, _user, opdId) {
    if (!opdId) return;
    can(['read', 'act'], 'Complaint', { opdId });
    readOwnOpdCases(can, opdId);
  },
};

/**
 * The single source of permissions: the API guards, the SQL WHERE of every list query
 * (`abilityToSql`) and the console's buttons all derive from these rules. Pure and
 * browser-safe. `user.acting` adds the rules of each position held as Plh./Plt., scoped to
 * that position's OPD. Roles are additive; no `cannot` rules are used, so a multi-role user gets
 * the union of their roles' rights. Unknown role strings are ignored.
 */
export function defineAbilityFor(user: AuthUser): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createAppAbility);
  const { can } = builder;

  // Every authenticated staff user.
  can('read', ['Service', 'Opd', 'Holiday']);
  // OPD staff mark (and cancel) their own leave; leave matters only to those who get cases.
  if (user.opdId) can(['create', 'read', 'update'], 'Leave', { userId: user.id });

  const opdId = user.opdId || null;
  for (const role of new Set(user.roles)) {
    if (Object.prototype.hasOwnProperty.call(ROLE_RULES, role)) ROLE_RULES[role](can, user, opdId, false);
  }
  // Positions held as Plh./Plt. right now (the caller passes only the grants in force: see actingAt).
  for (const grant of user.acting ?? []) {
    if (grant.opdId && Object.prototype.hasOwnProperty.call(ROLE_RULES, grant.role)) ROLE_RULES[grant.role](can, user, grant.opdId, true);
  }
  // Roles overlap (officer + verifier both grant the own-OPD read rules): drop exact
  // duplicates so the packed rules and the compiled SQL stay small.
  const seen = new Set<string>();
  const rules = builder.rules.filter((rule) => {
    const key = JSON.stringify(rule);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return createAppAbility(rules);
}

/**
 * An integration API key: only its scopes, each limited to the key's OPD, so the same SQL
 * filtering (`abilityToSql`) applies to its lists. Never personal data (NIK and phone stay
 * masked); `documents:read` is a separate, logged right.
 */
export function defineAbilityForApiKey(key: { opdId: string; scopes: readonly ApiKeyScope[] }): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createAppAbility);
  const { can } = builder;
  const opdId = key.opdId;
  const scopes = new Set(key.scopes);
  if (scopes.has('cases:read') || scopes.has('documents:read')) readOwnOpdCases(can, opdId);
  if (scopes.has('cases:create')) {
    can('create', 'Case', { opdId });
    can('read', 'Service');
  }
  if (scopes.has('documents:read')) can('readDocument', 'Case', { opdId });
  return createAppAbility(builder.rules);
}
