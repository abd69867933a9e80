// Issued documents (surat keterangan, rekomendasi): the pure rules both the API and the
// console's editors run: letter-number patterns, template placeholders, Indonesian dates,
// masked names. No Node-only or browser-only imports.
import type { FormField } from './public';

// ---- letter numbers ---------------------------------------------------------------------

/**
 * A letter-number pattern: literal text plus tokens. `{seq}` is the counter (`{seq:3}` pads it
 * to 3 digits), `{year}` the four-digit year, `{mm}` the month 01-12, `{month-roman}` I-XII.
 * E.g. Permendagri 83/2022 `400.12.2.3/{seq}/35.73.301/{year}`, Kemenag `B-{seq}/Kk.13.23/PW.01/{mm}/{year}`.
 */
export const LETTER_NUMBER_TOKENS = ['seq', 'year', 'mm', 'month-roman'] as const;

const TOKEN = /\{([^{}]*)\}/g;
const LITERAL = /^[A-Za-z0-9./\-_ ()]*$/;
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** Problems with a pattern, in English (empty = valid). The counter resets each year, so `{year}` is required. */
export function letterNumberPatternProblems(pattern: string): string[] {
  const problems: string[] = [];
  if (pattern.trim() === '' || pattern.length > 100) problems.push('must be 1-100 characters');
  let seqCount = 0;
  let hasYear = false;
  for (const [, token] of pattern.matchAll(TOKEN)) {
    if (/^seq(:[1-6])?$/.test(token)) seqCount += 1;
    else if (token === 'year') hasYear = true;
    else if (token !== 'mm' && token !== 'month-roman') problems.push(`unknown token {${token}}`);
  }
  if (seqCount !== 1) problems.push('must contain {seq} (or {seq:N}) exactly once');
  if (!hasYear) problems.push('must contain {year}: the counter starts again at 1 each year');
  const literal = pattern.replace(TOKEN, '');
  if (!LITERAL.test(literal) || /[{}]/.test(literal)) problems.push('literal text may only use letters, digits and . / - _ ( ) and spaces');
  return problems;
}

/** The calendar parts of an instant in Asia/Jakarta (WIB), where Kota Malang's letters are dated. */
export function jakartaDate(at: Date): { year: number; month: number; day: number } {
  const local = new Date(at.getTime() + 7 * 3600_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** Fills a valid pattern. `at` decides year and month (Asia/Jakarta). */
export function formatLetterNumber(pattern: string, seq: number, at: Date): string {
  const { year, month } = jakartaDate(at);
  return pattern.replace(TOKEN, (_m, token: string) => {
    if (token === 'year') return String(year);
    if (token === 'mm') return String(month).padStart(2, '0');
    if (token === 'month-roman') return ROMAN[month - 1];
    const pad = /^seq:(\d)$/.exec(token);
    return pad ? String(seq).padStart(Number(pad[1]), '0') : String(seq);
  });
}

// ---- dates and names --------------------------------------------------------------------

export const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

/** "1 Desember 2026": an instant in Asia/Jakarta, or a calendar date `YYYY-MM-DD` as it is. */
export function formatDateId(value: Date | string): string {
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (m) return `${Number(m[3])} ${MONTHS_ID[Number(m[2]) - 1]} ${m[1]}`;
    value = new Date(value);
  }
  const { year, month, day } = jakartaDate(value);
  return `${day} ${MONTHS_ID[month - 1]} ${year}`;
}

/**
 * A name as the public verification page shows it: every word but the last keeps its first
 * three letters ("Siti Aminah" -> "Sit* Aminah"); a one-word name keeps three letters.
 */
export function maskName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const mask = (w: string) => {
    const keep = Math.min(3, Math.max(1, w.length - 1));
    return w.slice(0, keep) + '*'.repeat(w.length - keep);
  };
  if (words.length <= 1) return words.map(mask).join('');
  return [...words.slice(0, -1).map(mask), words[words.length - 1]].join(' ');
}

// ---- templates --------------------------------------------------------------------------

/** The fixed placeholders of a document template; `form.<key>` adds one per form field of the service. */
export const TEMPLATE_PLACEHOLDERS = [
  'applicant.name',
  'applicant.nik',
  'applicant.address',
  'case.trackingCode',
  'case.submittedDate',
  'service.name',
  'service.product',
  'opd.name',
  'document.number',
  'document.date',
  'signer.name',
  'signer.position',
] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholder names a text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

export interface TemplateProblem {
  /** The template field: 'title' or 'body'. */
  field: string;
  /** The placeholder as written, when the problem is about one. */
  placeholder?: string;
  message: string;
}

/**
 * Everything wrong with a template's texts against the service's form fields (empty = valid):
 * unknown placeholders and stray braces. The console's editor and the API run this same check.
 */
export function documentTemplateProblems(texts: { title: string; body: string }, formFields: Pick<FormField, 'key'>[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const known = new Set<string>([...TEMPLATE_PLACEHOLDERS, ...formFields.map((f) => `form.${f.key}`)]);
  for (const field of ['title', 'body'] as const) {
    const text = texts[field];
    for (const name of placeholdersOf(text)) {
      if (!known.has(name)) {
        const hint = name.startsWith('form.') ? 'is not a form field of this service' : 'is not a known placeholder';
        problems.push({ field, placeholder: name, message: `{{${name}}} ${hint}` });
      }
    }
    const rest = text.replace(PLACEHOLDER, '');
    if (rest.includes('{{') || rest.includes('}}')) problems.push({ field, message: 'has an unclosed or stray {{ or }}' });
  }
  if (texts.title.trim() === '') problems.push({ field: 'title', message: 'is required' });
  if (texts.body.trim() === '') problems.push({ field: 'body', message: 'is required' });
  return problems;
}

/**
 * Replaces every placeholder with its value. Returns the names that had no value (a missing
 * form field) instead of printing an empty gap into an official letter.
 */
export function fillTemplate(text: string, values: Record<string, string | undefined>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(PLACEHOLDER, (_m, name: string) => {
    const v = values[name];
    if (v === undefined || v.trim() === '') {
      missing.push(name);
      return '';
    }
    return v;
  });
  return { text: out, missing: [...new Set(missing)] };
}

/** A body block: a paragraph, or a table of `| label | value` lines (e.g. Nama, NIK, Alamat). */
export type TemplateBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: [string, string][] };

/** Splits a (filled) body into blocks: paragraphs are separated by blank lines; lines starting with `|` are table rows. */
export function templateBlocks(body: string): TemplateBlock[] {
  const blocks: TemplateBlock[] = [];
  for (const chunk of body.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    let para: string[] = [];
    let rows: [string, string][] = [];
    const flush = () => {
      if (para.length) blocks.push({ kind: 'paragraph', text: para.join('\n') });
      if (rows.length) blocks.push({ kind: 'table', rows });
      para = [];
      rows = [];
    };
    for (const line of lines) {
      const trimmed = line.trim();
      if (trimmed.startsWith('|')) {
        if (para.length) flush();
        const cells = trimmed.replace(/^\||\|$/g, '').split('|');
        rows.push([(cells[0] ?? '').trim(), cells.slice(1).join('|').trim()]);
      } else {
        if (rows.length) flush();
        para.push(trimmed);
      }
    }
    flush();
  }
  return blocks;
}

// ---- verification codes -----------------------------------------------------------------

/** 128 random bits as 26 RFC 4648 base32 characters: the QR code's key, unguessable. */
export const VERIFICATION_CODE = /^[A-Z2-7]{26}$/;

// ---- API shapes -------------------------------------------------------------------------

export type SignatureMode = 'personal' | 'seal';
export type SignerKind = 'local' | 'bsre';
export type IssuedDocumentStatus = 'valid' | 'revoked' | 'superseded';
/** How a signatory signs for someone else: Plh. (pelaksana harian), Plt. (pelaksana tugas), a.n. (atas nama). */
export type ActingKind = 'plh' | 'plt' | 'an';

export interface DocumentTemplateView {
  id: string;
  serviceId: string;
  version: number;
  /** The service version it was saved against (its form fields were checked). */
  serviceVersion: number;
  title: string;
  body: string;
  /** Overrides the OPD's letter-number pattern; the counter is then this service's own. */
  numberPattern: string | null;
  createdAt: string;
  createdByName: string | null;
}

export interface LetterheadView {
  opdId: string;
  /** Lines above the address, e.g. ["PEMERINTAH KOTA MALANG", "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL"]. */
  lines: string[];
  address: string;
  contact: string;
  /** Where letters are dated: "Malang, 1 Desember 2026". */
  city: string;
  numberPattern: string | null;
  hasLogo: boolean;
}

export interface SignatoryView {
  userId: string;
  fullName: string;
  opdId: string;
  nip: string;
  /** NIK registered with BSrE (admin only); needed only for BSrE signing. */
  nik: string | null;
  position: string;
  rank: string | null;
  acting: ActingKind | null;
  /** The position acted for, e.g. "Kepala Dinas Kependudukan dan Pencatatan Sipil". */
  actingFor: string | null;
  /** Named in the signature block of the OPD's sealed (institution-signed) documents. */
  isDefault: boolean;
  active: boolean;
}

export interface IssuedDocumentView {
  id: string;
  caseId: string;
  number: string;
  title: string;
  status: IssuedDocumentStatus;
  issuedAt: string;
  sha256: string;
  size: number;
  signatureMode: SignatureMode;
  signerKind: SignerKind;
  signerName: string;
  signerPosition: string;
  verificationCode: string;
  verificationUrl: string;
  templateVersion: number;
  revokedAt: string | null;
  revocationReason: string | null;
  supersedesId: string | null;
  supersededById: string | null;
}

/** What anyone holding the QR code (or the PDF) learns: no personal data beyond a masked name. */
export interface VerificationResult {
  number: string;
  title: string;
  serviceName: string;
  opdName: string;
  issuedAt: string;
  signerName: string;
  signerPosition: string;
  signatureMode: SignatureMode;
  signerKind: SignerKind;
  status: IssuedDocumentStatus;
  revokedAt: string | null;
  revocationReason: string | null;
  /** The number of the document that replaces this one (a correction). */
  replacedByNumber: string | null;
  applicantName: string;
  sha256: string;
  /** Set when a file was uploaded: whether its SHA-256 is exactly the issued document's. */
  fileMatches?: boolean;
}

/** GET /api/cases/:id/issuance */
export interface CaseIssuance {
  documents: IssuedDocumentView[];
  signingUncertain: SigningUncertainty | null;
  canRevoke: boolean;
  correctionSignature: SignatureMode | null;
  personalSignerKind: SignerKind;
}

/** A signing attempt whose outcome is unknown (the signer timed out after the request was sent). */
export interface SigningUncertainty {
  at: string;
  signerKind: SignerKind;
  userName: string | null;
}
