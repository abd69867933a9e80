import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../database/typeorm-options';
import { loadWorkingCalendar } from '../holidays/working-calendar.service';
import { REFERENCE_DATA_LOCK, seedReferenceData } from '../reference-data/reference-data';
import { COMPLAINT_CHANNEL, DEMO_OPDS, DEMO_SERVICES, DEMO_USERS } from './demo-data';
import { seedDemoCases } from './demo-cases';
import { seedDemoFeedback } from './demo-feedback';
import { demoDocumentAttacher } from './demo-documents';
import { seedDemoIssuance } from './demo-issuance';

export const DEMO_LOGINS = DEMO_USERS.map((u) => u.username);

/**
 * Kota Malang demo data (OPDs, services, staff, a few hundred cases). Runs once: returns
 * false and changes nothing when the database already has OPDs.
 */
export async function seedDemo(url: string, password: string, opts: { cases?: number; dataDir?: string } = {}): Promise<boolean> {
  const ds = new DataSource(typeormOptions(url, 4));
  await ds.initialize();
  try {
    const passwordHash = await argon2.hash(password, { type: argon2.argon2id });
    const created = await ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [REFERENCE_DATA_LOCK]);
      const [{ n }] = await m.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM opds`);
      if (n > 0) return false;
      await seedReferenceData(m);
      const opdIds = new Map<string, string>();
      for (const o of DEMO_OPDS) {
        const [row] = await m.query<{ id: string }[]>(
          `INSERT INTO opds (code, name, short_name, kind, address) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [o.code, o.name, o.shortName, o.kind, o.address],
        );
        opdIds.set(o.code, row.id);
      }
      for (const u of DEMO_USERS) {
        await m.query(`INSERT INTO users (username, full_name, password_hash, roles, opd_id) VALUES ($1, $2, $3, $4, $5)`, [
          u.username,
          u.fullName,
          passwordHash,
          u.roles,
          u.opd ? opdIds.get(u.opd) : null,
        ]);
      }
      for (const s of DEMO_SERVICES) {
        const [row] = await m.query<
          {
            id: string;
          }[]
        >(`INSERT INTO services (code, opd_id) VALUES ($1, $2) RETURNING id`, [s.code, opdIds.get(s.opd)]);
        await m.query(
          `INSERT INTO service_versions (service_id, version, name, description, requirements, form_fields, procedure, sla_amount, sla_unit,
             fee_amount, fee_note, product, complaint_channel, legal_basis, workflow_key, workflow_version)
           VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1)`,
          [
            row.id,
            s.name,
            s.description,
            JSON.stringify(s.requirements),
            JSON.stringify(s.formFields),
            s.procedure,
            s.slaAmount,
            s.slaUnit,
            s.feeAmount,
            s.feeNote ?? null,
            s.product,
            COMPLAINT_CHANNEL,
            s.legalBasis,
            s.workflow,
          ],
        );
      }
      await seedDemoIssuance(m);
      await seedDemoCases(m, {
        count: opts.cases ?? 300,
        calendar: await loadWorkingCalendar(m),
        attachDocuments: opts.dataDir ? demoDocumentAttacher(m, opts.dataDir) : undefined,
      });
      return true;
    });
    // Over the committed cases: complaints and survey responses (the case list reads outside the transaction).
    if (created) await seedDemoFeedback(ds, await loadWorkingCalendar(ds.manager));
    return created;
  } finally {
    await ds.destroy();
  }
}
