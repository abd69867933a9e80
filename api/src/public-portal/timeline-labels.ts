import type { PublicLang } from '../common/http/accept-language';

type Texts = Record<PublicLang, string>;

/** Wording of public events for the citizen's timeline (riwayat), Indonesian and English. */
const LABELS: Record<string, Texts> = {
  SUBMIT: { id: 'Permohonan diajukan', en: 'Application submitted' },
  RETURN: { id: 'Dikembalikan untuk perbaikan', en: 'Returned for correction' },
  RESUBMIT: { id: 'Permohonan diajukan kembali', en: 'Application resubmitted' },
  VERIFY: { id: 'Berkas terverifikasi', en: 'Documents verified' },
  INSPECT: { id: 'Peninjauan lapangan selesai', en: 'Field inspection completed' },
  APPROVE: { id: 'Permohonan disetujui', en: 'Application approved' },
  SIGN: { id: 'Ditandatangani pejabat berwenang', en: 'Signed by the authorised official' },
  ISSUE: { id: 'Produk layanan terbit', en: 'Service product issued' },
  COLLECT: { id: 'Produk layanan sudah diambil', en: 'Service product collected' },
  REJECT: { id: 'Permohonan ditolak', en: 'Application rejected' },
  WITHDRAW: { id: 'Permohonan dicabut', en: 'Application withdrawn' },
  TRANSFER: { id: 'Permohonan dialihkan ke instansi lain', en: 'Application transferred to another agency' },
  COMMENT: { id: 'Pesan dari petugas', en: 'Message from the officer' },
  UPLOAD_DOCUMENT: { id: 'Dokumen perbaikan diunggah', en: 'Corrected document uploaded' },
  REVOKE_DOCUMENT: { id: 'Dokumen yang diterbitkan dicabut', en: 'Issued document revoked' },
  CORRECT_DOCUMENT: { id: 'Dokumen pembetulan diterbitkan', en: 'Corrected document issued' },
};
const OTHER: Texts = { id: 'Pembaruan status', en: 'Status update' };
const NEW_NUMBER: Texts = { id: 'Nomor baru', en: 'New number' };
const HANDLED_BY: Texts = { id: 'Ditangani oleh', en: 'Handled by' };

/**
 * An event's line in the citizen's timeline. A workflow built in the designer has events of its
 * own (e.g. START_REVIEW): those read as the public label of the step they led to
 * (`toStepLabel`, "Sedang Diperiksa"), else as a status update.
 */
export function timelineLabel(type: string, lang: PublicLang = 'id', toStepLabel?: string | null): string {
  return LABELS[type]?.[lang] ?? (toStepLabel || OTHER[lang]);
}

/** What the citizen may read of an event: reasons for RETURN/REJECT/WITHDRAW, public comments, the new OPD of a transfer. */
export function timelineMessage(
  e: {
    type: string;
    reason: string | null;
    comment: string | null;
    payload: Record<string, unknown>;
  },
  lang: PublicLang = 'id',
): string | null {
  switch (e.type) {
    case 'RETURN':
    case 'REJECT':
    case 'WITHDRAW':
    case 'REVOKE_DOCUMENT':
      return e.reason;
    case 'CORRECT_DOCUMENT':
      return typeof e.payload.documentNumber === 'string'
        ? `${NEW_NUMBER[lang]} ${e.payload.documentNumber}: ${e.reason ?? ''}`.trim()
        : e.reason;
    case 'COMMENT':
      return e.comment;
    case 'TRANSFER':
      return typeof e.payload.toOpdName === 'string' ? `${HANDLED_BY[lang]} ${e.payload.toOpdName}` : null;
    default:
      return null;
  }
}
