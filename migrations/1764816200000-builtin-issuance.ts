import { MigrationInterface, QueryRunner } from 'typeorm';

interface Transition {
  target: string;
  roles: string[];
  issues?: { signature: 'personal' | 'seal' };
}
interface StateDef {
  publicHint?: { id: string; en: string };
  on?: Record<string, Transition>;
}
interface Definition {
  states: Record<string, StateDef>;
}

// Fixed here so this migration never changes with the code.
const ISSUED_HINT = {
  id: 'Unduh dokumen yang sudah ditandatangani secara elektronik di halaman ini, atau ambil di loket dengan membawa bukti pendaftaran.',
  en: 'Download the electronically signed document on this page, or collect it at the counter with your registration receipt.',
};
const OLD_ISSUED_HINT = {
  id: 'Ambil produk layanan di loket dengan membawa bukti pendaftaran.',
  en: 'Collect the service product at the counter, bringing your registration receipt.',
};

/** Which step of each built-in workflow (v1) produces the signed document, and how it is signed. */
const ISSUING: Record<string, { state: string; event: string; signature: 'personal' | 'seal' }> = {
  standard: { state: 'approved', event: 'ISSUE', signature: 'seal' },
  'with-inspection': { state: 'approved', event: 'ISSUE', signature: 'seal' },
  'with-head-signature': { state: 'approved', event: 'SIGN', signature: 'personal' },
};

/**
 * The built-in workflows' steps that produce the service's product now say so
 * (`issues: { signature }`): the officer's ISSUE seals the document in the standard and
 * inspection workflows, the head's SIGN signs it personally in with-head-signature (whose ISSUE
 * then only hands it over). Like QueueWorkRoles, a correction of the v1 definitions already
 * stored (fresh installs load them from libs/workflow with these fields), so running cases
 * produce their document too.
 */
export class BuiltinIssuance1764816200000 implements MigrationInterface {
  name = 'BuiltinIssuance1764816200000';

  public async up(q: QueryRunner): Promise<void> {
    await this.patch(q, true);
  }

  public async down(q: QueryRunner): Promise<void> {
    await this.patch(q, false);
  }

  private async patch(q: QueryRunner, on: boolean): Promise<void> {
    const rows = (await q.query(`SELECT id, key, definition FROM workflow_definitions WHERE key = ANY($1) AND version = 1`, [
      Object.keys(ISSUING),
    ])) as { id: string; key: string; definition: Definition }[];
    for (const row of rows) {
      const step = ISSUING[row.key];
      const t = row.definition.states[step.state]?.on?.[step.event];
      if (t) {
        if (on) t.issues = { signature: step.signature };
        else delete t.issues;
      }
      const issued = row.definition.states.issued;
      if (issued) issued.publicHint = on ? ISSUED_HINT : OLD_ISSUED_HINT;
      await q.query(`UPDATE workflow_definitions SET definition = $2 WHERE id = $1`, [row.id, JSON.stringify(row.definition)]);
    }
  }
}
