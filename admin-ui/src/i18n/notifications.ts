// Console strings of notifications (the bell, the delivery log, citizen message templates and
// the applicant's channel choice), merged into `lt.notify` and `resources` by id.ts and en.ts.

const id = {
  lt: {
    bell: 'Notifikasi',
    bell_count: 'Notifikasi, %{smart_count} belum dibaca',
    title: 'Notifikasi',
    read_all: 'Tandai semua dibaca',
    empty: 'Belum ada notifikasi.',
    kind: {
      case_assigned: 'Permohonan %{code} ditugaskan kepada Anda (%{service})',
      case_escalated: 'Permohonan %{code} melewati batas waktu (%{service})',
      case_resubmitted: 'Permohonan %{code} yang Anda kembalikan telah diperbaiki (%{service})',
      case_transferred: 'Permohonan %{code} dialihkan ke OPD Anda (%{service})',
      consult_requested: 'OPD Anda diminta pertimbangan teknis atas permohonan %{code} (%{service})',
      consult_answered: '%{opd} menjawab permintaan pertimbangan atas permohonan %{code}',
      export_ready: 'Ekspor siap: %{rows} baris, unduh di Ekspor Saya',
    },
    status: { pending: 'Menunggu', failing: 'Gagal, dicoba lagi', dead: 'Gagal permanen', delivered: 'Terkirim' },
    channel: { email: 'Email', whatsapp: 'WhatsApp', webhook: 'Webhook' },
    locale: { id: 'Bahasa Indonesia', en: 'English' },
    event: {
      application_received: 'Permohonan diterima',
      returned: 'Dikembalikan untuk perbaikan',
      rejected: 'Ditolak',
      completed: 'Selesai / dokumen terbit',
      survey: 'Survei kepuasan',
      complaint_received: 'Pengaduan diterima',
      complaint_answered: 'Pengaduan dijawab',
    },
    retry: 'Kirim ulang',
    retried: 'Pengiriman dijadwalkan ulang',
    placeholders: 'Isian yang tersedia:',
    template_invalid: 'Templat tidak valid: %{problems}',
    whatsapp_hint:
      'Teks WhatsApp adalah templat yang sudah disetujui Meta. Di sini hanya nama templat dan isian parameternya ({{1}}, {{2}}, …) yang diatur.',
    consent: {
      title: 'Pemberitahuan status kepada pemohon',
      hint: 'Pemohon setuju menerima kabar status permohonan melalui kanal yang dicentang.',
      email: 'Email (perlu alamat email)',
      whatsapp: 'WhatsApp (ke nomor HP)',
      none_available: 'Pemberitahuan belum aktif di instalasi ini: pemohon tidak akan menerima pesan.',
    },
  },
  resources: {
    deliveries: {
      name: 'Pengiriman |||| Pengiriman',
      fields: {
        createdAt: 'Dibuat',
        channel: 'Kanal',
        event: 'Peristiwa',
        recipient: 'Penerima',
        caseId: 'Permohonan',
        status: 'Status',
        attempts: 'Percobaan',
        nextAttemptAt: 'Percobaan berikut',
        lastError: 'Kesalahan terakhir',
        deliveredAt: 'Terkirim pada',
      },
    },
    'notification-templates': {
      name: 'Templat Pesan |||| Templat Pesan',
      fields: {
        event: 'Peristiwa',
        channel: 'Kanal',
        locale: 'Bahasa',
        subject: 'Subjek',
        body: 'Isi',
        waTemplate: 'Nama templat WhatsApp',
        waParams: 'Parameter',
        updatedAt: 'Diubah',
      },
    },
  },
};

const en: typeof id = {
  lt: {
    bell: 'Notifications',
    bell_count: 'Notifications, %{smart_count} unread',
    title: 'Notifications',
    read_all: 'Mark all read',
    empty: 'No notifications yet.',
    kind: {
      case_assigned: 'Application %{code} assigned to you (%{service})',
      case_escalated: 'Application %{code} is overdue (%{service})',
      case_resubmitted: 'Application %{code} you returned was corrected (%{service})',
      case_transferred: 'Application %{code} transferred to your OPD (%{service})',
      consult_requested: 'Your OPD is asked for a technical opinion on application %{code} (%{service})',
      consult_answered: '%{opd} answered the request for an opinion on application %{code}',
      export_ready: 'Export ready: %{rows} rows, download it in My exports',
    },
    status: { pending: 'Pending', failing: 'Failing, retrying', dead: 'Dead', delivered: 'Delivered' },
    channel: { email: 'Email', whatsapp: 'WhatsApp', webhook: 'Webhook' },
    locale: { id: 'Bahasa Indonesia', en: 'English' },
    event: {
      application_received: 'Application received',
      returned: 'Returned for correction',
      rejected: 'Rejected',
      completed: 'Completed / document issued',
      survey: 'Satisfaction survey',
      complaint_received: 'Complaint received',
      complaint_answered: 'Complaint answered',
    },
    retry: 'Retry',
    retried: 'Delivery scheduled again',
    placeholders: 'Available placeholders:',
    template_invalid: 'Invalid template: %{problems}',
    whatsapp_hint:
      'WhatsApp text is a template approved by Meta. Only the template name and its parameters ({{1}}, {{2}}, …) are set here.',
    consent: {
      title: 'Status messages to the applicant',
      hint: 'The applicant agrees to receive status messages on the ticked channels.',
      email: 'Email (needs an email address)',
      whatsapp: 'WhatsApp (to the mobile number)',
      none_available: 'Notifications are not set up on this installation: the applicant will get no messages.',
    },
  },
  resources: {
    deliveries: {
      name: 'Delivery |||| Deliveries',
      fields: {
        createdAt: 'Created',
        channel: 'Channel',
        event: 'Event',
        recipient: 'Recipient',
        caseId: 'Application',
        status: 'Status',
        attempts: 'Attempts',
        nextAttemptAt: 'Next attempt',
        lastError: 'Last error',
        deliveredAt: 'Delivered at',
      },
    },
    'notification-templates': {
      name: 'Message Template |||| Message Templates',
      fields: {
        event: 'Event',
        channel: 'Channel',
        locale: 'Language',
        subject: 'Subject',
        body: 'Body',
        waTemplate: 'WhatsApp template name',
        waParams: 'Parameters',
        updatedAt: 'Updated',
      },
    },
  },
};

export const notificationMessages = { id, en };
