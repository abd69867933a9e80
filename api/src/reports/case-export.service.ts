import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { CASE_SORT_FIELDS, type CaseSummary } from '@layanan/contracts';
import type { WorkflowDefinition } from '@layanan/workflow';
import { subjectOf } from '../cases/case-access';
import { buildCaseListQuery, type CaseListQuery } from '../cases/case-list.query';
import { CaseRepository, type CaseListRow } from '../cases/case.repository';
import { toSummary } from '../cases/case-view';
import type { AuthContext } from '../common/auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { appConfig } from '../config';
import { exportFile, type Column, type ExportFormat } from '../common/export/tabular';
import { parseListQuery } from '../common/http/list-query';
import { ReadDatabase } from '../database/read-database';
import { PiiCipher } from '../privacy/pii-cipher';
import { ServicesService } from '../services/services.service';
import { WorkflowRegistry } from '../workflows/workflow-registry.service';

/** The columns of a case-list file: the list's own fields (CaseSummary), masked as the list masks them. */
export const CASE_COLUMNS: Column<CaseSummary>[] = [
  { header: 'tracking_code', value: (c) => c.trackingCode },
  { header: 'service', value: (c) => c.serviceName },
  { header: 'state', value: (c) => c.state },
  { header: 'state_label', value: (c) => c.stateLabel },
  { header: 'assignee', value: (c) => c.assigneeName },
  { header: 'applicant_name', value: (c) => c.applicantName },
  { header: 'applicant_nik', value: (c) => c.applicantNik },
  { header: 'channel', value: (c) => c.channel },
  { header: 'submitted_at', value: (c) => c.submittedAt },
  { header: 'due_at', value: (c) => c.dueAt },
  { header: 'sla_status', value: (c) => c.slaStatus },
];

/**
 * Any case list as a file: the list's filter and sort (`GET /api/cases`'s query), the same
 * permission WHERE (buildCaseListQuery), every row streamed from the read connection through a
 * cursor, so memory stays flat at any size. XLSX stops at XLSX_ROW_CAP (config) rows with a 413.
 */
@Injectable()
export class CaseExportService {
  constructor(
    private readonly repo: CaseRepository,
    private readonly read: ReadDatabase,
    private readonly pii: PiiCipher,
    private readonly workflows: WorkflowRegistry,
    private readonly services: ServicesService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async export(auth: AuthContext, query: Record<string, unknown>, format: ExportFormat): Promise<StreamableFile> {
    const rows = await this.rows(auth, query, format);
    return exportFile(rows, CASE_COLUMNS, `daftar-permohonan-${new Date().toISOString().slice(0, 10)}`, format);
  }

  /** The list's rows as the list shows them; checks the XLSX cap (counted on the read connection) before the first row. */
  async rows(auth: AuthContext, query: Record<string, unknown>, format: ExportFormat): Promise<AsyncGenerator<CaseSummary>> {
    const q = this.listQuery(auth, query);
    const cap = this.app.xlsxRowCap;
    if (format === 'xlsx' && (await this.repo.countCapped(q, cap + 1, this.read.source)) > cap)
      throw new AppError('EXPORT_TOO_LARGE', `XLSX holds at most ${cap} rows; download CSV`);
    return this.summaries(auth, this.repo.streamList(q, this.read.source));
  }

  /** The list's SQL for `auth` (the list's permission WHERE); a bad filter or sort is a 400 naming it. */
  listQuery(auth: AuthContext, query: Record<string, unknown>, nikIndex = (nik: string) => this.pii.nikIndex(nik)): CaseListQuery {
    if (!auth.ability.can('read', 'Case')) throw new AppError('FORBIDDEN', 'Not allowed to read cases');
    const { filter, sort } = parseListQuery(query, CASE_SORT_FIELDS);
    return buildCaseListQuery(auth.user, auth.ability, { filter, sort, offset: 0, limit: 1 }, nikIndex);
  }

  /** The blind index a NIK search uses. */
  nikIndex(nik: string): string {
    return this.pii.nikIndex(nik);
  }

  /** The list's rows counted up to `cap`, on the read connection. */
  count(q: CaseListQuery, cap: number): Promise<number> {
    return this.repo.countCapped(q, cap, this.read.source);
  }

  /** Every row of the list, streamed from the read connection, as the list shows them to `auth`. */
  stream(auth: AuthContext, q: CaseListQuery): AsyncGenerator<CaseSummary> {
    return this.summaries(auth, this.repo.streamList(q, this.read.source));
  }

  private async *summaries(auth: AuthContext, rows: AsyncIterable<CaseListRow>): AsyncGenerator<CaseSummary> {
    const defs = new Map<string, WorkflowDefinition>();
    const names = new Map<string, string>();
    for await (const r of rows) {
      const wk = `${r.workflow_key}@${r.workflow_version}`;
      const sk = `${r.service_id}@${r.service_version}`;
      let def = defs.get(wk);
      if (!def) defs.set(wk, (def = await this.workflows.get(r.workflow_key, r.workflow_version)));
      let name = names.get(sk);
      if (name === undefined) names.set(sk, (name = (await this.services.standardOf(r.service_id, r.service_version)).name));
      yield toSummary(r, def, name, auth.ability.can('readPersonalData', subjectOf(r)));
    }
  }
}
