import type { AuthUser, Role } from '@layanan/contracts';
import { caseSubject } from './case-subject';
import { defineAbilityFor } from './define-ability-for';
import { abilityFromPackedRules, InvalidPackedRulesError, packAbilityRules } from './packed-rules';

const user = (roles: Role[], opdId: string | null): AuthUser => ({ id: 'u1', username: 'u', fullName: 'U', roles, opdId });

describe('packAbilityRules / abilityFromPackedRules', () => {
  it.each<[Role[], string | null]>([
    [['officer'], 'opd-a'],
    [['supervisor', 'head'], 'opd-a'],
    [['admin'], null],
    [['leadership'], null],
  ])('round-trips the rules of %j through JSON with identical decisions', (roles, opdId) => {
    const original = defineAbilityFor(user(roles, opdId));
    const shipped = JSON.parse(JSON.stringify(packAbilityRules(original))) as unknown[];
    const rebuilt = abilityFromPackedRules(shipped);
    expect(packAbilityRules(rebuilt)).toEqual(packAbilityRules(original));
    for (const c of [
      caseSubject({ opdId: 'opd-a', assigneeId: null, handledOpdIds: ['opd-a'], isOpen: true }),
      caseSubject({ opdId: 'opd-a', assigneeId: 'x', handledOpdIds: ['opd-a'], isOpen: true }),
      caseSubject({ opdId: 'opd-b', assigneeId: 'u1', handledOpdIds: ['opd-a', 'opd-b'], isOpen: true }),
    ]) {
      for (const action of ['read', 'act', 'claim', 'assign', 'readPersonalData'] as const) {
        expect(rebuilt.can(action, c)).toBe(original.can(action, c));
      }
    }
    expect(rebuilt.can('manage', 'User')).toBe(original.can('manage', 'User'));
  });

  it('packs into the compact array form', () => {
    const packed = packAbilityRules(defineAbilityFor(user(['officer'], 'opd-a')));
    expect(packed[0]).toEqual(['read', 'Service,Opd,Holiday']);
    expect(packed).toContainEqual(['read', 'Case', { handledOpdIds: 'opd-a' }]);
  });

  it.each<[string, unknown[]]>([
    ['a non-array rule', [{ action: 'read' }]],
    ['a rule without subject', [['read']]],
    ['a rule with an empty action', [['', 'Case']]],
    ['a rule with string conditions', [['read', 'Case', 'opdId=1']]],
  ])('rejects %s instead of building a partial ability', (_label, packed) => {
    expect(() => abilityFromPackedRules(packed)).toThrow(InvalidPackedRulesError);
  });
});
