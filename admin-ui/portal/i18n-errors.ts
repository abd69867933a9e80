// Portal text for every error code of the API (libs/contracts/src/errors.ts), spread into the
// dictionaries of i18n.ts as `error.<CODE>`; `errorField.<CODE>` is the text under a field the
// API named. Typed by the code list, so a new code without text is a compile error.
import type { ErrorCode } from '@layanan/contracts';

/** The API's codes, plus what a failure without an API answer shows. */
export type ShownError = ErrorCode | 'NETWORK' | 'UNKNOWN';

const id: Record<ShownError, string> = {
  FIELD_INVALID: 'Ada isian yang tidak valid. Periksa kembali isian yang ditandai.',
  AUTH_REQUIRED: 'Halaman ini memerlukan masuk sebagai petugas.',
  LOGIN_FAILED: 'Nama pengguna atau kata sandi salah.',
  SESSION_ENDED: 'Sesi telah berakhir. Muat ulang halaman.',
  API_KEY_INVALID: 'Akses ditolak.',
  REFRESH_INVALID: 'Sesi telah berakhir. Muat ulang halaman.',
  FORBIDDEN: 'Akses ditolak.',
  NOT_FOUND: 'Data tidak ditemukan.',
  TRACKING_NOT_FOUND: 'Kode atau 4 digit tidak cocok.',
  CASE_VERSION_CONFLICT: 'Permohonan ini baru saja berubah. Muat ulang halaman lalu coba lagi.',
  EVENT_NOT_ALLOWED: 'Tindakan ini tidak dapat dilakukan pada tahap permohonan sekarang.',
  CASE_ALREADY_CLAIMED: 'Permohonan ini sedang ditangani petugas.',
  CASE_NOT_ASSIGNED: 'Permohonan ini belum ditangani petugas.',
  DOCUMENT_SUPERSEDED: 'Sudah ada berkas yang lebih baru untuk persyaratan ini.',
  DUPLICATE: 'Data yang sama sudah ada.',
  REQUEST_IN_PROGRESS: 'Permohonan Anda masih diproses. Tunggu sebentar lalu tekan Kirim lagi; permohonan tidak akan tercatat dua kali.',
  FILE_TOO_LARGE: 'Ada berkas yang terlalu besar. Perkecil ukurannya lalu unggah lagi.',
  REQUEST_TOO_LARGE: 'Kiriman terlalu besar. Perkecil ukuran berkas lalu coba lagi.',
  FILE_TYPE_UNSUPPORTED: 'Format berkas tidak didukung. Gunakan PDF, JPG, PNG atau WEBP.',
  CONTENT_TYPE_UNSUPPORTED: 'Format kiriman tidak didukung.',
  FIELD_REQUIRED: 'Ada isian wajib yang belum diisi.',
  REFERENCE_INVALID: 'Layanan ini tidak ditemukan atau sudah tidak aktif.',
  FOUR_EYES: 'Tindakan ini harus dilakukan petugas lain.',
  DOCUMENTS_INCOMPLETE: 'Masih ada dokumen wajib yang belum diunggah.',
  ASSIGNEE_CANNOT_ACT: 'Petugas yang dipilih tidak dapat menangani tahap ini.',
  IDEMPOTENCY_KEY_REUSED: 'Kiriman ini bertabrakan dengan kiriman sebelumnya. Muat ulang halaman lalu isi kembali.',
  ISSUANCE_NOT_CONFIGURED: 'Penerbitan dokumen belum siap.',
  SIGNER_REJECTED: 'Tanda tangan ditolak.',
  DOCUMENT_NOT_VALID: 'Dokumen ini sudah dicabut atau diganti.',
  TEMPLATE_INVALID: 'Templat dokumen tidak dapat dipakai.',
  URL_NOT_ALLOWED: 'Alamat tidak diizinkan.',
  RULE_VIOLATED: 'Permohonan ini tidak memenuhi ketentuan layanan.',
  EXPORT_TOO_LARGE: 'Terlalu banyak baris untuk XLSX; unduh sebagai CSV.',
  EXPORT_NOT_READY: 'Ekspor belum siap.',
  LOGIN_LOCKED: 'Akun dikunci sementara. Coba lagi nanti.',
  RATE_LIMITED: 'Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.',
  SERVICE_UNAVAILABLE: 'Layanan sedang tidak tersedia. Silakan coba lagi beberapa saat lagi.',
  SIGNER_UNAVAILABLE: 'Layanan tanda tangan elektronik sedang tidak tersedia.',
  POPULATION_CHECK_OFF: 'Pemeriksaan NIK ke Dukcapil belum tersedia.',
  SIGNING_UNCERTAIN: 'Layanan tanda tangan elektronik tidak menjawab tepat waktu.',
  INTERNAL: 'Terjadi gangguan di server. Silakan coba lagi beberapa saat lagi.',
  SURVEY_NOT_OPEN: 'Survei kepuasan baru dibuka setelah permohonan Anda selesai.',
  COMPLAINT_STATE_INVALID: 'Status pengaduan ini tidak memungkinkan langkah tersebut.',
  WORKFLOW_INVALID: 'Alur kerja layanan ini tidak valid.',
  DRAFT_STALE: 'Data baru saja berubah. Muat ulang halaman.',
  SERVICE_INACTIVE: 'Layanan ini sudah tidak dibuka untuk permohonan baru.',
  DEACTIVATE_INSTEAD: 'Data ini tidak dapat dihapus.',
  ASSIGNEE_ON_LEAVE: 'Petugas sedang cuti pada waktu itu.',
  LEAVE_OVERLAP: 'Waktu ini bertumpang tindih dengan waktu lain.',
  APPOINTMENT_OVERLAP: 'Waktu ini sudah terisi. Pilih waktu lain.',
  CONSULT_OWN_OPD: 'Pertimbangan teknis tidak dapat diminta dari OPD yang sama.',
  CONSULT_NOT_OPEN: 'Permintaan pertimbangan ini sudah selesai.',
  NETWORK: 'Tidak dapat terhubung ke server. Periksa koneksi internet Anda lalu coba lagi.',
  UNKNOWN: 'Terjadi gangguan. Silakan coba lagi.',
};

const en: Record<ShownError, string> = {
  FIELD_INVALID: 'Some entries are not valid. Check the marked fields.',
  AUTH_REQUIRED: 'This page needs a staff sign-in.',
  LOGIN_FAILED: 'Wrong username or password.',
  SESSION_ENDED: 'The session has ended. Reload the page.',
  API_KEY_INVALID: 'Access denied.',
  REFRESH_INVALID: 'The session has ended. Reload the page.',
  FORBIDDEN: 'Access denied.',
  NOT_FOUND: 'Not found.',
  TRACKING_NOT_FOUND: 'The code or the 4 digits do not match.',
  CASE_VERSION_CONFLICT: 'This application has just changed. Reload the page and retry.',
  EVENT_NOT_ALLOWED: 'This is not possible at the application’s current step.',
  CASE_ALREADY_CLAIMED: 'An officer is handling this application.',
  CASE_NOT_ASSIGNED: 'No officer is handling this application yet.',
  DOCUMENT_SUPERSEDED: 'A newer file exists for this requirement.',
  DUPLICATE: 'The same record already exists.',
  REQUEST_IN_PROGRESS: 'Your application is still being processed. Wait a moment and press Submit again; it will not be recorded twice.',
  FILE_TOO_LARGE: 'A file is too large. Make it smaller and upload it again.',
  REQUEST_TOO_LARGE: 'The submission is too large. Make the files smaller and retry.',
  FILE_TYPE_UNSUPPORTED: 'Unsupported file format. Use PDF, JPG, PNG or WEBP.',
  CONTENT_TYPE_UNSUPPORTED: 'Unsupported submission format.',
  FIELD_REQUIRED: 'A required entry is missing.',
  REFERENCE_INVALID: 'This service was not found or is no longer offered.',
  FOUR_EYES: 'Another officer must do this.',
  DOCUMENTS_INCOMPLETE: 'A mandatory document is still missing.',
  ASSIGNEE_CANNOT_ACT: 'The chosen officer cannot handle this step.',
  IDEMPOTENCY_KEY_REUSED: 'This submission clashes with an earlier one. Reload the page and fill it in again.',
  ISSUANCE_NOT_CONFIGURED: 'Document issuance is not ready.',
  SIGNER_REJECTED: 'The signature was refused.',
  DOCUMENT_NOT_VALID: 'This document has been revoked or replaced.',
  TEMPLATE_INVALID: 'The document template cannot be used.',
  URL_NOT_ALLOWED: 'This address is not allowed.',
  RULE_VIOLATED: 'This application does not meet the service’s rules.',
  EXPORT_TOO_LARGE: 'Too many rows for XLSX; download CSV instead.',
  EXPORT_NOT_READY: 'The export is not ready.',
  LOGIN_LOCKED: 'The account is locked for a while. Retry later.',
  RATE_LIMITED: 'Too many attempts. Wait a moment and retry.',
  SERVICE_UNAVAILABLE: 'The service is unavailable. Please retry in a moment.',
  SIGNER_UNAVAILABLE: 'The electronic signature service is unavailable.',
  POPULATION_CHECK_OFF: 'The NIK check against Dukcapil is not available.',
  SIGNING_UNCERTAIN: 'The electronic signature service did not answer in time.',
  INTERNAL: 'Something went wrong on the server. Please retry in a moment.',
  SURVEY_NOT_OPEN: 'The satisfaction survey opens once your application is completed.',
  COMPLAINT_STATE_INVALID: 'The complaint’s status does not allow this step.',
  WORKFLOW_INVALID: 'This service’s workflow is not valid.',
  DRAFT_STALE: 'The data has just changed. Reload the page.',
  SERVICE_INACTIVE: 'This service no longer takes new applications.',
  DEACTIVATE_INSTEAD: 'This cannot be deleted.',
  ASSIGNEE_ON_LEAVE: 'The officer is on leave at that time.',
  LEAVE_OVERLAP: 'This time overlaps another one.',
  APPOINTMENT_OVERLAP: 'This time is taken. Choose another time.',
  CONSULT_OWN_OPD: 'A technical opinion cannot be asked of the same OPD.',
  CONSULT_NOT_OPEN: 'This consult is already closed.',
  NETWORK: 'Cannot reach the server. Check your internet connection and retry.',
  UNKNOWN: 'Something went wrong. Please retry.',
};

const fieldId = {
  FIELD_INVALID: 'Isian tidak valid.',
  FIELD_REQUIRED: 'Wajib diisi.',
  FILE_TOO_LARGE: 'Berkas ini terlalu besar.',
  FILE_TYPE_UNSUPPORTED: 'Format berkas ini tidak didukung.',
  DOCUMENTS_INCOMPLETE: 'Dokumen ini wajib diunggah.',
};
const fieldEn: typeof fieldId = {
  FIELD_INVALID: 'Not valid.',
  FIELD_REQUIRED: 'Required.',
  FILE_TOO_LARGE: 'This file is too large.',
  FILE_TYPE_UNSUPPORTED: 'This file format is not supported.',
  DOCUMENTS_INCOMPLETE: 'This document is mandatory.',
};

type Prefixed<P extends string, T> = { [K in keyof T & string as `${P}${K}`]: string };

function prefixed<P extends string, T extends Record<string, string>>(prefix: P, texts: T): Prefixed<P, T> {
  return Object.fromEntries(Object.entries(texts).map(([k, v]) => [`${prefix}${k}`, v])) as Prefixed<P, T>;
}

export const FIELD_ERROR_CODES = Object.keys(fieldId) as (keyof typeof fieldId)[];

export const errorPortalMessages = {
  id: { ...prefixed('error.', id), ...prefixed('errorField.', fieldId) },
  en: { ...prefixed('error.', en), ...prefixed('errorField.', fieldEn) },
};
