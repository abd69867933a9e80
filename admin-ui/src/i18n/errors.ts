// Console text for every error code of the API (libs/contracts/src/errors.ts), merged into
// `lt.error` by id.ts and en.ts. `Record<ShownError, string>`: a new code without text here is
// a compile error. `lt.error_field` is the text under a form field the API named in `details`.
import type { ErrorCode } from '@layanan/contracts';

/** The API's codes, plus what a failure without an API answer shows. */
export type ShownError = ErrorCode | 'NETWORK' | 'UNKNOWN';

const id: Record<ShownError, string> = {
  FIELD_INVALID: 'Ada isian yang tidak valid. Periksa kolom yang ditandai.',
  AUTH_REQUIRED: 'Silakan masuk terlebih dahulu.',
  LOGIN_FAILED: 'Nama pengguna atau kata sandi salah.',
  SESSION_ENDED: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
  API_KEY_INVALID: 'Kunci API tidak dikenal atau sudah dicabut.',
  REFRESH_INVALID: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
  FORBIDDEN: 'Anda tidak berwenang melakukan tindakan ini.',
  NOT_FOUND: 'Data tidak ditemukan atau tidak dapat Anda akses.',
  TRACKING_NOT_FOUND: 'Kode lacak atau 4 digit verifikasi tidak cocok.',
  CASE_VERSION_CONFLICT: 'Permohonan ini baru saja diubah oleh petugas lain. Data terbaru sudah dimuat; periksa lalu ulangi bila perlu.',
  EVENT_NOT_ALLOWED: 'Tindakan ini tidak dapat dilakukan pada tahap permohonan sekarang.',
  CASE_ALREADY_CLAIMED: 'Permohonan ini sudah diambil petugas lain.',
  CASE_NOT_ASSIGNED: 'Permohonan ini belum ditugaskan kepada siapa pun.',
  DOCUMENT_SUPERSEDED: 'Sudah ada berkas yang lebih baru untuk persyaratan ini.',
  DUPLICATE: 'Data dengan nilai yang sama sudah ada.',
  REQUEST_IN_PROGRESS: 'Permintaan yang sama masih diproses. Tunggu sebentar lalu coba lagi.',
  FILE_TOO_LARGE: 'Berkas terlalu besar. Perkecil ukurannya lalu unggah lagi.',
  REQUEST_TOO_LARGE: 'Kiriman terlalu besar. Perkecil ukuran berkas lalu coba lagi.',
  FILE_TYPE_UNSUPPORTED: 'Jenis berkas tidak didukung. Gunakan PDF, JPG, PNG atau WEBP.',
  CONTENT_TYPE_UNSUPPORTED: 'Format kiriman tidak didukung.',
  FIELD_REQUIRED: 'Ada isian wajib yang belum diisi.',
  REFERENCE_INVALID: 'Data yang dipilih tidak ada atau sudah tidak aktif.',
  FOUR_EYES: 'Prinsip empat mata: petugas yang memverifikasi tidak boleh menyetujui permohonan yang sama.',
  DOCUMENTS_INCOMPLETE: 'Semua dokumen wajib harus ada dan dinyatakan sesuai terlebih dahulu.',
  ASSIGNEE_CANNOT_ACT: 'Petugas yang dipilih tidak dapat mengerjakan tahap permohonan ini.',
  IDEMPOTENCY_KEY_REUSED: 'Kiriman ini bertabrakan dengan kiriman sebelumnya. Muat ulang halaman lalu coba lagi.',
  ISSUANCE_NOT_CONFIGURED: 'Penerbitan dokumen belum disiapkan. Hubungi admin sistem.',
  SIGNER_REJECTED: 'Tanda tangan ditolak: passphrase atau kata sandi salah, atau penandatangan belum terdaftar.',
  DOCUMENT_NOT_VALID: 'Dokumen ini sudah dicabut atau diganti.',
  TEMPLATE_INVALID: 'Templat tidak dapat dipakai: ada isian atau placeholder yang tidak dikenal.',
  URL_NOT_ALLOWED: 'Alamat URL tidak diizinkan.',
  RULE_VIOLATED: 'Tindakan ini melanggar aturan layanan.',
  LOGIN_LOCKED: 'Akun dikunci sementara karena terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit atau hubungi admin.',
  RATE_LIMITED: 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.',
  SERVICE_UNAVAILABLE: 'Layanan sedang tidak tersedia. Coba lagi beberapa saat lagi.',
  SIGNER_UNAVAILABLE: 'Layanan tanda tangan elektronik tidak dapat dihubungi. Tidak ada yang ditandatangani; coba lagi nanti.',
  SIGNING_UNCERTAIN: 'Layanan tanda tangan elektronik tidak menjawab tepat waktu: penandatanganan belum pasti. Periksa lalu coba lagi.',
  INTERNAL: 'Terjadi kesalahan di server. Coba lagi; bila berulang, laporkan ke admin.',
  NETWORK: 'Tidak dapat terhubung ke server. Periksa jaringan lalu coba lagi.',
  UNKNOWN: 'Terjadi kesalahan. Coba lagi.',
};

const en: Record<ShownError, string> = {
  FIELD_INVALID: 'Some entries are not valid. Check the marked fields.',
  AUTH_REQUIRED: 'Please sign in first.',
  LOGIN_FAILED: 'Wrong username or password.',
  SESSION_ENDED: 'Your session has ended. Please sign in again.',
  API_KEY_INVALID: 'The API key is unknown or revoked.',
  REFRESH_INVALID: 'Your session has ended. Please sign in again.',
  FORBIDDEN: 'You are not allowed to do this.',
  NOT_FOUND: 'Not found, or not visible to you.',
  TRACKING_NOT_FOUND: 'The tracking code or the 4 verification digits do not match.',
  CASE_VERSION_CONFLICT: 'Another officer has just changed this case. The latest data is loaded; check it and retry if needed.',
  EVENT_NOT_ALLOWED: 'This action is not possible at the case’s current step.',
  CASE_ALREADY_CLAIMED: 'Another officer has already claimed this case.',
  CASE_NOT_ASSIGNED: 'This case is not assigned to anyone.',
  DOCUMENT_SUPERSEDED: 'A newer file exists for this requirement.',
  DUPLICATE: 'A record with the same value already exists.',
  REQUEST_IN_PROGRESS: 'The same request is still being processed. Wait a moment and retry.',
  FILE_TOO_LARGE: 'The file is too large. Make it smaller and upload it again.',
  REQUEST_TOO_LARGE: 'The submission is too large. Make the files smaller and retry.',
  FILE_TYPE_UNSUPPORTED: 'Unsupported file type. Use PDF, JPG, PNG or WEBP.',
  CONTENT_TYPE_UNSUPPORTED: 'Unsupported submission format.',
  FIELD_REQUIRED: 'A required entry is missing.',
  REFERENCE_INVALID: 'The chosen record does not exist or is inactive.',
  FOUR_EYES: 'Four-eyes rule: the officer who verified a case may not approve it.',
  DOCUMENTS_INCOMPLETE: 'Every mandatory document must be present and checked valid first.',
  ASSIGNEE_CANNOT_ACT: 'The chosen officer cannot work on this step of the case.',
  IDEMPOTENCY_KEY_REUSED: 'This submission clashes with an earlier one. Reload the page and retry.',
  ISSUANCE_NOT_CONFIGURED: 'Document issuance is not set up yet. Contact the system administrator.',
  SIGNER_REJECTED: 'The signature was refused: wrong passphrase or password, or the signatory is not registered.',
  DOCUMENT_NOT_VALID: 'This document has been revoked or replaced.',
  TEMPLATE_INVALID: 'The template cannot be used: it has an unknown field or placeholder.',
  URL_NOT_ALLOWED: 'This URL is not allowed.',
  RULE_VIOLATED: 'This breaks a rule of the service.',
  LOGIN_LOCKED: 'The account is locked for a while after too many failed sign-ins. Retry in 15 minutes or contact the administrator.',
  RATE_LIMITED: 'Too many requests. Wait a moment and retry.',
  SERVICE_UNAVAILABLE: 'The service is unavailable. Retry in a moment.',
  SIGNER_UNAVAILABLE: 'The electronic signature service cannot be reached. Nothing was signed; retry later.',
  SIGNING_UNCERTAIN: 'The electronic signature service did not answer in time: the signature is uncertain. Check and retry.',
  INTERNAL: 'Something went wrong on the server. Retry; if it happens again, tell the administrator.',
  NETWORK: 'Cannot reach the server. Check the network and retry.',
  UNKNOWN: 'Something went wrong. Retry.',
};

/** Under a field the API named; codes without their own text show FIELD_INVALID's. */
const fieldId = {
  FIELD_INVALID: 'Isian tidak valid',
  FIELD_REQUIRED: 'Wajib diisi',
  FILE_TOO_LARGE: 'Berkas terlalu besar',
  FILE_TYPE_UNSUPPORTED: 'Jenis berkas tidak didukung',
  REFERENCE_INVALID: 'Pilihan tidak tersedia atau tidak aktif',
  DUPLICATE: 'Nilai ini sudah dipakai',
  DOCUMENTS_INCOMPLETE: 'Dokumen wajib belum ada',
  ASSIGNEE_CANNOT_ACT: 'Petugas ini tidak dapat mengerjakan tahap ini',
};

const fieldEn: typeof fieldId = {
  FIELD_INVALID: 'Not valid',
  FIELD_REQUIRED: 'Required',
  FILE_TOO_LARGE: 'File too large',
  FILE_TYPE_UNSUPPORTED: 'Unsupported file type',
  REFERENCE_INVALID: 'Not available or inactive',
  DUPLICATE: 'Already in use',
  DOCUMENTS_INCOMPLETE: 'Mandatory document missing',
  ASSIGNEE_CANNOT_ACT: 'This officer cannot work on this step',
};

export const FIELD_ERROR_CODES = Object.keys(fieldId);

export const errorMessages = {
  id: { error: id, error_field: fieldId },
  en: { error: en, error_field: fieldEn },
};
