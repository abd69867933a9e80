import { Injectable } from '@nestjs/common';
import type { ComplaintReport } from '@layanan/contracts';
import type { AuthContext } from '../common/auth/auth-context';
import { abilityToSql } from '../common/authz/ability-to-sql';
import { SqlArgs } from '../common/database/sql-args';
import { AppError } from '../common/errors/app-error';
import { period } from '../satisfaction/ikm-report.service';
import { ComplaintsRepository } from './complaints.repository';

/**
 * Complaints per month of receipt, OPD and service: received, answered (on time: by the
 * deadline), open, overdue, and the hours from receipt to answer (mean and median), over the
 * complaints the caller may read.
 */
@Injectable()
export class ComplaintReportService {
  constructor(private readonly repo: ComplaintsRepository) {}

  async report(auth: AuthContext, q: { from?: string; to?: string; opdId?: string; serviceId?: string }): Promise<ComplaintReport> {
    if (!auth.ability.can('read', 'Complaint'))
      throw new AppError('FORBIDDEN', 'Complaint reports are for complaint officers, heads and leadership');
    const { from, to, fromDay, toDayExclusive } = complaintPeriod(q);
    const args = new SqlArgs();
    const scope = abilityToSql(auth.ability, 'read', 'Complaint', { opdId: { column: 'c.opd_id', kind: 'scalar' } }, args);
    const rows = await this.repo.totals(args, scope, fromDay, toDayExclusive, q);
    return {
      from,
      to,
      rows: rows.map((r) => ({
        month: r.month,
        opdId: r.opd_id,
        opdName: r.opd_name,
        serviceId: r.service_id,
        serviceName: r.service_name,
        received: r.received,
        answered: r.answered,
        answeredOnTime: r.answered_on_time,
        open: r.open,
        overdue: r.overdue,
        meanResponseHours: r.mean_hours,
        medianResponseHours: r.median_hours,
      })),
    };
  }
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * The period as whole months (YYYY-MM, like the IKM report) or as Jakarta days (YYYY-MM-DD,
 * `to` inclusive, like the case reports), both bounds in the same form; the SQL bounds are days.
 */
export function complaintPeriod(q: { from?: string; to?: string }): { from: string; to: string; fromDay: string; toDayExclusive: string } {
  const days = [q.from, q.to].filter((v) => v !== undefined && DAY.test(v)).length;
  if (days === 0) {
    const { from, to } = period(q);
    const [y, m] = to.split('-').map(Number);
    return { from, to, fromDay: `${from}-01`, toDayExclusive: new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10) };
  }
  for (const field of ['from', 'to'] as const) {
    const v = q[field];
    if (
      v === undefined ||
      !DAY.test(v) ||
      Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ||
      new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v
    )
      throw AppError.field('FIELD_INVALID', field, 'must be a day, YYYY-MM-DD, like the other bound');
  }
  const from = q.from as string;
  const to = q.to as string;
  if (from > to) throw AppError.field('FIELD_INVALID', 'from', 'must not be after to');
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from, to, fromDay: from, toDayExclusive: next };
}
