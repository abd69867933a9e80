import { Injectable } from '@nestjs/common';
import type { Role } from '@layanan/contracts';
import { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

export interface PoolMember {
  id: string;
  full_name: string;
  roles: Role[];
}

/** The condition "not on leave at $at" on users `u` (the leave table's gist index answers it). */
const PRESENT = (at: string) =>
  `NOT EXISTS (SELECT 1 FROM user_leaves l WHERE l.user_id = u.id AND l.cancelled_at IS NULL AND l.period @> ${at}::timestamptz)`;

/**
 * Who can be given work: active users of an OPD holding one of the roles a step needs, and not on
 * leave at the instant asked. Round-robin turns come from `assignment_cursors`.
 */
@Injectable()
export class AssignmentPoolRepository {
  constructor(private readonly db: DataSource) {}

  /** The eligible users, present at `at`, by name. */
  async present(opdId: string, roles: readonly string[], at: Date, m: Db = this.db): Promise<PoolMember[]> {
    return await m.query<PoolMember[]>(
      `SELECT u.id, u.full_name, u.roles FROM users u
        WHERE u.active AND u.opd_id = $1 AND u.roles && $2::text[] AND ${PRESENT('$3')}
        ORDER BY u.full_name, u.id`,
      [opdId, roles, at],
    );
  }

  /**
   * The next user in turn for a new case of a service, in one statement inside the intake
   * transaction: the pool (ordered by id) and the cursor row per service and role set, bumped with
   * `INSERT … ON CONFLICT DO UPDATE … RETURNING`. The row lock orders concurrent intakes of the
   * service until they commit, so n intakes take n consecutive turns: each of k users gets n/k ± 1.
   * No one present: no turn is taken and undefined comes back (the case stays unassigned).
   */
  async nextInTurn(
    m: EntityManager,
    serviceId: string,
    opdId: string,
    roles: readonly string[],
    at: Date,
  ): Promise<PoolMember | undefined> {
    const roleKey = [...roles].sort().join(',');
    const [row] = await m.query<PoolMember[]>(
      `WITH pool AS (
         SELECT u.id, u.full_name, u.roles, (row_number() OVER (ORDER BY u.id) - 1)::bigint AS i, count(*) OVER ()::bigint AS k
           FROM users u
          WHERE u.active AND u.opd_id = $2 AND u.roles && $3::text[] AND ${PRESENT('$4')}),
       turn AS (
         INSERT INTO assignment_cursors AS c (service_id, role_key, turn) SELECT $1, $5, 0 WHERE EXISTS (SELECT 1 FROM pool)
         ON CONFLICT (service_id, role_key) DO UPDATE SET turn = c.turn + 1, updated_at = now()
         RETURNING turn)
       SELECT p.id, p.full_name, p.roles FROM pool p, turn t WHERE p.i = t.turn % p.k`,
      [serviceId, opdId, roles, at, roleKey],
    );
    return row;
  }
}
