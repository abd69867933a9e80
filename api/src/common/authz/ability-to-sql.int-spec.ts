import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  caseSubject,
  createAppAbility,
  defineAbilityFor,
  type AppAbility,
  type AppAction,
  type AppRawRule,
  type AppSubjectType,
} from '@layanan/authz';
import type { AuthUser, Role } from '@layanan/contracts';
import { SqlArgs } from '../database/sql-args';
import { abilityToSql, AbilitySqlError, type SqlFieldMap } from './ability-to-sql';

// The PostgreSQL server of the e2e project (test/global-setup.mjs): embedded or TEST_DATABASE_URL.
const DATABASE_URL = process.env.LT_TEST_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

const CASE_FIELDS: SqlFieldMap = {
  opdId: { column: 'c.opd_id', kind: 'scalar' },
  assigneeId: { column: 'c.assignee_id', kind: 'scalar' },
  handledOpdIds: { column: 'c.handled_opd_ids', kind: 'array' },
  consultOpdIds: { column: 'c.consult_opd_ids', kind: 'array' },
  isOpen: { column: 'c.is_open', kind: 'scalar' },
};
/** Extra columns used only by the operator tests. */
const TEST_FIELDS: SqlFieldMap = {
  ...CASE_FIELDS,
  priority: { column: 'c.priority', kind: 'scalar' },
  tags: { column: 'c.tags', kind: 'array' },
};

/** The fragment and the values it bound, for a statement that binds nothing before it. */
function compile(ability: AppAbility, action: AppAction, subjectType: AppSubjectType, fields: SqlFieldMap): SqlCondition {
  const args = new SqlArgs();
  const sql = abilityToSql(ability, action, subjectType, fields, args);
  return { sql, values: args.values };
}

interface SqlCondition {
  sql: string;
  values: unknown[];
}

/** Tiny deterministic PRNG so that a failure is reproducible. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

interface CaseRow {
  id: number;
  opdId: string;
  assigneeId: string | null;
  handledOpdIds: string[];
  /** OPDs with an open consult on the case (pertimbangan teknis). */
  consultOpdIds: string[];
  isOpen: boolean;
  priority: number;
  tags: (string | null)[] | null;
}

const OPD_A = randomUUID();
const OPD_B = randomUUID();
const OPD_C = randomUUID();
const OPDS = [OPD_A, OPD_B, OPD_C];

const staff = (id: string, roles: Role[], opdId: string | null): AuthUser => ({
  id,
  username: roles.join('+'),
  fullName: roles.join(' '),
  roles,
  opdId,
});
const USERS: AuthUser[] = [
  staff(randomUUID(), ['officer'], OPD_A),
  staff(randomUUID(), ['verifier'], OPD_A),
  staff(randomUUID(), ['supervisor'], OPD_A),
  staff(randomUUID(), ['head'], OPD_A),
  staff(randomUUID(), ['admin'], null),
  staff(randomUUID(), ['leadership'], null),
  staff(randomUUID(), ['verifier', 'head'], OPD_A),
  staff(randomUUID(), ['officer', 'supervisor'], OPD_B),
  staff(randomUUID(), ['officer'], null),
];
const OUTSIDER = randomUUID();
const ASSIGNEES: (string | null)[] = [null, null, OUTSIDER, ...USERS.map((u) => u.id)];
const ACTIONS: AppAction[] = ['read', 'act', 'claim', 'assign', 'transfer', 'comment', 'readPersonalData', 'checkDocument', 'create'];

function generateRows(count: number): CaseRow[] {
  const rnd = prng(20240501);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const tagChoices: ((string | null)[] | null)[] = [null, [], ['x'], ['y'], ['x', 'y'], ['x', null], [null]];
  return Array.from({ length: count }, (_unused, i) => {
    const opdId = pick(OPDS);
    // Some cases were transferred: they list earlier OPDs too; a few legacy rows list none.
    const history = rnd() < 0.35 ? [pick(OPDS.filter((o) => o !== opdId)), opdId] : rnd() < 0.1 ? [] : [opdId];
    return {
      id: i + 1,
      opdId,
      assigneeId: pick(ASSIGNEES),
      handledOpdIds: history,
      // A few cases have open consults with another OPD (or two).
      consultOpdIds: rnd() < 0.2 ? OPDS.filter((o) => o !== opdId && rnd() < 0.6) : [],
      isOpen: rnd() < 0.75,
      priority: Math.floor(rnd() * 5),
      tags: pick(tagChoices),
    };
  });
}

const ROWS = generateRows(210);

describe('abilityToSql against PostgreSQL', () => {
  const schema = `authz_test_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: DATABASE_URL });

  beforeAll(async () => {
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`
      CREATE TABLE ${schema}.cases (
        id integer PRIMARY KEY,
        opd_id uuid NOT NULL,
        assignee_id uuid NULL,
        handled_opd_ids uuid[] NOT NULL DEFAULT '{}',
        consult_opd_ids uuid[] NOT NULL DEFAULT '{}',
        is_open boolean NOT NULL,
        priority integer NOT NULL,
        tags text[] NULL
      )`);
    for (const r of ROWS) {
      await client.query(
        `INSERT INTO ${schema}.cases (id, opd_id, assignee_id, handled_opd_ids, consult_opd_ids, is_open, priority, tags) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [r.id, r.opdId, r.assigneeId, r.handledOpdIds, r.consultOpdIds, r.isOpen, r.priority, r.tags],
      );
    }
  });

  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  async function idsFromSql({ sql, values }: SqlCondition): Promise<number[]> {
    const result = await client.query<{ id: number }>(`SELECT c.id FROM ${schema}.cases c WHERE ${sql} ORDER BY c.id`, values);
    return result.rows.map((row) => row.id);
  }

  function idsInMemory(ability: AppAbility, action: AppAction): number[] {
    return ROWS.filter((row) => ability.can(action, caseSubject(row))).map((row) => row.id);
  }

  const matrix = USERS.flatMap((user) =>
    ACTIONS.map((action) => ({
      label: `${user.roles.join('+')}@${user.opdId === OPD_A ? 'A' : user.opdId === OPD_B ? 'B' : 'none'}`,
      user,
      action,
    })),
  );

  it.each(matrix)('returns exactly the rows ability.can allows: $label $action', async ({ user, action }) => {
    const ability = defineAbilityFor(user);
    const expected = idsInMemory(ability, action);
    expect(await idsFromSql(compile(ability, action, 'Case', CASE_FIELDS))).toEqual(expected);
  });

  it('sees a non-trivial subset for an officer (the data set exercises the rules)', async () => {
    const officer = defineAbilityFor(USERS[0]);
    const readable = await idsFromSql(compile(officer, 'read', 'Case', CASE_FIELDS));
    const claimable = await idsFromSql(compile(officer, 'claim', 'Case', CASE_FIELDS));
    expect(readable.length).toBeGreaterThan(20);
    expect(readable.length).toBeLessThan(ROWS.length);
    expect(claimable.length).toBeGreaterThan(0);
    expect(claimable.length).toBeLessThan(readable.length);
    const viaTransfer = ROWS.filter((r) => r.opdId !== OPD_A && r.handledOpdIds.includes(OPD_A)).map((r) => r.id);
    expect(viaTransfer.length).toBeGreaterThan(0);
    expect(readable).toEqual(expect.arrayContaining(viaTransfer));
  });

  const A = OPD_A;
  const B = OPD_B;
  const C = OPD_C;
  const X = USERS[0].id;
  const customRules: Array<[string, AppRawRule[]]> = [
    [
      'cannot hides assigned rows inside a conditional grant',
      [
        { action: 'read', subject: 'Case', conditions: { opdId: A } },
        { action: 'read', subject: 'Case', inverted: true, conditions: { assigneeId: X } },
      ],
    ],
    [
      'cannot on closed cases narrows an unconditional grant',
      [
        { action: 'read', subject: 'Case' },
        { action: 'read', subject: 'Case', inverted: true, conditions: { isOpen: false } },
      ],
    ],
    [
      'a later unconditional cannot denies everything',
      [
        { action: 'read', subject: 'Case', conditions: { opdId: A } },
        { action: 'read', subject: 'Case', inverted: true },
      ],
    ],
    [
      'a later can overrides an earlier unconditional cannot',
      [
        { action: 'read', subject: 'Case', inverted: true },
        { action: 'read', subject: 'Case', conditions: { opdId: B } },
      ],
    ],
    [
      'cannot on array containment (handled by C)',
      [
        { action: 'read', subject: 'Case', conditions: { opdId: { $in: [A, B] } } },
        { action: 'read', subject: 'Case', inverted: true, conditions: { handledOpdIds: C } },
      ],
    ],
    [
      '$ne / $nin with null on a nullable scalar',
      [
        { action: 'read', subject: 'Case', conditions: { assigneeId: { $ne: null }, opdId: { $ne: A } } },
        { action: 'read', subject: 'Case', conditions: { assigneeId: { $nin: [X, null] }, isOpen: true } },
      ],
    ],
    [
      '$in with null includes unassigned rows; cannot $nin excludes them again',
      [
        { action: 'read', subject: 'Case', conditions: { assigneeId: { $in: [X, null] } } },
        { action: 'read', subject: 'Case', inverted: true, conditions: { opdId: { $nin: [A, C] } } },
      ],
    ],
    [
      '$in / $nin / $all on an array column',
      [
        { action: 'read', subject: 'Case', conditions: { handledOpdIds: { $in: [B, C] } } },
        { action: 'read', subject: 'Case', conditions: { handledOpdIds: { $all: [A, B] } } },
        { action: 'read', subject: 'Case', inverted: true, conditions: { handledOpdIds: { $nin: [A] }, isOpen: false } },
      ],
    ],
    [
      'cannot $all on an array column',
      [
        { action: 'read', subject: 'Case' },
        { action: 'read', subject: 'Case', inverted: true, conditions: { handledOpdIds: { $all: [A, C] } } },
      ],
    ],
    [
      'array eq/ne null and arrays holding NULL elements',
      [
        { action: 'read', subject: 'Case', conditions: { tags: null, opdId: A } },
        { action: 'read', subject: 'Case', conditions: { tags: { $ne: 'x' }, opdId: B } },
        { action: 'read', subject: 'Case', inverted: true, conditions: { tags: { $in: ['y', null] } } },
      ],
    ],
    [
      'comparison operators and their negation',
      [
        { action: 'read', subject: 'Case', conditions: { priority: { $gte: 3 } } },
        { action: 'read', subject: 'Case', conditions: { priority: { $lt: 1 }, opdId: C } },
        { action: 'read', subject: 'Case', inverted: true, conditions: { priority: { $gt: 3 } } },
        { action: 'read', subject: 'Case', inverted: true, conditions: { priority: { $lte: 0 }, isOpen: true } },
      ],
    ],
  ];

  it.each(customRules)('honours %s exactly as the in-memory check', async (_label, rules) => {
    const ability = createAppAbility(rules);
    const expected = idsInMemory(ability, 'read');
    const condition = compile(ability, 'read', 'Case', TEST_FIELDS);
    expect(await idsFromSql(condition)).toEqual(expected);
  });

  it('matches no rows when the only granting rule is shadowed by an unconditional cannot', () => {
    const ability = createAppAbility([
      { action: 'read', subject: 'Case', conditions: { opdId: A } },
      { action: 'read', subject: 'Case', inverted: true },
    ]);
    expect(compile(ability, 'read', 'Case', CASE_FIELDS)).toEqual({ sql: '(1 = 0)', values: [] });
  });
});

describe('abilityToSql output and fail-closed behaviour', () => {
  const officer = defineAbilityFor(staff('u-1', ['officer'], 'opd-a'));

  it('compiles the officer read rule to an OR of scalar equality and array containment', () => {
    expect(compile(officer, 'read', 'Case', CASE_FIELDS)).toEqual({
      sql: '(($1 = ANY(c.consult_opd_ids) OR $2 = ANY(c.handled_opd_ids) OR c.opd_id = $3))',
      values: ['opd-a', 'opd-a', 'opd-a'],
    });
  });

  it('binds a list as one array parameter, numbered after the parameters the statement already has', () => {
    const ability = createAppAbility([{ action: 'read', subject: 'Case', conditions: { opdId: { $in: ['a', 'b'] } } }]);
    const args = new SqlArgs();
    args.add('earlier');
    expect(abilityToSql(ability, 'read', 'Case', CASE_FIELDS, args)).toBe('(c.opd_id = ANY($2))');
    expect(args.values).toEqual(['earlier', ['a', 'b']]);
  });

  it('binds nothing when it refuses a condition (fail closed leaves the statement untouched)', () => {
    const args = new SqlArgs();
    const { handledOpdIds: _omitted, ...withoutHandled } = CASE_FIELDS;
    expect(() => abilityToSql(officer, 'read', 'Case', withoutHandled, args)).toThrow(AbilitySqlError);
    expect(args.values).toEqual([]);
  });

  it('translates eq null to IS NULL', () => {
    const ability = createAppAbility([{ action: 'claim', subject: 'Case', conditions: { assigneeId: null } }]);
    expect(compile(ability, 'claim', 'Case', CASE_FIELDS).sql).toBe('(c.assignee_id IS NULL)');
  });

  it('returns 1 = 0 when no rule grants the action', () => {
    expect(compile(officer, 'assign', 'Case', CASE_FIELDS)).toEqual({ sql: '(1 = 0)', values: [] });
    expect(compile(createAppAbility([]), 'read', 'Case', CASE_FIELDS)).toEqual({ sql: '(1 = 0)', values: [] });
    expect(compile(defineAbilityFor(staff('u-2', ['officer'], null)), 'read', 'Case', CASE_FIELDS).sql).toBe('(1 = 0)');
  });

  it('returns 1 = 1 for an unconditional grant (admin reads every case, manage on User)', () => {
    const admin = defineAbilityFor(staff('u-3', ['admin'], null));
    expect(compile(admin, 'read', 'Case', CASE_FIELDS)).toEqual({ sql: '(1 = 1)', values: [] });
    expect(compile(admin, 'update', 'User', {})).toEqual({ sql: '(1 = 1)', values: [] });
  });

  it('throws UNMAPPED_FIELD when a condition field has no column, even inside an OR branch', () => {
    const { handledOpdIds: _omitted, ...withoutHandled } = CASE_FIELDS;
    expect(thrown(() => compile(officer, 'read', 'Case', withoutHandled))).toMatchObject({
      name: 'AbilitySqlError',
      code: 'UNMAPPED_FIELD',
    });
    const supervisor = defineAbilityFor(staff('u-4', ['supervisor'], 'opd-a'));
    expect(() => compile(supervisor, 'read', 'User', {})).toThrow(AbilitySqlError);
  });

  it.each<[string, AppRawRule['conditions']]>([
    ['$regex', { opdId: { $regex: '^a' } }],
    ['$exists', { assigneeId: { $exists: true } }],
    ['$elemMatch', { handledOpdIds: { $elemMatch: { $eq: 'a' } } }],
    ['$size', { handledOpdIds: { $size: 1 } }],
    ['$lt on an array column', { handledOpdIds: { $lt: 'b' } }],
    ['$all on a scalar column', { opdId: { $all: ['a'] } }],
  ])('throws UNKNOWN_OPERATOR for %s', (_label, conditions) => {
    const ability = createAppAbility([{ action: 'read', subject: 'Case', conditions }]);
    expect(thrown(() => compile(ability, 'read', 'Case', CASE_FIELDS))).toMatchObject({ code: 'UNKNOWN_OPERATOR' });
  });

  // CASL 7's default Mongo matcher knows no top-level $or/$and/$nor and no $not/$mod/$where:
  // it reads them as a field name or as equality with an object. The compiler refuses both.
  it.each<[string, AppRawRule['conditions']]>([
    ['top-level $or', { $or: [{ opdId: 'a' }, { opdId: 'b' }] }],
    ['top-level $nor', { $nor: [{ opdId: 'a' }] }],
    ['$not', { opdId: { $not: { $eq: 'a' } } }],
    ['$mod', { opdId: { $mod: [2, 0] } }],
  ])('throws instead of guessing for %s, which CASL 7 does not treat as an operator', (_label, conditions) => {
    const ability = createAppAbility([{ action: 'read', subject: 'Case', conditions }]);
    expect(() => compile(ability, 'read', 'Case', CASE_FIELDS)).toThrow(AbilitySqlError);
  });

  it.each<[string, AppRawRule['conditions']]>([
    ['undefined (e.g. a missing user.opdId)', { opdId: undefined }],
    ['an object', { opdId: { nested: 1 } as unknown as string }],
    ['a Date', { opdId: new Date() as unknown as string }],
    ['an array in eq', { handledOpdIds: ['a', 'b'] }],
  ])('throws UNSUPPORTED_VALUE when comparing with %s', (_label, conditions) => {
    const ability = createAppAbility([{ action: 'read', subject: 'Case', conditions }]);
    expect(() => compile(ability, 'read', 'Case', CASE_FIELDS)).toThrow(AbilitySqlError);
  });

  it('throws INVALID_COLUMN for a column that is not a plain identifier', () => {
    const fields: SqlFieldMap = { ...CASE_FIELDS, opdId: { column: 'opd_id OR 1=1', kind: 'scalar' } };
    expect(thrown(() => compile(officer, 'read', 'Case', fields))).toMatchObject({ code: 'INVALID_COLUMN' });
  });
});

/** The error `fn` throws (fails the test when it returns). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}
