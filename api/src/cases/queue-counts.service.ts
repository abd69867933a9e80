import { Injectable } from '@nestjs/common';
import type { Queue, QueueCounts } from '@layanan/contracts';
import type { AuthContext } from '../common/auth/auth-context';
import { buildCaseListQuery, workScopes } from './case-list.query';
import { CaseRepository } from './case.repository';
import { PiiCipher } from '../privacy/pii-cipher';

// Tabs show "1000+" beyond this; a small cap keeps each count on the queue's index.
const CAP = 1_000;

/** Roles that decide (approve, sign) rather than claim: their work lands in "waiting on me". */
const DECIDING_ROLES = ['supervisor', 'head'];
const CASEWORK_ROLES = ['officer', 'verifier', 'supervisor', 'head'];

/**
 * The queues a user works, in the order the console shows them: deciders (kasi, kadis) land on
 * what waits on them; officers and verifiers on their inbox and the pool they claim from;
 * accounts without an OPD (admin, pimpinan) on the city-wide lists, never an empty inbox.
 * A position held as Plh./Plt. counts like an own role (a Plh. Kepala Dinas lands on "waiting").
 */
export function queuesOf(user: AuthContext['user']): Queue[] {
  const scopes = workScopes(user);
  if (!user.opdId && scopes.length === 0) return ['all', 'overdue', 'due-soon'];
  const roles = scopes.flatMap((s) => s.roles);
  if (!roles.some((r) => CASEWORK_ROLES.includes(r))) return ['opd', 'overdue', 'due-soon'];
  const own: Queue[] = roles.some((r) => DECIDING_ROLES.includes(r)) ? ['waiting', 'mine', 'unassigned'] : ['mine', 'unassigned'];
  return [...own, 'opd', 'overdue', 'due-soon'];
}

/** Counts per queue for the console's tabs, each capped so a huge OPD stays cheap. */
@Injectable()
export class QueueCountsService {
  constructor(
    private readonly repo: CaseRepository,
    private readonly pii: PiiCipher,
  ) {}

  async counts(auth: AuthContext): Promise<QueueCounts> {
    const queues = queuesOf(auth.user);
    const out: QueueCounts = { queues: [], defaultQueue: queues[0] };
    for (const queue of queues) {
      const q = buildCaseListQuery(auth.user, auth.ability, { filter: { queue }, sort: null, offset: 0, limit: 1 }, (nik) =>
        this.pii.nikIndex(nik),
      );
      const n = await this.repo.countCapped(q, CAP + 1);
      out.queues.push({ queue, count: Math.min(n, CAP), capped: n > CAP });
    }
    return out;
  }
}
