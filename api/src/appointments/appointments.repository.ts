import { Injectable } from '@nestjs/common';
import type { AppointableRole, AppointmentKind, AppointmentLogEntry } from '@layanan/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { SqlArgs } from '../common/database/sql-args';

type Db = DataSource | EntityManager;

export interface AppointmentRow {
  id: string;
  user_id: string;
  user_name: string;
  opd_id: string;
  opd_name: string;
  role: AppointableRole;
  kind: AppointmentKind;
  position_title: string;
  legal_basis: string | null;
  valid_from: string;
  valid_until: string;
  starts_at: Date;
  ends_at: Date;
  created_by_id: string | null;
  created_by_name: string | null;
  created_at: Date;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

export interface NewAppointment {
  opdId: string;
  role: AppointableRole;
  positionTitle: string;
  userId: string;
  kind: AppointmentKind;
  legalBasis: string | null;
  validFrom: string;
  validUntil: string;
  createdById: string | null;
}

export interface AppointmentFilter {
  /** null: every OPD (admin) */
  opdIds: string[] | null;
  userId?: string;
  /** only appointments not revoked and not ended at this instant */
  currentAt?: Date;
}

const SELECT = `
  SELECT a.id, a.user_id, u.full_name AS user_name, a.opd_id, o.name AS opd_name, a.role, a.kind, a.position_title, a.legal_basis,
         to_char(a.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(a.valid_until, 'YYYY-MM-DD') AS valid_until,
         lower(a.period) AS starts_at, upper(a.period) AS ends_at, a.created_by_id, cb.full_name AS created_by_name, a.created_at,
         a.revoked_at, a.revoke_reason
    FROM acting_appointments a
    JOIN users u ON u.id = a.user_id
    JOIN opds o ON o.id = a.opd_id
    LEFT JOIN users cb ON cb.id = a.created_by_id`;

/** Every statement on acting_appointments and their log. */
@Injectable()
export class AppointmentsRepository {
  constructor(private readonly db: DataSource) {}

  async list(f: AppointmentFilter, page: { offset: number; limit: number }): Promise<{ rows: AppointmentRow[]; total: number }> {
    const args = new SqlArgs();
    const where: string[] = ['true'];
    if (f.opdIds) where.push(`a.opd_id = ANY(${args.add(f.opdIds)}::uuid[])`);
    if (f.userId) where.push(`a.user_id = ${args.add(f.userId)}`);
    if (f.currentAt) where.push(`a.revoked_at IS NULL AND upper(a.period) > ${args.add(f.currentAt)}`);
    const cond = where.join(' AND ');
    const rows = await this.db.query<AppointmentRow[]>(
      `${SELECT} WHERE ${cond} ORDER BY a.valid_from DESC, a.created_at DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
      args.values,
    );
    const [count] = await this.db.query<
      {
        n: number;
      }[]
    >(`SELECT count(*)::int AS n FROM acting_appointments a WHERE ${cond}`, args.values);
    return { rows, total: count.n };
  }

  async find(m: Db, id: string, opts: { lock?: boolean } = {}): Promise<AppointmentRow | undefined> {
    const [row] = await m.query<AppointmentRow[]>(`${SELECT} WHERE a.id = $1${opts.lock ? ' FOR UPDATE OF a' : ''}`, [id]);
    return row;
  }

  /** Active delegates holding an appointment to `role` in one of `opdIds` in force at `at` (Plh./Plt.). */
  async holdersAt(
    m: Db,
    role: AppointableRole,
    opdIds: string[],
    at: Date,
  ): Promise<{ userId: string; opdId: string; kind: AppointmentKind; positionTitle: string }[]> {
    if (!opdIds.length) return [];
    return m.query<{ userId: string; opdId: string; kind: AppointmentKind; positionTitle: string }[]>(
      `SELECT a.user_id AS "userId", a.opd_id AS "opdId", a.kind, a.position_title AS "positionTitle"
         FROM acting_appointments a JOIN users u ON u.id = a.user_id
        WHERE u.active AND a.revoked_at IS NULL AND a.role = $1 AND a.opd_id = ANY($2::uuid[]) AND a.period @> $3::timestamptz`,
      [role, opdIds, at],
    );
  }

  /** A live appointment of the same position whose days overlap [from, until] (for a precise 422; the constraint decides). */
  async overlapping(
    m: Db,
    a: Pick<NewAppointment, 'opdId' | 'role' | 'positionTitle' | 'validFrom' | 'validUntil'>,
  ): Promise<AppointmentRow | undefined> {
    const [row] = await m.query<AppointmentRow[]>(
      `${SELECT} WHERE a.opd_id = $1 AND a.role = $2 AND lower(a.position_title) = lower($3) AND a.revoked_at IS NULL
          AND a.valid_from <= $5::date AND a.valid_until >= $4::date ORDER BY a.valid_from LIMIT 1`,
      [a.opdId, a.role, a.positionTitle, a.validFrom, a.validUntil],
    );
    return row;
  }

  async insert(m: EntityManager, a: NewAppointment): Promise<string> {
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO acting_appointments (opd_id, role, position_title, user_id, kind, legal_basis, valid_from, valid_until, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [a.opdId, a.role, a.positionTitle, a.userId, a.kind, a.legalBasis, a.validFrom, a.validUntil, a.createdById],
    );
    return row.id;
  }

  async revoke(m: EntityManager, id: string, by: string | null, reason: string): Promise<void> {
    await m.query(`UPDATE acting_appointments SET revoked_at = now(), revoked_by_id = $2, revoke_reason = $3 WHERE id = $1`, [
      id,
      by,
      reason,
    ]);
  }

  async log(
    m: EntityManager,
    e: {
      appointmentId: string;
      action: AppointmentLogEntry['action'];
      actorId: string | null;
      actorName: string | null;
      reason: string | null;
      details: object;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO acting_appointment_log (appointment_id, action, actor_id, actor_name, reason, details) VALUES ($1, $2, $3, $4, $5, $6)`,
      [e.appointmentId, e.action, e.actorId, e.actorName, e.reason, JSON.stringify(e.details)],
    );
  }

  async logOf(appointmentId: string): Promise<AppointmentLogEntry[]> {
    return await this.db.query<AppointmentLogEntry[]>(
      `SELECT id::text AS id, appointment_id AS "appointmentId", action, actor_id AS "actorId", actor_name AS "actorName", reason,
              to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM acting_appointment_log WHERE appointment_id = $1 ORDER BY id`,
      [appointmentId],
    );
  }

  async opd(m: Db, id: string): Promise<{ id: string; name: string; kind: string; active: boolean } | undefined> {
    const [row] = await m.query<
      {
        id: string;
        name: string;
        kind: string;
        active: boolean;
      }[]
    >(`SELECT id, name, kind, active FROM opds WHERE id = $1`, [id]);
    return row;
  }
}
