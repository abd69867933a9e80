// Compiles CASL rules into a SQL WHERE fragment so that every list query applies the same
// permissions as `ability.can()` in memory, inside the database (no fetch-then-filter).
//
// Output: a parenthesised boolean expression whose values are bound as positional parameters
// through the caller's SqlArgs (`$n`; lists as one array parameter, `= ANY($n)`), so the
// fragment drops into any statement the caller is building.
//
// Semantics. CASL's in-memory matcher (@ucast/js) is two-valued; SQL is three-valued. The
// compiler first pushes every NOT down to the leaves (negation normal form) and emits, for
// each leaf, an expression that is TRUE exactly when the in-memory check is true and
// FALSE or NULL otherwise. Inside AND/OR only, a NULL then behaves like FALSE, so NULL
// columns can never widen access. Notable leaf translations:
//   scalar  eq v      -> col = :p               not: col IS DISTINCT FROM :p
//   scalar  eq null   -> col IS NULL            not: col IS NOT NULL
//   scalar  in [..]   -> col = ANY($p)          not: (col IS NULL OR col <> ALL($p))
//   array   eq v      -> $p = ANY(col)          (Mongo: the array contains v)
//           not eq v  -> NOT COALESCE($p = ANY(col), FALSE)
//   array   in [..]   -> OR of `$p_i = ANY(col)` (some element is in the list)
//   array   all [..]  -> AND of `$p_i = ANY(col)`
//   lt/lte/gt/gte     -> scalar only; a NULL column never matches, negated or not. (In memory,
//                        JS coercion can make `null < 5` true; SQL stays on the deny side.)
// FAIL CLOSED: an operator, field, value type or column name outside this list throws an
// AbilitySqlError. Nothing is ever silently dropped from the condition.
import { rulesToAST } from '@casl/ability/extra';
import type { AppAbility, AppAction, AppSubjectType } from '@layanan/authz';
import { SqlArgs } from '../database/sql-args';

export interface SqlFieldMap {
  [field: string]: { column: string; kind: 'scalar' | 'array' };
}

export type AbilitySqlErrorCode = 'UNKNOWN_OPERATOR' | 'UNMAPPED_FIELD' | 'UNSUPPORTED_VALUE' | 'INVALID_COLUMN';

/** Thrown whenever the rules cannot be translated exactly; never caught to widen access. */
export class AbilitySqlError extends Error {
  constructor(
    readonly code: AbilitySqlErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AbilitySqlError';
  }
}

export const SQL_TRUE = '1 = 1';
export const SQL_FALSE = '1 = 0';

/** The AST node type returned by CASL (from @ucast/mongo2js), named without importing it. */
/** A node of CASL's rule AST (@ucast's Condition): the parts the compiler reads. */
interface AstNode {
  operator: string;
  value: unknown;
  field?: unknown;
}
type Primitive = string | number | boolean;
type FieldKind = SqlFieldMap[string]['kind'];

const IDENTIFIER_PART = '(?:[A-Za-z_][A-Za-z0-9_$]*|"[^"\\u0000]+")';
const COLUMN_PATTERN = new RegExp(`^${IDENTIFIER_PART}(?:\\.${IDENTIFIER_PART}){0,2}$`);

/**
 * The WHERE fragment for "rows of `subjectType` on which the user may do `action`", its
 * values added to `args`. No granting rule -> `(1 = 0)`; an unconditional grant -> `(1 = 1)`.
 * `cannot` rules are honoured (CASL's rulesToAST folds them in as NOT conditions). On an
 * AbilitySqlError nothing has been added to `args`.
 */
export function abilityToSql(
  ability: AppAbility,
  action: AppAction,
  subjectType: AppSubjectType,
  fields: SqlFieldMap,
  args: SqlArgs,
): string {
  const ast: AstNode | null = rulesToAST(ability, action, subjectType);
  if (!ast) return `(${SQL_FALSE})`;
  const compiler = new SqlCompiler(fields, args.values.length);
  const sql = compiler.compile(ast, false);
  for (const v of compiler.values) args.add(v);
  return `(${sql})`;
}

class SqlCompiler {
  readonly values: unknown[] = [];

  constructor(
    private readonly fields: SqlFieldMap,
    /** Parameters already bound by the statement this fragment joins. */
    private readonly offset: number,
  ) {}

  compile(node: AstNode, negated: boolean): string {
    const field = fieldOf(node);
    if (field !== undefined) return this.leaf(node.operator, field, node.value, negated);
    const children = compoundChildren(node);
    switch (node.operator) {
      case 'and':
        return negated ? this.join('OR', children, true) : this.join('AND', children, false);
      case 'or':
        return negated ? this.join('AND', children, true) : this.join('OR', children, false);
      case 'nor':
        return negated ? this.join('OR', children, false) : this.join('AND', children, true);
      case 'not':
        if (children.length !== 1) throw unknownOperator(`"not" with ${children.length} operands`);
        return this.compile(children[0], !negated);
      default:
        throw unknownOperator(`compound operator "${node.operator}"`);
    }
  }

  /** Empty AND is true and empty OR is false, as in @ucast/js. */
  private join(op: 'AND' | 'OR', children: AstNode[], negateChildren: boolean): string {
    if (children.length === 0) return op === 'AND' ? SQL_TRUE : SQL_FALSE;
    const parts = children.map((child) => this.compile(child, negateChildren));
    return parts.length === 1 ? parts[0] : `(${parts.join(` ${op} `)})`;
  }

  private leaf(operator: string, field: string, value: unknown, negated: boolean): string {
    const mapping = Object.prototype.hasOwnProperty.call(this.fields, field) ? this.fields[field] : undefined;
    if (!mapping) throw new AbilitySqlError('UNMAPPED_FIELD', `condition field "${field}" has no column in the SQL field map`);
    const { column, kind } = mapping;
    if (!COLUMN_PATTERN.test(column))
      throw new AbilitySqlError('INVALID_COLUMN', `column "${column}" for field "${field}" is not a plain identifier`);
    if (kind !== 'scalar' && kind !== 'array')
      throw new AbilitySqlError('INVALID_COLUMN', `field "${field}" has unknown kind "${String(kind)}"`);

    switch (operator) {
      case 'eq':
        return this.eq(column, kind, primitiveOrNull(field, value), negated);
      case 'ne':
        return this.eq(column, kind, primitiveOrNull(field, value), !negated);
      case 'in':
        return this.in(column, kind, primitiveList(field, value), negated);
      case 'nin':
        return this.in(column, kind, primitiveList(field, value), !negated);
      case 'all':
        return this.all(column, kind, field, primitiveList(field, value), negated);
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte':
        return this.compare(operator, column, kind, field, value, negated);
      default:
        throw unknownOperator(`field operator "${operator}" on "${field}"`);
    }
  }

  private eq(column: string, kind: FieldKind, value: Primitive | null, negated: boolean): string {
    if (kind === 'scalar') {
      if (value === null) return negated ? `${column} IS NOT NULL` : `${column} IS NULL`;
      const p = this.param(value);
      return negated ? `${column} IS DISTINCT FROM ${p}` : `${column} = ${p}`;
    }
    // Mongo semantics on arrays: `{ field: v }` matches when the array contains v; with
    // v = null it matches a missing/NULL array or one that contains a NULL element.
    if (value === null) {
      return negated
        ? `(${column} IS NOT NULL AND array_position(${column}, NULL) IS NULL)`
        : `(${column} IS NULL OR array_position(${column}, NULL) IS NOT NULL)`;
    }
    const p = this.param(value);
    return negated ? `NOT COALESCE(${p} = ANY(${column}), FALSE)` : `${p} = ANY(${column})`;
  }

  private in(column: string, kind: FieldKind, values: (Primitive | null)[], negated: boolean): string {
    if (kind === 'array') {
      // Some element of the array is in the list  <=>  OR over "array contains v".
      if (values.length === 0) return negated ? SQL_TRUE : SQL_FALSE;
      const parts = values.map((v) => this.eq(column, kind, v, negated));
      return parts.length === 1 ? parts[0] : `(${parts.join(negated ? ' AND ' : ' OR ')})`;
    }
    const hasNull = values.includes(null);
    const present = values.filter((v): v is Primitive => v !== null);
    if (present.length === 0) return hasNull ? this.eq(column, kind, null, negated) : negated ? SQL_TRUE : SQL_FALSE;
    const p = this.param(present);
    if (negated) {
      return hasNull ? `(${column} IS NOT NULL AND ${column} <> ALL(${p}))` : `(${column} IS NULL OR ${column} <> ALL(${p}))`;
    }
    return hasNull ? `(${column} = ANY(${p}) OR ${column} IS NULL)` : `${column} = ANY(${p})`;
  }

  private all(column: string, kind: FieldKind, field: string, values: (Primitive | null)[], negated: boolean): string {
    if (kind !== 'array') throw unknownOperator(`"all" on scalar field "${field}"`);
    if (values.includes(null)) throw new AbilitySqlError('UNSUPPORTED_VALUE', `"all" on "${field}" with a null element`);
    // In memory `all` requires an actual array; with an empty list it is "array is present".
    if (values.length === 0) return negated ? `${column} IS NULL` : `${column} IS NOT NULL`;
    const parts = values.map((v) => this.eq(column, kind, v, negated));
    return parts.length === 1 ? parts[0] : `(${parts.join(negated ? ' OR ' : ' AND ')})`;
  }

  private compare(
    operator: 'lt' | 'lte' | 'gt' | 'gte',
    column: string,
    kind: FieldKind,
    field: string,
    value: unknown,
    negated: boolean,
  ): string {
    if (kind !== 'scalar') throw unknownOperator(`"${operator}" on array field "${field}"`);
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new AbilitySqlError('UNSUPPORTED_VALUE', `"${operator}" on "${field}" needs a string or number, got ${describe(value)}`);
    }
    const sqlOp = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[operator];
    const complement = { lt: '>=', lte: '>', gt: '<=', gte: '<' }[operator];
    return `${column} ${negated ? complement : sqlOp} ${this.param(value)}`;
  }

  /** Bound in the order compiled, after the statement's earlier parameters. */
  private param(value: Primitive | Primitive[]): string {
    return `$${this.offset + this.values.push(value)}`;
  }
}

/** The field of a FieldCondition, undefined for compound/document conditions. */
function fieldOf(node: AstNode): string | undefined {
  if (!('field' in node)) return undefined;
  const field = node.field;
  if (typeof field !== 'string' || field === '__itself__') throw unknownOperator(`condition on the document itself`);
  return field;
}

function compoundChildren(node: AstNode): AstNode[] {
  const value = node.value;
  if (!Array.isArray(value)) throw unknownOperator(`document operator "${node.operator}"`);
  return value as AstNode[];
}

function unknownOperator(what: string): AbilitySqlError {
  return new AbilitySqlError('UNKNOWN_OPERATOR', `cannot translate ${what} to SQL`);
}

function primitiveOrNull(field: string, value: unknown): Primitive | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new AbilitySqlError('UNSUPPORTED_VALUE', `condition on "${field}" compares with ${describe(value)}`);
}

function primitiveList(field: string, value: unknown): (Primitive | null)[] {
  if (!Array.isArray(value)) throw new AbilitySqlError('UNSUPPORTED_VALUE', `condition on "${field}" needs a list, got ${describe(value)}`);
  return value.map((v: unknown) => primitiveOrNull(field, v));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  return typeof value;
}
