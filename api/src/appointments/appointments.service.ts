import { Injectable } from '@nestjs/common';
import { appointmentSubject } from '@layanan/authz';
import {
  actingCapacity,
  headTitle,
  jakartaDay,
  type AppointableRole,
  type AppointmentLogEntry,
  type AppointmentStatus,
  type AppointmentView,
} from '@layanan/contracts';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { SessionCache } from '../common/auth/session-cache';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { filterString, type ListQuery } from '../common/http/list-query';
import { UsersService } from '../users/users.service';
import { AppointmentsRepository, type AppointmentRow } from './appointments.repository';
import type { CreateAppointmentDto } from './dto/appointment.dto';

/** A Plt. serves at most three months at a time (SE Kepala BKN 2/SE/VII/2019); an extension is a new appointment. */
const PLT_MAX_MONTHS = 3;

/**
 * Plh./Plt. appointments: an admin (any OPD) or the OPD's own head appoints a user to a position
 * for whole WIB days. Overlaps of one position are refused (exclusion constraint); every creation
 * and revocation is logged. The guard loads the delegate's appointments with the session.
 */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: AppointmentsRepository,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly sessions: SessionCache,
  ) {}

  /** Who holds `role` in these OPDs now (by the clock) as Plh./Plt., with the capacity ("Plh. Kepala Dinas …"). */
  async actingHolders(
    role: AppointableRole,
    opdIds: string[],
    m: DataSource | EntityManager = this.db,
  ): Promise<{ userId: string; opdId: string; capacity: string }[]> {
    const rows = await this.repo.holdersAt(m, role, opdIds, this.clock.now());
    return rows.map((r) => ({ userId: r.userId, opdId: r.opdId, capacity: actingCapacity(r) }));
  }

  async list(auth: AuthContext, q: ListQuery): Promise<{ rows: AppointmentView[]; total: number }> {
    const opdId = filterString(q.filter, 'opdId');
    const userId = filterString(q.filter, 'userId');
    const current = q.filter.current === true || q.filter.current === 'true';
    const everyOpd = auth.ability.can('manage', 'Appointment');
    const own = auth.user.opdId && auth.ability.can('read', appointmentSubject({ opdId: auth.user.opdId })) ? [auth.user.opdId] : [];
    const opdIds = everyOpd ? (opdId ? [opdId] : null) : own.filter((o) => !opdId || o === opdId);
    const { rows, total } = await this.repo.list({ opdIds, userId, currentAt: current ? this.clock.now() : undefined }, q);
    const now = this.clock.now();
    return { rows: rows.map((r) => view(r, now)), total };
  }

  async get(auth: AuthContext, id: string): Promise<AppointmentView> {
    return view(await this.readable(auth, id), this.clock.now());
  }

  async log(auth: AuthContext, id: string): Promise<AppointmentLogEntry[]> {
    await this.readable(auth, id);
    return this.repo.logOf(id);
  }

  async create(auth: AuthContext, dto: CreateAppointmentDto): Promise<AppointmentView> {
    if (!auth.ability.can('create', appointmentSubject({ opdId: dto.opdId })))
      throw new AppError('FORBIDDEN', 'Only an admin or the head of this OPD may appoint an acting official');
    if (dto.validUntil < dto.validFrom) throw AppError.field('FIELD_INVALID', 'validUntil', 'must be on or after validFrom');
    const today = jakartaDay(this.clock.now());
    if (dto.validUntil < today) throw AppError.field('FIELD_INVALID', 'validUntil', `lies in the past (today is ${today} WIB)`);
    if (dto.kind === 'plt' && dto.validUntil >= addMonths(dto.validFrom, PLT_MAX_MONTHS))
      throw AppError.field('RULE_VIOLATED', 'validUntil', `a Plt. serves at most ${PLT_MAX_MONTHS} months; extend with a new appointment`);
    const opd = await this.repo.opd(this.db, dto.opdId);
    if (!opd?.active) throw AppError.field('REFERENCE_INVALID', 'opdId', 'no such active OPD');
    const delegate = await this.users.findStaff(dto.userId);
    if (!delegate?.active) throw AppError.field('REFERENCE_INVALID', 'userId', 'no such active user');
    if (delegate.opdId === dto.opdId && delegate.roles.includes(dto.role))
      throw AppError.field('RULE_VIOLATED', 'userId', `${delegate.fullName} already holds this role in this OPD`);
    const positionTitle = dto.positionTitle?.trim() || (dto.role === 'head' ? headTitle(opd) : undefined);
    if (!positionTitle)
      throw AppError.field('FIELD_REQUIRED', 'positionTitle', 'name the section head position (e.g. Kepala Seksi Pelayanan)');
    const input = {
      opdId: dto.opdId,
      role: dto.role,
      positionTitle,
      userId: dto.userId,
      kind: dto.kind,
      legalBasis: dto.legalBasis?.trim() || null,
      validFrom: dto.validFrom,
      validUntil: dto.validUntil,
      createdById: auth.user.id,
    };
    try {
      const id = await this.db.transaction(async (m) => {
        const clash = await this.repo.overlapping(m, input);
        if (clash) throw overlapError(clash);
        const created = await this.repo.insert(m, input);
        await this.repo.log(m, {
          appointmentId: created,
          action: 'created',
          actorId: auth.user.id,
          actorName: auth.user.fullName,
          reason: null,
          details: input,
        });
        return created;
      });
      // This instance drops the delegate's cached session before it answers (the others on the NOTIFY).
      this.sessions.forgetUser(dto.userId);
      return this.get(auth, id);
    } catch (e) {
      // Two appointments written at once: the constraint refuses the second.
      if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23P01') {
        const clash = await this.repo.overlapping(this.db, input);
        throw clash
          ? overlapError(clash)
          : AppError.field('APPOINTMENT_OVERLAP', 'validFrom', 'overlaps another appointment of this position');
      }
      throw e;
    }
  }

  /** Ends an appointment now (or cancels one not yet started). */
  async revoke(auth: AuthContext, id: string, reason: string): Promise<AppointmentView> {
    const delegate = await this.db.transaction(async (m) => {
      const a = await this.repo.find(m, id, { lock: true });
      if (!a || !auth.ability.can('read', appointmentSubject({ opdId: a.opd_id }))) throw AppError.notFound('Appointment');
      if (!auth.ability.can('update', appointmentSubject({ opdId: a.opd_id })))
        throw new AppError('FORBIDDEN', 'Only an admin or the head of this OPD may revoke an appointment');
      if (a.revoked_at) throw new AppError('RULE_VIOLATED', 'The appointment is already revoked');
      if (a.ends_at.getTime() <= this.clock.now().getTime()) throw new AppError('RULE_VIOLATED', 'The appointment has already ended');
      await this.repo.revoke(m, id, auth.user.id, reason);
      await this.repo.log(m, {
        appointmentId: id,
        action: 'revoked',
        actorId: auth.user.id,
        actorName: auth.user.fullName,
        reason,
        details: {},
      });
      return a.user_id;
    });
    // This instance drops the delegate's cached session before it answers (the others on the NOTIFY).
    this.sessions.forgetUser(delegate);
    return this.get(auth, id);
  }

  private async readable(auth: AuthContext, id: string): Promise<AppointmentRow> {
    const a = await this.repo.find(this.db, id);
    const mine = a?.user_id === auth.user.id;
    if (!a || (!mine && !auth.ability.can('read', appointmentSubject({ opdId: a.opd_id })))) throw AppError.notFound('Appointment');
    return a;
  }
}

function overlapError(clash: AppointmentRow): AppError {
  return new AppError(
    'APPOINTMENT_OVERLAP',
    `validFrom: overlaps ${actingCapacity({ kind: clash.kind, positionTitle: clash.position_title })} ${clash.user_name} (${clash.valid_from} – ${clash.valid_until})`,
    {
      details: [
        { field: 'validFrom', message: `overlaps the appointment of ${clash.user_name} from ${clash.valid_from} to ${clash.valid_until}` },
      ],
    },
  );
}

/** YYYY-MM-DD plus n calendar months (the day clamped to the month's end). */
function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))).toISOString().slice(0, 10);
}

function statusOf(r: AppointmentRow, now: Date): AppointmentStatus {
  if (r.revoked_at) return 'revoked';
  if (now < r.starts_at) return 'upcoming';
  return now < r.ends_at ? 'active' : 'ended';
}

function view(r: AppointmentRow, now: Date): AppointmentView {
  return {
    id: r.id,
    userId: r.user_id,
    userName: r.user_name,
    opdId: r.opd_id,
    opdName: r.opd_name,
    role: r.role,
    kind: r.kind,
    positionTitle: r.position_title,
    capacity: actingCapacity({ kind: r.kind, positionTitle: r.position_title }),
    legalBasis: r.legal_basis,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    status: statusOf(r, now),
    createdById: r.created_by_id,
    createdByName: r.created_by_name,
    createdAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
    revokeReason: r.revoke_reason,
  };
}
