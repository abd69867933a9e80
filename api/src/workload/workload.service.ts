import { Injectable } from '@nestjs/common';
import {
  compareWorkload,
  SLA_RISK_WEIGHTS,
  workloadOf,
  type AssigneeSuggestion,
  type BulkResult,
  type ReassignPreview,
  type ReassignPreviewItem,
  type Role,
} from '@layanan/contracts';
import { nextRoles, stateLabel } from '@layanan/workflow';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { abilityToSql } from '../common/authz/ability-to-sql';
import { Clock } from '../common/clock';
import { SqlArgs } from '../common/database/sql-args';
import { AppError } from '../common/errors/app-error';
import { subjectOf } from '../cases/case-access';
import { CaseEventsService } from '../cases/case-events.service';
import { CASE_SQL_FIELDS } from '../cases/case-list.query';
import { caseSlaStatus } from '../cases/case-view';
import { CaseRepository } from '../cases/case.repository';
import { ServicesService } from '../services/services.service';
import { AssignmentPoolRepository, type PoolMember } from '../staffing/assignment-pool.repository';
import { UsersService } from '../users/users.service';
import { WorkflowRegistry } from '../workflows/workflow-registry.service';
import type { ReassignDto } from './dto/reassign.dto';

/** The most open cases one preview lists (a user holding more is reassigned in rounds). */
const PREVIEW_LIMIT = 200;

/**
 * Workload: who should take a case (eligible, present, least loaded by SLA risk), and moving a
 * user's open cases to others with a preview, each case through the real ASSIGN transition.
 */
@Injectable()
export class WorkloadService {
  constructor(
    private readonly db: DataSource,
    private readonly cases: CaseRepository,
    private readonly events: CaseEventsService,
    private readonly pool: AssignmentPoolRepository,
    private readonly users: UsersService,
    private readonly workflows: WorkflowRegistry,
    private readonly services: ServicesService,
    private readonly clock: Clock,
  ) {}

  /** The users who could take the case's current step, present today, least loaded first (the first is suggested). */
  async suggestions(auth: AuthContext, caseId: string): Promise<AssigneeSuggestion[]> {
    const c = await this.cases.findForWrite(this.db, caseId);
    if (!c || !auth.ability.can('read', subjectOf(c))) throw AppError.notFound('Case');
    if (!auth.ability.can('assign', subjectOf(c))) throw new AppError('FORBIDDEN', 'You may not assign this case');
    const def = await this.workflows.get(c.workflow_key, c.workflow_version);
    const roles = nextRoles(def, c.state);
    const now = this.clock.now();
    const members = roles.length ? await this.pool.present(c.opd_id, roles, now) : [];
    const ranked = await this.ranked(members, roles, now);
    return ranked.map((s, i) => ({ ...s, suggested: i === 0 }));
  }

  /**
   * Where each open case of `userId` (as far as the caller may read them) would go: to the least
   * loaded present user who can take its step, counting the cases proposed before it, so a batch
   * spreads out. Nothing is written.
   */
  async preview(auth: AuthContext, userId: string): Promise<ReassignPreview> {
    const from = await this.users.get(auth, userId);
    const args = new SqlArgs();
    const permission = abilityToSql(auth.ability, 'read', 'Case', CASE_SQL_FIELDS, args);
    const open = await this.cases.openAssignedTo(userId, permission, args, PREVIEW_LIMIT);
    const now = this.clock.now();
    const loads = new Map<string, AssigneeSuggestion>();
    const pools = new Map<string, PoolMember[]>();
    const items: ReassignPreviewItem[] = [];
    for (const c of open) {
      const def = await this.workflows.get(c.workflow_key, c.workflow_version);
      const service = await this.services.standardOf(c.service_id, c.service_version);
      const roles = nextRoles(def, c.state);
      const key = `${c.opd_id}|${[...roles].sort().join(',')}`;
      let members = pools.get(key);
      if (!members) {
        members = (roles.length ? await this.pool.present(c.opd_id, roles, now) : []).filter((u) => u.id !== userId);
        pools.set(key, members);
        for (const s of await this.ranked(
          members.filter((u) => !loads.has(u.id)),
          roles,
          now,
        ))
          loads.set(s.userId, s);
      }
      const slaStatus = caseSlaStatus(c, now);
      const candidates = members.map((u) => loads.get(u.id)).filter((s): s is AssigneeSuggestion => s !== undefined);
      const pick = candidates.sort(compareWorkload)[0];
      const problem = !auth.ability.can('assign', subjectOf(c)) ? 'FORBIDDEN' : pick ? null : 'NO_ELIGIBLE_ASSIGNEE';
      if (pick && !problem) {
        pick.load += SLA_RISK_WEIGHTS[slaStatus === 'done' ? 'on_time' : slaStatus];
        pick.openCases += 1;
      }
      items.push({
        caseId: c.id,
        trackingCode: c.tracking_code,
        serviceName: service.name,
        state: c.state,
        stateLabel: stateLabel(def, c.state, 'id'),
        dueAt: c.due_at?.toISOString() ?? null,
        slaStatus,
        version: c.version,
        assigneeId: problem ? null : (pick?.userId ?? null),
        assigneeName: problem ? null : (pick?.fullName ?? null),
        problem,
      });
    }
    return { fromUserId: from.id, fromUserName: from.fullName, items };
  }

  /** Runs a (previewed) reassignment: each case through ASSIGN at the version previewed, a result per case. */
  reassign(auth: AuthContext, userId: string, dto: ReassignDto): Promise<BulkResult[]> {
    return this.events.reassign(auth, userId, dto.items, dto.reason);
  }

  private async ranked(members: PoolMember[], roles: readonly string[], now: Date): Promise<AssigneeSuggestion[]> {
    const counts = new Map(
      (
        await this.cases.openLoads(
          members.map((u) => u.id),
          now,
        )
      ).map((r) => [r.assignee_id, r]),
    );
    return members
      .map((u) => {
        const r = counts.get(u.id);
        const load = { open: r?.open ?? 0, overdue: r?.overdue ?? 0, dueSoon: r?.due_soon ?? 0, paused: r?.paused ?? 0 };
        return {
          userId: u.id,
          fullName: u.full_name,
          roles: u.roles.filter((role): role is Role => roles.includes(role)),
          openCases: load.open,
          overdueCases: load.overdue,
          dueSoonCases: load.dueSoon,
          load: workloadOf(load),
          suggested: false,
        };
      })
      .sort(compareWorkload);
  }
}
