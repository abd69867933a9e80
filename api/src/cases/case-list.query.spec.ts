import { AbilityBuilder } from '@casl/ability';
import { createAppAbility, defineAbilityFor, type AppAbility } from '@layanan/authz';
import type { AuthUser } from '@layanan/contracts';
import { buildCaseListQuery, readsWholeOpd } from './case-list.query';

const nikIndex = (nik: string) => `bidx-of-${nik}`;

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
    const b = buildCaseListQuery(u, defineAbilityFor(u), spec('unassigned'), nikIndex);
    expect(b.where).toContain(`c.next_roles @> '{supervisor}'::text[]`);
    expect(b.where).not.toContain('c.next_roles &&');
  });

  it('a user with several roles gets the general overlap test', () => {
    const u = user(['verifier', 'officer']);
    const b = buildCaseListQuery(u, defineAbilityFor(u), spec('unassigned'), nikIndex);
    const rolesParam = b.values.findIndex((v) => Array.isArray(v) && v.join() === 'verifier,officer') + 1;
    expect(rolesParam).toBeGreaterThan(0);
    expect(b.where).toContain(`c.next_roles && $${rolesParam}::text[]`);
  });

  it('own-OPD queues of a user who reads the whole OPD rely on c.opd_id = <own OPD>', () => {
    const u = user(['verifier']);
    for (const q of ['waiting', 'unassigned', 'opd', 'overdue', 'due-soon']) {
      const b = buildCaseListQuery(u, defineAbilityFor(u), spec(q), nikIndex);
      expect(b.where).toContain(`c.opd_id = $${b.values.indexOf(OPD) + 1}`);
      expect(b.values.filter((v) => v === OPD)).toHaveLength(1);
      expect(b.where).not.toContain(PERM);
    }
  });

  it('the waiting queue holds what my roles can take, unassigned or mine', () => {
    const u = user(['supervisor']);
    const b = buildCaseListQuery(u, defineAbilityFor(u), spec('waiting'), nikIndex);
    expect(b.where).toContain(`c.next_roles @> '{supervisor}'::text[]`);
    expect(b.where).toContain(`(c.assignee_id IS NULL OR c.assignee_id = $${b.values.indexOf(u.id) + 1})`);
    expect(b.where).toContain('c.is_open');
  });

  it('gives accounts without an OPD no own-OPD queue (admin and pimpinan have no inbox)', () => {
    const u = user(['leadership'], null);
    for (const q of ['waiting', 'unassigned', 'opd'])
      expect(buildCaseListQuery(u, defineAbilityFor(u), spec(q), nikIndex).where).toBe('1 = 0');
  });

  it('sorts by id when asked (the stock react-admin client sends ["id","ASC"])', () => {
    const u = user(['verifier']);
    const b = buildCaseListQuery(u, defineAbilityFor(u), { ...spec('opd'), sort: { field: 'id', order: 'ASC' } }, nikIndex);
    expect(b.orderBy).toBe('c.id ASC');
    expect(() =>
      buildCaseListQuery(u, defineAbilityFor(u), { ...spec('opd'), sort: { field: 'applicantNik', order: 'ASC' } }, nikIndex),
    ).toThrow(/cannot sort by "applicantNik"/);
  });

  it('queues that cross OPDs keep the compiled permission rules', () => {
    const u = user(['verifier']);
    for (const q of ['all', 'mine']) expect(buildCaseListQuery(u, defineAbilityFor(u), spec(q), nikIndex).where).toContain(PERM);
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
      // The queue's own-OPD test plus the compiled rules' own.
      expect(
        buildCaseListQuery(user(['verifier']), ability, spec('opd'), nikIndex).where.match(/c\.opd_id = \$\d+/g)?.length,
      ).toBeGreaterThan(1);
    }
    expect(readsWholeOpd(defineAbilityFor(user(['verifier'])), '33333333-3333-4333-8333-333333333333')).toBe(false);
  });
});
