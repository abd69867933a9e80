/** Indonesian wording of public events for the citizen's timeline (riwayat). */
const LABELS: Record<string, string> = {
  SUBMIT: 'Permohonan diajukan',
  RETURN: 'Dikembalikan untuk perbaikan',
  RESUBMIT: 'Permohonan diajukan kembali',
  VERIFY: 'Berkas terverifikasi',
  INSPECT: 'Peninjauan lapangan selesai',
  APPROVE: 'Permohonan disetujui',
  SIGN: 'Ditandatangani pejabat berwenang',
  ISSUE: 'Produk layanan terbit',
  COLLECT: 'Produk layanan sudah diambil',
  REJECT: 'Permohonan ditolak',
  WITHDRAW: 'Permohonan dicabut',
  TRANSFER: 'Permohonan dialihkan ke instansi lain',
  COMMENT: 'Pesan dari petugas',
  UPLOAD_DOCUMENT: 'Dokumen perbaikan diunggah',
  REVOKE_DOCUMENT: 'Dokumen yang diterbitkan dicabut',
  CORRECT_DOCUMENT: 'Dokumen pembetulan diterbitkan',
};

export function timelineLabel(type: string): string {
  return LABELS[type] ?? 'Pembaruan status';
}

/** What the citizen may read of an event: reasons for RETURN/REJECT/WITHDRAW, public comments, the new OPD of a transfer. */
export function timelineMessage(e: {
  type: string;
  reason: string | null;
  comment: string | null;
  payload: Record<string, unknown>;
}): string | null {
  switch (e.type) {
    case 'RETURN':
    case 'REJECT':
    case 'WITHDRAW':
    case 'REVOKE_DOCUMENT':
      return e.reason;
    case 'CORRECT_DOCUMENT':
      return typeof e.payload.documentNumber === 'string' ? `Nomor baru ${e.payload.documentNumber}: ${e.reason ?? ''}`.trim() : e.reason;
    case 'COMMENT':
      return e.comment;
    case 'TRANSFER':
      return typeof e.payload.toOpdName === 'string' ? `Ditangani oleh ${e.payload.toOpdName}` : null;
    default:
      return null;
  }
}
