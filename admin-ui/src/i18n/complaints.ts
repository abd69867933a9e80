// Console strings of complaints (pengaduan), merged into `lt.complaints` and
// `resources.complaints` by id.ts and en.ts.

const fieldsId = {
  trackingCode: 'Kode Pengaduan',
  state: 'Status',
  opdName: 'OPD',
  serviceName: 'Layanan',
  caseTrackingCode: 'Permohonan',
  complainantName: 'Pengadu',
  complainantPhone: 'Nomor HP',
  complainantEmail: 'Email',
  receivedAt: 'Diterima',
  dueAt: 'Batas Jawab',
  message: 'Isi Pengaduan',
  attachment: 'Lampiran',
  answer: 'Jawaban',
  answeredAt: 'Dijawab',
};

const id = {
  lt: {
    state: { received: 'Diterima', in_handling: 'Ditangani', answered: 'Dijawab', closed: 'Selesai' },
    overdue: 'lewat batas',
    search: 'Kode pengaduan / permohonan',
    action: { START: 'Mulai tangani', ANSWER: 'Kirim jawaban', CLOSE: 'Tutup pengaduan' },
    done: {
      START: 'Pengaduan sedang ditangani.',
      ANSWER: 'Jawaban terkirim; pengadu dapat membacanya di portal.',
      CLOSE: 'Pengaduan ditutup.',
      FORWARD: 'Pengaduan diteruskan ke SP4N-LAPOR!.',
    },
    answer_label: 'Jawaban untuk pengadu',
    answer_hint: 'Terlihat oleh pengadu di halaman pengaduan portal. Jelaskan tindak lanjutnya.',
    forward: 'Teruskan ke SP4N-LAPOR!',
    lapor: 'SP4N-LAPOR!',
    case_section: 'Pengaduan atas permohonan ini',
    case_none: 'Tidak ada pengaduan.',
    report_title: 'Rekap pengaduan',
    report_empty: 'Belum ada pengaduan pada periode ini.',
    month: 'Bulan',
    received: 'Masuk',
    answered_on_time: 'Tepat waktu',
    open: 'Terbuka',
    mean_hours: 'Rata-rata jam',
  },
  resources: { complaints: { name: 'Pengaduan |||| Pengaduan', fields: fieldsId } },
};

const en: typeof id = {
  lt: {
    state: { received: 'Received', in_handling: 'In handling', answered: 'Answered', closed: 'Closed' },
    overdue: 'overdue',
    search: 'Complaint / application code',
    action: { START: 'Start handling', ANSWER: 'Send answer', CLOSE: 'Close complaint' },
    done: {
      START: 'The complaint is in handling.',
      ANSWER: 'Answer sent; the complainant can read it on the portal.',
      CLOSE: 'Complaint closed.',
      FORWARD: 'Complaint forwarded to SP4N-LAPOR!.',
    },
    answer_label: 'Answer to the complainant',
    answer_hint: "Shown to the complainant on the portal's complaint page. Explain the follow-up.",
    forward: 'Forward to SP4N-LAPOR!',
    lapor: 'SP4N-LAPOR!',
    case_section: 'Complaints about this application',
    case_none: 'No complaints.',
    report_title: 'Complaints summary',
    report_empty: 'No complaints in this period.',
    month: 'Month',
    received: 'Received',
    answered_on_time: 'On time',
    open: 'Open',
    mean_hours: 'Mean hours',
  },
  resources: {
    complaints: {
      name: 'Complaint |||| Complaints',
      fields: {
        trackingCode: 'Complaint code',
        state: 'Status',
        opdName: 'OPD',
        serviceName: 'Service',
        caseTrackingCode: 'Application',
        complainantName: 'Complainant',
        complainantPhone: 'Mobile',
        complainantEmail: 'Email',
        receivedAt: 'Received',
        dueAt: 'Answer due',
        message: 'Complaint',
        attachment: 'Attachment',
        answer: 'Answer',
        answeredAt: 'Answered',
      },
    },
  },
};

export const complaintMessages = { id, en };
