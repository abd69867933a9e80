// Names shared by the application form's hook and sections: error keys (as the API's
// `details[].field`), the control ids they focus, and the NIK error text.
import { documentFieldName, nikProblem } from '@layanan/contracts';
import type { I18n, MessageKey } from '../../i18n';

const NIK_PROBLEMS: Record<string, MessageKey> = {
  'must be exactly 16 digits': 'err.nikLength',
  'has an unknown province code': 'err.nikProvince',
  'has an invalid regency or district code': 'err.nikRegion',
  'has an invalid birth date': 'err.nikDate',
  'has a zero sequence number': 'err.nikSequence',
};

export function nikError(nik: string, t: I18n['t']): string | null {
  const problem = nikProblem(nik);
  if (problem === null) return null;
  return t(NIK_PROBLEMS[problem] ?? 'err.nikInvalid', { n: nik.length });
}

/** Error keys follow the API's `details[].field`; each maps to the control's element id. */
export const APPLICANT_IDS: Record<string, string> = {
  'applicant.nik': 'nik',
  'applicant.name': 'name',
  'applicant.phone': 'phone',
  'applicant.email': 'email',
  'applicant.address.street': 'street',
  'applicant.address.kecamatan': 'kecamatan',
  'applicant.address.kelurahan': 'kelurahan',
};
export const formKey = (key: string) => `formData.${key}`;
export const docKey = documentFieldName;
export const docInputId = (key: string) => `doc-${key}`;
/** Error keys and control ids of a document's reuse (its earlier tracking code and the consent). */
export const reuseCodeKey = (key: string) => `reuse.${key}.trackingCode`;
export const reuseConsentKey = (key: string) => `reuse.${key}.consent`;
export const reuseCodeId = (key: string) => `reuse-code-${key}`;
export const reuseConsentId = (key: string) => `reuse-consent-${key}`;

/** The API names a reuse by its position (`reuse[0].trackingCode`, `reuse.0.consent`); ours by requirement key. */
export function reuseErrorKey(field: string, sent: readonly string[]): string | null {
  const m = /^reuse(?:\[(\d+)\]|\.(\d+))(?:\.(\w+))?$/.exec(field);
  if (!m) return null;
  const key = sent[Number(m[1] ?? m[2])];
  if (!key) return null;
  return m[3] === 'consent' ? reuseConsentKey(key) : reuseCodeKey(key);
}

export function elementIdFor(errorKey: string): string | null {
  if (APPLICANT_IDS[errorKey]) return APPLICANT_IDS[errorKey];
  if (errorKey.startsWith('formData.')) return `form-${errorKey.slice('formData.'.length)}`;
  if (errorKey.startsWith('doc_')) return docInputId(errorKey.slice('doc_'.length));
  const reuse = /^reuse\.([^.]+)\.(trackingCode|consent)$/.exec(errorKey);
  if (reuse) return reuse[2] === 'consent' ? reuseConsentId(reuse[1]) : reuseCodeId(reuse[1]);
  return null;
}

/** The server may name a field more loosely ("nik", "address.street", "kk"): find ours. */
export function matchErrorKey(field: string, known: Set<string>): string | null {
  const candidates = [
    field,
    `applicant.${field}`,
    `applicant.address.${field}`,
    `formData.${field}`,
    `doc_${field}`,
    field.replace(/^documents?\./, 'doc_'),
  ];
  return candidates.find((c) => known.has(c)) ?? null;
}

export interface Applicant {
  nik: string;
  name: string;
  phone: string;
  email: string;
  street: string;
  kecamatan: string;
  kelurahan: string;
}

/** The error key of an applicant control: address parts sit under `applicant.address`. */
export function applicantKey(field: keyof Applicant): string {
  return `applicant.${field === 'street' || field === 'kecamatan' || field === 'kelurahan' ? `address.${field}` : field}`;
}
