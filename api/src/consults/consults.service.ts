import { Injectable, StreamableFile } from '@nestjs/common';
import { consultSubject, type ConsultSubject } from '@layanan/authz';
import {
  CONSULT_DEFAULT_WORKING_DAYS,
  CONSULT_MAX_FILES,
  CONSULT_QUEUE_STATUSES,
  CONSULT_ROLES,
  CONSULT_SIDES,
  type ConsultEventType,
  type ConsultQueueStatus,
  type ConsultReportRow,
  type ConsultSide,
  type ConsultView,
} from '@layanan/contracts';
import { computeDueAt } from '@layanan/sla';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { abilityToSql } from '../common/authz/ability-to-sql';
import { Clock } from '../common/clock';
import { SqlArgs } from '../common/database/sql-args';
import { AppError, MAY_NOT_ACT } from '../common/errors/app-error';
import { filterIds, filterString, type ListQuery } from '../common/http/list-query';
import { staffActor, roleFor } from '../cases/actor';
import { subjectOf } from '../cases/case-access';
import { CaseEventsService } from '../cases/case-events.service';
import { CaseRepository, type CaseForWrite } from '../cases/case.repository';
import { contentDisposition, type IncomingFile, type InspectedFile } from '../files/file-inspection';
import { StoredFilesService, type StoreFile } from '../files/stored-files.service';
import { WorkingCalendarService } from '../holidays/working-calendar.service';
import { OpdsService } from '../opds/opds.service';
import { UsersService } from '../users/users.service';
import type { ConsultAnswerDto, ConsultWithdrawDto, NewConsultDto } from './dto/consult.dto';
import { CONSULT_SQL_FIELDS, ConsultsRepository, type ConsultRow, type NewConsultFile } from './consults.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A case-page listing names one case; more ids than this are not looked up for lead access. */
const MAX_LED_LOOKUPS = 25;

/**
 * Permintaan pertimbangan teknis: the lead OPD asks another OPD for an opinion on a case with a
 * deadline of its own (working days, libs/sla). The case stays with the lead OPD and nothing
 * pauses: its SLA clock keeps running. Each step is an internal entry of the case's log
 * (CONSULT_REQUESTED / _ANSWERED / _WITHDRAWN) with its outbox notice, written through
 * `CaseEventsService.append` under the case row lock together with the consult row; the same
 * statement keeps `cases.consult_opd_ids` (who may read the case) and `consult_due_at` current.
 */
@Injectable()
export class ConsultsService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: ConsultsRepository,
    private readonly cases: CaseRepository,
    private readonly events: CaseEventsService,
    private readonly files: StoredFilesService,
    private readonly calendar: WorkingCalendarService,
    private readonly opds: OpdsService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  /** Ask another OPD; the caller must be able to act on the case (its lead OPD's staff). */
  async request(auth: AuthContext, caseId: string, dto: NewConsultDto, uploads: IncomingFile[] | undefined): Promise<ConsultView> {
    const c = await this.cases.detail(caseId);
    if (!c || !auth.ability.can('read', subjectOf(c))) throw AppError.notFound('Case');
    if (!auth.ability.can('act', subjectOf(c))) throw new AppError('FORBIDDEN', MAY_NOT_ACT);
    if (!c.is_open) throw AppError.field('RULE_VIOLATED', 'caseId', 'the case is closed: no consult can be asked');
    if (dto.consultedOpdId === c.opd_id)
      throw AppError.field('CONSULT_OWN_OPD', 'consultedOpdId', "is the case's own OPD: ask another OPD for a technical opinion");
    const opd = await this.opds.findActive(dto.consultedOpdId);
    if (!opd) throw AppError.field('REFERENCE_INVALID', 'consultedOpdId', 'does not exist or is inactive');
    const question = dto.question.trim();
    if (!question) throw AppError.field('FIELD_REQUIRED', 'question', 'must not be blank');
    const shared = sharedIds(dto.sharedDocumentIds);
    const current = new Set(c.documents.map((d) => d.id));
    const unknown = shared.filter((id) => !current.has(id));
    if (unknown.length)
      throw AppError.field('REFERENCE_INVALID', 'sharedDocumentIds', `are not current documents of this case: ${unknown.join(', ')}`);
    const files = await this.inspectAll(uploads);
    const workingDays = dto.workingDays ?? CONSULT_DEFAULT_WORKING_DAYS;
    const now = this.clock.now();
    const dueAt = computeDueAt(now, { amount: workingDays, unit: 'days' }, await this.calendar.get());
    const role = dto.consultedRole ?? null;
    // The consulted OPD's people who answer it: the role addressed, and its kasi and head.
    const notify = new Set<string>();
    for (const r of new Set([...(role ? [role] : []), 'supervisor', 'head'] as const))
      for (const u of await this.users.activeWithRole(r, [dto.consultedOpdId])) notify.add(u.id);
    const actor = staffActor(auth);

    const id = await this.files.withStoredFiles((store) =>
      this.db.transaction(async (m) => {
        const locked = await this.locked(m, caseId);
        const consultId = await this.repo.insert(m, {
          caseId,
          trackingCode: c.tracking_code,
          requesterOpdId: locked.opd_id,
          consultedOpdId: dto.consultedOpdId,
          consultedRole: role,
          question,
          workingDays,
          sharedDocumentIds: shared,
          requestedById: auth.user.id,
          requestedByName: auth.user.fullName,
          requestedAt: now,
          dueAt,
        });
        const stored = await this.repo.addFiles(m, consultId, await storeAll(files, store, 'question', auth.user.id));
        await this.log(
          m,
          locked,
          'CONSULT_REQUESTED',
          auth,
          question,
          {
            consultId,
            consultedOpdId: dto.consultedOpdId,
            consultedOpdName: opd.name,
            consultedRole: role,
            dueAt: dueAt.toISOString(),
            workingDays,
            files: stored.map((f) => ({ id: f.id, fileName: f.file_name })),
          },
          { notifyUserIds: [...notify], consultedOpdName: opd.name, dueAt: dueAt.toISOString() },
          roleFor([...CONSULT_ROLES], actor),
        );
        return consultId;
      }),
    );
    return this.view(auth, await this.mustFind(id));
  }

  /** The consulted OPD's opinion: once, while open; it is immutable afterwards. */
  async answer(auth: AuthContext, id: string, dto: ConsultAnswerDto, uploads: IncomingFile[] | undefined): Promise<ConsultView> {
    const k = await this.readable(auth, id);
    if (!auth.ability.can('answer', subjectOfConsult(k))) throw new AppError('FORBIDDEN', 'Only the consulted OPD answers this consult');
    if (k.status !== 'open') throw notOpen(k);
    const answer = dto.answer.trim();
    if (!answer) throw AppError.field('FIELD_REQUIRED', 'answer', 'must not be blank');
    const files = await this.inspectAll(uploads);
    const now = this.clock.now();
    const onTime = now.getTime() <= k.due_at.getTime();
    // The role the answer is given in: the one addressed if the answerer holds it, else kasi or head.
    const answerRole = roleFor(k.consulted_role ? [k.consulted_role, 'supervisor', 'head'] : ['supervisor', 'head'], staffActor(auth));
    await this.files.withStoredFiles((store) =>
      this.db.transaction(async (m) => {
        const locked = await this.locked(m, k.case_id);
        if (!(await this.repo.answer(m, id, { answer, byId: auth.user.id, byName: auth.user.fullName, at: now }))) throw notOpen(k);
        const stored = await this.repo.addFiles(m, id, await storeAll(files, store, 'answer', auth.user.id));
        await this.log(
          m,
          locked,
          'CONSULT_ANSWERED',
          auth,
          answer,
          {
            consultId: id,
            consultedOpdId: k.consulted_opd_id,
            consultedOpdName: k.consulted_opd_name,
            answeredOnTime: onTime,
            files: stored.map((f) => ({ id: f.id, fileName: f.file_name })),
          },
          { requestedById: k.requested_by_id, consultedOpdName: k.consulted_opd_name, answeredOnTime: onTime },
          answerRole,
        );
      }),
    );
    return this.view(auth, await this.mustFind(id));
  }

  /** The lead OPD no longer needs the opinion (its staff who can act on the case). */
  async withdraw(auth: AuthContext, id: string, dto: ConsultWithdrawDto): Promise<ConsultView> {
    const k = await this.readable(auth, id);
    const c = await this.cases.authzOf(k.case_id);
    if (!c || !auth.ability.can('act', subjectOf(c))) throw new AppError('FORBIDDEN', 'Only the lead OPD withdraws its consult');
    if (k.status !== 'open') throw notOpen(k);
    const reason = dto.reason.trim();
    if (!reason) throw AppError.field('FIELD_REQUIRED', 'reason', 'must not be blank');
    const now = this.clock.now();
    await this.db.transaction(async (m) => {
      const locked = await this.locked(m, k.case_id);
      if (!(await this.repo.withdraw(m, id, { reason, byId: auth.user.id, at: now }))) throw notOpen(k);
      await this.log(
        m,
        locked,
        'CONSULT_WITHDRAWN',
        auth,
        reason,
        {
          consultId: id,
          consultedOpdId: k.consulted_opd_id,
          consultedOpdName: k.consulted_opd_name,
        },
        { consultedOpdName: k.consulted_opd_name },
        roleFor([...CONSULT_ROLES], staffActor(auth)),
      );
    });
    return this.view(auth, await this.mustFind(id));
  }

  async get(auth: AuthContext, id: string): Promise<ConsultView> {
    return this.view(auth, await this.readable(auth, id));
  }

  /**
   * The queue: consults the caller may read (rules in SQL), `side` incoming (asked of my OPD) or
   * outgoing (asked by it), `status` open / overdue / answered / withdrawn, `caseId`.
   */
  async list(auth: AuthContext, q: ListQuery): Promise<{ rows: ConsultView[]; total: number }> {
    const args = new SqlArgs();
    const where = [abilityToSql(auth.ability, 'read', 'Consult', CONSULT_SQL_FIELDS, args)];
    const side = filterString(q.filter, 'side') as ConsultSide | undefined;
    if (side !== undefined) {
      if (!CONSULT_SIDES.includes(side)) throw AppError.field('FIELD_INVALID', 'filter.side', `must be one of ${CONSULT_SIDES.join(', ')}`);
      // Accounts without an OPD (admin, leadership) see both sides of every consult they may read.
      if (auth.user.opdId)
        where.push(`${side === 'incoming' ? 'k.consulted_opd_id' : 'k.requester_opd_id'} = ${args.add(auth.user.opdId)}`);
    }
    const now = this.clock.now();
    const status = filterString(q.filter, 'status') as ConsultQueueStatus | undefined;
    if (status !== undefined) {
      if (!CONSULT_QUEUE_STATUSES.includes(status))
        throw AppError.field('FIELD_INVALID', 'filter.status', `must be one of ${CONSULT_QUEUE_STATUSES.join(', ')}`);
      if (status === 'overdue') where.push(`k.status = 'open' AND k.due_at < ${args.add(now)}`);
      else where.push(`k.status = ${args.add(status)}`);
    }
    const caseIds = filterIds(q.filter, 'caseId');
    if (caseIds) {
      where.push(`k.case_id = ANY(${args.add(caseIds)}::uuid[])`);
      // The case's lead OPD sees every consult of it, also those an OPD that held it before asked.
      const led = await this.ledCases(auth, caseIds.slice(0, MAX_LED_LOOKUPS));
      if (led.length) where[0] = `(${where[0]} OR k.case_id = ANY(${args.add(led)}::uuid[]))`;
    }
    const ids = filterIds(q.filter, 'id');
    if (ids) where.push(`k.id = ANY(${args.add(ids)}::uuid[])`);
    const dir = q.sort?.order === 'DESC' ? 'DESC' : 'ASC';
    const orderBy =
      q.sort?.field === 'requestedAt' ? `k.requested_at ${dir}, k.id` : q.sort?.field === 'id' ? `k.id ${dir}` : `k.due_at ${dir}, k.id`;
    const page = await this.repo.page(where.join(' AND '), args, orderBy, q);
    const lead = await this.leadOf(auth, page.rows);
    return { rows: page.rows.map((r) => this.toView(auth, r, now, lead.has(r.case_id))), total: page.total };
  }

  /** Open, overdue and answered-on-time figures per OPD, for the OPDs the caller may see reports of. */
  async report(auth: AuthContext, period: { from?: string; to?: string }): Promise<ConsultReportRow[]> {
    const args = new SqlArgs();
    const scope = abilityToSql(auth.ability, 'readReport', 'Report', { opdId: { column: 'o.id', kind: 'scalar' } }, args);
    const date = (field: 'from' | 'to'): Date | null => {
      const v = period[field];
      if (v === undefined || v === '') return null;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
        throw AppError.field('FIELD_INVALID', field, 'must be a date (YYYY-MM-DD)');
      return new Date(`${v}T00:00:00+07:00`);
    };
    const from = date('from');
    const to = date('to');
    const rows = await this.repo.report(scope, args, this.clock.now(), { from, to: to ? new Date(to.getTime() + 86_400_000) : null });
    return rows.map((r) => ({
      opdId: r.opd_id,
      opdName: r.opd_name,
      incomingOpen: r.incoming_open,
      incomingOverdue: r.incoming_overdue,
      incomingAnswered: r.incoming_answered,
      incomingAnsweredOnTime: r.incoming_answered_on_time,
      outgoingOpen: r.outgoing_open,
      outgoingOverdue: r.outgoing_overdue,
    }));
  }

  /** A file of the question or the answer, to anyone who may read the consult. */
  async file(auth: AuthContext, id: string, fileId: string): Promise<StreamableFile> {
    await this.readable(auth, id);
    const f = await this.repo.file(id, fileId);
    if (!f) throw AppError.notFound('File');
    const stream = await this.files.read(f.storage_key);
    return new StreamableFile(stream, { type: f.content_type, length: f.size, disposition: contentDisposition(f.file_name) });
  }

  /**
   * A case document the lead OPD shared with the consult, for the consulted OPD while the consult
   * is open; logged as a read of personal data (UU 27/2022). The lead reads its documents as usual.
   */
  async sharedDocument(auth: AuthContext, id: string, documentId: string): Promise<StreamableFile> {
    const k = await this.readable(auth, id);
    if (k.status !== 'open' || !k.shared_document_ids.includes(documentId)) throw AppError.notFound('Document');
    const doc = await this.cases.document(this.db, k.case_id, documentId);
    if (!doc) throw AppError.notFound('Document');
    const stream = await this.files.read(doc.storage_key);
    await this.cases.logPersonalDataAccess(auth.user.id, k.case_id, 'read_document');
    return new StreamableFile(stream, { type: doc.content_type, length: doc.size, disposition: contentDisposition(doc.file_name) });
  }

  // ---- helpers ---------------------------------------------------------------------------

  private async locked(m: EntityManager, caseId: string): Promise<CaseForWrite> {
    const c = await this.cases.findForWrite(m, caseId, { lock: true });
    if (!c) throw AppError.notFound('Case');
    return c;
  }

  /** The log entry and outbox notice of a consult step, with the case's consult columns recomputed in the same transaction. */
  private async log(
    m: EntityManager,
    c: CaseForWrite,
    type: ConsultEventType,
    auth: AuthContext,
    comment: string,
    payload: Record<string, unknown>,
    notice: Record<string, unknown>,
    actorRole: ReturnType<typeof roleFor>,
  ): Promise<void> {
    const access = await this.repo.accessOf(m, c.id);
    await this.events.append(
      m,
      c,
      {
        type,
        fromState: c.state,
        toState: c.state,
        actor: staffActor(auth),
        actorRole,
        comment,
        reason: null,
        public: false,
        payload: { ...payload, opdName: await this.opdName(auth.user.opdId) },
        now: this.clock.now(),
      },
      { topic: `case.${type.toLowerCase()}`, payload: { ...notice, consultId: payload.consultId, opdId: c.opd_id } },
      access,
    );
  }

  private async opdName(opdId: string | null): Promise<string | null> {
    if (!opdId) return null;
    return (await this.opds.findActive(opdId))?.name ?? null;
  }

  private async inspectAll(uploads: IncomingFile[] | undefined): Promise<InspectedFile[]> {
    const list = uploads ?? [];
    if (list.length > CONSULT_MAX_FILES) throw AppError.field('FIELD_INVALID', 'files', `at most ${CONSULT_MAX_FILES} files`);
    const out: InspectedFile[] = [];
    for (const f of list) {
      if (f.fieldname !== 'files') throw AppError.field('FIELD_INVALID', f.fieldname, 'is not expected here (send files as "files")');
      out.push(await this.files.inspect(f, 'files'));
    }
    return out;
  }

  /** The row if the caller may read it; otherwise the same 404 as a missing one. */
  private async readable(auth: AuthContext, id: string): Promise<ConsultRow> {
    if (!UUID.test(id)) throw AppError.notFound('Consult');
    const k = await this.repo.byId(id);
    if (!k || !(auth.ability.can('read', subjectOfConsult(k)) || (await this.ledCases(auth, [k.case_id])).length))
      throw AppError.notFound('Consult');
    return k;
  }

  /** Those of these cases the caller may act on: its OPD leads them now (a case transferred in keeps its earlier consults). */
  private async ledCases(auth: AuthContext, caseIds: readonly string[]): Promise<string[]> {
    const ids = caseIds.filter((id) => UUID.test(id));
    const found = await this.cases.authzOfMany(ids);
    return ids.filter((id) => {
      const c = found.get(id);
      return c !== undefined && auth.ability.can('act', subjectOf(c));
    });
  }

  private async mustFind(id: string): Promise<ConsultRow> {
    const k = await this.repo.byId(id);
    if (!k) throw new Error(`consult ${id} vanished after its write`);
    return k;
  }

  private async view(auth: AuthContext, k: ConsultRow): Promise<ConsultView> {
    const lead = await this.leadOf(auth, [k]);
    return this.toView(auth, k, this.clock.now(), lead.has(k.case_id));
  }

  /** Cases of these consults the caller may act on (the lead side: may withdraw an open consult). */
  private async leadOf(auth: AuthContext, rows: ConsultRow[]): Promise<Set<string>> {
    return new Set(await this.ledCases(auth, [...new Set(rows.filter((r) => r.status === 'open').map((r) => r.case_id))]));
  }

  private toView(auth: AuthContext, k: ConsultRow, now: Date, lead: boolean): ConsultView {
    const open = k.status === 'open';
    return {
      id: k.id,
      caseId: k.case_id,
      trackingCode: k.tracking_code,
      requesterOpdId: k.requester_opd_id,
      requesterOpdName: k.requester_opd_name,
      consultedOpdId: k.consulted_opd_id,
      consultedOpdName: k.consulted_opd_name,
      consultedRole: k.consulted_role,
      question: k.question,
      status: k.status,
      overdue: open && k.due_at.getTime() < now.getTime(),
      workingDays: k.working_days,
      dueAt: k.due_at.toISOString(),
      requestedAt: k.requested_at.toISOString(),
      requestedById: k.requested_by_id,
      requestedByName: k.requested_by_name,
      answer: k.answer,
      answeredAt: k.answered_at?.toISOString() ?? null,
      answeredByName: k.answered_by_name,
      answeredOnTime: k.answered_at ? k.answered_at.getTime() <= k.due_at.getTime() : null,
      withdrawnAt: k.withdrawn_at?.toISOString() ?? null,
      withdrawReason: k.withdraw_reason,
      sharedDocumentIds: k.shared_document_ids,
      remindedAt: k.reminded_at?.toISOString() ?? null,
      escalatedAt: k.escalated_at?.toISOString() ?? null,
      files: k.files.map((f) => ({
        id: f.id,
        side: f.side,
        fileName: f.file_name,
        contentType: f.content_type,
        size: f.size,
        sha256: f.sha256,
      })),
      canAnswer: open && auth.ability.can('answer', subjectOfConsult(k)),
      canWithdraw: open && lead,
    };
  }
}

function subjectOfConsult(k: Pick<ConsultRow, 'requester_opd_id' | 'consulted_opd_id' | 'consulted_role'>): ConsultSubject {
  return consultSubject({ requesterOpdId: k.requester_opd_id, consultedOpdId: k.consulted_opd_id, consultedRole: k.consulted_role });
}

function notOpen(k: Pick<ConsultRow, 'status'>): AppError {
  return new AppError('CONSULT_NOT_OPEN', `The consult is ${k.status}: it takes no more changes`);
}

/** sharedDocumentIds as a list or comma-separated (multipart), each a uuid, without repeats. */
function sharedIds(raw: string[] | string | undefined): string[] {
  if (raw === undefined) return [];
  const list = (Array.isArray(raw) ? raw : raw.split(',')).map((v) => (typeof v === 'string' ? v.trim() : '')).filter((v) => v !== '');
  const bad = list.filter((v) => !UUID.test(v));
  if (bad.length) throw AppError.field('FIELD_INVALID', 'sharedDocumentIds', 'must be document ids');
  return [...new Set(list.map((v) => v.toLowerCase()))];
}

async function storeAll(files: InspectedFile[], store: StoreFile, side: 'question' | 'answer', by: string): Promise<NewConsultFile[]> {
  const out: NewConsultFile[] = [];
  for (const f of files)
    out.push({
      side,
      fileName: f.fileName,
      storageKey: await store(f.bytes),
      contentType: f.contentType,
      size: f.size,
      sha256: f.sha256,
      uploadedById: by,
    });
  return out;
}
