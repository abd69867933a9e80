import type { ActingWindow, AuthUser } from '@layanan/contracts';
import { actingAt, actingGrantFor, rolesIn } from './acting';
import { appointmentSubject, caseSubject, userSubject } from './case-subject';
import { defineAbilityFor } from './define-ability-for';

const DUKCAPIL = 'opd-dukcapil';
const KEMENAG = 'opd-kemenag';

/** Plh. Kepala Dinas from 1 to 5 December 2026 (WIB days): [30 Nov 17:00Z, 5 Dec 17:00Z). */
const PLH: ActingWindow = {
  appointmentId: 'appt-1',
  opdId: DUKCAPIL,
  role: 'head',
  kind: 'plh',
  positionTitle: 'Kepala Dinas Kependudukan dan Pencatatan Sipil',
  startsAt: '2026-11-30T17:00:00.000Z',
  endsAt: '2026-12-05T17:00:00.000Z',
};
const wib = (local: string) => new Date(`${local}+07:00`);

const kasi: AuthUser = { id: 'kasi', username: 'kasi.dukcapil', fullName: 'Hadi Prasetyo', roles: ['supervisor'], opdId: DUKCAPIL };
const ownCase = (assigneeId: string | null = 'someone') =>
  caseSubject({ opdId: DUKCAPIL, assigneeId, handledOpdIds: [DUKCAPIL], isOpen: true });

describe('actingAt: the appointment window in WIB', () => {
  it.each([
    ['the last second before the start', '2026-11-30T23:59:59.999', false],
    ['the first instant (00:00 WIB of the first day)', '2026-12-01T00:00:00.000', true],
    ['during', '2026-12-03T10:00:00.000', true],
    ['the last instant of the last day', '2026-12-05T23:59:59.999', true],
    ['the end (00:00 WIB of the day after)', '2026-12-06T00:00:00.000', false],
    ['after', '2026-12-20T09:00:00.000', false],
  ])('at %s: in force = %s', (_label, local, inForce) => {
    expect(actingAt([PLH], wib(local)).grants.map((g) => g.appointmentId)).toEqual(inForce ? ['appt-1'] : []);
  });

  it('says when the set of grants next changes: the start before it, the end during it, never after', () => {
    expect(actingAt([PLH], wib('2026-11-30T08:00:00')).changesAt).toBe(Date.parse(PLH.startsAt));
    expect(actingAt([PLH], wib('2026-12-02T08:00:00')).changesAt).toBe(Date.parse(PLH.endsAt));
    expect(actingAt([PLH], wib('2026-12-07T08:00:00')).changesAt).toBeNull();
  });

  it('takes the nearest change of several windows and skips malformed ones', () => {
    const later: ActingWindow = {
      ...PLH,
      appointmentId: 'appt-2',
      startsAt: '2026-12-02T17:00:00.000Z',
      endsAt: '2026-12-10T17:00:00.000Z',
    };
    const broken: ActingWindow = { ...PLH, appointmentId: 'bad', startsAt: 'yesterday' };
    const s = actingAt([PLH, later, broken], wib('2026-12-01T12:00:00'));
    expect(s.grants.map((g) => g.appointmentId)).toEqual(['appt-1']);
    expect(s.changesAt).toBe(Date.parse(later.startsAt));
  });
});

describe('defineAbilityFor with acting grants', () => {
  const at = (local: string): AuthUser => ({ ...kasi, acting: actingAt([PLH], wib(local)).grants });

  it("gives the Plh. the head's casework in that OPD only while in force", () => {
    const revokeAt = (u: AuthUser) => defineAbilityFor(u).can('revokeDocument', ownCase());
    expect(revokeAt(at('2026-11-30T23:59:59'))).toBe(false);
    expect(revokeAt(at('2026-12-01T00:00:00'))).toBe(true);
    expect(revokeAt(at('2026-12-06T00:00:00'))).toBe(false);
    expect(defineAbilityFor(kasi).can('revokeDocument', ownCase())).toBe(false);
  });

  it('scopes the grant to the position’s OPD: a delegate from another OPD gets nothing outside it', () => {
    const fromKemenag: AuthUser = { ...kasi, opdId: KEMENAG, acting: actingAt([PLH], wib('2026-12-02T09:00:00')).grants };
    const ability = defineAbilityFor(fromKemenag);
    expect(ability.can('act', ownCase())).toBe(true);
    expect(ability.can('read', userSubject({ opdId: DUKCAPIL }))).toBe(true);
    const otherOpd = caseSubject({ opdId: 'opd-x', assigneeId: null, handledOpdIds: ['opd-x'], isOpen: true });
    expect(ability.can('act', otherOpd)).toBe(false);
    // Their own OPD keeps their own role's rights.
    expect(ability.can('assign', caseSubject({ opdId: KEMENAG, assigneeId: null, handledOpdIds: [KEMENAG], isOpen: true }))).toBe(true);
  });

  it('does not let an acting head appoint (a mandate carries no staffing decisions); the head and admin may', () => {
    expect(defineAbilityFor(at('2026-12-02T09:00:00')).can('create', appointmentSubject({ opdId: DUKCAPIL }))).toBe(false);
    const head: AuthUser = { ...kasi, id: 'kadis', roles: ['head'] };
    expect(defineAbilityFor(head).can('create', appointmentSubject({ opdId: DUKCAPIL }))).toBe(true);
    expect(defineAbilityFor(head).can('create', appointmentSubject({ opdId: KEMENAG }))).toBe(false);
    const admin: AuthUser = { ...kasi, id: 'admin', roles: ['admin'], opdId: null };
    expect(defineAbilityFor(admin).can('create', appointmentSubject({ opdId: KEMENAG }))).toBe(true);
  });
});

describe('actingGrantFor and rolesIn', () => {
  const acting = actingAt([PLH], wib('2026-12-02T09:00:00')).grants;

  it('names the grant only when the role is not the user’s own there', () => {
    const u = { ...kasi, acting };
    expect(actingGrantFor(u, DUKCAPIL, 'head')?.appointmentId).toBe('appt-1');
    expect(actingGrantFor(u, DUKCAPIL, 'supervisor')).toBeUndefined();
    expect(actingGrantFor({ ...u, roles: ['head'] }, DUKCAPIL, 'head')).toBeUndefined();
  });

  it('lists own roles in the own OPD, then acting roles; only acting roles elsewhere', () => {
    expect(rolesIn({ ...kasi, acting }, DUKCAPIL)).toEqual(['supervisor', 'head']);
    expect(rolesIn({ ...kasi, opdId: KEMENAG, acting }, DUKCAPIL)).toEqual(['head']);
    expect(rolesIn({ ...kasi, opdId: KEMENAG, acting }, KEMENAG)).toEqual(['supervisor']);
    expect(rolesIn({ ...kasi, acting: [] }, 'opd-x')).toEqual([]);
  });
});
