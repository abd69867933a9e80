import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../cases/actor';
import { CaseEventsService } from '../cases/case-events.service';
import { CaseRepository } from '../cases/case.repository';
import { UsersService } from '../users/users.service';

const BATCH = 200;

/**
 * Marks overdue cases as escalated: one ESCALATE event each (system actor) and an outbox row
 * that notifies the OPD's supervisors. Idempotent (escalated_at) and safe with several API
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
  ) {}

  async run(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.db.transaction(async (m) => {
        const rows = await this.repo.lockOverdue(m, now, BATCH);
        if (!rows.length) return 0;
        const supervisors = await this.users.activeWithRole('supervisor', [...new Set(rows.map((r) => r.opd_id))], m);
        for (const c of rows) {
          const notify = supervisors.filter((s) => s.opdId === c.opd_id).map((s) => s.id);
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
