// Console strings of background case-list exports ("Ekspor Saya"), merged into `lt.exports` by id.ts and en.ts.

const id = {
  menu: 'Ekspor Saya',
  title: 'Ekspor Saya',
  intro:
    'Ekspor besar dibuat di latar belakang. File tersimpan sampai waktu kedaluwarsanya, lalu dihapus otomatis. Hanya Anda yang dapat mengunduhnya.',
  background: 'Ekspor di latar',
  started:
    'Daftar ini besar (lebih dari %{threshold} baris): ekspor berjalan di latar. Lihat Ekspor Saya; Anda diberi notifikasi saat siap.',
  started_manual: 'Ekspor berjalan di latar. Lihat Ekspor Saya; Anda diberi notifikasi saat siap.',
  open_list: 'Ekspor Saya',
  empty: 'Belum ada ekspor.',
  created: 'Dibuat',
  filter: 'Filter',
  status_label: 'Status',
  progress: 'Kemajuan',
  rows: '%{n} baris',
  rows_of: '%{n} dari %{total} baris',
  size: 'Ukuran',
  expires: 'Kedaluwarsa',
  download: 'Unduh',
  all_cases: 'Semua permohonan',
  status: {
    queued: 'Dalam antrean',
    running: 'Sedang dibuat',
    ready: 'Siap diunduh',
    failed: 'Gagal',
    expired: 'Kedaluwarsa',
  },
  errors: {
    FORBIDDEN: 'Anda tidak lagi berhak membaca permohonan ini.',
    EXPORT_INTERRUPTED: 'Terhenti karena server dimulai ulang, beberapa kali; buat ekspor baru.',
    SERVICE_UNAVAILABLE: 'Basis data atau penyimpanan file tidak tersedia saat menulis; buat ekspor baru.',
    INTERNAL: 'Kesalahan tak terduga; buat ekspor baru atau hubungi admin.',
  },
};

type Messages = { [K in keyof typeof id]: (typeof id)[K] extends string ? string : { [E in keyof (typeof id)[K]]: string } };

const en: Messages = {
  menu: 'My exports',
  title: 'My exports',
  intro:
    'Large exports are made in the background. Files are kept until they expire, then deleted automatically. Only you can download them.',
  background: 'Export in background',
  started:
    'This list is large (more than %{threshold} rows): the export runs in the background. See My exports; you are notified when it is ready.',
  started_manual: 'The export runs in the background. See My exports; you are notified when it is ready.',
  open_list: 'My exports',
  empty: 'No exports yet.',
  created: 'Created',
  filter: 'Filter',
  status_label: 'Status',
  progress: 'Progress',
  rows: '%{n} rows',
  rows_of: '%{n} of %{total} rows',
  size: 'Size',
  expires: 'Expires',
  download: 'Download',
  all_cases: 'All applications',
  status: {
    queued: 'Queued',
    running: 'Being written',
    ready: 'Ready to download',
    failed: 'Failed',
    expired: 'Expired',
  },
  errors: {
    FORBIDDEN: 'You may no longer read these applications.',
    EXPORT_INTERRUPTED: 'Stopped by server restarts, more than once; start a new export.',
    SERVICE_UNAVAILABLE: 'The database or the file store was unavailable while writing; start a new export.',
    INTERNAL: 'An unexpected error; start a new export or ask the administrator.',
  },
};

export const exportMessages = { id, en };
