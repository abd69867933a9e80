import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { ConsultFollowUpEventType, Role } from '@layanan/contracts';
import { DataSource } from 'typeorm';
import { AppointmentsService } from '../appointments/appointments.service';
import { SYSTEM_ACTOR } from '../cases/actor';
import { CaseEventsService } from '../cases/case-events.service';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { WorkingCalendarService } from '../holidays/working-calendar.service';
import { JobsService } from '../jobs/jobs.service';
import { LeavesService } from '../staffing/leaves.service';
import { UsersService } from '../users/users.service';
import { consultFollowUpAt, type ConsultFollowUpStep } from './consult-follow-up';
import { ConsultsRepository, type FollowUpCandidateRow } from './consults.repository';

export const CONSULT_FOLLOW_UP_QUEUE = 'consult-follow-up';
const BATCH = 200;
/** A reminder falls on the deadline's day (or the last working day before, past a long holiday): candidates are due within this. */
const REMINDER_HORIZON_MS = 14 * 86_400_000;

interface Recipient {
  userId: string;
  /** "Plh. Kepala Dinas …" when the user is notified as an acting official. */
  capacity: string | null;
}

/**
 * Follow-ups of open consults (pg-boss, every five minutes, once across instances): on the
 * deadline's day, from office opening (WIB), a reminder to the consulted OPD (the addressed role
 * and the section heads who are present); one working day past the deadline, an escalation to the
 * consulted OPD's head — the head if present, and whoever holds the post as Plh./Plt. now — and a
 * notice to the requester. Each is a system entry of the case's log (CONSULT_REMINDED /
 * CONSULT_ESCALATED) with its outbox row, written under the case row lock together with
 * `reminded_at` / `escalated_at`, which a conditional UPDATE sets once: a second run, another
 * instance or a restart finds it set and writes nothing.
 */
@Injectable()
export class ConsultFollowUpService implements OnModuleInit {
  private readonly logger = new Logger(ConsultFollowUpService.name);

  constructor(
    private readonly db: DataSource,
    private readonly repo: ConsultsRepository,
    private readonly cases: CaseRepository,
    private readonly events: CaseEventsService,
    private readonly users: UsersService,
    private readonly leaves: LeavesService,
    private readonly appointments: AppointmentsService,
    private readonly calendar: WorkingCalendarService,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ queue: CONSULT_FOLLOW_UP_QUEUE, cron: '*/5 * * * *', run: () => this.run() });
  }

  async run(): Promise<{ reminded: number; escalated: number }> {
    const now = this.clock.now();
    const cal = await this.calendar.get();
    const done = { reminded: 0, escalated: 0 };
    let after: { dueAt: Date; id: string } | null = null;
    for (;;) {
      const batch = await this.repo.followUpCandidates(new Date(now.getTime() + REMINDER_HORIZON_MS), after, BATCH);
      for (const k of batch) {
        const step = consultFollowUpAt({ dueAt: k.due_at, remindedAt: k.reminded_at, escalatedAt: k.escalated_at }, now, cal);
        if (step && (await this.send(k, step, now))) done[step === 'remind' ? 'reminded' : 'escalated']++;
      }
      if (batch.length < BATCH) break;
      const last = batch[batch.length - 1];
      after = { dueAt: last.due_at, id: last.id };
    }
    if (done.reminded || done.escalated) this.logger.log(`consults: ${done.reminded} reminded, ${done.escalated} escalated`);
    return done;
  }

  /** One follow-up in its own transaction; false when it was already sent or the consult or case closed meanwhile. */
  private async send(k: FollowUpCandidateRow, step: ConsultFollowUpStep, now: Date): Promise<boolean> {
    const recipients = step === 'remind' ? await this.reminderRecipients(k) : await this.heads(k.consulted_opd_id);
    const type: ConsultFollowUpEventType = step === 'remind' ? 'CONSULT_REMINDED' : 'CONSULT_ESCALATED';
    const notifyUserIds = recipients.map((r) => r.userId);
    const acting = recipients.filter((r) => r.capacity).map((r) => ({ userId: r.userId, capacity: r.capacity }));
    const dueAt = k.due_at.toISOString();
    return this.db.transaction(async (m) => {
      const c = await this.cases.findForWrite(m, k.case_id, { lock: true });
      // A closed case takes no more entries; its open consult is left as it is.
      if (!c || !c.is_open) return false;
      if (!(await this.repo.markFollowUp(m, k.id, step, now))) return false;
      await this.events.append(
        m,
        c,
        {
          type,
          fromState: c.state,
          toState: c.state,
          actor: SYSTEM_ACTOR,
          comment: null,
          reason: step === 'remind' ? 'Batas jawab pertimbangan teknis hari ini' : 'Pertimbangan teknis melewati batas satu hari kerja',
          public: false,
          payload: {
            consultId: k.id,
            consultedOpdId: k.consulted_opd_id,
            consultedOpdName: k.consulted_opd_name,
            dueAt,
            notifyUserIds,
            acting,
          },
          now,
        },
        {
          topic: `case.${type.toLowerCase()}`,
          payload: {
            consultId: k.id,
            opdId: c.opd_id,
            consultedOpdId: k.consulted_opd_id,
            consultedOpdName: k.consulted_opd_name,
            dueAt,
            notifyUserIds,
            ...(step === 'escalate' ? { requestedById: k.requested_by_id } : {}),
          },
        },
      );
      return true;
    });
  }

  /** The addressed role and the section heads of the consulted OPD who are present; none: its head. */
  private async reminderRecipients(k: FollowUpCandidateRow): Promise<Recipient[]> {
    const roles = [...new Set<Role>([...(k.consulted_role ? [k.consulted_role] : []), 'supervisor'])];
    const found: Recipient[] = [];
    for (const role of roles) found.push(...(await this.holders(role, k.consulted_opd_id)));
    const present = unique(found);
    return present.length ? present : this.heads(k.consulted_opd_id);
  }

  /** The consulted OPD's head: the kepala if present, and a Plh./Plt. in force now (if present); none: its present section heads. */
  private async heads(opdId: string): Promise<Recipient[]> {
    const heads = unique(await this.holders('head', opdId));
    return heads.length ? heads : unique(await this.holders('supervisor', opdId));
  }

  /** Present (not on leave) active users of the OPD with the role, and present delegates acting in it (Plh./Plt.). */
  private async holders(role: Role, opdId: string): Promise<Recipient[]> {
    const own: Recipient[] = (await this.users.activeWithRole(role, [opdId])).map((u) => ({ userId: u.id, capacity: null }));
    const acting: Recipient[] =
      role === 'head' || role === 'supervisor'
        ? (await this.appointments.actingHolders(role, [opdId])).map((a) => ({ userId: a.userId, capacity: a.capacity }))
        : [];
    const all = [...own, ...acting];
    const away = await this.leaves.onLeave(all.map((r) => r.userId));
    return all.filter((r) => !away.has(r.userId));
  }
}

/** One entry per user; a user who holds the post and also acts in it is named once, as themself. */
function unique(list: Recipient[]): Recipient[] {
  const out = new Map<string, Recipient>();
  for (const r of list) if (!out.has(r.userId)) out.set(r.userId, r);
  return [...out.values()];
}
