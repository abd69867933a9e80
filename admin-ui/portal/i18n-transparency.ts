// Portal strings of the public transparency page (/portal/transparansi), spread into the
// dictionaries of i18n.ts.

const id = {
  'nav.transparency': 'Transparansi',
  'transparency.heading': 'Transparansi Kinerja Layanan',
  'transparency.intro':
    'Angka pelayanan per bulan, per perangkat daerah dan per layanan: permohonan diterima, diselesaikan, persentase tepat waktu, median lama penyelesaian, dan Indeks Kepuasan Masyarakat (IKM). Hanya angka agregat, tanpa data pribadi.',
  'transparency.year': 'Tahun',
  'transparency.month': 'Bulan',
  'transparency.allMonths': 'Semua bulan',
  'transparency.opd': 'Perangkat daerah',
  'transparency.allOpds': 'Semua perangkat daerah',
  'transparency.service': 'Layanan',
  'transparency.received': 'Diterima',
  'transparency.completed': 'Selesai',
  'transparency.onTime': 'Tepat waktu',
  'transparency.median': 'Median hari kerja',
  'transparency.ikm': 'IKM',
  'transparency.ikmRespondents': 'Responden',
  'transparency.suppressed': '< {n}',
  'transparency.suppressedNote':
    'Sel bertanda "< {n}" berisi kurang dari {n} permohonan (atau responden survei) dan tidak ditampilkan agar tidak ada warga yang dapat dikenali.',
  'transparency.definitions':
    'Selesai: permohonan yang diterbitkan atau ditolak pada bulan itu (pembatalan oleh pemohon tidak dihitung). Tepat waktu: selesai paling lambat pada batas waktu layanan, di luar waktu menunggu kelengkapan dari pemohon. Median hari kerja: nilai tengah lama proses dalam hari kerja. IKM: Indeks Kepuasan Masyarakat (PermenPAN-RB 14/2017), skala 25–100, dengan mutu A–D.',
  'transparency.generated': 'Data per {time}. Diperbarui paling lama setiap 5 menit.',
  'transparency.downloadCsv': 'Unduh CSV',
  'transparency.downloadJson': 'Unduh JSON',
  'transparency.empty': 'Belum ada data untuk pilihan ini.',
  'transparency.rows': '{n} baris',
};

const en: Record<keyof typeof id, string> = {
  'nav.transparency': 'Transparency',
  'transparency.heading': 'Service Performance Transparency',
  'transparency.intro':
    'Service figures per month, per agency and per service: applications received, completed, share on time, median time to complete, and the Public Satisfaction Index (IKM). Aggregates only, no personal data.',
  'transparency.year': 'Year',
  'transparency.month': 'Month',
  'transparency.allMonths': 'All months',
  'transparency.opd': 'Agency',
  'transparency.allOpds': 'All agencies',
  'transparency.service': 'Service',
  'transparency.received': 'Received',
  'transparency.completed': 'Completed',
  'transparency.onTime': 'On time',
  'transparency.median': 'Median working days',
  'transparency.ikm': 'IKM',
  'transparency.ikmRespondents': 'Respondents',
  'transparency.suppressed': '< {n}',
  'transparency.suppressedNote':
    'Cells marked "< {n}" hold fewer than {n} applications (or survey respondents) and are not shown, so that no citizen can be identified.',
  'transparency.definitions':
    'Completed: applications issued or rejected in the month (withdrawals by the applicant are not counted). On time: completed by the service deadline, not counting time waiting on the applicant. Median working days: the middle value of processing time in working days. IKM: Public Satisfaction Index (PermenPAN-RB 14/2017), 25–100, with grade A–D.',
  'transparency.generated': 'Figures as of {time}. Refreshed at most every 5 minutes.',
  'transparency.downloadCsv': 'Download CSV',
  'transparency.downloadJson': 'Download JSON',
  'transparency.empty': 'No figures for this selection yet.',
  'transparency.rows': '{n} rows',
};

export const transparencyPortalMessages = { id, en };
