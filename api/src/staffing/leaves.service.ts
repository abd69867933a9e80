import { Injectable } from '@nestjs/common';
import { leaveSubject } from '@layanan/authz';
import { jakartaDay, type LeaveView } from '@layanan/contracts';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { abilityToSql } from '../common/authz/ability-to-sql';
import { Clock } from '../common/clock';
import { SqlArgs } from '../common/database/sql-args';
import { AppError } from '../common/errors/app-error';
import { filterIds, type ListQuery } from '../common/http/list-query';
import { UsersService } from '../users/users.service';
import type { CreateLeaveDto } from './dto/leave.dto';
import { LeavesRepository, type LeaveLogRow, type LeaveRow } from './leaves.repository';

/**
 * Leave (cuti) of staff for whole WIB days: a user marks their own; the OPD's section head or head,
 * or an admin, marks anyone's in their scope (libs/authz `Leave`). Overlaps for one user are refused
 * (exclusion constraint); creation and cancellation are logged. While on leave a user gets no new
 * cases and escalation passes them by (`onLeave`).
 */
@Injectable()
export class LeavesService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: LeavesRepository,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  async list(auth: AuthContext, q: ListQuery): Promise<{ rows: LeaveView[]; total: number }> {
    const args = new SqlArgs();
    const permission = abilityToSql(
      auth.ability,
      'read',
      'Leave',
      { userId: { column: 'l.user_id', kind: 'scalar' }, opdId: { column: 'u.opd_id', kind: 'scalar' } },
      args,
    );
    const current = q.filter.current === true || q.filter.current === 'true';
    const now = this.clock.now();
    const { rows, total } = await this.repo.list(
      permission,
      args,
      { userId: filterIds(q.filter, 'userId')?.[0], currentAt: current ? now : undefined },
      q,
    );
    return { rows: rows.map((r) => view(r, now)), total };
  }

  async get(auth: AuthContext, id: string): Promise<LeaveView> {
    return view(await this.readable(auth, id), this.clock.now());
  }

  async log(auth: AuthContext, id: string): Promise<LeaveLogRow[]> {
    await this.readable(auth, id);
    return this.repo.logOf(id);
  }

  async create(auth: AuthContext, dto: CreateLeaveDto): Promise<LeaveView> {
    const userId = dto.userId ?? auth.user.id;
    const user = await this.users.findStaff(userId);
    if (!user || !auth.ability.can('read', leaveSubject({ userId, opdId: user.opdId })))
      throw AppError.field('REFERENCE_INVALID', 'userId', 'no such user in your scope');
    if (!auth.ability.can('create', leaveSubject({ userId, opdId: user.opdId })))
      throw new AppError('FORBIDDEN', "Only the user, the OPD's section head or head, or an admin may record this leave");
    if (!user.active) throw AppError.field('REFERENCE_INVALID', 'userId', 'the user is deactivated');
    if (dto.validUntil < dto.validFrom) throw AppError.field('FIELD_INVALID', 'validUntil', 'must be on or after validFrom');
    const today = jakartaDay(this.clock.now());
    if (dto.validUntil < today) throw AppError.field('FIELD_INVALID', 'validUntil', `lies in the past (today is ${today} WIB)`);
    const input = {
      userId,
      kind: dto.kind,
      note: dto.note?.trim() || null,
      validFrom: dto.validFrom,
      validUntil: dto.validUntil,
      createdById: auth.user.id,
    };
    try {
      const id = await this.db.transaction(async (m) => {
        const clash = await this.repo.overlapping(m, userId, dto.validFrom, dto.validUntil);
        if (clash) throw overlapError(clash);
        const created = await this.repo.insert(m, input);
        await this.repo.log(m, {
          leaveId: created,
          action: 'created',
          actorId: auth.user.id,
          actorName: auth.user.fullName,
          details: input,
        });
        return created;
      });
      return this.get(auth, id);
    } catch (e) {
      // Two leaves written at once: the constraint refuses the second.
      if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23P01') {
        const clash = await this.repo.overlapping(this.db, userId, dto.validFrom, dto.validUntil);
        throw clash ? overlapError(clash) : AppError.field('LEAVE_OVERLAP', 'validFrom', 'overlaps another leave of this user');
      }
      throw e;
    }
  }

  /**
   * Cancels a leave not yet begun; one under way ends with yesterday (WIB), so the user is present
   * again today, or is cancelled when it began today. An ended leave stays as it was.
   */
  async cancel(auth: AuthContext, id: string): Promise<LeaveView> {
    await this.db.transaction(async (m) => {
      const l = await this.repo.find(m, id, { lock: true });
      const subject = l && leaveSubject({ userId: l.user_id, opdId: l.opd_id });
      if (!l || !subject || !auth.ability.can('read', subject)) throw AppError.notFound('Leave');
      if (!auth.ability.can('update', subject)) throw new AppError('FORBIDDEN', 'You may not change this leave');
      if (l.cancelled_at) throw new AppError('RULE_VIOLATED', 'The leave is already cancelled');
      const today = jakartaDay(this.clock.now());
      if (l.valid_until < today) throw new AppError('RULE_VIOLATED', 'The leave has already ended');
      const actor = { actorId: auth.user.id, actorName: auth.user.fullName };
      if (l.valid_from < today) {
        const lastDay = dayBefore(today);
        await this.repo.shorten(m, id, lastDay);
        await this.repo.log(m, { leaveId: id, action: 'shortened', ...actor, details: { validUntil: lastDay, was: l.valid_until } });
      } else {
        await this.repo.cancel(m, id, auth.user.id);
        await this.repo.log(m, { leaveId: id, action: 'cancelled', ...actor, details: {} });
      }
    });
    return this.get(auth, id);
  }

  /** Of `userIds`, those on leave now (by the clock the permission checks read). */
  onLeave(userIds: string[], m: EntityManager | DataSource = this.db): Promise<Set<string>> {
    return this.repo.onLeave(m, userIds, this.clock.now());
  }

  private async readable(auth: AuthContext, id: string): Promise<LeaveRow> {
    const l = await this.repo.find(this.db, id);
    if (!l || !auth.ability.can('read', leaveSubject({ userId: l.user_id, opdId: l.opd_id }))) throw AppError.notFound('Leave');
    return l;
  }
}

function overlapError(clash: LeaveRow): AppError {
  return new AppError('LEAVE_OVERLAP', `validFrom: overlaps the leave of ${clash.user_name} (${clash.valid_from} – ${clash.valid_until})`, {
    details: [{ field: 'validFrom', message: `overlaps the leave from ${clash.valid_from} to ${clash.valid_until}` }],
  });
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function view(r: LeaveRow, now: Date): LeaveView {
  const status: LeaveView['status'] = r.cancelled_at ? 'cancelled' : now < r.starts_at ? 'upcoming' : now < r.ends_at ? 'active' : 'ended';
  return {
    id: r.id,
    userId: r.user_id,
    userName: r.user_name,
    kind: r.kind,
    note: r.note,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    status,
    createdByName: r.created_by_name,
    createdAt: r.created_at.toISOString(),
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
  };
}
