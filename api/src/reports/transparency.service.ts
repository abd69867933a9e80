import { Injectable, StreamableFile } from '@nestjs/common';
import { TRANSPARENCY_MIN_CELL, type IkmFigures, type TransparencyReport, type TransparencyRow } from '@layanan/contracts';
import { wibDate } from '@layanan/sla';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { AppError } from '../common/errors/app-error';
import { exportFile, type Column } from '../common/export/tabular';
import { IkmReportService } from '../satisfaction/ikm-report.service';
import { ReportRepository, type MonthCell } from './report.repository';

/** How long a year's public table is kept before it is read again from the rollups. */
export const TRANSPARENCY_CACHE_MS = 5 * 60_000;
const FIRST_YEAR = 2020;

interface Built {
  report: TransparencyReport;
  etag: string;
}

/** A count shown only from TRANSPARENCY_MIN_CELL cases up (small cells could identify a person). */
const shown = (n: number) => (n >= TRANSPARENCY_MIN_CELL ? n : null);

/**
 * One public cell from the rollups' monthly sums and the cell's survey totals: figures over
 * closed cases need enough closed cases, the IKM enough respondents.
 */
export function publicRow(c: MonthCell, ikm?: IkmFigures): TransparencyRow {
  const enough = c.closed >= TRANSPARENCY_MIN_CELL;
  const surveyed = ikm !== undefined && ikm.respondents >= TRANSPARENCY_MIN_CELL && ikm.ikm !== null;
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
    ikmRespondents: surveyed ? ikm.respondents : null,
    ikm: surveyed && ikm.ikm !== null ? Math.round(ikm.ikm * 100) / 100 : null,
    ikmGrade: surveyed ? ikm.grade : null,
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
  { header: 'responden_skm', value: (r) => r.ikmRespondents },
  { header: 'ikm', value: (r) => r.ikm },
  { header: 'mutu_pelayanan', value: (r) => r.ikmGrade },
];

/**
 * The public transparency table (UU 14/2008): per month, OPD and service, aggregates only, small
 * cells suppressed, no personal data; cached per year in the instance (and by browsers and
 * proxies: Cache-Control, ETag).
 */
@Injectable()
export class TransparencyService {
  private readonly cache = new Map<number, { at: number; built: Promise<Built> }>();

  constructor(
    private readonly repo: ReportRepository,
    private readonly ikm: IkmReportService,
  ) {}

  async report(yearRaw?: string): Promise<TransparencyReport> {
    return (await this.cached(yearRaw)).report;
  }

  /**
   * The table for a JSON response: an ETag (the body's hash) and Last-Modified, 304 without a
   * body when the client's copy is current; `download` adds the attachment header.
   */
  async respond(yearRaw: string | undefined, ifNoneMatch: string | undefined, res: FastifyReply, download: boolean) {
    const { report, etag } = await this.cached(yearRaw);
    res.header('ETag', etag);
    res.header('Last-Modified', new Date(report.generatedAt).toUTCString());
    if (download) res.header('Content-Disposition', `attachment; filename="transparansi-layanan-${report.year}.json"`);
    if (ifNoneMatch?.split(',').some((t) => t.trim() === etag)) {
      res.status(304);
      return undefined;
    }
    return report;
  }

  async csv(yearRaw?: string): Promise<StreamableFile> {
    const r = await this.report(yearRaw);
    return exportFile(r.rows, COLUMNS, `transparansi-layanan-${r.year}`, 'csv');
  }

  private cached(yearRaw?: string): Promise<Built> {
    const year = this.year(yearRaw);
    const hit = this.cache.get(year);
    if (hit && Date.now() - hit.at < TRANSPARENCY_CACHE_MS) return hit.built;
    const built = this.build(year).then((report) => ({
      report,
      etag: `"${createHash('sha256').update(JSON.stringify(report.rows)).digest('base64url').slice(0, 22)}"`,
    }));
    this.cache.set(year, { at: Date.now(), built });
    built.catch(() => this.cache.delete(year));
    return built;
  }

  private async build(year: number): Promise<TransparencyReport> {
    const [cells, ikm] = await Promise.all([this.repo.months(year), this.ikm.publicCells(year)]);
    const rows = cells.map((c) => publicRow(c, ikm.get(`${c.month}/${c.opd_id}/${c.service_id}`)));
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
