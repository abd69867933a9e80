// Every user-visible string of the citizen portal. Indonesian is the default; English is a
// toggle. Placeholders are written {name} and filled by t(key, { name }).
import { useSyncExternalStore } from 'react';
import { errorPortalMessages } from './i18n-errors';
import { issuancePortalMessages } from './i18n-issuance';
import { complaintPortalMessages } from './i18n-complaints';
import { satisfactionPortalMessages } from './i18n-satisfaction';
import { transparencyPortalMessages } from './i18n-transparency';

const id = {
  'app.title': 'Layanan Terpadu Kota Malang',
  'app.tagline': 'Ajukan dan lacak permohonan layanan publik dari rumah',
  'app.skip': 'Lewati ke isi',
  'nav.catalog': 'Daftar Layanan',
  'nav.track': 'Lacak Permohonan',
  'lang.switch': 'English',
  'lang.switchLabel': 'Ganti bahasa ke English',
  'footer.complaint': 'Pengaduan: SP4N-LAPOR! (lapor.go.id) atau loket pengaduan MPP Kota Malang.',
  'common.loading': 'Memuat…',
  'common.retry': 'Coba lagi',
  'common.back': 'Kembali',
  'common.optional': 'opsional',
  'common.required': 'wajib',
  'common.notFound': 'Halaman tidak ditemukan.',
  'common.toCatalog': 'Ke daftar layanan',
  'common.dateAtTime': '{date} pukul {time} WIB',

  'catalog.heading': 'Layanan apa yang Anda perlukan?',
  'catalog.searchLabel': 'Cari layanan',
  'catalog.searchPlaceholder': 'Contoh: akta, KTP, nikah, halal',
  'catalog.count': '{n} layanan',
  'catalog.empty': 'Tidak ada layanan yang cocok dengan "{q}".',
  'catalog.trackPrompt': 'Sudah mengajukan? Lacak status permohonan Anda.',

  'service.requirements': 'Persyaratan',
  'service.docRequirement': 'Dokumen',
  'service.fieldRequirement': 'Isian',
  'service.mandatory': 'Wajib',
  'service.notMandatory': 'Tidak wajib',
  'service.condition': 'jika berlaku: {condition}',
  'service.procedure': 'Prosedur',
  'service.duration': 'Jangka waktu penyelesaian',
  'service.durationNote': 'Dihitung sejak persyaratan lengkap, hanya hari kerja.',
  'service.slaDays': '{n} hari kerja',
  'service.slaHours': '{n} jam kerja',
  'service.fee': 'Biaya',
  'service.free': 'Gratis',
  'service.product': 'Produk layanan',
  'service.complaint': 'Pengaduan',
  'service.legalBasis': 'Dasar hukum',
  'service.opd': 'Perangkat daerah',
  'service.apply': 'Ajukan Permohonan',
  'service.notFound': 'Layanan tidak ditemukan atau sudah tidak aktif.',

  'apply.heading': 'Ajukan Permohonan',
  'apply.intro': 'Isi data sesuai KTP-el. Kolom bertanda * wajib diisi.',
  'apply.sectionApplicant': 'Data pemohon',
  'apply.sectionAddress': 'Alamat',
  'apply.sectionForm': 'Data permohonan',
  'apply.sectionDocs': 'Unggah dokumen',
  'apply.docsIntro': 'Foto atau pindaian yang jelas. Format PDF, JPG, PNG atau WEBP, paling besar {limit} per berkas.',
  'apply.nik': 'NIK',
  'apply.nikHint': '16 digit, tertera di KTP-el atau KK',
  'apply.nikCount': '{n} dari 16 digit',
  'apply.nikOk': 'Format NIK benar',
  'apply.name': 'Nama lengkap',
  'apply.phone': 'Nomor HP',
  'apply.phoneHint': 'Contoh: 0812 3456 7890.',
  'apply.sectionNotify': 'Kabar status permohonan',
  'apply.notifyIntro':
    'Centang kanal yang Anda setujui untuk menerima kabar status permohonan ini (diterima, perlu perbaikan, ditolak, selesai).',
  'apply.notifyWhatsapp': 'Saya setuju menerima kabar melalui WhatsApp ke nomor HP di atas',
  'apply.notifyEmail': 'Saya setuju menerima kabar melalui email ke alamat di atas',
  'apply.notifyNone': 'Tanpa centang, kami tidak mengirim pesan apa pun; cek status di portal dengan kode lacak.',
  'apply.notifyUnavailable':
    'Saat ini portal belum mengirim kabar melalui WhatsApp atau email. Simpan kode lacak dan cek status permohonan di portal.',
  'err.emailForNotify': 'Isi email untuk menerima kabar melalui email, atau hapus centangnya.',
  'apply.email': 'Email',
  'apply.street': 'Jalan, nomor rumah, RT/RW',
  'apply.kecamatan': 'Kecamatan',
  'apply.kecamatanChoose': 'Pilih kecamatan',
  'apply.kelurahan': 'Kelurahan',
  'apply.kelurahanHint': 'Ketik atau pilih dari daftar',
  'apply.chooseOption': 'Pilih',
  'apply.fileChosen': '{name} ({size})',
  'apply.fileChoose': 'Pilih berkas / ambil foto',
  'apply.fileChange': 'Ganti berkas',
  'apply.fileRemove': 'Hapus',
  'apply.reuseToggle':
    'Pakai {doc} saya yang sudah diverifikasi petugas pada permohonan sebelumnya (di OPD mana pun), tanpa mengunggah lagi',
  'apply.reuseCode': 'Kode lacak permohonan sebelumnya',
  'apply.reuseCodeHint': 'Permohonan itu harus atas NIK yang sama, dan {doc}-nya sudah dinyatakan sesuai oleh petugas.',
  'apply.reuseConsent':
    'Saya setuju salinan {doc} saya yang sudah diverifikasi pada permohonan {code} dipakai untuk permohonan ini dan dilihat oleh petugas OPD yang menanganinya. Petugas tetap memeriksanya lagi.',
  'err.reuseConsent': 'Centang persetujuan ini untuk memakai dokumen tersebut, atau unggah berkasnya.',
  'err.reuseNotFound':
    'Tidak ada {doc} terverifikasi atas NIK ini pada permohonan dengan kode itu. Periksa kode lacaknya, atau unggah berkasnya.',
  'apply.submit': 'Kirim Permohonan',
  'apply.submitting': 'Mengirim…',
  'apply.uploading': 'Mengunggah {percent}%',
  'apply.uploadDone': 'Berkas terkirim, menunggu konfirmasi…',
  'apply.retryHint': 'Koneksi terputus. Tekan Kirim lagi: permohonan Anda tidak akan tercatat dua kali.',
  'apply.fixErrors': 'Periksa kembali isian yang ditandai.',
  'apply.privacy': 'Data pribadi Anda hanya dipakai untuk memproses permohonan ini.',

  'err.required': 'Wajib diisi.',
  'err.docRequired': 'Dokumen ini wajib diunggah.',
  'err.nikLength': 'NIK harus 16 digit angka (sekarang {n}).',
  'err.nikProvince': 'Dua digit pertama NIK bukan kode provinsi yang dikenal.',
  'err.nikRegion': 'Kode kabupaten/kota atau kecamatan pada NIK tidak valid.',
  'err.nikDate': 'Digit ke-7 sampai ke-12 NIK bukan tanggal lahir yang valid.',
  'err.nikSequence': 'Empat digit terakhir NIK tidak boleh 0000.',
  'err.nikInvalid': 'NIK tidak valid.',
  'err.phone': 'Nomor HP tidak valid. Gunakan nomor seluler Indonesia, contoh 081234567890.',
  'err.email': 'Alamat email tidak valid.',
  'err.number': 'Harus berupa angka.',
  'err.date': 'Isi tanggal dengan format dd/mm/yyyy, misalnya 17/08/2025.',
  'err.option': 'Pilih salah satu pilihan yang tersedia.',
  'err.textLong': 'Paling banyak 1000 karakter.',
  'err.fileTooBig': 'Berkas {size} terlalu besar. Batas ukuran {limit} per berkas.',
  'err.fileType': 'Format tidak didukung. Gunakan PDF, JPG, PNG atau WEBP.',

  'receipt.heading': 'Bukti Pendaftaran',
  'receipt.success': 'Permohonan Anda sudah kami terima.',
  'receipt.codeLabel': 'Kode lacak',
  'receipt.saveCode': 'Simpan kode ini. Anda memerlukannya untuk melacak permohonan.',
  'receipt.factorReminder': 'Untuk melacak, Anda juga perlu 4 digit terakhir NIK atau nomor HP yang Anda isi di formulir.',
  'receipt.copy': 'Salin kode',
  'receipt.copied': 'Kode disalin',
  'receipt.print': 'Cetak / simpan PDF',
  'receipt.service': 'Layanan',
  'receipt.submittedAt': 'Diajukan',
  'receipt.expected': 'Perkiraan selesai',
  'receipt.status': 'Status',
  'receipt.expectedNote':
    'Dihitung dalam hari kerja, tidak termasuk hari libur nasional dan cuti bersama. Bisa bergeser bila berkas perlu diperbaiki.',
  'receipt.track': 'Lacak permohonan ini',
  'receipt.noData': 'Rincian bukti tidak tersimpan di perangkat ini. Gunakan kode di atas untuk melacak permohonan.',
  'receipt.notifyOn': 'Kabar status permohonan akan dikirim melalui {channels}.',
  'receipt.notifyOff': 'Kami tidak akan mengirim kabar status. Cek status permohonan di portal dengan kode di atas.',
  'channel.whatsapp': 'WhatsApp',
  'channel.email': 'email',
  'common.and': 'dan',

  'track.heading': 'Lacak Permohonan',
  'track.intro': 'Masukkan kode lacak dari bukti pendaftaran dan 4 digit terakhir NIK atau nomor HP pemohon.',
  'track.code': 'Kode lacak',
  'track.codePlaceholder': 'DKC-7F3K-92QX',
  'track.factor': '4 digit terakhir NIK atau nomor HP',
  'track.submit': 'Lacak',
  'track.searching': 'Mencari…',
  'track.notFound': 'Kode atau 4 digit tidak cocok.',
  'track.codeFormat': 'Kode lacak berbentuk tiga huruf, lalu dua kelompok empat karakter, contoh DKC-7F3K-92QX.',
  'track.factorFormat': 'Masukkan tepat 4 angka.',
  'track.status': 'Status',
  'track.steps': 'Tahapan permohonan',
  'track.step.done': 'selesai',
  'track.step.current': 'tahap sekarang',
  'track.step.todo': 'berikutnya',
  'track.nextStep': 'Langkah berikutnya',
  'track.expected': 'Perkiraan selesai',
  'track.submittedAt': 'Diajukan',
  'track.opd': 'Perangkat daerah',
  'track.returnReason': 'Alasan dikembalikan',
  'track.timeline': 'Riwayat',
  'track.timelineEmpty': 'Belum ada riwayat.',
  'track.documents': 'Dokumen',
  'track.resubmitHeading': 'Perbaiki dokumen',
  'track.resubmitIntro': 'Unggah ulang dokumen yang perlu diperbaiki, lalu tekan Ajukan Ulang.',
  'track.upload': 'Unggah',
  'track.uploaded': 'Terunggah: {name}',
  'track.resubmit': 'Ajukan Ulang',
  'track.resubmitted': 'Permohonan diajukan ulang.',
  'track.resubmitNeedsUpload': 'Unggah dulu dokumen yang ditandai Tidak Sesuai.',
  'track.withdrawHeading': 'Cabut permohonan',
  'track.withdrawIntro': 'Jika tidak lagi memerlukan layanan ini, Anda dapat mencabut permohonan. Tindakan ini tidak dapat dibatalkan.',
  'track.withdrawReason': 'Alasan pencabutan',
  'track.withdraw': 'Cabut Permohonan',
  'track.withdrawConfirm': 'Cabut permohonan ini? Tindakan ini tidak dapat dibatalkan.',
  'track.withdrawn': 'Permohonan dicabut.',
  'track.refresh': 'Perbarui',

  'doc.pending': 'Menunggu pemeriksaan',
  'doc.valid': 'Sesuai',
  'doc.invalid': 'Tidak Sesuai',
  'doc.missing': 'Belum diunggah',

  'role.applicant': 'Pemohon',
  'role.officer': 'Petugas Loket',
  'role.verifier': 'Verifikator',
  'role.supervisor': 'Kepala Seksi',
  'role.head': 'Kepala Dinas/Kantor',
  'role.admin': 'Admin Sistem',
  'role.leadership': 'Pimpinan',
  'role.complaint_officer': 'Petugas Pengaduan',
  'role.system': 'Sistem',

  'size.kb': '{n} KB',
  'size.mb': '{n} MB',
  ...issuancePortalMessages.id,
  ...errorPortalMessages.id,
  ...satisfactionPortalMessages.id,
  ...complaintPortalMessages.id,
  ...transparencyPortalMessages.id,
} satisfies Record<string, string>;

export type MessageKey = keyof typeof id;
type Dictionary = Record<MessageKey, string>;

const en: Dictionary = {
  'app.title': 'Layanan Terpadu Kota Malang',
  'app.tagline': 'Apply for and track public services from home',
  'app.skip': 'Skip to content',
  'nav.catalog': 'Services',
  'nav.track': 'Track application',
  'lang.switch': 'Bahasa Indonesia',
  'lang.switchLabel': 'Switch language to Bahasa Indonesia',
  'footer.complaint': 'Complaints: SP4N-LAPOR! (lapor.go.id) or the MPP Kota Malang complaints desk.',
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.back': 'Back',
  'common.optional': 'optional',
  'common.required': 'required',
  'common.notFound': 'Page not found.',
  'common.toCatalog': 'Go to the services list',
  'common.dateAtTime': '{date} at {time} WIB',

  'catalog.heading': 'Which service do you need?',
  'catalog.searchLabel': 'Search services',
  'catalog.searchPlaceholder': 'E.g. akta, KTP, nikah, halal',
  'catalog.count': '{n} services',
  'catalog.empty': 'No service matches "{q}".',
  'catalog.trackPrompt': 'Already applied? Track your application.',

  'service.requirements': 'Requirements',
  'service.docRequirement': 'Document',
  'service.fieldRequirement': 'Form field',
  'service.mandatory': 'Required',
  'service.notMandatory': 'Optional',
  'service.condition': 'when it applies: {condition}',
  'service.procedure': 'Procedure',
  'service.duration': 'Processing time',
  'service.durationNote': 'Counted from when the requirements are complete, working days only.',
  'service.slaDays': '{n} working day(s)',
  'service.slaHours': '{n} working hour(s)',
  'service.fee': 'Fee',
  'service.free': 'Free',
  'service.product': 'Service product',
  'service.complaint': 'Complaints',
  'service.legalBasis': 'Legal basis',
  'service.opd': 'Agency',
  'service.apply': 'Apply',
  'service.notFound': 'Service not found or no longer offered.',

  'apply.heading': 'Apply',
  'apply.intro': 'Fill in your data as on your KTP-el. Fields marked * are required.',
  'apply.sectionApplicant': 'Applicant',
  'apply.sectionAddress': 'Address',
  'apply.sectionForm': 'Application details',
  'apply.sectionDocs': 'Upload documents',
  'apply.docsIntro': 'Clear photos or scans. PDF, JPG, PNG or WEBP, at most {limit} per file.',
  'apply.nik': 'NIK (national ID number)',
  'apply.nikHint': '16 digits, printed on your KTP-el or KK',
  'apply.nikCount': '{n} of 16 digits',
  'apply.nikOk': 'NIK format is correct',
  'apply.name': 'Full name',
  'apply.phone': 'Mobile number',
  'apply.phoneHint': 'E.g. 0812 3456 7890.',
  'apply.sectionNotify': 'Status updates',
  'apply.notifyIntro':
    'Tick the channels on which you agree to receive status updates for this application (received, needs correction, rejected, completed).',
  'apply.notifyWhatsapp': 'I agree to receive updates by WhatsApp at the mobile number above',
  'apply.notifyEmail': 'I agree to receive updates by email at the address above',
  'apply.notifyNone': 'Without a tick we send no messages; check the status on the portal with the tracking code.',
  'apply.notifyUnavailable':
    'The portal does not send updates by WhatsApp or email yet. Keep the tracking code and check the status on the portal.',
  'err.emailForNotify': 'Enter an email address to receive updates by email, or untick it.',
  'apply.email': 'Email',
  'apply.street': 'Street, house number, RT/RW',
  'apply.kecamatan': 'District (kecamatan)',
  'apply.kecamatanChoose': 'Choose a district',
  'apply.kelurahan': 'Sub-district (kelurahan)',
  'apply.kelurahanHint': 'Type or pick from the list',
  'apply.chooseOption': 'Choose',
  'apply.fileChosen': '{name} ({size})',
  'apply.fileChoose': 'Choose file / take photo',
  'apply.fileChange': 'Change file',
  'apply.fileRemove': 'Remove',
  'apply.reuseToggle': 'Use my {doc} that an officer already verified on an earlier application (at any OPD), without uploading it again',
  'apply.reuseCode': 'Tracking code of the earlier application',
  'apply.reuseCodeHint': 'That application must be under the same NIK, and its {doc} must have been found valid by an officer.',
  'apply.reuseConsent':
    'I agree that a copy of my {doc} verified on application {code} is used for this application and seen by the officers of the OPD handling it. The officers still check it again.',
  'err.reuseConsent': 'Tick this agreement to use that document, or upload the file.',
  'err.reuseNotFound': 'No verified {doc} under this NIK on the application with that code. Check the tracking code, or upload the file.',
  'apply.submit': 'Send application',
  'apply.submitting': 'Sending…',
  'apply.uploading': 'Uploading {percent}%',
  'apply.uploadDone': 'Files sent, waiting for confirmation…',
  'apply.retryHint': 'The connection dropped. Press Send again: your application will not be recorded twice.',
  'apply.fixErrors': 'Please check the highlighted fields.',
  'apply.privacy': 'Your personal data is only used to process this application.',

  'err.required': 'Required.',
  'err.docRequired': 'This document is required.',
  'err.nikLength': 'A NIK has exactly 16 digits (you entered {n}).',
  'err.nikProvince': 'The first two digits are not a known province code.',
  'err.nikRegion': 'The regency or district code in the NIK is invalid.',
  'err.nikDate': 'Digits 7 to 12 of the NIK are not a valid birth date.',
  'err.nikSequence': 'The last four digits of a NIK cannot be 0000.',
  'err.nikInvalid': 'Invalid NIK.',
  'err.phone': 'Invalid mobile number. Use an Indonesian mobile number, e.g. 081234567890.',
  'err.email': 'Invalid email address.',
  'err.number': 'Must be a number.',
  'err.date': 'Enter the date as dd/mm/yyyy, for example 17/08/2025.',
  'err.option': 'Choose one of the listed options.',
  'err.textLong': 'At most 1000 characters.',
  'err.fileTooBig': 'This file is {size}, too large. The limit is {limit} per file.',
  'err.fileType': 'Unsupported format. Use PDF, JPG, PNG or WEBP.',

  'receipt.heading': 'Registration receipt',
  'receipt.success': 'We have received your application.',
  'receipt.codeLabel': 'Tracking code',
  'receipt.saveCode': 'Keep this code. You need it to track your application.',
  'receipt.factorReminder': 'To track it you also need the last 4 digits of the NIK or of the phone number you entered in the form.',
  'receipt.copy': 'Copy code',
  'receipt.copied': 'Code copied',
  'receipt.print': 'Print / save as PDF',
  'receipt.service': 'Service',
  'receipt.submittedAt': 'Submitted',
  'receipt.expected': 'Expected completion',
  'receipt.status': 'Status',
  'receipt.expectedNote':
    'Counted in working days, excluding national holidays and collective leave. It can move if documents need correcting.',
  'receipt.track': 'Track this application',
  'receipt.noData': 'The receipt details are not stored on this device. Use the code above to track the application.',
  'receipt.notifyOn': 'Status updates will be sent by {channels}.',
  'receipt.notifyOff': 'We will not send status updates. Check the status on the portal with the code above.',
  'channel.whatsapp': 'WhatsApp',
  'channel.email': 'email',
  'common.and': 'and',

  'track.heading': 'Track application',
  'track.intro': "Enter the tracking code from your receipt and the last 4 digits of the applicant's NIK or mobile number.",
  'track.code': 'Tracking code',
  'track.codePlaceholder': 'DKC-7F3K-92QX',
  'track.factor': 'Last 4 digits of NIK or mobile number',
  'track.submit': 'Track',
  'track.searching': 'Searching…',
  'track.notFound': 'The code or the 4 digits do not match.',
  'track.codeFormat': 'A tracking code is three letters and two groups of four characters, e.g. DKC-7F3K-92QX.',
  'track.factorFormat': 'Enter exactly 4 digits.',
  'track.status': 'Status',
  'track.steps': 'Application steps',
  'track.step.done': 'done',
  'track.step.current': 'current step',
  'track.step.todo': 'next',
  'track.nextStep': 'Next step',
  'track.expected': 'Expected completion',
  'track.submittedAt': 'Submitted',
  'track.opd': 'Agency',
  'track.returnReason': 'Reason for return',
  'track.timeline': 'History',
  'track.timelineEmpty': 'No history yet.',
  'track.documents': 'Documents',
  'track.resubmitHeading': 'Correct your documents',
  'track.resubmitIntro': 'Upload the documents that need correcting again, then press Resubmit.',
  'track.upload': 'Upload',
  'track.uploaded': 'Uploaded: {name}',
  'track.resubmit': 'Resubmit',
  'track.resubmitted': 'Application resubmitted.',
  'track.resubmitNeedsUpload': 'First upload the documents marked Not valid.',
  'track.withdrawHeading': 'Withdraw application',
  'track.withdrawIntro': 'If you no longer need this service you can withdraw the application. This cannot be undone.',
  'track.withdrawReason': 'Reason for withdrawing',
  'track.withdraw': 'Withdraw application',
  'track.withdrawConfirm': 'Withdraw this application? This cannot be undone.',
  'track.withdrawn': 'Application withdrawn.',
  'track.refresh': 'Refresh',

  'doc.pending': 'Awaiting check',
  'doc.valid': 'Valid',
  'doc.invalid': 'Not valid',
  'doc.missing': 'Not uploaded',

  'role.applicant': 'Applicant',
  'role.officer': 'Front-office officer',
  'role.verifier': 'Verifier',
  'role.supervisor': 'Section head',
  'role.head': 'Head of agency',
  'role.admin': 'System admin',
  'role.leadership': 'Leadership',
  'role.complaint_officer': 'Complaint officer',
  'role.system': 'System',

  'size.kb': '{n} KB',
  'size.mb': '{n} MB',
  ...issuancePortalMessages.en,
  ...errorPortalMessages.en,
  ...satisfactionPortalMessages.en,
  ...complaintPortalMessages.en,
  ...transparencyPortalMessages.en,
};

export type Lang = 'id' | 'en';
const DICTIONARIES: Record<Lang, Dictionary> = { id, en };
const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };
const STORAGE_KEY = 'lt-portal-lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

let current: Lang = initialLang();
const listeners = new Set<() => void>();

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Params = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = DICTIONARIES[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

const TZ = 'Asia/Jakarta';

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, params?: Params) => string;
  /** "Senin, 30 November 2026" in Asia/Jakarta. */
  date: (iso: string) => string;
  /** The date, plus "pukul 16.00 WIB" when the value carries a time of day. */
  dateTime: (iso: string) => string;
  number: (n: number) => string;
  money: (n: number) => string;
  size: (bytes: number) => string;
}

function makeI18n(lang: Lang): I18n {
  const locale = LOCALES[lang];
  const t = (key: MessageKey, params?: Params) => translate(lang, key, params);
  const dateFmt = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TZ });
  const timeFmt = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TZ });
  const numberFmt = new Intl.NumberFormat(locale);
  const moneyFmt = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 });
  const parse = (iso: string): Date | null => {
    // A bare date (2026-11-30) is a calendar day in Jakarta, not UTC midnight.
    const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00+07:00` : iso);
    return Number.isNaN(d.getTime()) ? null : d;
  };
  return {
    lang,
    t,
    date: (iso) => {
      const d = parse(iso);
      return d ? dateFmt.format(d) : iso;
    },
    dateTime: (iso) => {
      const d = parse(iso);
      if (!d) return iso;
      const time = timeFmt.format(d);
      return /^\d{4}-\d{2}-\d{2}$/.test(iso) || time === '00:00' || time === '00.00'
        ? dateFmt.format(d)
        : t('common.dateAtTime', { date: dateFmt.format(d), time });
    },
    number: (n) => numberFmt.format(n),
    money: (n) => moneyFmt.format(n),
    size: (bytes) =>
      bytes < 1024 * 1024
        ? t('size.kb', { n: numberFmt.format(Math.max(1, Math.round(bytes / 1024))) })
        : t('size.mb', { n: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024)) }),
  };
}

const cache = new Map<Lang, I18n>();
export function i18nFor(lang: Lang): I18n {
  let value = cache.get(lang);
  if (!value) {
    value = makeI18n(lang);
    cache.set(lang, value);
  }
  return value;
}

/** The current language's helpers; re-renders the component when the language changes. */
export function useI18n(): I18n {
  const lang = useSyncExternalStore(subscribe, getLang, getLang);
  return i18nFor(lang);
}
