// The public (no login) API the portal talks to, same origin under /api/public.
import {
  isErrorCode,
  type ErrorCode,
  type NewComplaintInput,
  type NotificationChannel,
  type PortalReuseChoice,
  type PublicComplaintView,
  type PublicService,
  type Receipt,
  type SurveyInput,
  type SurveyReceipt,
  type SurveyStatus,
  type TrackResult,
  type TransparencyReport,
  type VerificationResult,
} from '@layanan/contracts';
import { getLang } from './i18n';

export type {
  FormField,
  PublicComplaintView,
  PublicService,
  Receipt,
  Requirement,
  TimelineEntry,
  TrackedDocument,
  TrackResult,
  VerificationResult,
} from '@layanan/contracts';

export interface ApplicationInput {
  serviceId: string;
  applicant: {
    nik: string;
    name: string;
    phone: string;
    email?: string;
    address: { street: string; kelurahan: string; kecamatan: string };
  };
  formData: Record<string, string | number>;
  /** The channels the citizen ticked (that tick is the consent); [] = no messages. */
  notifications: { channels: NotificationChannel[]; locale: 'id' | 'en' };
  /** Verified KTP/KK of an earlier application reused instead of uploaded (the ticked consent). */
  reuse?: PortalReuseChoice[];
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** A response the server answered with an error status (4xx/5xx). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The API's English message: for logs, never shown (pages show `code`'s text). */
    message: string,
    readonly details: FieldProblem[] = [],
    /** The domain code of the body; undefined when something else (a proxy) answered. */
    readonly code?: ErrorCode,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never got an answer (offline, dropped connection, aborted). */
export class NetworkError extends Error {
  constructor() {
    super('network');
    this.name = 'NetworkError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body)) {
    const raw = body.message;
    const message = Array.isArray(raw) ? raw.map(String).join('; ') : typeof raw === 'string' ? raw : '';
    const details = Array.isArray(body.details)
      ? body.details
          .filter(isRecord)
          .map((d) => ({ field: typeof d.field === 'string' ? d.field : '', message: typeof d.message === 'string' ? d.message : '' }))
      : [];
    return new ApiError(status, message, details, isErrorCode(body.code) ? body.code : undefined);
  }
  return new ApiError(status, '');
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { Accept: 'application/json', 'Accept-Language': getLang(), ...init?.headers } });
  } catch {
    throw new NetworkError();
  }
  const body = parseJson(await res.text().catch(() => ''));
  if (!res.ok) throw toApiError(res.status, body);
  return body as T;
}

const servicesCache = new Map<string, PublicService>();

export async function listServices(): Promise<PublicService[]> {
  const list = await request<PublicService[]>('/api/public/services');
  list.forEach((s) => servicesCache.set(s.id, s));
  return list;
}

let channelsCache: Promise<NotificationChannel[]> | null = null;

/** The channels this installation really sends on: the form offers only these. */
export function getNotificationChannels(): Promise<NotificationChannel[]> {
  channelsCache ??= request<Record<NotificationChannel, boolean>>('/api/public/notification-channels').then(
    (on) => (['whatsapp', 'email'] as const).filter((c) => on[c]),
    (e: unknown) => {
      channelsCache = null;
      throw e;
    },
  );
  return channelsCache;
}

/** One service; answered from the catalog's copy when the citizen came from there. */
export async function getService(id: string): Promise<PublicService> {
  const cached = servicesCache.get(id);
  if (cached) return cached;
  const service = await request<PublicService>(`/api/public/services/${encodeURIComponent(id)}`);
  servicesCache.set(service.id, service);
  return service;
}

export function track(code: string, factor: string): Promise<TrackResult> {
  return request<TrackResult>(`/api/public/track/${encodeURIComponent(code)}?factor=${encodeURIComponent(factor)}`);
}

export function trackEvent(code: string, body: { factor: string; type: 'RESUBMIT' | 'WITHDRAW'; reason?: string }): Promise<unknown> {
  return request<unknown>(`/api/public/track/${encodeURIComponent(code)}/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/** multipart POST through XMLHttpRequest, which (unlike fetch) reports upload progress. */
export function postMultipart<T>(
  url: string,
  form: FormData,
  options: { headers?: Record<string, string>; onProgress?: (p: UploadProgress) => void } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', getLang());
    for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value);
    if (options.onProgress) {
      const report = options.onProgress;
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) report({ loaded: e.loaded, total: e.total });
      };
    }
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(toApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new NetworkError());
    xhr.onabort = () => reject(new NetworkError());
    xhr.ontimeout = () => reject(new NetworkError());
    xhr.send(form);
  });
}

export function submitApplication(
  input: ApplicationInput,
  files: { requirementKey: string; file: File }[],
  idempotencyKey: string,
  onProgress?: (p: UploadProgress) => void,
): Promise<Receipt> {
  const form = new FormData();
  form.append('data', JSON.stringify(input));
  for (const { requirementKey, file } of files) form.append(`doc_${requirementKey}`, file, file.name);
  return postMultipart<Receipt>('/api/public/applications', form, { headers: { 'Idempotency-Key': idempotencyKey }, onProgress });
}

export function uploadCorrection(
  code: string,
  factor: string,
  requirementKey: string,
  file: File,
  onProgress?: (p: UploadProgress) => void,
): Promise<unknown> {
  const form = new FormData();
  form.append('requirementKey', requirementKey);
  form.append('file', file, file.name);
  return postMultipart<unknown>(`/api/public/track/${encodeURIComponent(code)}/documents?factor=${encodeURIComponent(factor)}`, form, {
    onProgress,
  });
}

/** A v4 UUID; crypto.randomUUID only exists in secure contexts (https or localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Documents the citizen may upload.
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'];
export const ACCEPT_ATTR = '.pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp';

/** Checks a chosen file before any byte is sent. */
export function fileProblem(file: File): 'tooBig' | 'type' | null {
  if (file.size > MAX_FILE_BYTES) return 'tooBig';
  const byName = /\.(pdf|jpe?g|png|webp)$/i.test(file.name);
  if (!ACCEPTED_TYPES.includes(file.type) && !byName) return 'type';
  return null;
}

/** Where the receipt lives between the form and the receipt page (survives a reload). */
export function saveReceipt(receipt: Receipt): void {
  try {
    sessionStorage.setItem(`lt-receipt:${receipt.trackingCode}`, JSON.stringify(receipt));
  } catch {
    // storage full or disabled: history state still carries it
  }
}

export function loadReceipt(code: string): Receipt | null {
  try {
    const raw = sessionStorage.getItem(`lt-receipt:${code}`);
    const value = raw ? parseJson(raw) : null;
    return isRecord(value) && value.trackingCode === code ? (value as unknown as Receipt) : null;
  } catch {
    return null;
  }
}

/** Where the citizen downloads the signed document (same code and factor as the tracking page). */
export function issuedDocumentUrl(code: string, factor: string): string {
  return `/api/public/track/${encodeURIComponent(code)}/document?factor=${encodeURIComponent(factor)}`;
}

export function verifyCode(code: string): Promise<VerificationResult> {
  return request<VerificationResult>(`/api/public/verify/${encodeURIComponent(code)}`);
}

/** With a code: compares the file with that document; without: finds the document by the file's SHA-256. */
export function verifyFile(file: File, code?: string): Promise<VerificationResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return postMultipart<VerificationResult>(code ? `/api/public/verify/${encodeURIComponent(code)}/file` : '/api/public/verify', form);
}

export interface SurveyState {
  status: SurveyStatus;
  trackingCode: string;
  serviceName: string;
  response: SurveyReceipt | null;
}

export function surveyState(code: string, factor: string): Promise<SurveyState> {
  return request<SurveyState>(`/api/public/track/${encodeURIComponent(code)}/survey?factor=${encodeURIComponent(factor)}`);
}

export function submitSurvey(code: string, body: SurveyInput): Promise<SurveyReceipt> {
  return request<SurveyReceipt>(`/api/public/track/${encodeURIComponent(code)}/survey`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A complaint (pengaduan) about a tracked application (code + factor) or a service, with an optional attachment. */
export function fileComplaint(input: NewComplaintInput, attachment: File | null): Promise<PublicComplaintView> {
  const form = new FormData();
  for (const [name, value] of Object.entries(input)) if (typeof value === 'string' && value !== '') form.append(name, value);
  if (attachment) form.append('attachment', attachment, attachment.name);
  return postMultipart<PublicComplaintView>('/api/public/complaints', form);
}

export function getComplaint(code: string): Promise<PublicComplaintView> {
  return request<PublicComplaintView>(`/api/public/complaints/${encodeURIComponent(code)}`);
}

/** The public transparency table of a year (default: the current one). */
export function getTransparency(year?: number): Promise<TransparencyReport> {
  return request<TransparencyReport>(`/api/public/transparency${year ? `?year=${year}` : ''}`);
}

export const transparencyDownloadUrl = (format: 'csv' | 'json', year: number): string => `/api/public/transparency.${format}?year=${year}`;
