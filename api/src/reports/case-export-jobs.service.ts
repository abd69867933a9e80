import { Inject, Injectable, Logger, OnModuleInit, StreamableFile } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { defineAbilityFor } from '@layanan/authz';
import { type ExportJobError, type ExportJobView, type ExportSizeView } from '@layanan/contracts';
import { createGzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { AuthContext } from '../common/auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { csvStream } from '../common/export/tabular';
import { appConfig } from '../config';
import { EXPORT_STORAGE } from '../files/document-storage';
import type { LocalDiskStorage } from '../files/local-disk-storage';
import { JobsService } from '../jobs/jobs.service';
import { CASE_COLUMNS, CaseExportService } from './case-export.service';
import { CaseExportJobRepository, type ExportJobRow } from './case-export-job.repository';

export const CASE_EXPORT_QUEUE = 'case-export';
export const CASE_EXPORT_SWEEP_QUEUE = 'case-export-sweep';
/** Progress (and the heartbeat) is written at most this often while a job streams. */
const PROGRESS_MS = 1000;
/** A NIK search is stored as its blind index; the filter keeps this stand-in (any 16 digits). */
const NIK_STAND_IN = '0000000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thrown inside a run that lost its job to the sweep: it stops without writing a status. */
class Superseded extends Error {}

/**
 * Background case-list exports (docs/REPORTS.md, "Background exports"). A job keeps the list's
 * filter and sort and its owner's permissions; a pg-boss worker streams the very query of
 * GET /api/exports/cases (CaseExportService, the read connection, the owner's permission WHERE)
 * through the same CSV writer, optionally gzipped, into the export store, writing progress and
 * a heartbeat every second. Ready: the owner gets an "ekspor siap" notice and downloads it
 * (anyone else: 404). A scheduled sweep requeues a job whose instance died (or fails it after
 * EXPORT_MAX_ATTEMPTS runs) and deletes files past EXPORT_TTL_HOURS.
 */
@Injectable()
export class CaseExportJobsService implements OnModuleInit {
  private readonly logger = new Logger(CaseExportJobsService.name);
  /** Runs started in this process (JOBS_ENABLED=false runs them here; tests wait on them). */
  private readonly local = new Set<Promise<void>>();

  constructor(
    private readonly repo: CaseExportJobRepository,
    private readonly caseExport: CaseExportService,
    private readonly jobs: JobsService,
    @Inject(EXPORT_STORAGE) private readonly storage: LocalDiskStorage,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  onModuleInit(): void {
    this.jobs.registerWorker({ queue: CASE_EXPORT_QUEUE, expireInSeconds: 6 * 3600, run: (d) => this.run(String(d.id)) });
    this.jobs.register({ queue: CASE_EXPORT_SWEEP_QUEUE, cron: '* * * * *', run: () => this.sweep() });
  }

  /** How big the list is, counted up to the threshold: the console offers a background job above it. */
  async size(auth: AuthContext, query: Record<string, unknown>): Promise<ExportSizeView> {
    const threshold = this.app.exportBackgroundRows;
    const atLeast = await this.caseExport.count(this.caseExport.listQuery(auth, query), threshold + 1);
    return { atLeast, threshold, background: atLeast > threshold };
  }

  /** Queues a job for the list `query` describes; the filter is checked now (400 naming the field). */
  async start(auth: AuthContext, query: { filter?: string; sort?: string; gzip?: boolean }): Promise<ExportJobView> {
    let nikBidx: string | null = null;
    this.caseExport.listQuery(auth, query, (nik) => (nikBidx = this.caseExport.nikIndex(nik)));
    const filter = JSON.parse(query.filter || '{}') as Record<string, unknown>;
    if (nikBidx) filter.q = NIK_STAND_IN;
    const sort = query.sort ? (JSON.parse(query.sort) as [string, string]) : null;
    const row = await this.repo.create({ ownerId: auth.user.id, ownerUser: auth.user, filter, sort, nikBidx, gzip: query.gzip === true });
    if (!(await this.jobs.send(CASE_EXPORT_QUEUE, { id: row.id }))) this.runHere(row.id);
    return view(row);
  }

  async list(auth: AuthContext): Promise<ExportJobView[]> {
    return (await this.repo.listOwned(auth.user.id, 50)).map(view);
  }

  async get(auth: AuthContext, id: string): Promise<ExportJobView> {
    return view(await this.owned(auth, id));
  }

  /** The owner's ready file; 404 for anyone else's job, 409 EXPORT_NOT_READY while it is not ready. */
  async download(auth: AuthContext, id: string): Promise<StreamableFile> {
    const job = await this.owned(auth, id);
    if (job.status !== 'ready' || !job.file_key) throw new AppError('EXPORT_NOT_READY', `The export is ${job.status}`);
    const stream = await this.storage.get(job.file_key).catch(() => {
      throw AppError.notFound('Export file');
    });
    return new StreamableFile(stream, {
      type: job.gzip ? 'application/gzip' : 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${fileName(job)}"`,
      length: Number(job.bytes),
    });
  }

  /** One run of a job (the pg-boss worker); does nothing unless the job is queued. */
  async run(id: string): Promise<void> {
    const job = await this.repo.claim(id);
    if (!job) return;
    try {
      const { rows, bytes } = await this.write(job);
      if (!(await this.repo.finish(job.id, job.attempts, { rowsWritten: rows, bytes, ttlHours: this.app.exportTtlHours })))
        throw new Superseded();
    } catch (e) {
      await this.storage.delete(job.id).catch(() => undefined);
      if (e instanceof Superseded) return;
      const code = failureCode(e);
      if (code === 'INTERNAL') this.logger.error(`export ${job.id} failed: ${e instanceof Error ? e.stack : String(e)}`);
      await this.repo.fail(job.id, job.attempts, code);
    }
  }

  /** Requeues or fails jobs of dead instances, sends queued jobs no worker took, deletes expired files. */
  async sweep(): Promise<{ requeued: number; failed: number; expired: number }> {
    const swept = await this.repo.reclaimDead(this.app.exportStaleSeconds, this.app.exportMaxAttempts);
    let requeued = 0;
    for (const j of swept) {
      await this.storage.delete(j.id).catch(() => undefined); // a dead run's half-written temporary
      if (j.status !== 'queued') continue;
      requeued++;
      if (!(await this.jobs.send(CASE_EXPORT_QUEUE, { id: j.id }))) this.runHere(j.id);
    }
    const expired = await this.repo.expire();
    for (const id of expired) await this.storage.delete(id).catch((e: unknown) => this.logger.warn(`export ${id}: ${String(e)}`));
    return { requeued, failed: swept.length - requeued, expired: expired.length };
  }

  /** Resolves when the runs this process started itself have ended (tests). */
  async idle(): Promise<void> {
    while (this.local.size) await Promise.all([...this.local]);
  }

  private runHere(id: string): void {
    const p = this.run(id).finally(() => this.local.delete(p));
    this.local.add(p);
  }

  private async owned(auth: AuthContext, id: string): Promise<ExportJobRow> {
    if (!UUID.test(id)) throw AppError.field('FIELD_INVALID', 'id', 'must be a UUID');
    const job = await this.repo.owned(id, auth.user.id);
    if (!job) throw AppError.notFound('Export');
    return job;
  }

  /** Streams the owner's list into the store; progress every second. */
  private async write(job: ExportJobRow): Promise<{ rows: number; bytes: number }> {
    const user = job.owner_user;
    const ability = defineAbilityFor(user);
    if (!(await this.repo.ownerActive(job.owner_id)) || !ability.can('read', 'Case'))
      throw new AppError('FORBIDDEN', 'The owner may no longer read cases');
    const auth: AuthContext = { user, ability, sessionId: `export:${job.id}` };
    const query = { filter: JSON.stringify(job.filter), sort: job.sort ? JSON.stringify(job.sort) : undefined };
    const q = this.caseExport.listQuery(auth, query, (nik) => job.nik_bidx ?? this.caseExport.nikIndex(nik));
    const expected = await this.caseExport.count(q, 2_000_000_000);
    if (!(await this.repo.progress(job.id, job.attempts, { rowsWritten: 0, rowsExpected: expected }))) throw new Superseded();
    let rows = 0;
    const repo = this.repo;
    async function* counted<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
      let last = Date.now();
      for await (const r of source) {
        rows++;
        if (Date.now() - last >= PROGRESS_MS) {
          last = Date.now();
          if (!(await repo.progress(job.id, job.attempts, { rowsWritten: rows }))) throw new Superseded();
        }
        yield r;
      }
    }
    const csv = csvStream(counted(this.caseExport.stream(auth, q)), CASE_COLUMNS);
    let body: Readable = csv;
    if (job.gzip) {
      const gz = createGzip();
      csv.on('error', (e) => gz.destroy(e));
      body = csv.pipe(gz);
    }
    const bytes = await this.storage.putStream(job.id, body);
    return { rows, bytes };
  }
}

function failureCode(e: unknown): ExportJobError {
  if (e instanceof AppError) return e.code === 'FORBIDDEN' || e.code === 'SERVICE_UNAVAILABLE' ? e.code : 'INTERNAL';
  // The database or the disk went away mid-write.
  const sys = (e as { code?: unknown } | null)?.code;
  if (typeof sys === 'string' && /^(E[A-Z]+|08\d{3}|57P\d{2})$/.test(sys)) return 'SERVICE_UNAVAILABLE';
  return 'INTERNAL';
}

function fileName(job: Pick<ExportJobRow, 'created_at' | 'gzip'>): string {
  return `daftar-permohonan-${job.created_at.toISOString().slice(0, 10)}.csv${job.gzip ? '.gz' : ''}`;
}

function view(r: ExportJobRow): ExportJobView {
  const filter = { ...r.filter };
  if (r.nik_bidx) filter.q = 'NIK';
  return {
    id: r.id,
    status: r.status,
    filter,
    sort: r.sort,
    gzip: r.gzip,
    rowsWritten: Number(r.rows_written),
    rowsExpected: r.rows_expected,
    bytes: Number(r.bytes),
    errorCode: r.error_code,
    createdAt: r.created_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
    expiresAt: r.expires_at?.toISOString() ?? null,
    fileName: r.status === 'ready' ? fileName(r) : null,
  };
}
