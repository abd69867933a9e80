import { Injectable, StreamableFile } from '@nestjs/common';
import { REPORT_NAMES, type ReportName, type ReportQuery } from '@layanan/contracts';
import type { AuthContext } from '../common/auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { exportFile, type Cell, type Column, type ExportFormat } from '../common/export/tabular';
import { ReportsService } from './reports.service';

type Row = Record<string, Cell>;

/** Columns from a row's keys, in order (every row of a report has the same keys). */
const columnsOf = (keys: string[]): Column<Row>[] => keys.map((k) => ({ header: k, value: (r) => r[k] }));

/**
 * A report as a file: the very object the screen shows (ReportsService), flattened to rows, so
 * the exported numbers are the screen's. Column names are stable snake_case (docs/REPORTS.md).
 */
@Injectable()
export class ReportExportService {
  constructor(private readonly reports: ReportsService) {}

  async export(auth: AuthContext, name: string, q: ReportQuery, format: ExportFormat): Promise<StreamableFile> {
    if (!(REPORT_NAMES as readonly string[]).includes(name))
      throw AppError.field('FIELD_INVALID', 'name', `must be one of ${REPORT_NAMES.join(', ')}`);
    const { rows, period } = await this.rows(auth, name as ReportName, q);
    const keys = Object.keys(rows[0] ?? { from: null });
    return exportFile(rows, columnsOf(keys), `laporan-${name}-${period.from}-${period.to}`, format);
  }

  private async rows(auth: AuthContext, name: ReportName, q: ReportQuery): Promise<{ rows: Row[]; period: { from: string; to: string } }> {
    switch (name) {
      case 'sla': {
        const r = await this.reports.sla(auth, q);
        return {
          period: r,
          rows: [
            {
              from: r.from,
              to: r.to,
              closed: r.closed,
              closed_on_time: r.closedOnTime,
              compliance: r.compliance,
              withdrawn: r.withdrawn,
              open: r.open,
              open_overdue: r.openOverdue,
              as_of: r.asOf,
            },
          ],
        };
      }
      case 'backlog': {
        const r = await this.reports.backlog(auth, q);
        return {
          period: r,
          rows: [
            ...r.age.map((b) => ({ kind: 'age_working_days', bucket: b.bucket, open: b.open, overdue: b.overdue, as_of: r.asOf })),
            ...r.sla.map((b) => ({ kind: 'sla_used_pct', bucket: b.bucket, open: b.open, overdue: b.overdue, as_of: r.asOf })),
          ],
        };
      }
      case 'stages': {
        const r = await this.reports.stages(auth, q);
        return {
          period: r,
          rows: r.stages.map((s) => ({
            state: s.state,
            waiting_on_applicant: s.waiting,
            n: s.n,
            median_hours: s.medianHours,
            p90_hours: s.p90Hours,
            mean_hours: s.meanHours,
          })),
        };
      }
      case 'throughput': {
        const r = await this.reports.throughput(auth, q);
        return { period: r, rows: r.series.map((p) => ({ period: p.period, grain: r.grain, received: p.received, closed: p.closed })) };
      }
      case 'officers': {
        const r = await this.reports.officers(auth, q);
        return {
          period: r,
          rows: r.officers.map((o) => ({
            officer: o.name,
            opd: o.opdName,
            open: o.open,
            open_overdue: o.overdue,
            stages_completed: o.steps,
          })),
        };
      }
      case 'services':
      case 'opds': {
        const r = name === 'services' ? await this.reports.services(auth, q) : await this.reports.opds(auth, q);
        return {
          period: r,
          rows: r.rows.map((x) => ({
            opd: x.opdName,
            ...('serviceName' in x ? { service: String(x.serviceName) } : {}),
            received: x.received,
            closed: x.closed,
            closed_on_time: x.closedOnTime,
            compliance: x.compliance,
            withdrawn: x.withdrawn,
            open: x.open,
            open_overdue: x.openOverdue,
            median_working_days: x.medianDays,
          })),
        };
      }
    }
  }
}
