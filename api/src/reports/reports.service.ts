import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { abilityToSql } from '../common/authz/ability-to-sql';
import { SqlArgs } from '../common/database/sql-args';
import { AppError } from '../common/errors/app-error';

export interface ServiceFigures {
  serviceId: string;
  serviceName: string;
  opdId: string;
  opdName: string;
  intakeToday: number;
  open: number;
  overdue: number;
  completed30d: number;
  slaCompliance: number | null;
}
export interface Dashboard {
  intakeToday: number;
  open: number;
  overdue: number;
  dueSoon: number;
  completed30d: number;
  slaCompliance: number | null;
  byService: ServiceFigures[];
  byOpd: Omit<ServiceFigures, 'serviceId' | 'serviceName'>[];
}

/**
 * Heads' and leadership's figures, scoped by the caller's `readReport` rules in SQL.
 * SLA compliance = cases completed in the last 30 days on or before their due date.
 */
@Injectable()
export class ReportsService {
  constructor(private readonly db: DataSource) {}

  async dashboard(auth: AuthContext, opdFilter?: string): Promise<Dashboard> {
    if (!auth.ability.can('readReport', 'Report')) throw new AppError('FORBIDDEN', 'Reports are for heads, supervisors and leadership');
    const args = new SqlArgs();
    let where = abilityToSql(auth.ability, 'readReport', 'Report', { opdId: { column: 'c.opd_id', kind: 'scalar' } }, args);
    if (opdFilter) where += ` AND c.opd_id = ${args.add(opdFilter)}`;
    const figures = `
      count(*) FILTER (WHERE c.submitted_at >= date_trunc('day', now() AT TIME ZONE 'Asia/Jakarta') AT TIME ZONE 'Asia/Jakarta')::int AS intake_today,
      count(*) FILTER (WHERE c.is_open AND c.completed_at IS NULL)::int AS open,
      count(*) FILTER (WHERE c.is_open AND c.completed_at IS NULL AND c.paused_at IS NULL AND c.due_at < now())::int AS overdue,
      count(*) FILTER (WHERE c.is_open AND c.completed_at IS NULL AND c.paused_at IS NULL AND c.due_at >= now() AND c.due_at < now() + interval '24 hours')::int AS due_soon,
      count(*) FILTER (WHERE c.completed_at >= now() - interval '30 days')::int AS completed_30d,
      count(*) FILTER (WHERE c.completed_at >= now() - interval '30 days' AND c.completed_at <= c.due_at)::int AS on_time_30d`;
    const run = async (sql: string) => await this.db.query<Record<string, string | number>[]>(sql, args.values);
    const [total] = await run(`SELECT ${figures} FROM cases c WHERE ${where}`);
    const byService = await run(`
      SELECT c.service_id, max(v.name) AS service_name, c.opd_id, max(o.short_name) AS opd_name, ${figures}
        FROM cases c JOIN services s ON s.id = c.service_id JOIN service_versions v ON v.service_id = s.id AND v.version = s.current_version
        JOIN opds o ON o.id = c.opd_id
       WHERE ${where} GROUP BY c.service_id, c.opd_id ORDER BY overdue DESC, open DESC`);
    const byOpd = await run(`
      SELECT c.opd_id, max(o.short_name) AS opd_name, ${figures} FROM cases c JOIN opds o ON o.id = c.opd_id
       WHERE ${where} GROUP BY c.opd_id ORDER BY overdue DESC, open DESC`);
    const compliance = (r: Record<string, string | number>) =>
      Number(r.completed_30d) > 0 ? Number(r.on_time_30d) / Number(r.completed_30d) : null;
    const row = (r: Record<string, string | number>) => ({
      opdId: String(r.opd_id),
      opdName: String(r.opd_name),
      intakeToday: Number(r.intake_today),
      open: Number(r.open),
      overdue: Number(r.overdue),
      completed30d: Number(r.completed_30d),
      slaCompliance: compliance(r),
    });
    return {
      intakeToday: Number(total.intake_today),
      open: Number(total.open),
      overdue: Number(total.overdue),
      dueSoon: Number(total.due_soon),
      completed30d: Number(total.completed_30d),
      slaCompliance: compliance(total),
      byService: byService.map((r) => ({ serviceId: String(r.service_id), serviceName: String(r.service_name), ...row(r) })),
      byOpd: byOpd.map(row),
    };
  }
}
