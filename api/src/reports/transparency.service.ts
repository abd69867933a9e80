import { Injectable, StreamableFile } from '@nestjs/common';
import { TRANSPARENCY_MIN_CELL, type TransparencyReport, type TransparencyRow } from '@layanan/contracts';
import { wibDate } from '@layanan/sla';
import { AppError } from '../common/errors/app-error';
import { exportFile, type Column } from '../common/export/tabular';
import { ReportRepository, type MonthCell } from './report.repository';

/** How long a year's public table is kept before it is read again from the rollups. */
export const TRANSPARENCY_CACHE_MS = 5 * 60_000;
const FIRST_YEAR = 2020;

/** A count shown only from TRANSPARENCY_MIN_CELL cases up (small cells could identify a person). */
const shown = (n: number) => (n >= TRANSPARENCY_MIN_CELL ? n : null);

/** One public cell from the rollups' monthly sums; figures over closed cases need enough closed cases. */
export function publicRow(c: MonthCell): TransparencyRow {
  const enough = c.closed >= TRANSPARENCY_MIN_CELL;
  return {
    month: c.month,
    opdCode: c.opd_code,
    opdName: c.opd_name,
    serviceCode: c.service_code,
    serviceName: c.service_name,
    received: shown(c.received),
    completed: shown(c.closed),
    onTimePct: enough ? Math.round((c.closed_on_time / c.closed) * 1000) / 10 : null,
    medianWorkingDays: enough ? c.median_days : null,
  };
}

const COLUMNS: Column<TransparencyRow>[] = [
  { header: 'bulan', value: (r) => r.month },
  { header: 'kode_opd', value: (r) => r.opdCode },
  { header: 'opd', value: (r) => r.opdName },
  { header: 'kode_layanan', value: (r) => r.serviceCode },
  { header: 'layanan', value: (r) => r.serviceName },
  { header: 'diterima', value: (r) => r.received },
  { header: 'selesai', value: (r) => r.completed },
  { header: 'tepat_waktu_persen', value: (r) => r.onTimePct },
  { header: 'median_hari_kerja', value: (r) => r.medianWorkingDays },
];

/**
 * The public transparency table (UU 14/2008): per month, OPD and service, aggregates only, small
 * cells suppressed, no personal data; cached per year in the instance.
 */
@Injectable()
export class TransparencyService {
  private readonly cache = new Map<number, { at: number; report: Promise<TransparencyReport> }>();

  constructor(private readonly repo: ReportRepository) {}

  async report(yearRaw?: string): Promise<TransparencyReport> {
    const year = this.year(yearRaw);
    const hit = this.cache.get(year);
    if (hit && Date.now() - hit.at < TRANSPARENCY_CACHE_MS) return hit.report;
    const report = this.build(year);
    this.cache.set(year, { at: Date.now(), report });
    report.catch(() => this.cache.delete(year));
    return report;
  }

  async csv(yearRaw?: string): Promise<StreamableFile> {
    const r = await this.report(yearRaw);
    return exportFile(r.rows, COLUMNS, `transparansi-layanan-${r.year}`, 'csv');
  }

  private async build(year: number): Promise<TransparencyReport> {
    const rows = (await this.repo.months(year)).map(publicRow);
    return { year, generatedAt: new Date().toISOString(), minCell: TRANSPARENCY_MIN_CELL, rows };
  }

  private year(raw?: string): number {
    const current = Number(wibDate(new Date()).slice(0, 4));
    if (raw === undefined || raw === '') return current;
    const y = Number(raw);
    if (!/^\d{4}$/.test(raw) || y < FIRST_YEAR || y > current)
      throw AppError.field('FIELD_INVALID', 'year', `must be a year from ${FIRST_YEAR} to ${current}`);
    return y;
  }
}
