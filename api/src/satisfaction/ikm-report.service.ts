import { Injectable } from '@nestjs/common';
import {
  SKM_ELEMENTS,
  emptyTotals,
  ikmFigures,
  type ElementTotals,
  type IkmFigures,
  type IkmOpdRow,
  type IkmPeriodRow,
  type IkmReport,
  type IkmServiceRow,
  type SkmElement,
  type SurveySuggestionView,
} from '@layanan/contracts';
import type { AuthContext } from '../common/auth/auth-context';
import { abilityToSql } from '../common/authz/ability-to-sql';
import { SqlArgs } from '../common/database/sql-args';
import { AppError } from '../common/errors/app-error';
import { SatisfactionRepository, type IkmGroupRow } from './satisfaction.repository';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface IkmQuery {
  from?: string;
  to?: string;
  opdId?: string;
  serviceId?: string;
}

/**
 * The IKM (PermenPAN-RB 14/2017) per month, service and OPD from the pre-summed
 * `survey_totals` (sums and counts add, so every combination stays exact), grouped in SQL and
 * limited there to the OPDs the caller's `readReport` rules allow.
 */
@Injectable()
export class IkmReportService {
  constructor(private readonly repo: SatisfactionRepository) {}

  async report(auth: AuthContext, q: IkmQuery): Promise<IkmReport> {
    const { from, to } = period(q);
    const args = new SqlArgs();
    const rows = await this.repo.totals(args, this.scope(auth, args), `${from}-01`, `${to}-01`, q);
    const figures = (r: IkmGroupRow) => ikmFigures(totalsOf(r), r.respondents, r.population);
    const of = (kind: IkmGroupRow['kind']) => rows.filter((r) => r.kind === kind);
    const total = of('total')[0];
    return {
      from,
      to,
      total: total ? figures(total) : ikmFigures(emptyTotals(), 0, 0),
      byMonth: of('month')
        .map((r): IkmPeriodRow => ({ month: r.month ?? '', ...figures(r) }))
        .sort((a, b) => a.month.localeCompare(b.month)),
      byService: of('service')
        .map((r): IkmServiceRow => ({
          serviceId: r.service_id ?? '',
          serviceName: r.service_name ?? '',
          opdId: r.opd_id ?? '',
          opdName: r.opd_name ?? '',
          ...figures(r),
        }))
        .sort((a, b) => a.opdName.localeCompare(b.opdName) || a.serviceName.localeCompare(b.serviceName)),
      byOpd: of('opd')
        .map((r): IkmOpdRow => ({ opdId: r.opd_id ?? '', opdName: r.opd_name ?? '', ...figures(r) }))
        .sort((a, b) => a.opdName.localeCompare(b.opdName)),
    };
  }

  /**
   * The public transparency page's IKM: per month, OPD and service of a year, every OPD (no
   * caller: aggregates only, the page suppresses small cells). Keyed `month/opdId/serviceId`.
   */
  async publicCells(year: number): Promise<Map<string, IkmFigures>> {
    const rows = await this.repo.cells(`${year}-01-01`, `${year}-12-01`);
    return new Map(
      rows.map((r) => [`${r.month}/${r.opd_id}/${r.service_id}`, ikmFigures(totalsOf(r), Number(r.respondents), Number(r.population))]),
    );
  }

  /** Saran dan masukan, newest month first: the text, its service and month, nothing else. */
  async suggestions(auth: AuthContext, q: IkmQuery & { limit?: number }): Promise<SurveySuggestionView[]> {
    const { from, to } = period(q);
    const args = new SqlArgs();
    const limit = Math.min(Math.max(Number(q.limit) || 50, 1), 200);
    const rows = await this.repo.suggestions(args, this.scope(auth, args), `${from}-01`, `${to}-01`, q, limit);
    return rows.map((r) => ({
      id: r.id,
      month: r.month,
      serviceId: r.service_id,
      serviceName: r.service_name,
      opdName: r.opd_name,
      text: r.suggestion,
    }));
  }

  private scope(auth: AuthContext, args: SqlArgs): (column: string) => string {
    if (!auth.ability.can('readReport', 'Report')) throw new AppError('FORBIDDEN', 'Reports are for heads, supervisors and leadership');
    return (column) => abilityToSql(auth.ability, 'readReport', 'Report', { opdId: { column, kind: 'scalar' } }, args);
  }
}

/** [from, to] as YYYY-MM; default: the last twelve months up to the current one (Asia/Jakarta). */
export function period(q: { from?: string; to?: string }): { from: string; to: string } {
  for (const field of ['from', 'to'] as const) {
    const v = q[field];
    if (v !== undefined && !MONTH.test(v)) throw AppError.field('FIELD_INVALID', field, 'must be a month, YYYY-MM');
  }
  const now = new Date(Date.now() + 7 * 3600_000);
  const to = q.to ?? `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const [y, m] = to.split('-').map(Number);
  const start = new Date(Date.UTC(y, m - 12, 1));
  const from = q.from ?? `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
  if (from > to) throw AppError.field('FIELD_INVALID', 'from', 'must not be after to');
  return { from, to };
}

function totalsOf(r: Record<`${SkmElement}_${'sum' | 'n'}`, number>): ElementTotals {
  return Object.fromEntries(SKM_ELEMENTS.map((e) => [e, { sum: r[`${e}_sum`], answered: r[`${e}_n`] }])) as ElementTotals;
}
