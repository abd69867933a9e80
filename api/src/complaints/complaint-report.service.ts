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
    const { from, to } = period(q);
    const args = new SqlArgs();
    const scope = abilityToSql(auth.ability, 'read', 'Complaint', { opdId: { column: 'c.opd_id', kind: 'scalar' } }, args);
    const rows = await this.repo.totals(args, scope, `${from}-01`, `${to}-01`, q);
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
