import { Injectable } from '@nestjs/common';
import {
  SKM_ELEMENTS,
  addTotals,
  emptyTotals,
  ikmFigures,
  type ElementTotals,
  type IkmFigures,
  type IkmOpdRow,
  type IkmPeriodRow,
  type IkmReport,
  type IkmServiceRow,
  type SurveySuggestionView,
} from '@layanan/contracts';
import type { AuthContext } from '../common/auth/auth-context';
import { abilityToSql } from '../common/authz/ability-to-sql';
import { SqlArgs } from '../common/database/sql-args';
import { AppError } from '../common/errors/app-error';
import { SatisfactionRepository, type SurveyTotalsRow } from './satisfaction.repository';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface IkmQuery {
  from?: string;
  to?: string;
  opdId?: string;
  serviceId?: string;
}

interface Group {
  totals: ElementTotals;
  respondents: number;
  population: number;
}

/**
 * The IKM (PermenPAN-RB 14/2017) per month, service and OPD from the pre-summed
 * `survey_totals` (sums and counts add, so every combination stays exact), limited in SQL to
 * the OPDs the caller's `readReport` rules allow.
 */
@Injectable()
export class IkmReportService {
  constructor(private readonly repo: SatisfactionRepository) {}

  async report(auth: AuthContext, q: IkmQuery): Promise<IkmReport> {
    const { from, to } = period(q);
    const args = new SqlArgs();
    const rows = await this.repo.totals(args, this.scope(auth, args), `${from}-01`, `${to}-01`, q);
    const byMonth = new Map<string, Group>();
    const byService = new Map<string, Group & Pick<IkmServiceRow, 'serviceId' | 'serviceName' | 'opdId' | 'opdName'>>();
    const byOpd = new Map<string, Group & Pick<IkmOpdRow, 'opdId' | 'opdName'>>();
    const total = group();
    for (const r of rows) {
      const t = totalsOf(r);
      add(total, r, t);
      add(getOr(byMonth, r.month, group), r, t);
      add(
        getOr(byService, `${r.service_id}/${r.opd_id}`, () => ({
          ...group(),
          serviceId: r.service_id,
          serviceName: r.service_name,
          opdId: r.opd_id,
          opdName: r.opd_name,
        })),
        r,
        t,
      );
      add(
        getOr(byOpd, r.opd_id, () => ({ ...group(), opdId: r.opd_id, opdName: r.opd_name })),
        r,
        t,
      );
    }
    const figures = (g: Group) => ikmFigures(g.totals, g.respondents, g.population);
    return {
      from,
      to,
      total: figures(total),
      byMonth: [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, g]): IkmPeriodRow => ({ month, ...figures(g) })),
      byService: [...byService.values()]
        .map((g): IkmServiceRow => ({
          serviceId: g.serviceId,
          serviceName: g.serviceName,
          opdId: g.opdId,
          opdName: g.opdName,
          ...figures(g),
        }))
        .sort((a, b) => a.opdName.localeCompare(b.opdName) || a.serviceName.localeCompare(b.serviceName)),
      byOpd: [...byOpd.values()]
        .map((g): IkmOpdRow => ({ opdId: g.opdId, opdName: g.opdName, ...figures(g) }))
        .sort((a, b) => a.opdName.localeCompare(b.opdName)),
    };
  }

  /**
   * The public transparency page's IKM: per month, OPD and service of a year, every OPD (no
   * caller: aggregates only, the page suppresses small cells). Keyed `month/opdId/serviceId`.
   */
  async publicCells(year: number): Promise<Map<string, IkmFigures>> {
    const args = new SqlArgs();
    const rows = await this.repo.totals(args, () => 'TRUE', `${year}-01-01`, `${year}-12-01`, {});
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

function group(): Group {
  return { totals: emptyTotals(), respondents: 0, population: 0 };
}

function totalsOf(r: SurveyTotalsRow): ElementTotals {
  return Object.fromEntries(
    SKM_ELEMENTS.map((e) => [e, { sum: r.totals[`${e}_sum`] ?? 0, answered: r.totals[`${e}_n`] ?? 0 }]),
  ) as ElementTotals;
}

function add(g: Group, r: SurveyTotalsRow, t: ElementTotals): void {
  g.totals = addTotals(g.totals, t);
  g.respondents += Number(r.respondents);
  g.population += Number(r.population);
}

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (!v) map.set(key, (v = make()));
  return v;
}
