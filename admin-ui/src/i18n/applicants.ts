// Console strings of the applicant panel on the case page (one applicant across all OPDs),
// merged into `lt.applicants` by id.ts and en.ts.

const id = {
  lt: {
    section: 'Pemohon di semua OPD',
    logged: 'Setiap pembacaan data pemohon dari OPD lain dicatat dalam log akses data pribadi (UU 27/2022).',
    other_applications: 'Permohonan lain pemohon ini',
    no_other_applications: 'Tidak ada permohonan lain yang boleh Anda lihat.',
    opd: 'OPD',
    verified_documents: 'KTP/KK yang sudah diverifikasi',
    no_verified_documents: 'Belum ada KTP/KK pemohon ini yang diverifikasi di permohonan lain.',
    verified_at: 'Diverifikasi di %{opd} (%{code}) oleh %{by}, %{at}',
    reuse: 'Pakai untuk permohonan ini',
    reuse_title: 'Pakai ulang %{requirement}',
    reuse_hint:
      'Berkas %{file} diverifikasi di %{opd} (%{code}) oleh %{by} pada %{at}. Salinannya menjadi dokumen permohonan ini dan tetap diperiksa verifikator.',
    reuse_consent: 'Pemohon setuju %{requirement} yang sudah diverifikasi itu dipakai untuk permohonan ini.',
    reused_done: 'Dokumen dipakai ulang; menunggu pemeriksaan verifikator',
    reused: '%{requirement} (%{file}) dipakai ulang: %{verified}. Persetujuan pemohon %{consent}, dicatat oleh %{recorder}.',
    recorded_by_applicant: 'pemohon sendiri lewat portal',
  },
};

const en: typeof id = {
  lt: {
    section: 'Applicant across all OPDs',
    logged: "Every read of another OPD's applicant data is written to the personal-data access log (UU 27/2022).",
    other_applications: "This applicant's other applications",
    no_other_applications: 'No other applications you may see.',
    opd: 'OPD',
    verified_documents: 'Verified KTP/KK',
    no_verified_documents: "None of this applicant's KTP/KK has been verified on another application.",
    verified_at: 'Verified at %{opd} (%{code}) by %{by}, %{at}',
    reuse: 'Use for this application',
    reuse_title: 'Reuse %{requirement}',
    reuse_hint:
      "The file %{file} was verified at %{opd} (%{code}) by %{by} on %{at}. A copy becomes this application's document and is still checked by the verifier.",
    reuse_consent: 'The applicant agrees that the verified %{requirement} is used for this application.',
    reused_done: "Document reused; awaiting the verifier's check",
    reused: '%{requirement} (%{file}) reused: %{verified}. Applicant consent %{consent}, recorded by %{recorder}.',
    recorded_by_applicant: 'the applicant on the portal',
  },
};

export const applicantMessages = { id, en };
