import { Injectable } from '@nestjs/common';
import type { LeaveKind } from '@layanan/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { SqlArgs } from '../common/database/sql-args';

type Db = DataSource | EntityManager;

export interface LeaveRow {
  id: string;
  user_id: string;
  user_name: string;
  opd_id: string | null;
  kind: LeaveKind;
  note: string | null;
  valid_from: string;
  valid_until: string;
  starts_at: Date;
  ends_at: Date;
  created_by_id: string | null;
  created_by_name: string | null;
  created_at: Date;
  cancelled_at: Date | null;
}

export interface NewLeave {
  userId: string;
  kind: LeaveKind;
  note: string | null;
  validFrom: string;
  validUntil: string;
  createdById: string | null;
}

export interface LeaveLogRow {
  id: string;
  leaveId: string;
  action: 'created' | 'cancelled' | 'shortened';
  actorId: string | null;
  actorName: string | null;
  details: Record<string, unknown>;
  at: string;
}

const SELECT = `
  SELECT l.id, l.user_id, u.full_name AS user_name, u.opd_id, l.kind, l.note,
         to_char(l.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(l.valid_until, 'YYYY-MM-DD') AS valid_until,
         lower(l.period) AS starts_at, upper(l.period) AS ends_at, l.created_by_id, cb.full_name AS created_by_name, l.created_at,
         l.cancelled_at
    FROM user_leaves l
    JOIN users u ON u.id = l.user_id
    LEFT JOIN users cb ON cb.id = l.created_by_id`;

/** Every statement on user_leaves and their log. */
@Injectable()
export class LeavesRepository {
  constructor(private readonly db: DataSource) {}

  /** `permission`: the caller's CASL rules as SQL over `l.user_id` and `u.opd_id` (built with `args`). */
  async list(
    permission: string,
    args: SqlArgs,
    f: { userId?: string; currentAt?: Date },
    page: { offset: number; limit: number },
  ): Promise<{ rows: LeaveRow[]; total: number }> {
    const where = [permission];
    if (f.userId) where.push(`l.user_id = ${args.add(f.userId)}`);
    if (f.currentAt) where.push(`l.cancelled_at IS NULL AND upper(l.period) > ${args.add(f.currentAt)}`);
    const cond = where.join(' AND ');
    const rows = await this.db.query<LeaveRow[]>(
      `${SELECT} WHERE ${cond} ORDER BY l.valid_from DESC, l.created_at DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
      args.values,
    );
    const [count] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM user_leaves l JOIN users u ON u.id = l.user_id WHERE ${cond}`,
      args.values,
    );
    return { rows, total: count.n };
  }

  async find(m: Db, id: string, opts: { lock?: boolean } = {}): Promise<LeaveRow | undefined> {
    const [row] = await m.query<LeaveRow[]>(`${SELECT} WHERE l.id = $1${opts.lock ? ' FOR UPDATE OF l' : ''}`, [id]);
    return row;
  }

  /** A live leave of the user whose days overlap [from, until] (for a precise 422; the constraint decides). */
  async overlapping(m: Db, userId: string, from: string, until: string): Promise<LeaveRow | undefined> {
    const [row] = await m.query<LeaveRow[]>(
      `${SELECT} WHERE l.user_id = $1 AND l.cancelled_at IS NULL AND l.valid_from <= $3::date AND l.valid_until >= $2::date
        ORDER BY l.valid_from LIMIT 1`,
      [userId, from, until],
    );
    return row;
  }

  async insert(m: EntityManager, l: NewLeave): Promise<string> {
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO user_leaves (user_id, kind, note, valid_from, valid_until, created_by_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [l.userId, l.kind, l.note, l.validFrom, l.validUntil, l.createdById],
    );
    return row.id;
  }

  async cancel(m: EntityManager, id: string, by: string | null): Promise<void> {
    await m.query(`UPDATE user_leaves SET cancelled_at = now(), cancelled_by_id = $2 WHERE id = $1`, [id, by]);
  }

  /** A leave already under way ends with the given day (the user came back early). */
  async shorten(m: EntityManager, id: string, lastDay: string): Promise<void> {
    await m.query(`UPDATE user_leaves SET valid_until = $2::date WHERE id = $1`, [id, lastDay]);
  }

  async log(
    m: EntityManager,
    e: { leaveId: string; action: LeaveLogRow['action']; actorId: string | null; actorName: string | null; details: object },
  ): Promise<void> {
    await m.query(`INSERT INTO user_leave_log (leave_id, action, actor_id, actor_name, details) VALUES ($1, $2, $3, $4, $5)`, [
      e.leaveId,
      e.action,
      e.actorId,
      e.actorName,
      JSON.stringify(e.details),
    ]);
  }

  async logOf(leaveId: string): Promise<LeaveLogRow[]> {
    return await this.db.query<LeaveLogRow[]>(
      `SELECT id::text AS id, leave_id AS "leaveId", action, actor_id AS "actorId", actor_name AS "actorName", details,
              to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM user_leave_log WHERE leave_id = $1 ORDER BY id`,
      [leaveId],
    );
  }

  /** Of `userIds`, those on leave at `at` (the exclusion constraint's gist index answers). */
  async onLeave(m: Db, userIds: string[], at: Date): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows = await m.query<{ user_id: string }[]>(
      `SELECT DISTINCT user_id FROM user_leaves WHERE user_id = ANY($1::uuid[]) AND cancelled_at IS NULL AND period @> $2::timestamptz`,
      [userIds, at],
    );
    return new Set(rows.map((r) => r.user_id));
  }
}
