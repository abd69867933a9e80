import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../cases/actor';
import { CaseEventsService } from '../cases/case-events.service';
import { CaseRepository } from '../cases/case.repository';
import { LeavesService } from '../staffing/leaves.service';
import { UsersService } from '../users/users.service';

const BATCH = 200;

/**
 * Marks overdue cases as escalated: one ESCALATE event each (system actor) and an outbox row
 * that notifies the OPD's supervisors who are not on leave (none present: the OPD's head, if present). Idempotent (escalated_at) and safe with several API
 * instances: rows are taken with FOR UPDATE SKIP LOCKED.
 */
@Injectable()
export class EscalationService {
  private readonly logger = new Logger(EscalationService.name);

  constructor(
    private readonly db: DataSource,
    private readonly repo: CaseRepository,
    private readonly events: CaseEventsService,
    private readonly users: UsersService,
    private readonly leaves: LeavesService,
  ) {}

  async run(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.db.transaction(async (m) => {
        const rows = await this.repo.lockOverdue(m, now, BATCH);
        if (!rows.length) return 0;
        const opdIds = [...new Set(rows.map((r) => r.opd_id))];
        // The OPD's section heads who are present; when all are on leave, its head (also only if present).
        const supervisors = await this.users.activeWithRole('supervisor', opdIds, m);
        const heads = await this.users.activeWithRole('head', opdIds, m);
        const away = await this.leaves.onLeave(
          [...supervisors, ...heads].map((u) => u.id),
          m,
        );
        for (const c of rows) {
          const present = (users: { id: string; opdId: string }[]) =>
            users.filter((u) => u.opdId === c.opd_id && !away.has(u.id)).map((u) => u.id);
          const first = present(supervisors);
          const notify = first.length ? first : present(heads);
          await this.events.append(
            m,
            c,
            {
              type: 'ESCALATE',
              fromState: c.state,
              toState: c.state,
              actor: SYSTEM_ACTOR,
              comment: null,
              reason: 'Melewati batas waktu layanan',
              public: false,
              payload: { dueAt: c.due_at.toISOString() },
              now,
            },
            { topic: 'case.escalated', payload: { opdId: c.opd_id, dueAt: c.due_at.toISOString(), notifyUserIds: notify } },
            { escalated_at: now },
          );
        }
        return rows.length;
      });
      total += n;
      if (n < BATCH) break;
    }
    if (total) this.logger.log(`escalated ${total} overdue case(s)`);
    return total;
  }
}
