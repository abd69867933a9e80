import type { AuthUser, Role } from '@layanan/contracts';
import { caseSubject, consultSubject } from './case-subject';
import { defineAbilityFor } from './define-ability-for';

const LEAD = 'opd-lead';
const ASKED = 'opd-asked';
const THIRD = 'opd-third';

const user = (roles: Role[], opdId: string | null): AuthUser => ({ id: 'u', username: 'u', fullName: 'U', roles, opdId });
const consult = (consultedRole: string | null = null) => consultSubject({ requesterOpdId: LEAD, consultedOpdId: ASKED, consultedRole });
const leadCase = (consultOpdIds: string[]) =>
  caseSubject({ opdId: LEAD, assigneeId: null, handledOpdIds: [LEAD], consultOpdIds, isOpen: true });

describe('consult rules (pertimbangan teknis)', () => {
  it.each<Role>(['officer', 'verifier', 'supervisor', 'head'])(
    "lets the asked OPD's %s read the case while its consult is open, never act on it",
    (role) => {
      const a = defineAbilityFor(user([role], ASKED));
      expect(a.can('read', leadCase([ASKED]))).toBe(true);
      expect(a.can('read', leadCase([]))).toBe(false);
      for (const action of ['act', 'claim', 'assign', 'transfer', 'comment', 'readPersonalData', 'checkDocument'] as const)
        expect(a.can(action, leadCase([ASKED]))).toBe(false);
      expect(a.can('read', consult())).toBe(true);
    },
  );

  it('lets the kasi and the head answer any consult asked of their OPD, other roles only one addressed to them', () => {
    for (const role of ['supervisor', 'head'] as const) {
      expect(defineAbilityFor(user([role], ASKED)).can('answer', consult())).toBe(true);
      expect(defineAbilityFor(user([role], ASKED)).can('answer', consult('verifier'))).toBe(true);
    }
    expect(defineAbilityFor(user(['verifier'], ASKED)).can('answer', consult('verifier'))).toBe(true);
    expect(defineAbilityFor(user(['verifier'], ASKED)).can('answer', consult())).toBe(false);
    expect(defineAbilityFor(user(['officer'], ASKED)).can('answer', consult('verifier'))).toBe(false);
  });

  it('lets the lead OPD read but not answer its own consult', () => {
    const a = defineAbilityFor(user(['supervisor'], LEAD));
    expect(a.can('read', consult())).toBe(true);
    expect(a.can('answer', consult())).toBe(false);
  });

  it('shows a third OPD nothing, and complaint officers and accounts without an OPD no answer power', () => {
    const third = defineAbilityFor(user(['head'], THIRD));
    expect(third.can('read', consult())).toBe(false);
    expect(third.can('read', leadCase([ASKED]))).toBe(false);
    expect(defineAbilityFor(user(['complaint_officer'], ASKED)).can('read', leadCase([ASKED]))).toBe(false);
    expect(defineAbilityFor(user(['complaint_officer'], ASKED)).can('read', consult())).toBe(false);
    for (const roles of [['admin'], ['leadership']] as Role[][]) {
      const a = defineAbilityFor(user(roles, null));
      expect(a.can('read', consult())).toBe(true);
      expect(a.can('answer', consult())).toBe(false);
    }
  });
});
