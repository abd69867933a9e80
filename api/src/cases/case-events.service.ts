import { Injectable } from '@nestjs/common';
import { actingCapacity, type ActorRole, type BulkResult, type CaseDetail, type CaseEventInput } from '@layanan/contracts';
import { resumeDueAt, workingMinutesBetween } from '@layanan/sla';
import {
  decide,
  decideOperational,
  isFinalState,
  isOperationalAction,
  nextRoles,
  OPERATIONAL_ACTIONS,
  transitionOf,
  type CaseFacts,
  type OperationalActionType,
  type WorkflowDefinition,
  type WorkflowEventInput,
} from '@layanan/workflow';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { AppError, MAY_NOT_ACT } from '../common/errors/app-error';
import { toErrorBody } from '../common/errors/http-error.filter';
import { WorkingCalendarService } from '../holidays/working-calendar.service';
import { type StoreFile } from '../files/stored-files.service';
import { IssuanceService } from '../issuance/issuance.service';
import { OpdsService } from '../opds/opds.service';
import { ServicesService } from '../services/services.service';
import { LeavesService } from '../staffing/leaves.service';
import { UsersService } from '../users/users.service';
import { WorkflowRegistry } from '../workflows/workflow-registry.service';
import { inCaseOpd, roleFor, staffActor, workflowActor, type Actor } from './actor';
import { mayOperate, subjectOf } from './case-access';
import { decisionError } from './case-decision';
import { caseFacts } from './case-facts';
import { CaseReadsService } from './case-reads.service';
import {
  CaseRepository,
  type CaseDetailRow,
  type CaseForWrite,
  type CaseRow,
  type CaseUpdate,
  type ChainHead,
  type Notice,
  type StateInterval,
} from './case.repository';
import { chainNext } from './hash-chain';

/** An event as the service applies it: `version` 'current' takes the case as read (bulk assign, the citizen's own events). */
export type EventInput = Omit<CaseEventInput, 'version'> & { version: number | 'current' };

/** A log entry as callers describe it; `append` adds the chain link, the case's head and the time. */
export interface EntryInput {
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
}

/**
 * Everything that changes a case after intake: workflow transitions, operational actions
 * (claim, assign, release, transfer, comment), their bulk forms, and `append`, the one way a
 * log entry is written (documents and jobs use it too).
 */
@Injectable()
export class CaseEventsService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: CaseRepository,
    private readonly reads: CaseReadsService,
    private readonly workflows: WorkflowRegistry,
    private readonly services: ServicesService,
    private readonly calendar: WorkingCalendarService,
    private readonly users: UsersService,
    private readonly opds: OpdsService,
    private readonly issuance: IssuanceService,
    private readonly leaves: LeavesService,
  ) {}

  /** A staff event; answers with the case as the write left it (no second read). */
  async act(auth: AuthContext, id: string, input: CaseEventInput): Promise<CaseDetail> {
    return this.reads.view(auth, await this.apply(this.db.manager, id, input, staffActor(auth)), { logAccess: false });
  }

  /**
   * One event on one case: read the case with its documents (one statement, no lock), check
   * version and permission, decide with the pure workflow, then write case row, log entry and
   * outbox notice in one statement that applies only if the version is unchanged.
   */
  async apply(m: EntityManager, id: string, input: EventInput, caller: Actor): Promise<CaseDetailRow> {
    const c = await this.repo.findForWrite(m, id);
    if (!c) throw AppError.notFound('Case');
    const actor = inCaseOpd(caller, c.opd_id);
    const subject = subjectOf(c);
    if (actor.auth && !actor.auth.ability.can('read', subject)) throw AppError.notFound('Case');
    const current = { state: c.state, version: c.version };
    if (input.version !== 'current' && input.version !== c.version) {
      throw new AppError('CASE_VERSION_CONFLICT', `The case has changed since you loaded it (version ${input.version}, now ${c.version})`, {
        current,
      });
    }
    const def = await this.workflows.get(c.workflow_key, c.workflow_version, m);
    const service = await this.services.standardOf(c.service_id, c.service_version, m);
    const facts = caseFacts(c, service.requirements, c.documents);
    const event: WorkflowEventInput = {
      type: input.type,
      actor: workflowActor(actor),
      reason: input.reason,
      comment: input.comment,
      assigneeId: input.assigneeId,
      opdId: input.opdId,
      note: input.note,
    };
    if (isOperationalAction(input.type)) return this.operational(m, c, def, facts, event, input, actor);
    if (actor.auth && !actor.auth.ability.can('act', subject)) throw new AppError('FORBIDDEN', MAY_NOT_ACT);
    const d = decide(def, c.state, facts, event);
    if (!d.ok) throw decisionError(d, input.type, def, current);

    const now = new Date();
    let dueAt = c.due_at;
    let pausedAt = c.paused_at;
    const moves = d.to !== d.from;
    const cal = moves || d.clock.from === 'paused' ? await this.calendar.get(m) : null;
    if (d.clock.to === 'paused' && d.clock.from === 'running') pausedAt = now;
    if (d.clock.from === 'paused' && d.clock.to === 'running' && dueAt && pausedAt && cal) {
      dueAt = resumeDueAt(dueAt, pausedAt, now, cal);
      pausedAt = null;
    }
    // The state left, for the stage durations (docs/REPORTS.md): written by the event's statement.
    const interval: StateInterval | undefined =
      moves && cal
        ? {
            state: d.from,
            enteredAt: c.state_entered_at,
            workingMinutes: workingMinutesBetween(c.state_entered_at, now, cal),
            waiting: d.clock.from === 'paused',
          }
        : undefined;
    const final = isFinalState(def, d.to);
    const roles = nextRoles(def, d.to);
    // The assignee keeps the case only while they can still act on it.
    const keepAssignee =
      d.to === d.from || (c.assignee_id !== null && c.assignee_id === actor.id && actor.roles.some((r) => roles.includes(r)));
    const set: CaseUpdate = {
      state: d.to,
      next_roles: roles,
      is_open: !final,
      assignee_id: keepAssignee && !final ? c.assignee_id : null,
      due_at: dueAt,
      paused_at: final ? null : pausedAt,
    };
    if (moves) set.state_entered_at = now;
    // The clock stops once: collecting an issued document does not move the completion time.
    if ((final || d.clock.to === 'stopped') && d.clock.from !== 'stopped') set.completed_at = now;
    if (input.type === 'VERIFY') set.verified_by_id = actor.auth ? actor.id : null;
    if (input.type === 'APPROVE') set.approved_by_id = actor.auth ? actor.id : null;
    const actorRole = roleFor(def.states[d.from]?.on?.[input.type]?.roles ?? [], actor);
    const write = (tm: EntityManager, document: Record<string, unknown> = {}) =>
      this.append(
        tm,
        c,
        {
          type: input.type,
          fromState: d.from,
          toState: d.to,
          actor,
          actorRole,
          comment: input.comment ?? null,
          reason: input.reason ?? null,
          public: d.public,
          payload: { ...(dueAt?.getTime() !== c.due_at?.getTime() ? { dueAt: dueAt?.toISOString() } : {}), ...document },
          now,
        },
        { topic: 'case.transitioned', payload: { type: input.type, from: d.from, to: d.to, opdId: c.opd_id, ...document } },
        set,
        interval,
      );
    const issues = transitionOf(def, d.from, input.type)?.issues;
    return issues ? this.issueAndWrite(m, c, actor, actorRole, issues.signature, input.passphrase, write) : write(m);
  }

  /**
   * A transition that produces the case's document (`issues` in its workflow): under the case row
   * lock the document is numbered, rendered, signed and stored, then the event is written, in one
   * transaction, so number, document and event commit together or not at all and a failure leaves
   * no file. The passphrase goes to the signer only; the event carries id, number and SHA-256.
   */
  private async issueAndWrite(
    m: EntityManager,
    c: CaseForWrite,
    actor: Actor,
    actorRole: ActorRole,
    mode: 'personal' | 'seal',
    passphrase: string | undefined,
    write: (tm: EntityManager, document: Record<string, unknown>) => Promise<CaseDetailRow>,
  ): Promise<CaseDetailRow> {
    if (!actor.auth || !actor.id) throw new AppError('FORBIDDEN', 'Only staff may issue documents');
    // Signing as Plh./Plt.: the letter's signer block reads "Plh. Kepala Dinas …" over the delegate's own name and NIP.
    const grant = actor.acting?.[actorRole];
    const staff = {
      id: actor.id,
      name: actor.name ?? '',
      acting: grant ? { kind: grant.kind, positionTitle: grant.positionTitle } : undefined,
    };
    const run = async (tm: EntityManager, store: StoreFile) => {
      const locked = await this.repo.findForWrite(tm, c.id, { lock: true });
      if (!locked || locked.version !== c.version) {
        throw new AppError(
          'CASE_VERSION_CONFLICT',
          `The case has changed since you loaded it (version ${c.version}, now ${locked?.version})`,
          {
            current: locked ? { state: locked.state, version: locked.version } : undefined,
          },
        );
      }
      const doc = await this.issuance.issue(tm, { caseId: c.id, mode, actor: staff, passphrase, store });
      return write(tm, { documentId: doc.id, documentNumber: doc.number, sha256: doc.sha256 });
    };
    return this.issuance.withIssuing(c.id, actor.id, (store) =>
      m.queryRunner?.isTransactionActive ? run(m, store) : this.db.transaction((tm) => run(tm, store)),
    );
  }

  private async operational(
    m: EntityManager,
    c: CaseForWrite,
    def: WorkflowDefinition,
    facts: CaseFacts,
    event: WorkflowEventInput,
    input: EventInput,
    actor: Actor,
  ): Promise<CaseDetailRow> {
    const type = input.type as OperationalActionType;
    const current = { state: c.state, version: c.version };
    if (!actor.auth) throw new AppError('FORBIDDEN', `${type} is for staff only`);
    if (type === 'UPLOAD_DOCUMENT' || type === 'CHECK_DOCUMENT')
      throw AppError.field('FIELD_INVALID', 'type', `use the documents endpoints for ${type}`);
    const allowed = mayOperate(actor.auth.ability, type, subjectOf(c));
    const d = decideOperational(def, c.state, facts, event);
    if (!d.ok && (d.code === 'NOT_ACCEPTED' || d.code === 'UNKNOWN_STATE' || d.code === 'CONDITION_FAILED'))
      throw decisionError(d, type, def, current);
    if (!allowed || (!d.ok && d.code === 'ROLE_NOT_ALLOWED')) throw new AppError('FORBIDDEN', `You may not ${type} this case`);
    if (!d.ok) throw decisionError(d, type, def, current);

    let payload: Record<string, unknown> = {};
    let set: CaseUpdate = {};
    let isPublic = false;
    switch (type) {
      case 'CLAIM':
        // Someone on leave takes no new work, not even by claiming it.
        if (actor.id !== c.assignee_id && (await this.leaves.onLeave([actor.id as string], m)).size)
          throw onLeaveError(`${actor.name ?? 'you'} (the caller) is on leave today`);
        set = { assignee_id: actor.id };
        payload = { assigneeId: actor.id };
        break;
      case 'ASSIGN': {
        const assignee = await this.eligibleAssignee(def, c, input.assigneeId as string);
        set = { assignee_id: assignee.id };
        payload = { assigneeId: assignee.id, assigneeName: assignee.fullName, previousAssigneeId: c.assignee_id };
        break;
      }
      case 'RELEASE':
        set = { assignee_id: null };
        payload = { previousAssigneeId: c.assignee_id };
        break;
      case 'TRANSFER': {
        const target = input.opdId as string;
        if (target === c.opd_id) throw AppError.field('RULE_VIOLATED', 'opdId', 'is already the responsible OPD');
        const opd = await this.opds.findActive(target);
        if (!opd) throw AppError.field('REFERENCE_INVALID', 'opdId', 'does not exist or is inactive');
        set = {
          opd_id: target,
          assignee_id: null,
          handled_opd_ids: c.handled_opd_ids.includes(target) ? c.handled_opd_ids : [...c.handled_opd_ids, target],
        };
        payload = { fromOpdId: c.opd_id, toOpdId: target, toOpdName: opd.shortName };
        isPublic = true;
        break;
      }
      case 'COMMENT':
        isPublic = input.public === true;
        break;
    }
    const opRoles = OPERATIONAL_ACTIONS[type].roles;
    return this.append(
      m,
      c,
      {
        type,
        fromState: c.state,
        toState: c.state,
        actor,
        actorRole: roleFor(opRoles === 'next-roles' ? nextRoles(def, c.state) : opRoles, actor),
        comment: input.comment ?? input.note ?? null,
        reason: input.reason ?? null,
        public: isPublic,
        payload,
        now: new Date(),
      },
      { topic: `case.${type.toLowerCase()}`, payload: { ...payload, opdId: c.opd_id } },
      set,
    );
  }

  /** Bulk assignment: each case on its own (one write each), with a result per case. */
  async bulkAssign(auth: AuthContext, caseIds: string[], assigneeId: string, reason: string): Promise<BulkResult[]> {
    return this.eachCase(
      caseIds.map((id) => ({ id, version: 'current' as const })),
      (item) => this.apply(this.db.manager, item.id, { type: 'ASSIGN', version: item.version, assigneeId, reason }, staffActor(auth)),
    );
  }

  /**
   * Reassigning a user's open cases as a preview proposed: each case through ASSIGN at the version
   * previewed (a case changed since is a 409 in its result), only while it is still the user's.
   */
  async reassign(
    auth: AuthContext,
    fromUserId: string,
    items: { caseId: string; version: number; assigneeId: string }[],
    reason: string,
  ): Promise<BulkResult[]> {
    return this.eachCase(
      items.map((i) => ({ ...i, id: i.caseId })),
      async (item) => {
        const c = await this.repo.findForWrite(this.db, item.id);
        if (c && c.assignee_id !== fromUserId && c.version === item.version)
          throw AppError.field('RULE_VIOLATED', 'caseId', 'the case is not assigned to this user');
        return this.apply(
          this.db.manager,
          item.id,
          { type: 'ASSIGN', version: item.version, assigneeId: item.assigneeId, reason },
          staffActor(auth),
        );
      },
    );
  }

  /**
   * The same workflow event on several cases (e.g. approving routine files), each at the version
   * the caller saw and each decided on its own: four eyes, permissions and the state are checked
   * per case, and every case gets its result.
   */
  async bulkEvents(
    auth: AuthContext,
    input: { type: string; items: { id: string; version: number }[]; reason?: string; comment?: string },
  ): Promise<BulkResult[]> {
    if (isOperationalAction(input.type))
      throw AppError.field('FIELD_INVALID', 'type', 'must be a workflow event; use bulk-assign to assign');
    return this.eachCase(input.items, (item) =>
      this.apply(
        this.db.manager,
        item.id,
        { type: input.type, version: item.version, reason: input.reason, comment: input.comment },
        staffActor(auth),
      ),
    );
  }

  private async eachCase<T extends { id: string }>(items: T[], run: (item: T) => Promise<CaseDetailRow>): Promise<BulkResult[]> {
    const results: BulkResult[] = [];
    for (const item of items) {
      try {
        const row = await run(item);
        results.push({ id: item.id, ok: true, statusCode: 200, code: null, message: 'done', version: row.version });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const body = toErrorBody(e);
        results.push({
          id: item.id,
          ok: false,
          statusCode: body.statusCode,
          code: body.code,
          message: body.message,
          version: body.current?.version ?? null,
        });
      }
    }
    return results;
  }

  /**
   * Appends an entry to the case's hash chain, updating the case row (chain head, version + 1,
   * updated_at, plus `set`) and writing the outbox notice, in one statement and only if the case
   * is still at `c.version`: a caller that read the case without a lock loses to any change since,
   * with a 409 carrying the case as it is now.
   */
  async append(
    m: EntityManager,
    c: ChainHead,
    e: EntryInput,
    notice: Notice,
    set: CaseUpdate = {},
    interval?: StateInterval,
  ): Promise<CaseDetailRow> {
    const actorRole = e.actorRole ?? e.actor.roles[0] ?? 'system';
    const grant = e.actor.acting?.[actorRole];
    const actingAs = grant ? actingCapacity(grant) : undefined;
    const link = chainNext(
      {
        caseId: c.id,
        type: e.type,
        fromState: e.fromState,
        toState: e.toState,
        actorId: e.actor.auth ? e.actor.id : null,
        actorName: e.actor.name,
        actorRole,
        comment: e.comment,
        reason: e.reason,
        public: e.public,
        // The capacity in which the actor acted, when it is an acting appointment: part of the hashed entry.
        payload: actingAs ? { ...e.payload, actingAs } : e.payload,
        createdAt: e.now,
      },
      { lastHash: c.last_event_hash, count: c.event_count },
    );
    const written = await this.repo.appendEvent(m, c, link, notice, set, interval);
    if (written) return written;
    const now = await this.repo.stateOf(m, c.id);
    throw new AppError('CASE_VERSION_CONFLICT', `The case has changed since you loaded it (version ${c.version}, now ${now?.version})`, {
      current: now,
    });
  }

  /** An assignee must be an active member of the case's OPD whose roles can take its current step. */
  private async eligibleAssignee(
    def: WorkflowDefinition,
    c: Pick<CaseRow, 'opd_id' | 'state'>,
    assigneeId: string,
  ): Promise<{ id: string; fullName: string }> {
    const u = await this.users.findStaff(assigneeId);
    if (!u || !u.active || u.opdId !== c.opd_id) {
      throw AppError.field('ASSIGNEE_CANNOT_ACT', 'assigneeId', `${u?.fullName ?? 'this user'} is not an active member of the case's OPD`);
    }
    const roles = nextRoles(def, c.state);
    if (!u.roles.some((r) => roles.includes(r))) {
      throw AppError.field(
        'ASSIGNEE_CANNOT_ACT',
        'assigneeId',
        `${u.fullName} cannot act on the case's current step (needs ${roles.join(' or ')})`,
      );
    }
    if ((await this.leaves.onLeave([u.id])).size) throw onLeaveError(`${u.fullName} is on leave today`);
    return u;
  }
}

function onLeaveError(message: string): AppError {
  return AppError.field('ASSIGNEE_ON_LEAVE', 'assigneeId', message);
}
