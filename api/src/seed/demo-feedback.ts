// Demo complaints (pengaduan) and satisfaction survey responses, over the demo cases: what a
// complaint officer's queue and the IKM report look like on a fresh installation.
import { defineAbilityFor } from '@layanan/authz';
import { COMPLAINT_ANSWER_WORKING_DAYS, SKM_ELEMENTS, type AuthUser, type SkmElement } from '@layanan/contracts';
import { computeDueAt, type WorkingCalendar } from '@layanan/sla';
import { createHmac } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { buildCaseListQuery } from '../cases/case-list.query';
import { CaseRepository, type CaseListRow } from '../cases/case.repository';
import { newComplaintCode } from '../complaints/complaint-intake.service';
import { ComplaintsRepository } from '../complaints/complaints.repository';
import { PiiCipher } from '../privacy/pii-cipher';
import { SatisfactionRepository } from '../satisfaction/satisfaction.repository';

const CITY: AuthUser = {
  id: '00000000-0000-4000-8000-000000000000',
  username: 'seed',
  fullName: 'Seed',
  roles: ['leadership'],
  opdId: null,
};

const COMPLAINTS = [
  'Sudah lewat batas waktu layanan tetapi status permohonan saya belum berubah. Mohon kejelasan.',
  'Petugas loket meminta fotokopi berkas yang sudah saya unggah secara daring. Mengapa harus dua kali?',
  'Antrean di loket MPP sangat panjang dan nomor antrean tidak dipanggil sesuai urutan.',
  'Informasi persyaratan di portal berbeda dengan yang disampaikan petugas di loket.',
];
const ANSWER =
  'Terima kasih atas pengaduan Anda. Berkas sudah kami periksa ulang dan diproses hari ini; petugas yang bersangkutan sudah kami ingatkan tentang prosedur.';

/** Scores skewed high with a weaker "time" element, as many units report. */
function scoresFor(i: number): Record<SkmElement, number> {
  return Object.fromEntries(
    SKM_ELEMENTS.map((e, k) => [e, e === 'time' ? 2 + ((i + k) % 3) : 3 + ((i * 7 + k) % 4 === 0 ? 0 : 1)]),
  ) as Record<SkmElement, number>;
}

export async function seedDemoFeedback(ds: DataSource, calendar: WorkingCalendar): Promise<void> {
  const pii = PiiCipher.fromEnv();
  const cases = new CaseRepository(ds, pii);
  const q = buildCaseListQuery(
    CITY,
    defineAbilityFor(CITY),
    { filter: { queue: 'all' }, sort: { field: 'submittedAt', order: 'DESC' }, offset: 0, limit: 200 },
    (nik) => pii.nikIndex(nik),
  );
  const rows: CaseListRow[] = await cases.page(q, { offset: 0, limit: 200 });
  if (!rows.length) return;
  const complaints = new ComplaintsRepository(ds, pii);
  const survey = new SatisfactionRepository(ds);
  const key = await survey.tokenKey();
  await ds.transaction(async (m) => {
    const open = rows.filter((r) => r.is_open).slice(0, COMPLAINTS.length);
    for (const [i, c] of open.entries()) {
      const receivedAt = new Date(Date.now() - (i + 1) * 2 * 86_400_000);
      const id = await complaints.insert(m, {
        trackingCode: newComplaintCode(),
        opdId: c.opd_id,
        serviceId: c.service_id,
        caseId: c.id,
        caseTrackingCode: c.tracking_code,
        name: c.applicant_name,
        phone: null,
        email: null,
        message: COMPLAINTS[i],
        dueAt: computeDueAt(receivedAt, { amount: COMPLAINT_ANSWER_WORKING_DAYS, unit: 'days' }, calendar),
        attachment: null,
        notify: { channels: [], locale: 'id' },
      });
      // Dated in the past; the first two already handled and answered the next day.
      await m.query(`UPDATE complaints SET received_at = $2 WHERE id = $1`, [id, receivedAt]);
      if (i < 2)
        await m.query(
          `UPDATE complaints SET state = 'answered', version = 3, started_at = received_at + interval '2 hours',
                  answered_at = received_at + interval '1 day', answer = $2 WHERE id = $1`,
          [id, ANSWER],
        );
    }
    const completed = rows.filter((r) => r.completed_at !== null);
    for (const [i, c] of completed.entries()) {
      if (i % 3 === 2) continue; // not everyone answers the survey
      await survey.insert(m, {
        token: createHmac('sha256', key).update(c.id).digest(),
        serviceId: c.service_id,
        opdId: c.opd_id,
        scores: scoresFor(i),
        suggestion: i % 4 === 0 ? 'Mohon informasi waktu penyelesaian diperbarui lewat WhatsApp.' : null,
        profile: {},
      });
    }
  });
}
