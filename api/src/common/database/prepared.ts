import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

const names = new Map<string, string>();

/** A stable statement name per SQL text (also used by the bench's raw baselines). */
export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `lt_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs a hot query of fixed shape as a named prepared statement: each connection parses and
 * plans it once instead of on every call (the case list, detail and event statements spend more
 * time in the planner than in execution). Use only for SQL texts from a small fixed set (values
 * as parameters, never inlined), since every connection keeps each prepared statement.
 * Inside a transaction (`m.queryRunner` set), it runs on that transaction's connection.
 */
export async function preparedQuery<T>(db: DataSource | EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const config = { name: statementName(text), text, values };
  const runner = db instanceof EntityManager ? (db.queryRunner as PostgresQueryRunner | undefined) : undefined;
  const ds = db instanceof EntityManager ? db.connection : db;
  try {
    if (runner && !runner.isReleased) {
      const client = (await runner.connect()) as PoolClient;
      return (await client.query(config)).rows as T[];
    }
    return (await ((ds.driver as PostgresDriver).master as Pool).query(config)).rows as T[];
  } catch (e) {
    // The same error type as TypeORM's own queries, for HttpErrorFilter.
    throw new QueryFailedError(text, values, e as Error);
  }
}
