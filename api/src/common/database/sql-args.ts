/**
 * Positional parameters for hand-built SQL, the one placeholder style of the API's SQL:
 * `add(v)` stores v and returns its placeholder (`$1`, `$2`, ...). Lists are bound as one
 * array parameter (`= ANY($n)`), so a statement's text does not depend on a list's length.
 */
export class SqlArgs {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
}

/**
 * A positional fragment (e.g. from `abilityToSql`) for a TypeORM query builder, which numbers
 * parameters itself: `$n` becomes the named `:p_n`. Only where a builder already owns the query.
 */
export function forQueryBuilder(sql: string, args: SqlArgs, prefix = 'p'): [string, Record<string, unknown>] {
  const params = Object.fromEntries(args.values.map((v, i) => [`${prefix}_${i + 1}`, v]));
  return [sql.replace(/\$(\d+)/g, (_m, n: string) => `:${prefix}_${n}`), params];
}
