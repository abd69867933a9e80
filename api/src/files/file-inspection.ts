import { createHash } from 'node:crypto';
import { fromBuffer } from 'file-type';
import { AppError } from '../common/errors/app-error';

/** What citizens and officers may upload: scans and photos of paper documents. */
export const ALLOWED_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export type AllowedType = (typeof ALLOWED_TYPES)[number];

const BY_EXTENSION: Record<string, AllowedType> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  jfif: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};
const MIME_ALIASES: Record<string, AllowedType> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'image/x-png': 'image/png' };
/** Declared types that say nothing about the content (some browsers and scanners send these). */
const GENERIC_MIME = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/x-download']);
const MAX_NAME = 120;

/** An uploaded file as UploadInterceptor hands it over (the multipart part read into memory). */
export interface IncomingFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** An upload that passed every check, ready to store. */
export interface InspectedFile {
  field: string;
  bytes: Buffer;
  contentType: AllowedType;
  size: number;
  sha256: string;
  fileName: string;
}

/**
 * Decides the content type from the bytes (magic numbers), and refuses a file whose name or
 * declared type claims something else: a PNG sent as "x.pdf" is either a mistake or an attack.
 */
export async function inspectFile(file: IncomingFile, field: string, maxBytes: number): Promise<InspectedFile> {
  if (file.size > maxBytes || file.buffer.length > maxBytes)
    throw AppError.field('FILE_TOO_LARGE', field, `must be at most ${formatBytes(maxBytes)}`);
  if (file.buffer.length === 0) throw AppError.field('FIELD_INVALID', field, 'is empty');
  const detected = (await fromBuffer(file.buffer))?.mime;
  const sniffed = ALLOWED_TYPES.find((t) => t === detected);
  if (!sniffed) throw AppError.field('FILE_TYPE_UNSUPPORTED', field, 'must be a PDF, JPEG, PNG or WebP file');
  const ext = extensionOf(file.originalname);
  if (ext !== null && BY_EXTENSION[ext] !== sniffed) {
    throw AppError.field('FILE_TYPE_UNSUPPORTED', field, `is named ".${ext}" but its content is ${label(sniffed)}`);
  }
  const declared = file.mimetype.toLowerCase().split(';')[0].trim();
  const declaredType = MIME_ALIASES[declared] ?? declared;
  if (!GENERIC_MIME.has(declaredType) && declaredType !== sniffed) {
    throw AppError.field('FILE_TYPE_UNSUPPORTED', field, `was declared as ${declared} but its content is ${label(sniffed)}`);
  }
  return {
    field,
    bytes: file.buffer,
    contentType: sniffed,
    size: file.buffer.length,
    sha256: createHash('sha256').update(file.buffer).digest('hex'),
    fileName: sanitizeFileName(file.originalname, sniffed),
  };
}

/**
 * The original name, for display only: no directories (../../etc/passwd -> passwd), no control
 * or bidirectional-override characters, no leading dots, at most 120 characters (extension kept).
 */
export function sanitizeFileName(raw: string, contentType: AllowedType): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/["<>:|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  if (!name) name = `dokumen.${defaultExtension(contentType)}`;
  if (name.length > MAX_NAME) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 6 ? name.slice(dot) : '';
    name = name.slice(0, MAX_NAME - ext.length).trimEnd() + ext;
  }
  return name;
}

/** `inline` with an ASCII fallback and the exact name as RFC 5987 `filename*`. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} bytes`;
}

function extensionOf(name: string): string | null {
  const base = name.split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  // "KK 12.03.2024" or "dr. Budi" have no extension: only short alphanumeric tails with a letter count.
  return /^(?=.*[a-z])[a-z0-9]{1,5}$/.test(ext) ? ext : null;
}

function defaultExtension(t: AllowedType): string {
  return { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }[t];
}

function label(t: AllowedType): string {
  return { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' }[t];
}
