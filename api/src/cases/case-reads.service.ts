import { Injectable } from '@nestjs/common';
import type { AppAction } from '@layanan/authz';
import type { AuditResult, CaseDetail, CaseEventView, CaseSummary } from '@layanan/contracts';
import type { WorkflowDefinition } from '@layanan/workflow';
import type { AuthContext } from '../common/auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { ServicesService } from '../services/services.service';
import { WorkflowRegistry } from '../workflows/workflow-registry.service';
import { availableActions, subjectOf } from './case-access';
import { caseFacts } from './case-facts';
import { buildCaseListQuery, encodeCursor, type CaseListSpec } from './case-list.query';
import { CaseRepository, listCountCap, type CaseDetailRow, type CaseListRow } from './case.repository';
import { eventView, toDetail, toSummary } from './case-view';
import { verifyChain } from './hash-chain';
import { PiiCipher } from '../privacy/pii-cipher';
import { Clock } from '../common/clock';

export interface CasePage {
  rows: CaseSummary[];
  /** Exact, or null for a cursor page or when the count reached its cap (`atLeast` rows exist). */
  total: number | null;
  atLeast: number | null;
  nextCursor: string | null;
}

/** Staff reads of cases: lists (permissions in SQL), the detail view, the log and its audit. */
@Injectable()
export class CaseReadsService {
  constructor(
    private readonly repo: CaseRepository,
    private readonly workflows: WorkflowRegistry,
    private readonly services: ServicesService,
    private readonly pii: PiiCipher,
    private readonly clock: Clock,
  ) {}

  async list(auth: AuthContext, spec: CaseListSpec): Promise<CasePage> {
    const q = buildCaseListQuery(auth.user, auth.ability, spec, (nik) => this.pii.nikIndex(nik));
    const rows = await this.repo.page(q, spec);
    const defs = await perKey(rows, workflowOf, (r) => this.workflows.get(r.workflow_key, r.workflow_version));
    const serviceNames = await perKey(rows, serviceOf, async (r) => (await this.services.standardOf(r.service_id, r.service_version)).name);
    const last = rows[rows.length - 1];
    const now = this.clock.now();
    return {
      rows: rows.map((r) =>
        toSummary(
          r,
          defs.get(workflowOf(r)) as WorkflowDefinition,
          serviceNames.get(serviceOf(r)) as string,
          auth.ability.can('readPersonalData', subjectOf(r)),
          now,
        ),
      ),
      ...pageTotal(q.keyset !== null, rows, spec),
      nextCursor: rows.length === spec.limit && last ? encodeCursor(last, q.sortField) : null,
    };
  }

  /** The full case for staff, with the actions this caller may take now. Logged (UU 27/2022) unless `logAccess: false`. */
  async detail(auth: AuthContext, id: string, opts: { logAccess?: boolean } = {}): Promise<CaseDetail> {
    return this.view(auth, await this.repo.detail(id), opts);
  }

  /** The detail view of a detail row (as a read or a write returned it) for this caller; 404 if they may not read it. */
  async view(auth: AuthContext, row: CaseDetailRow | undefined, opts: { logAccess?: boolean } = {}): Promise<CaseDetail> {
    if (!row) throw AppError.notFound('Case');
    const subject = subjectOf(row);
    if (!auth.ability.can('read', subject)) throw AppError.notFound('Case');
    const def = await this.workflows.get(row.workflow_key, row.workflow_version);
    const service = await this.services.standardOf(row.service_id, row.service_version);
    const personal = auth.ability.can('readPersonalData', subject);
    if (personal && opts.logAccess !== false) await this.repo.logPersonalDataAccess(auth.user.id, row.id, 'read_case');
    const facts = caseFacts(
      row,
      service.requirements,
      row.documents.map((d) => ({ requirementKey: d.requirement_key, status: d.status })),
    );
    return toDetail(row, {
      def,
      serviceName: service.name,
      requirements: service.requirements,
      personal,
      actions: availableActions(auth, def, row.state, subject, facts),
      now: this.clock.now(),
    });
  }

  async events(auth: AuthContext, id: string): Promise<CaseEventView[]> {
    await this.ensureReadable(auth, id);
    const [events, documents] = await Promise.all([this.repo.events(id), this.repo.eventDocuments(id)]);
    const byId = new Map(documents.map((d) => [d.id, d]));
    return events.map((e) => eventView(e, byId));
  }

  async audit(auth: AuthContext, id: string): Promise<AuditResult> {
    await this.ensureReadable(auth, id);
    return verifyChain(id, await this.repo.events(id));
  }

  /** 404 unless the caller may read the case; 403 when they may read it but not `also`. */
  async ensureReadable(auth: AuthContext, id: string, also?: AppAction): Promise<void> {
    const row = await this.repo.authzOf(id);
    if (!row || !auth.ability.can('read', subjectOf(row))) throw AppError.notFound('Case');
    if (also && !auth.ability.can(also, subjectOf(row))) throw new AppError('FORBIDDEN', 'Your role may not see this personal data');
  }
}

/**
 * The total a page can state honestly: exact on the last page, the capped count while it is
 * below its cap; when the count reached the cap there are at least that many rows and no total.
 */
function pageTotal(
  keyset: boolean,
  rows: (CaseListRow & { list_total?: number })[],
  spec: CaseListSpec,
): Pick<CasePage, 'total' | 'atLeast'> {
  if (keyset) return { total: null, atLeast: null };
  if (rows.length < spec.limit) return { total: spec.offset + rows.length, atLeast: null };
  const counted = rows[0].list_total ?? 0;
  return counted < listCountCap(spec.offset, spec.limit) ? { total: counted, atLeast: null } : { total: null, atLeast: counted };
}

const workflowOf = (r: CaseListRow) => `${r.workflow_key}@${r.workflow_version}`;
const serviceOf = (r: CaseListRow) => `${r.service_id}@${r.service_version}`;

/** `load` once per distinct `key` among a page's rows (the loaders are cached lookups). */
async function perKey<T>(
  rows: CaseListRow[],
  key: (r: CaseListRow) => string,
  load: (r: CaseListRow) => Promise<T>,
): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (const r of rows) if (!out.has(key(r))) out.set(key(r), await load(r));
  return out;
}
