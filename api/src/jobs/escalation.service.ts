import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CasesService } from '../cases/cases.service';

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
    private readonly cases: CasesService,
  ) {}

  async run(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.db.transaction(async (m) => {
        const rows = (await m.query(
          `SELECT id, opd_id, state, version, event_count, last_event_hash, due_at FROM cases
            WHERE is_open AND paused_at IS NULL AND completed_at IS NULL AND escalated_at IS NULL AND due_at < $1
            ORDER BY due_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [now],
        )) as {
          id: string;
          opd_id: string;
          state: string;
          version: number;
          event_count: number;
          last_event_hash: string | null;
          due_at: Date;
        }[];
        if (!rows.length) return 0;
        const supervisors = (await m.query(`SELECT id, opd_id FROM users WHERE active AND 'supervisor' = ANY(roles) AND opd_id = ANY($1)`, [
          [...new Set(rows.map((r) => r.opd_id))],
        ])) as { id: string; opd_id: string }[];
        for (const c of rows) {
          const notify = supervisors.filter((s) => s.opd_id === c.opd_id).map((s) => s.id);
          await this.cases.log(
            m,
            c,
            {
              type: 'ESCALATE',
              fromState: c.state,
              toState: c.state,
              actor: { id: null, name: 'Sistem', roles: ['system'], opdId: null, auth: null },
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
