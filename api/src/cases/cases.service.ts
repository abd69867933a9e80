import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { caseSubject, type AppAction } from '@layanan/authz';
import {
  maskNik,
  maskPhone,
  nikProblem,
  normalisePhone,
  type ActorRole,
  type AuditResult,
  type AvailableAction,
  type CaseDetail,
  type CaseEventView,
  type CaseSummary,
  type SlaStatus,
} from '@layanan/contracts';
import { computeDueAt, resumeDueAt, slaStatus } from '@layanan/sla';
import {
  availableEvents,
  decide,
  decideOperational,
  isFinalState,
  isOperationalAction,
  nextRoles,
  OPERATIONAL_ACTIONS,
  operationalActions,
  stateLabel,
  transitionOf,
  type CaseFacts,
  type OperationalActionType,
  type WorkflowDefinition,
  type WorkflowEventInput,
} from '@layanan/workflow';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { AppError, MAY_NOT_ACT } from '../common/errors/app-error';
import { preparedQuery } from '../database/prepared';
import { WorkingCalendarService } from '../holidays/working-calendar.service';
import { IssuanceService } from '../issuance/issuance.service';
import { ServicesService } from '../services/services.service';
import { WorkflowRegistry } from '../workflows/workflow-registry.service';
import { chainNext, EVENT_COLUMNS, eventWriteSql, sqlArgs, verifyChain, type StoredEventRow } from './case-log';
import {
  ACCESS_LOG_INSERT,
  buildCaseListQuery,
  CASE_FOR_WRITE_SELECT,
  caseListSql,
  DETAIL_BY_ID,
  DETAIL_DATES,
  encodeCursor,
  FOR_WRITE_DATES,
  fromJsonRow,
  type CaseDetailRow,
  type CaseListRow,
  type CaseListSpec,
} from './case-queries';
import type { ApplicantDto, CaseEventDto, CreateCaseDto } from './dto/case.dto';
import { newTrackingCode } from './tracking-code';

interface CaseForWrite {
  id: string;
  opd_id: string;
  handled_opd_ids: string[];
  state: string;
  is_open: boolean;
  assignee_id: string | null;
  verified_by_id: string | null;
  approved_by_id: string | null;
  workflow_key: string;
  workflow_version: number;
  service_id: string;
  service_version: number;
  due_at: Date | null;
  paused_at: Date | null;
  version: number;
  event_count: number;
  last_event_hash: string | null;
}

type FactsSource = Pick<CaseForWrite, 'id' | 'verified_by_id' | 'approved_by_id' | 'assignee_id' | 'service_id' | 'service_version'>;
type DocumentFact = { requirementKey: string; status: 'pending' | 'valid' | 'invalid' };

/** Who acts: a staff user, the applicant through the public API, or the system (jobs). */
export interface Actor {
  id: string | null;
  name: string | null;
  roles: ActorRole[];
  opdId: string | null;
  /** null for applicant/system: they are authorised by the caller (tracking code + factor, job). */
  auth: AuthContext | null;
}

export function staffActor(auth: AuthContext): Actor {
  return { id: auth.user.id, name: auth.user.fullName, roles: auth.user.roles, opdId: auth.user.opdId, auth };
}

export interface NewCaseInput {
  serviceId: string;
  applicant: ApplicantDto;
  formData: Record<string, unknown>;
  channel: 'counter' | 'online';
}

/** Permissions that let a caller send an operational action (any one of them suffices). */
const OPERATION_NEEDS: Record<string, AppAction[]> = {
  CLAIM: ['claim'],
  ASSIGN: ['assign'],
  RELEASE: ['act', 'assign'],
  TRANSFER: ['transfer'],
  COMMENT: ['comment'],
  UPLOAD_DOCUMENT: ['act'],
  CHECK_DOCUMENT: ['checkDocument'],
};

@Injectable()
export class CasesService {
  constructor(
    private readonly db: DataSource,
    private readonly workflows: WorkflowRegistry,
    private readonly services: ServicesService,
    private readonly calendar: WorkingCalendarService,
    private readonly issuance: IssuanceService,
  ) {}

  // ---- intake -------------------------------------------------------------------------

  /** Registers a case (counter or online) with its SUBMIT event, in one transaction. */
  async createCase(input: NewCaseInput, actor: Actor, m: EntityManager): Promise<{ id: string; trackingCode: string; dueAt: Date }> {
    const service = await this.services.get(input.serviceId, undefined, m).catch(() => {
      throw AppError.field('REFERENCE_INVALID', 'serviceId', 'does not exist');
    });
    if (!service.active) throw AppError.field('REFERENCE_INVALID', 'serviceId', 'is no longer offered');
    if (
      actor.auth &&
      !actor.auth.ability.can(
        'create',
        caseSubject({ opdId: service.opdId, assigneeId: null, handledOpdIds: [service.opdId], isOpen: true }),
      )
    ) {
      throw new AppError('FORBIDDEN', 'You may only register applications for services of your own OPD');
    }
    const applicant = validateApplicant(input.applicant);
    const formData = validateFormData(service.formFields, input.formData);
    const def = await this.workflows.get(service.workflowKey, service.workflowVersion, m);
    const cal = await this.calendar.get(m);
    const now = new Date();
    const dueAt = computeDueAt(now, { amount: service.slaAmount, unit: service.slaUnit }, cal);
    const [{ code: opdCode }] = (await m.query(`SELECT code FROM opds WHERE id = $1`, [service.opdId])) as { code: string }[];
    const trackingCode = newTrackingCode(opdCode);
    // Case, SUBMIT event (the chain's first link) and outbox notice in one statement.
    const id = randomUUID();
    const first = chainNext(
      {
        caseId: id,
        type: 'SUBMIT',
        fromState: null,
        toState: def.initial,
        actorId: actor.auth ? actor.id : null,
        actorName: actor.name,
        actorRole: actor.roles[0] ?? 'applicant',
        comment: null,
        reason: null,
        public: true,
        payload: { channel: input.channel, serviceVersion: service.version },
        createdAt: now,
      },
      { lastHash: null, count: 0 },
    );
    const row: Record<string, unknown> = {
      id,
      tracking_code: trackingCode,
      service_id: service.id,
      service_version: service.version,
      workflow_key: def.key,
      workflow_version: def.version,
      opd_id: service.opdId,
      handled_opd_ids: [service.opdId],
      state: def.initial,
      next_roles: nextRoles(def, def.initial),
      is_open: true,
      applicant_nik: applicant.nik,
      applicant_name: applicant.name,
      applicant_phone: applicant.phone,
      applicant_email: applicant.email,
      applicant_address: applicant.address ? JSON.stringify(applicant.address) : null,
      form_data: JSON.stringify(formData),
      channel: input.channel,
      submitted_at: now,
      due_at: dueAt,
      created_by_id: actor.auth ? actor.id : null,
      last_event_hash: first.hash,
      event_count: first.seq,
    };
    const args = sqlArgs();
    await m.query(
      `WITH created AS (INSERT INTO cases (${Object.keys(row).join(', ')}) VALUES (${Object.values(row).map(args.add).join(', ')})),
            event AS (INSERT INTO case_events (${EVENT_COLUMNS}) VALUES (${first.values.map(args.add).join(', ')}))
       INSERT INTO outbox (topic, aggregate_id, payload) VALUES ('case.submitted', ${args.add(id)},
         ${args.add(JSON.stringify({ trackingCode, opdId: service.opdId, serviceId: service.id, channel: input.channel }))})`,
      args.values,
    );
    return { id, trackingCode, dueAt };
  }

  async createCounterCase(auth: AuthContext, dto: CreateCaseDto): Promise<CaseDetail> {
    const { id } = await this.db.transaction((m) =>
      this.createCase(
        { serviceId: dto.serviceId, applicant: dto.applicant, formData: dto.formData ?? {}, channel: 'counter' },
        staffActor(auth),
        m,
      ),
    );
    return this.detail(auth, id, { logAccess: false });
  }

  // ---- reads --------------------------------------------------------------------------

  async list(auth: AuthContext, spec: CaseListSpec): Promise<{ rows: CaseSummary[]; total: number | null; nextCursor: string | null }> {
    const built = buildCaseListQuery(auth.user, auth.ability, spec);
    const [sql, params] = this.db.driver.escapeQueryWithParameters(caseListSql(built, spec), built.params, {});
    // Page 1 and cursor pages (the hot path) run prepared; each deeper OFFSET would be a new statement.
    type PageRow = CaseListRow & { list_total?: number };
    const rows = spec.offset === 0 ? await preparedQuery<PageRow>(this.db, sql, params) : ((await this.db.query(sql, params)) as PageRow[]);
    // The last page knows its total exactly; a full page reports the capped count.
    const total = built.keyset ? null : rows.length < spec.limit ? spec.offset + rows.length : (rows[0].list_total as number);
    const sortField = built.sortColumn === 'c.submitted_at' ? 'submittedAt' : 'dueAt';
    const last = rows[rows.length - 1];
    const defs = await perKey(rows, workflowOf, (r) => this.workflows.get(r.workflow_key, r.workflow_version));
    const serviceNames = await perKey(rows, serviceOf, async (r) => (await this.services.standardOf(r.service_id, r.service_version)).name);
    return {
      rows: rows.map((r) =>
        this.toSummary(
          r,
          defs.get(workflowOf(r)) as WorkflowDefinition,
          serviceNames.get(serviceOf(r)) as string,
          auth.ability.can('readPersonalData', this.subjectOf(r)),
        ),
      ),
      total,
      nextCursor: rows.length === spec.limit && last ? encodeCursor(last, sortField) : null,
    };
  }

  /** The full case for staff, with the actions this caller may take now. Logged (UU 27/2022). */
  async detail(auth: AuthContext, id: string, opts: { logAccess?: boolean } = {}): Promise<CaseDetail> {
    return this.toDetail(auth, await jsonRow<CaseDetailRow>(this.db, DETAIL_BY_ID, [id], DETAIL_DATES), opts);
  }

  /** The detail view of a case row (DETAIL_BY_ID's columns) for this caller; 404 if they may not read it. */
  private async toDetail(auth: AuthContext, row: CaseDetailRow | undefined, opts: { logAccess?: boolean } = {}): Promise<CaseDetail> {
    if (!row) throw AppError.notFound('Case');
    const subject = this.subjectOf(row);
    if (!auth.ability.can('read', subject)) throw AppError.notFound('Case');
    const id = row.id;
    const def = await this.workflows.get(row.workflow_key, row.workflow_version);
    const service = await this.services.standardOf(row.service_id, row.service_version);
    const docs = row.documents;
    const personal = auth.ability.can('readPersonalData', subject);
    if (personal && opts.logAccess !== false) {
      await preparedQuery(this.db, ACCESS_LOG_INSERT, [auth.user.id, id]);
    }
    const facts = caseFacts(
      row,
      service.requirements,
      docs.map((d) => ({ requirementKey: d.requirement_key, status: d.status })),
    );
    // Object.assign, not `{ ...summary, more }`: with the spread, V8 promoted about 7 KB per
    // response to the old generation (--trace-gc: 8.5 -> 1.7 KB per transition), which cost a
    // mark-compact every few seconds under load.
    return Object.assign(this.toSummary(row, def, service.name, personal), {
      applicantPhone: personal ? row.applicant_phone : maskPhone(row.applicant_phone),
      applicantEmail: personal ? row.applicant_email : null,
      applicantAddress: personal ? row.applicant_address : null,
      formData: row.form_data,
      documents: docs.map((d) => ({
        id: d.id,
        requirementKey: d.requirement_key,
        fileName: d.file_name,
        contentType: d.content_type,
        size: d.size,
        sha256: d.sha256,
        status: d.status,
        note: d.note,
        uploadedAt: new Date(d.created_at).toISOString(),
      })),
      availableActions: this.availableActions(auth, def, row, subject, facts),
      workflowKey: row.workflow_key,
      workflowVersion: row.workflow_version,
      verifiedById: row.verified_by_id,
      pausedAt: row.paused_at?.toISOString() ?? null,
      requirements: service.requirements,
    });
  }

  async events(auth: AuthContext, id: string): Promise<CaseEventView[]> {
    await this.ensureReadable(auth, id);
    const rows = (await this.db.query(
      `SELECT id::text, seq, type, from_state, to_state, actor_id, actor_name, actor_role, comment, reason, public, payload, created_at, prev_hash, hash
         FROM case_events WHERE case_id = $1 ORDER BY seq`,
      [id],
    )) as (StoredEventRow & { id: string })[];
    return rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      type: r.type,
      fromState: r.from_state,
      toState: r.to_state,
      actorId: r.actor_id,
      actorName: r.actor_name,
      actorRole: r.actor_role,
      comment: r.comment,
      reason: r.reason,
      public: r.public,
      payload: r.payload,
      createdAt: r.created_at.toISOString(),
      hash: r.hash,
      prevHash: r.prev_hash,
    }));
  }

  async audit(auth: AuthContext, id: string): Promise<AuditResult> {
    await this.ensureReadable(auth, id);
    const rows = (await this.db.query(
      `SELECT seq, type, from_state, to_state, actor_id, actor_name, actor_role, comment, reason, public, payload, created_at, prev_hash, hash
         FROM case_events WHERE case_id = $1 ORDER BY seq`,
      [id],
    )) as StoredEventRow[];
    return verifyChain(id, rows);
  }

  // ---- writes -------------------------------------------------------------------------

  /** A staff event; answers with the case as the write left it (no second read). */
  async act(auth: AuthContext, id: string, dto: CaseEventDto): Promise<CaseDetail> {
    return this.toDetail(auth, await this.applyEvent(this.db.manager, id, dto, staffActor(auth)), { logAccess: false });
  }

  /**
   * One event on one case: read the case with its documents (one statement, no lock), check
   * version and permission, decide with the pure workflow, then write case row, log entry
   * and outbox notice in one statement that applies only if the version is unchanged (see
   * `log`). Callers inside a transaction may hold the row lock already; nothing depends on it.
   */
  async applyEvent(m: EntityManager, id: string, dto: CaseEventDto, actor: Actor): Promise<CaseDetailRow> {
    const c = await jsonRow<CaseForWrite & { documents: DocumentFact[] }>(m, CASE_FOR_WRITE_SELECT, [id], FOR_WRITE_DATES);
    if (!c) throw AppError.notFound('Case');
    const subject = this.subjectOf(c);
    if (actor.auth && !actor.auth.ability.can('read', subject)) throw AppError.notFound('Case');
    const current = { state: c.state, version: c.version };
    if (dto.version !== c.version)
      throw new AppError('CASE_VERSION_CONFLICT', `The case has changed since you loaded it (version ${dto.version}, now ${c.version})`, {
        current,
      });
    const def = await this.workflows.get(c.workflow_key, c.workflow_version, m);
    const facts = await this.factsOf(m, c, c.documents);
    const event: WorkflowEventInput = {
      type: dto.type,
      actor: { id: actor.id ?? 'applicant', roles: actor.roles, opdId: actor.opdId },
      reason: dto.reason,
      comment: dto.comment,
      assigneeId: dto.assigneeId,
      opdId: dto.opdId,
      note: dto.note,
    };
    const now = new Date();
    if (isOperationalAction(dto.type)) return this.applyOperational(m, c, def, facts, event, dto, actor, now);

    if (actor.auth && !actor.auth.ability.can('act', subject)) throw new AppError('FORBIDDEN', MAY_NOT_ACT);
    const d = decide(def, c.state, facts, event);
    if (!d.ok) {
      switch (d.code) {
        case 'UNKNOWN_STATE':
        case 'NOT_ACCEPTED':
          throw new AppError('EVENT_NOT_ALLOWED', `${dto.type} is not possible while the case is "${stateLabel(def, c.state, 'en')}"`, {
            current,
          });
        case 'ROLE_NOT_ALLOWED':
          throw new AppError('FORBIDDEN', `Your role may not send ${dto.type}`);
        case 'MISSING_FIELD':
          throw AppError.field('FIELD_REQUIRED', d.field ?? 'reason', `is required for ${dto.type}`);
        case 'GUARD_FAILED':
          throw guardError(d.guard);
      }
    }
    const cal = d.clock.from !== d.clock.to ? await this.calendar.get(m) : null;
    let dueAt = c.due_at;
    let pausedAt = c.paused_at;
    if (d.clock.to === 'paused' && d.clock.from === 'running') pausedAt = now;
    if (d.clock.from === 'paused' && d.clock.to === 'running' && dueAt && pausedAt && cal) {
      dueAt = resumeDueAt(dueAt, pausedAt, now, cal);
      pausedAt = null;
    }
    const final = isFinalState(def, d.to);
    const roles = nextRoles(def, d.to);
    // The assignee keeps the case only while they can still act on it.
    const keepAssignee =
      d.to === d.from || (c.assignee_id !== null && c.assignee_id === actor.id && actor.roles.some((r) => roles.includes(r)));
    const transitionRoles = def.states[d.from]?.on?.[dto.type]?.roles ?? [];
    const set: Record<string, unknown> = {
      state: d.to,
      next_roles: roles,
      is_open: !final,
      assignee_id: keepAssignee && !final ? c.assignee_id : null,
      due_at: dueAt,
      paused_at: final ? null : pausedAt,
    };
    if (final || d.clock.to === 'stopped') set.completed_at = now;
    if (dto.type === 'VERIFY') set.verified_by_id = actor.auth ? actor.id : null;
    if (dto.type === 'APPROVE') set.approved_by_id = actor.auth ? actor.id : null;
    const write = (tm: EntityManager, document: Record<string, unknown> = {}) =>
      this.log(
        tm,
        c,
        {
          type: dto.type,
          fromState: d.from,
          toState: d.to,
          actor,
          actorRole: roleFor(transitionRoles, actor.roles),
          comment: dto.comment ?? null,
          reason: dto.reason ?? null,
          public: d.public,
          payload: { ...(dueAt?.getTime() !== c.due_at?.getTime() ? { dueAt: dueAt?.toISOString() } : {}), ...document },
          now,
        },
        { topic: 'case.transitioned', payload: { type: dto.type, from: d.from, to: d.to, opdId: c.opd_id, ...document } },
        set,
      );
    const issues = transitionOf(def, d.from, dto.type)?.issues;
    if (!issues) return write(m);
    return this.issueAndWrite(m, c, actor, issues.signature, dto.passphrase, write);
  }

  /**
   * A transition that produces the case's document (its `issues` in the workflow): under the
   * case row lock, the document is numbered, rendered, signed and stored, then the event is
   * written, all in one transaction; a failure anywhere consumes no number and leaves no file.
   * The passphrase goes to the signer only.
   */
  private async issueAndWrite(
    m: EntityManager,
    c: CaseForWrite,
    actor: Actor,
    mode: 'personal' | 'seal',
    passphrase: string | undefined,
    write: (tm: EntityManager, document: Record<string, unknown>) => Promise<CaseDetailRow>,
  ): Promise<CaseDetailRow> {
    if (!actor.auth || !actor.id) throw new AppError('FORBIDDEN', 'Only staff may issue documents');
    const staff = { id: actor.id, name: actor.name ?? '' };
    const run = async (tm: EntityManager, store: (bytes: Buffer) => Promise<string>) => {
      const [locked] = (await tm.query(`SELECT state, version FROM cases WHERE id = $1 FOR UPDATE`, [c.id])) as {
        state: string;
        version: number;
      }[];
      if (locked.version !== c.version)
        throw new AppError(
          'CASE_VERSION_CONFLICT',
          `The case has changed since you loaded it (version ${c.version}, now ${locked.version})`,
          {
            current: locked,
          },
        );
      const doc = await this.issuance.issue(tm, { caseId: c.id, mode, actor: staff, passphrase, store });
      return write(tm, { documentId: doc.id, documentNumber: doc.number, sha256: doc.sha256 });
    };
    return this.issuance.withIssuing(c.id, actor.id, (store) =>
      m.queryRunner?.isTransactionActive ? run(m, store) : this.db.transaction((tm) => run(tm, store)),
    );
  }

  private async applyOperational(
    m: EntityManager,
    c: CaseForWrite,
    def: WorkflowDefinition,
    facts: CaseFacts,
    event: WorkflowEventInput,
    dto: CaseEventDto,
    actor: Actor,
    now: Date,
  ): Promise<CaseDetailRow> {
    const current = { state: c.state, version: c.version };
    if (!actor.auth) throw new AppError('FORBIDDEN', `${dto.type} is for staff only`);
    const ability = actor.auth.ability;
    if (dto.type === 'UPLOAD_DOCUMENT' || dto.type === 'CHECK_DOCUMENT')
      throw AppError.field('FIELD_INVALID', 'type', `use the documents endpoints for ${dto.type}`);
    const subject = this.subjectOf(c);
    const allowed = (OPERATION_NEEDS[dto.type] ?? []).some((action) => ability.can(action, subject));
    const d = decideOperational(def, c.state, facts, event);
    if (!d.ok && (d.code === 'NOT_ACCEPTED' || d.code === 'UNKNOWN_STATE'))
      throw new AppError('EVENT_NOT_ALLOWED', `${dto.type} is not possible while the case is "${stateLabel(def, c.state, 'en')}"`, {
        current,
      });
    if (!d.ok && d.code === 'CONDITION_FAILED') {
      throw new AppError(
        d.condition === 'unassigned' ? 'CASE_ALREADY_CLAIMED' : 'CASE_NOT_ASSIGNED',
        d.condition === 'unassigned' ? 'Someone else has already taken this case' : 'The case is not assigned',
        { current },
      );
    }
    if (!allowed || (!d.ok && d.code === 'ROLE_NOT_ALLOWED')) throw new AppError('FORBIDDEN', `You may not ${dto.type} this case`);
    if (!d.ok) throw AppError.field('FIELD_REQUIRED', d.field ?? 'reason', `is required for ${dto.type}`);

    let payload: Record<string, unknown> = {};
    let set: Record<string, unknown> = {};
    let isPublic = false;
    switch (dto.type) {
      case 'CLAIM':
        set = { assignee_id: actor.id };
        payload = { assigneeId: actor.id };
        break;
      case 'ASSIGN': {
        const assignee = await this.checkAssignee(m, def, c, dto.assigneeId as string);
        set = { assignee_id: assignee.id };
        payload = { assigneeId: assignee.id, assigneeName: assignee.full_name, previousAssigneeId: c.assignee_id };
        break;
      }
      case 'RELEASE':
        set = { assignee_id: null };
        payload = { previousAssigneeId: c.assignee_id };
        break;
      case 'TRANSFER': {
        const target = dto.opdId as string;
        if (target === c.opd_id) throw AppError.field('RULE_VIOLATED', 'opdId', 'is already the responsible OPD');
        const [opd] = (await m.query(`SELECT id, short_name FROM opds WHERE id = $1 AND active`, [target])) as {
          id: string;
          short_name: string;
        }[];
        if (!opd) throw AppError.field('REFERENCE_INVALID', 'opdId', 'does not exist or is inactive');
        set = {
          opd_id: target,
          assignee_id: null,
          handled_opd_ids: c.handled_opd_ids.includes(target) ? c.handled_opd_ids : [...c.handled_opd_ids, target],
        };
        payload = { fromOpdId: c.opd_id, toOpdId: target, toOpdName: opd.short_name };
        isPublic = true;
        break;
      }
      case 'COMMENT':
        isPublic = dto.public === true;
        break;
    }
    const opRoles = OPERATIONAL_ACTIONS[dto.type as OperationalActionType].roles;
    return this.log(
      m,
      c,
      {
        type: dto.type,
        fromState: c.state,
        toState: c.state,
        actor,
        actorRole: roleFor(opRoles === 'next-roles' ? nextRoles(def, c.state) : opRoles, actor.roles),
        comment: dto.comment ?? dto.note ?? null,
        reason: dto.reason ?? null,
        public: isPublic,
        payload,
        now,
      },
      { topic: `case.${dto.type.toLowerCase()}`, payload: { ...payload, opdId: c.opd_id } },
      set,
    );
  }

  /** Bulk assignment: each case on its own (one write statement each), with a per-case result. */
  async bulkAssign(
    auth: AuthContext,
    caseIds: string[],
    assigneeId: string,
    reason: string,
  ): Promise<{ id: string; ok: boolean; statusCode: number; message: string }[]> {
    const results = [];
    for (const id of caseIds) {
      try {
        const [row] = (await this.db.query(`SELECT version FROM cases WHERE id = $1`, [id])) as { version: number }[];
        if (!row) throw AppError.notFound('Case');
        await this.applyEvent(this.db.manager, id, { type: 'ASSIGN', version: row.version, assigneeId, reason }, staffActor(auth));
        results.push({ id, ok: true, statusCode: 200, message: 'assigned' });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        results.push({
          id,
          ok: false,
          statusCode: { NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409 }[e.code as string] ?? 422,
          message: e.message,
        });
      }
    }
    return results;
  }

  // ---- helpers ------------------------------------------------------------------------

  /**
   * Appends the event to the case's hash chain, updates the case row (chain head, version + 1,
   * updated_at, plus the columns in `set`, internal names only) and writes the outbox notice,
   * in one statement and only if the case is still at `c.version` (optimistic concurrency: a
   * caller that read the case without a lock loses to any change since, with a 409).
   */
  async log(
    m: EntityManager,
    c: Pick<CaseForWrite, 'id' | 'version' | 'event_count' | 'last_event_hash'>,
    e: {
      type: string;
      fromState: string | null;
      toState: string | null;
      actor: Actor;
      actorRole?: ActorRole;
      comment: string | null;
      reason: string | null;
      public: boolean;
      payload: Record<string, unknown>;
      now: Date;
    },
    notice: { topic: string; payload: Record<string, unknown> },
    set: Record<string, unknown> = {},
  ): Promise<CaseDetailRow> {
    const next = chainNext(
      {
        caseId: c.id,
        type: e.type,
        fromState: e.fromState,
        toState: e.toState,
        actorId: e.actor.auth ? e.actor.id : null,
        actorName: e.actor.name,
        actorRole: e.actorRole ?? e.actor.roles[0] ?? 'system',
        comment: e.comment,
        reason: e.reason,
        public: e.public,
        payload: e.payload,
        createdAt: e.now,
      },
      { lastHash: c.last_event_hash, count: c.event_count },
    );
    const write = eventWriteSql(c.version, next.values, notice, set);
    const written = await jsonRow<CaseDetailRow>(m, write.text, write.values, DETAIL_DATES);
    if (written) return written;
    const [now] = (await m.query(`SELECT state, version FROM cases WHERE id = $1`, [c.id])) as { state: string; version: number }[];
    throw new AppError('CASE_VERSION_CONFLICT', `The case has changed since you loaded it (version ${c.version}, now ${now?.version})`, {
      current: now,
    });
  }

  async factsFor(m: EntityManager, c: FactsSource): Promise<CaseFacts> {
    const docs = (await m.query(
      `SELECT requirement_key AS "requirementKey", status FROM case_documents WHERE case_id = $1 AND superseded_at IS NULL`,
      [c.id],
    )) as DocumentFact[];
    return this.factsOf(m, c, docs);
  }

  /** The workflow facts of a case from its row and its current documents. */
  private async factsOf(m: EntityManager, c: FactsSource, docs: DocumentFact[]): Promise<CaseFacts> {
    const service = await this.services.standardOf(c.service_id, c.service_version, m);
    return caseFacts(c, service.requirements, docs);
  }

  subjectOf(c: { opd_id: string; assignee_id: string | null; handled_opd_ids: string[]; is_open: boolean }) {
    return caseSubject({ opdId: c.opd_id, assigneeId: c.assignee_id, handledOpdIds: c.handled_opd_ids, isOpen: c.is_open });
  }

  /** 404 unless the caller may read the case; 403 when they may read it but not `also`. */
  async ensureReadable(auth: AuthContext, id: string, also?: AppAction): Promise<void> {
    const [row] = (await this.db.query(`SELECT opd_id, assignee_id, handled_opd_ids, is_open FROM cases WHERE id = $1`, [id])) as {
      opd_id: string;
      assignee_id: string | null;
      handled_opd_ids: string[];
      is_open: boolean;
    }[];
    if (!row || !auth.ability.can('read', this.subjectOf(row))) throw AppError.notFound('Case');
    if (also && !auth.ability.can(also, this.subjectOf(row))) throw new AppError('FORBIDDEN', 'Your role may not see this personal data');
  }

  private availableActions(
    auth: AuthContext,
    def: WorkflowDefinition,
    row: CaseListRow,
    subject: ReturnType<CasesService['subjectOf']>,
    facts: CaseFacts,
  ): AvailableAction[] {
    const actor = { id: auth.user.id, roles: auth.user.roles, opdId: auth.user.opdId };
    const workflow = auth.ability.can('act', subject) ? availableEvents(def, row.state, facts, actor) : [];
    const ops = operationalActions(def, row.state, facts, actor).filter((a) =>
      (OPERATION_NEEDS[a.type] ?? []).some((act) => auth.ability.can(act, subject)),
    );
    return [...workflow, ...ops];
  }

  private async checkAssignee(
    m: EntityManager,
    def: WorkflowDefinition,
    c: CaseForWrite,
    assigneeId: string,
  ): Promise<{ id: string; full_name: string }> {
    const [u] = (await m.query(`SELECT id, full_name, roles, opd_id, active FROM users WHERE id = $1`, [assigneeId])) as {
      id: string;
      full_name: string;
      roles: string[];
      opd_id: string | null;
      active: boolean;
    }[];
    if (!u || !u.active || u.opd_id !== c.opd_id)
      throw AppError.field('ASSIGNEE_CANNOT_ACT', 'assigneeId', "must be an active member of the case's OPD");
    const roles = nextRoles(def, c.state);
    if (!u.roles.some((r) => roles.includes(r as ActorRole)))
      throw AppError.field(
        'ASSIGNEE_CANNOT_ACT',
        'assigneeId',
        `cannot act on the case in its current state (needs ${roles.join(' or ')})`,
      );
    return u;
  }

  /** `personal`: whether the caller may see the applicant's personal data (unmasked NIK). */
  private toSummary(r: CaseListRow, def: WorkflowDefinition, serviceName: string, personal: boolean): CaseSummary {
    return {
      id: r.id,
      trackingCode: r.tracking_code,
      serviceId: r.service_id,
      serviceName,
      serviceVersion: r.service_version,
      opdId: r.opd_id,
      state: r.state,
      stateLabel: stateLabel(def, r.state, 'id'),
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
      applicantName: r.applicant_name,
      applicantNik: personal ? r.applicant_nik : maskNik(r.applicant_nik),
      channel: r.channel,
      submittedAt: r.submitted_at.toISOString(),
      dueAt: r.due_at?.toISOString() ?? null,
      slaStatus: caseSlaStatus(r),
      version: r.version,
    };
  }
}

export function caseSlaStatus(
  r: { is_open: boolean; paused_at: Date | null; due_at: Date | null; completed_at: Date | null },
  now = new Date(),
): SlaStatus {
  if (!r.is_open || r.completed_at) return 'done';
  if (r.paused_at) return 'paused';
  return r.due_at ? slaStatus(r.due_at, now) : 'on_time';
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

/** The one row of an `asJsonRow` statement (see case-queries), run prepared, with its dates revived; undefined if none. */
async function jsonRow<T>(
  db: DataSource | EntityManager,
  text: string,
  values: unknown[],
  dates: readonly (keyof T & string)[],
): Promise<T | undefined> {
  const [found] = await preparedQuery<{ row: Record<string, unknown> }>(db, text, values);
  return fromJsonRow<T>(found, dates);
}

/** The workflow facts of a case: who verified/approved, its assignee, and its documents against the service's requirements. */
function caseFacts(
  c: Pick<CaseForWrite, 'verified_by_id' | 'approved_by_id' | 'assignee_id'>,
  requirements: Parameters<typeof factsDocuments>[0],
  docs: DocumentFact[],
): CaseFacts {
  return {
    verifiedById: c.verified_by_id,
    approvedById: c.approved_by_id,
    assigneeId: c.assignee_id,
    documents: factsDocuments(requirements, docs),
  };
}

function factsDocuments(
  requirements: { key: string; kind: string; mandatory: boolean; condition?: string }[],
  docs: { requirementKey: string; status: 'pending' | 'valid' | 'invalid' }[],
): CaseFacts['documents'] {
  // Every unconditional mandatory document appears: a missing upload counts as pending.
  // A conditional one ("jika hilang") is the verifier's call: required only once uploaded.
  return requirements
    .filter((r) => r.kind === 'document')
    .flatMap((r) => {
      const mine = docs.filter((d) => d.requirementKey === r.key);
      if (!mine.length) return r.mandatory && !r.condition ? [{ requirementKey: r.key, mandatory: true, status: 'pending' as const }] : [];
      return mine.map((d) => ({ requirementKey: r.key, mandatory: r.mandatory, status: d.status }));
    });
}

/** The role under which the actor sent the event (a user may hold several). */
function roleFor(allowed: readonly string[], roles: ActorRole[]): ActorRole | undefined {
  return roles.find((r) => allowed.includes(r));
}

function guardError(guard: string | undefined): AppError {
  switch (guard) {
    case 'allMandatoryDocumentsValid':
      return new AppError('DOCUMENTS_INCOMPLETE', 'Every mandatory document must be checked and marked valid first');
    case 'notVerifierOfCase':
      return new AppError('FOUR_EYES', 'Four-eyes rule: the verifier of a case may not approve it');
    case 'notApproverOfCase':
      return new AppError('FOUR_EYES', 'Four-eyes rule: the approver of a case may not sign it');
    default:
      return new AppError('RULE_VIOLATED', 'The case does not meet the conditions for this action');
  }
}

/** NIK by structure, phone normalised to +62; each problem names its field. */
export function validateApplicant(a: ApplicantDto): {
  nik: string;
  name: string;
  phone: string;
  email: string | null;
  address: Record<string, string> | null;
} {
  const details = [];
  const nikErr = nikProblem(a.nik);
  if (nikErr) details.push({ field: 'applicant.nik', message: nikErr });
  const phone = normalisePhone(a.phone);
  if (!phone) details.push({ field: 'applicant.phone', message: 'must be an Indonesian mobile number (08..., 628... or +628...)' });
  if (details.length) throw AppError.validation(details);
  const address = a.address
    ? Object.fromEntries(Object.entries(a.address).filter(([, v]) => typeof v === 'string' && v.trim() !== ''))
    : null;
  return {
    nik: a.nik,
    name: a.name.trim(),
    phone: phone as string,
    email: a.email ?? null,
    address: address && Object.keys(address).length ? (address as Record<string, string>) : null,
  };
}

/** Form data against the service's form fields: required present, types right, no unknown keys. */
export function validateFormData(
  fields: { key: string; type: string; required: boolean; options?: string[] }[],
  data: Record<string, unknown>,
): Record<string, unknown> {
  const details: { field: string; message: string }[] = [];
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(data))
    if (!fields.some((f) => f.key === key)) details.push({ field: `formData.${key}`, message: 'is not a field of this service' });
  for (const f of fields) {
    const v = data[f.key];
    if (v === undefined || v === null || v === '') {
      if (f.required) details.push({ field: `formData.${f.key}`, message: 'is required' });
      continue;
    }
    if (f.type === 'number' && !(typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v))))
      details.push({ field: `formData.${f.key}`, message: 'must be a number' });
    else if (f.type === 'date' && !(typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))))
      details.push({ field: `formData.${f.key}`, message: 'must be a date YYYY-MM-DD' });
    else if (f.type === 'select' && !(typeof v === 'string' && (f.options ?? []).includes(v)))
      details.push({ field: `formData.${f.key}`, message: `must be one of ${(f.options ?? []).join(', ')}` });
    else if (f.type === 'text' && (typeof v !== 'string' || v.length > 1000))
      details.push({ field: `formData.${f.key}`, message: 'must be text up to 1000 characters' });
    out[f.key] = f.type === 'number' ? Number(v) : v;
  }
  if (details.length) throw AppError.validation(details);
  return out;
}
