import type { AuthUser, Role } from '@layanan/contracts';
import { createAppAbility, type AppAction } from './app-ability';
import { caseSubject, complaintSubject, leaveSubject, reportSubject, userSubject } from './case-subject';
import { defineAbilityFor } from './define-ability-for';

const OPD_A = 'opd-a';
const OPD_B = 'opd-b';
const ME = 'user-me';
const OTHER = 'user-other';

function userWith(roles: Role[], opdId: string | null = OPD_A): AuthUser {
  return { id: ME, username: 'me', fullName: 'Me', roles, opdId };
}

type Assignment = 'me' | 'other' | 'none';
type Scenario = `${'own' | 'foreign'}/${Assignment}`;
const SCENARIOS: Scenario[] = ['own/me', 'own/other', 'own/none', 'foreign/me', 'foreign/other', 'foreign/none'];

function caseFor(scenario: Scenario, isOpen = true) {
  const [where, who] = scenario.split('/') as ['own' | 'foreign', Assignment];
  const opdId = where === 'own' ? OPD_A : OPD_B;
  const assigneeId = who === 'me' ? ME : who === 'other' ? OTHER : null;
  return caseSubject({ opdId, assigneeId, handledOpdIds: [opdId], isOpen });
}

const OWN_ALL: Scenario[] = ['own/me', 'own/other', 'own/none'];
const OWN_QUEUE: Scenario[] = ['own/me', 'own/none'];
const NONE: Scenario[] = [];
type CaseAction = Extract<AppAction, 'read' | 'act' | 'claim' | 'assign' | 'transfer' | 'readPersonalData' | 'revokeDocument'>;

/** Expected grants per role and action: the scenarios (own/foreign OPD × assignee) allowed. */
const EXPECTED: Record<Role, Record<CaseAction, Scenario[]>> = {
  officer: {
    read: OWN_ALL,
    act: OWN_QUEUE,
    claim: OWN_QUEUE,
    assign: NONE,
    transfer: NONE,
    readPersonalData: OWN_ALL,
    revokeDocument: NONE,
  },
  verifier: {
    read: OWN_ALL,
    act: OWN_QUEUE,
    claim: OWN_QUEUE,
    assign: NONE,
    transfer: NONE,
    readPersonalData: OWN_ALL,
    revokeDocument: NONE,
  },
  supervisor: {
    read: OWN_ALL,
    act: OWN_ALL,
    claim: OWN_ALL,
    assign: OWN_ALL,
    transfer: OWN_ALL,
    readPersonalData: OWN_ALL,
    revokeDocument: NONE,
  },
  head: { read: OWN_ALL, act: OWN_ALL, claim: NONE, assign: NONE, transfer: NONE, readPersonalData: NONE, revokeDocument: OWN_ALL },
  admin: { read: SCENARIOS, act: NONE, claim: NONE, assign: NONE, transfer: NONE, readPersonalData: NONE, revokeDocument: NONE },
  leadership: { read: SCENARIOS, act: NONE, claim: NONE, assign: NONE, transfer: NONE, readPersonalData: NONE, revokeDocument: NONE },
  // Sees the OPD's cases a complaint is about; works none of them.
  complaint_officer: { read: OWN_ALL, act: NONE, claim: NONE, assign: NONE, transfer: NONE, readPersonalData: NONE, revokeDocument: NONE },
};

const matrix = (Object.keys(EXPECTED) as Role[]).flatMap((role) =>
  (Object.keys(EXPECTED[role]) as CaseAction[]).flatMap((action) =>
    SCENARIOS.map((scenario) => ({ role, action, scenario, allowed: EXPECTED[role][action].includes(scenario) })),
  ),
);

describe('defineAbilityFor: Case matrix (role × OPD × assignee × action)', () => {
  it.each(matrix)('$role may $action a $scenario case: $allowed', ({ role, action, scenario, allowed }) => {
    const opdId = role === 'admin' || role === 'leadership' ? null : OPD_A;
    const ability = defineAbilityFor(userWith([role], opdId));
    expect(ability.can(action, caseFor(scenario))).toBe(allowed);
  });
});

describe('defineAbilityFor: cases transferred away (handledOpdIds)', () => {
  const transferredAway = caseSubject({ opdId: OPD_B, assigneeId: ME, handledOpdIds: [OPD_A, OPD_B], isOpen: true });

  it.each<Role>(['officer', 'verifier', 'supervisor', 'head'])('%s keeps read access to a case its OPD handed to another OPD', (role) => {
    expect(defineAbilityFor(userWith([role])).can('read', transferredAway)).toBe(true);
  });

  it.each<Role>(['officer', 'verifier', 'supervisor', 'head'])(
    '%s cannot act, claim or see personal data of a case transferred away',
    (role) => {
      const ability = defineAbilityFor(userWith([role]));
      for (const action of ['act', 'claim', 'assign', 'transfer', 'comment', 'readPersonalData'] as const) {
        expect(ability.can(action, transferredAway)).toBe(false);
      }
    },
  );

  it('matches handledOpdIds by array containment, not equality, in the in-memory check', () => {
    const ability = defineAbilityFor(userWith(['officer']));
    const read = (handledOpdIds: string[]) =>
      ability.can('read', caseSubject({ opdId: 'opd-c', assigneeId: null, handledOpdIds, isOpen: true }));
    expect(read([OPD_A])).toBe(true);
    expect(read(['opd-x', OPD_A, 'opd-c'])).toBe(true);
    expect(read(['opd-x', 'opd-c'])).toBe(false);
    expect(read([])).toBe(false);
  });
});

describe('defineAbilityFor: other Case actions', () => {
  it('lets only officers create cases, and only in their own OPD', () => {
    const ownNew = caseSubject({ opdId: OPD_A, assigneeId: null, handledOpdIds: [OPD_A], isOpen: true });
    const foreignNew = caseSubject({ opdId: OPD_B, assigneeId: null, handledOpdIds: [OPD_B], isOpen: true });
    expect(defineAbilityFor(userWith(['officer'])).can('create', ownNew)).toBe(true);
    expect(defineAbilityFor(userWith(['officer'])).can('create', foreignNew)).toBe(false);
    for (const role of ['verifier', 'supervisor', 'head', 'admin', 'leadership'] as const) {
      expect(defineAbilityFor(userWith([role])).can('create', ownNew)).toBe(false);
    }
  });

  it('lets a verifier check documents of own-OPD cases assigned to them or unassigned only', () => {
    const ability = defineAbilityFor(userWith(['verifier']));
    expect(SCENARIOS.filter((s) => ability.can('checkDocument', caseFor(s)))).toEqual(OWN_QUEUE);
    expect(defineAbilityFor(userWith(['officer'])).can('checkDocument', caseFor('own/me'))).toBe(false);
  });

  it('lets officers, verifiers, supervisors and heads comment where they may act', () => {
    expect(SCENARIOS.filter((s) => defineAbilityFor(userWith(['officer'])).can('comment', caseFor(s)))).toEqual(OWN_QUEUE);
    expect(SCENARIOS.filter((s) => defineAbilityFor(userWith(['supervisor'])).can('comment', caseFor(s)))).toEqual(OWN_ALL);
    expect(SCENARIOS.filter((s) => defineAbilityFor(userWith(['head'])).can('comment', caseFor(s)))).toEqual(OWN_ALL);
    expect(defineAbilityFor(userWith(['admin'], null)).can('comment', caseFor('own/none'))).toBe(false);
  });

  it('refuses claim, assign and transfer on closed cases', () => {
    const closed = caseFor('own/none', false);
    expect(defineAbilityFor(userWith(['officer'])).can('claim', closed)).toBe(false);
    const supervisor = defineAbilityFor(userWith(['supervisor']));
    expect(supervisor.can('claim', closed)).toBe(false);
    expect(supervisor.can('assign', closed)).toBe(false);
    expect(supervisor.can('transfer', closed)).toBe(false);
    expect(supervisor.can('act', closed)).toBe(true);
  });

  it('gives a multi-role user the union of the roles (head + verifier sees personal data)', () => {
    const ability = defineAbilityFor(userWith(['head', 'verifier']));
    expect(ability.can('readPersonalData', caseFor('own/other'))).toBe(true);
    expect(ability.can('act', caseFor('own/other'))).toBe(true);
    expect(ability.can('checkDocument', caseFor('own/other'))).toBe(false);
    expect(ability.can('claim', caseFor('own/other'))).toBe(false);
  });

  it('does not repeat rules shared by several roles', () => {
    const keys = defineAbilityFor(userWith(['officer', 'verifier', 'supervisor'])).rules.map((r) => JSON.stringify(r));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('grants no case access to an OPD-bound role whose account has no OPD', () => {
    const ability = defineAbilityFor(userWith(['officer', 'supervisor'], null));
    const orphan = caseSubject({ opdId: OPD_A, assigneeId: null, handledOpdIds: [], isOpen: true });
    for (const action of ['read', 'act', 'claim', 'create', 'readPersonalData'] as const) {
      expect(ability.can(action, orphan)).toBe(false);
      expect(ability.can(action, caseFor('own/me'))).toBe(false);
    }
  });

  it('ignores unknown role strings', () => {
    const ability = defineAbilityFor({ ...userWith([]), roles: ['root' as Role] });
    expect(ability.can('read', caseFor('own/none'))).toBe(false);
    expect(ability.can('manage', 'all')).toBe(false);
  });
});

describe('defineAbilityFor: reference data, users and reports', () => {
  const ALL_ROLES: Role[] = ['officer', 'verifier', 'supervisor', 'head', 'admin', 'leadership'];

  it.each(ALL_ROLES)('%s can read Service, Opd and Holiday', (role) => {
    const ability = defineAbilityFor(userWith([role]));
    for (const s of ['Service', 'Opd', 'Holiday'] as const) expect(ability.can('read', s)).toBe(true);
  });

  it.each(ALL_ROLES)('%s may write User, Service, Opd, Holiday and Workflow only when admin', (role) => {
    const ability = defineAbilityFor(userWith([role]));
    for (const s of ['User', 'Service', 'Opd', 'Holiday', 'Workflow'] as const) {
      for (const action of ['create', 'update', 'manage'] as const) {
        expect(ability.can(action, s)).toBe(role === 'admin');
      }
    }
  });

  it('lets admin manage every user record regardless of OPD but not act on or unmask cases', () => {
    const admin = defineAbilityFor(userWith(['admin'], null));
    expect(admin.can('update', userSubject({ opdId: OPD_B }))).toBe(true);
    expect(admin.can('read', userSubject({ opdId: null }))).toBe(true);
    expect(admin.can('act', 'Case')).toBe(false);
    expect(admin.can('readPersonalData', 'Case')).toBe(false);
    expect(admin.can('readReport', 'Report')).toBe(false);
  });

  it.each<Role>(['supervisor', 'head'])('%s reads users and reports of the own OPD only', (role) => {
    const ability = defineAbilityFor(userWith([role]));
    expect(ability.can('read', userSubject({ opdId: OPD_A }))).toBe(true);
    expect(ability.can('read', userSubject({ opdId: OPD_B }))).toBe(false);
    expect(ability.can('update', userSubject({ opdId: OPD_A }))).toBe(false);
    expect(ability.can('readReport', reportSubject({ opdId: OPD_A }))).toBe(true);
    expect(ability.can('readReport', reportSubject({ opdId: OPD_B }))).toBe(false);
    expect(ability.can('readReport', reportSubject({ opdId: null }))).toBe(false);
  });

  it.each<Role>(['officer', 'verifier'])('%s reads neither users nor reports', (role) => {
    const ability = defineAbilityFor(userWith([role]));
    expect(ability.can('read', userSubject({ opdId: OPD_A }))).toBe(false);
    expect(ability.can('readReport', reportSubject({ opdId: OPD_A }))).toBe(false);
  });

  it('lets leadership read every report and nothing writable', () => {
    const ability = defineAbilityFor(userWith(['leadership'], null));
    expect(ability.can('readReport', reportSubject({ opdId: OPD_B }))).toBe(true);
    expect(ability.can('readReport', reportSubject({ opdId: null }))).toBe(true);
    expect(ability.can('read', 'Workflow')).toBe(false);
    expect(ability.can('read', 'User')).toBe(false);
    const writes = ability.rules.filter((r) => [r.action].flat().some((a) => a !== 'read' && a !== 'readReport'));
    expect(writes).toEqual([]);
  });
});

describe('caseSubject', () => {
  it('tags a copy and leaves the caller object untouched', () => {
    const row = { id: 'c1', opdId: OPD_A, assigneeId: null, handledOpdIds: [OPD_A], isOpen: true };
    const tagged = caseSubject(row);
    expect(tagged).toEqual({ ...row, __caslSubjectType__: 'Case' });
    expect(tagged).not.toBe(row);
    expect(createAppAbility([]).detectSubjectType(tagged)).toBe('Case');
    expect(Object.getOwnPropertyNames(row)).not.toContain('__caslSubjectType__');
  });
});

describe('defineAbilityFor: Complaint (pengaduan) per role and OPD', () => {
  const own = complaintSubject({ opdId: OPD_A });
  const foreign = complaintSubject({ opdId: OPD_B });
  const cases: { role: Role; read: [boolean, boolean]; act: [boolean, boolean] }[] = [
    { role: 'complaint_officer', read: [true, false], act: [true, false] },
    { role: 'supervisor', read: [true, false], act: [false, false] },
    { role: 'head', read: [true, false], act: [false, false] },
    { role: 'officer', read: [false, false], act: [false, false] },
    { role: 'verifier', read: [false, false], act: [false, false] },
    { role: 'admin', read: [false, false], act: [false, false] },
    { role: 'leadership', read: [true, true], act: [false, false] },
  ];
  it.each(cases)('$role: read own/foreign $read, act own/foreign $act', ({ role, read, act }) => {
    const ability = defineAbilityFor(userWith([role], role === 'admin' || role === 'leadership' ? null : OPD_A));
    expect([ability.can('read', own), ability.can('read', foreign)]).toEqual(read);
    expect([ability.can('act', own), ability.can('act', foreign)]).toEqual(act);
  });

  it('a complaint officer without an OPD gets nothing (fail closed)', () => {
    const ability = defineAbilityFor(userWith(['complaint_officer'], null));
    expect(ability.can('read', own)).toBe(false);
    expect(ability.can('read', caseFor('own/none'))).toBe(false);
  });
});

describe('leave (cuti)', () => {
  const mine = (user: { id: string }) => leaveSubject({ userId: user.id, opdId: OPD_A });
  const colleague = leaveSubject({ userId: 'someone-else', opdId: OPD_A });
  const foreign = leaveSubject({ userId: 'someone-else', opdId: OPD_B });

  it.each<Role>(['officer', 'verifier', 'complaint_officer'])('lets a %s mark only their own leave', (role) => {
    const user = userWith([role]);
    const ability = defineAbilityFor(user);
    expect(ability.can('create', mine(user))).toBe(true);
    expect(ability.can('update', mine(user))).toBe(true);
    expect(ability.can('create', colleague)).toBe(false);
    expect(ability.can('read', colleague)).toBe(false);
  });

  it.each<Role>(['supervisor', 'head'])('lets a %s mark the leave of their own OPD only', (role) => {
    const ability = defineAbilityFor(userWith([role]));
    expect(ability.can('create', colleague)).toBe(true);
    expect(ability.can('update', colleague)).toBe(true);
    expect(ability.can('create', foreign)).toBe(false);
  });

  it('lets an acting section head (Plh.) record leave in the OPD of the position only', () => {
    const grant = { appointmentId: 'a1', opdId: OPD_A, role: 'supervisor' as const, kind: 'plh' as const, positionTitle: 'Kepala Seksi' };
    const user: AuthUser = { ...userWith(['officer'], OPD_B), acting: [grant] };
    const ability = defineAbilityFor(user);
    expect(ability.can('create', colleague)).toBe(true);
    expect(ability.can('create', leaveSubject({ userId: 'x', opdId: OPD_B }))).toBe(false);
  });

  it('lets the admin mark anyone’s leave and leadership none', () => {
    expect(defineAbilityFor(userWith(['admin'], null)).can('create', foreign)).toBe(true);
    expect(defineAbilityFor(userWith(['leadership'], null)).can('read', foreign)).toBe(false);
  });
});
