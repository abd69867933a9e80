import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { buildCaseListQuery, cappedCountSql } from './case-queries';

const QUEUE_KEYS = [
  ['mine', 'mine'],
  ['unassigned', 'unassigned'],
  ['opd', 'opd'],
  ['overdue', 'overdue'],
  ['dueSoon', 'due-soon'],
] as const;
// Tabs show "1000+" beyond this; a small cap keeps each count on the queue's index.
const CAP = 1_000;

/** Counts per queue for the console's tabs, each capped so a huge OPD stays cheap. */
@Injectable()
export class QueueCountsService {
  constructor(private readonly db: DataSource) {}

  async counts(auth: AuthContext): Promise<Record<(typeof QUEUE_KEYS)[number][0], number>> {
    const out = {} as Record<(typeof QUEUE_KEYS)[number][0], number>;
    for (const [key, queue] of QUEUE_KEYS) {
      const built = buildCaseListQuery(auth.user, auth.ability, { filter: { queue }, sort: null, offset: 0, limit: 1 });
      const [sql, params] = this.db.driver.escapeQueryWithParameters(cappedCountSql(built, CAP), built.params, {});
      out[key] = ((await this.db.query(sql, params)) as { n: number }[])[0].n;
    }
    return out;
  }
}
