import { MigrationInterface, QueryRunner } from 'typeorm';

// Fixed here so this migration never changes with the code.
const BUILTIN_KEYS = ['standard', 'with-head-signature', 'with-inspection'];
const QUEUE_ROLES = ['officer', 'verifier', 'supervisor', 'head'];

interface Transition {
  target: string;
  roles: string[];
  sideExit?: boolean;
}
interface Definition {
  states: Record<string, { on?: Record<string, Transition> }>;
}

/** The roles whose work a case waits on in a state (side exits aside), as libs/workflow's nextRoles computed it then. */
function workRoles(def: Definition, state: string): string[] {
  const roles = new Set<string>();
  for (const t of Object.values(def.states[state]?.on ?? {})) if (!t.sideExit) t.roles.forEach((r) => roles.add(r));
  return [...roles];
}

/**
 * Queues hold only work a user can do. Withdrawing on the applicant's behalf (WITHDRAW, open to
 * officers) put every case awaiting verification in the officers' queues and let officers claim
 * them, and a supervisor could assign a verification to an officer. The built-in workflows'
 * WITHDRAW becomes a side exit (`sideExit: true`: still allowed, not the role's work); this is a
 * correction of their queue semantics, not of what any role may do, so running cases take it.
 * Then every case's next_roles is recomputed, and each role gets a partial index for the new
 * "waiting on me" queue (unassigned or mine, one of my roles next).
 */
export class QueueWorkRoles1764600000000 implements MigrationInterface {
  name = 'QueueWorkRoles1764600000000';

  public async up(q: QueryRunner): Promise<void> {
    await this.markWithdraw(q, true);
    await this.recompute(q);
    for (const role of QUEUE_ROLES) {
      await q.query(
        `CREATE INDEX cases_waiting_${role}_due_idx ON cases (opd_id, due_at, id) WHERE is_open AND next_roles @> '{${role}}'::text[]`,
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const role of QUEUE_ROLES) await q.query(`DROP INDEX IF EXISTS cases_waiting_${role}_due_idx`);
    await this.markWithdraw(q, false);
    await this.recompute(q);
  }

  private async markWithdraw(q: QueryRunner, sideExit: boolean): Promise<void> {
    const rows = (await q.query(`SELECT id, definition FROM workflow_definitions WHERE key = ANY($1) AND version = 1`, [BUILTIN_KEYS])) as {
      id: string;
      definition: Definition;
    }[];
    for (const row of rows) {
      for (const state of Object.values(row.definition.states)) {
        const t = state.on?.WITHDRAW;
        if (!t) continue;
        if (sideExit) t.sideExit = true;
        else delete t.sideExit;
      }
      await q.query(`UPDATE workflow_definitions SET definition = $2 WHERE id = $1`, [row.id, JSON.stringify(row.definition)]);
    }
  }

  private async recompute(q: QueryRunner): Promise<void> {
    const defs = (await q.query(`SELECT key, version, definition FROM workflow_definitions`)) as {
      key: string;
      version: number;
      definition: Definition;
    }[];
    for (const d of defs) {
      for (const state of Object.keys(d.definition.states)) {
        await q.query(
          `UPDATE cases SET next_roles = $4 WHERE workflow_key = $1 AND workflow_version = $2 AND state = $3 AND next_roles IS DISTINCT FROM $4::text[]`,
          [d.key, d.version, state, workRoles(d.definition, state)],
        );
      }
    }
  }
}
