import { AbilityBuilder } from '@casl/ability';
import { createAppAbility, defineAbilityFor, type AppAbility } from '@layanan/authz';
import type { AuthUser } from '@layanan/contracts';
import { buildCaseListQuery, readsWholeOpd } from './case-queries';

const OPD = '11111111-1111-4111-8111-111111111111';
const user = (roles: AuthUser['roles'], opdId: string | null = OPD): AuthUser => ({
  id: '22222222-2222-4222-8222-222222222222',
  username: 'u',
  fullName: 'U',
  roles,
  opdId,
});
const spec = (queue: string) => ({ filter: { queue }, sort: null, offset: 0, limit: 25 });
const PERM = 'ANY(c.handled_opd_ids)';

describe('buildCaseListQuery: permission filter and queue indexes', () => {
  it('a single-role user gets the literal role test that matches the role partial index', () => {
    const u = user(['supervisor']);
    const b = buildCaseListQuery(u, defineAbilityFor(u), spec('unassigned'));
    expect(b.where).toContain(`c.next_roles @> '{supervisor}'::text[]`);
    expect(b.where).not.toContain(':myRoles');
  });

  it('a user with several roles gets the general overlap test', () => {
    const u = user(['verifier', 'officer']);
    const b = buildCaseListQuery(u, defineAbilityFor(u), spec('unassigned'));
    expect(b.where).toContain('c.next_roles && :myRoles::text[]');
    expect(b.params.myRoles).toEqual(['verifier', 'officer']);
  });

  it('own-OPD queues of a user who reads the whole OPD rely on c.opd_id = :ownOpd', () => {
    const u = user(['verifier']);
    for (const q of ['unassigned', 'opd', 'overdue', 'due-soon']) {
      const b = buildCaseListQuery(u, defineAbilityFor(u), spec(q));
      expect(b.where).toContain('c.opd_id = :ownOpd');
      expect(b.params.ownOpd).toBe(OPD);
      expect(b.where).not.toContain(PERM);
    }
  });

  it('queues that cross OPDs keep the compiled permission rules', () => {
    const u = user(['verifier']);
    for (const q of ['all', 'mine']) expect(buildCaseListQuery(u, defineAbilityFor(u), spec(q)).where).toContain(PERM);
  });

  it('an exception (cannot rule) or a narrower grant keeps the compiled rules', () => {
    const build = (f: (b: AbilityBuilder<AppAbility>) => void) => {
      const b = new AbilityBuilder<AppAbility>(createAppAbility);
      f(b);
      return b.build();
    };
    const withException = build(({ can, cannot }) => {
      can('read', 'Case', { opdId: OPD });
      cannot('read', 'Case', { assigneeId: 'someone' });
    });
    const narrower = build(({ can }) => can('read', 'Case', { opdId: OPD, isOpen: true }));
    for (const ability of [withException, narrower]) {
      expect(readsWholeOpd(ability, OPD)).toBe(false);
      expect(buildCaseListQuery(user(['verifier']), ability, spec('opd')).where).toMatch(/:authz_\d/);
    }
    expect(readsWholeOpd(defineAbilityFor(user(['verifier'])), '33333333-3333-4333-8333-333333333333')).toBe(false);
  });
});
