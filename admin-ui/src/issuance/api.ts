// The issuance endpoints that are not plain react-admin CRUD (signatories are a CRUD resource).
import type { CaseIssuance, DocumentTemplateView, ErrorBody, IssuedDocumentView, LetterheadView } from '@layanan/contracts';
import { HttpError } from 'react-admin';
import { httpClient, toHttpError } from '../providers/dataProvider';
import { API_URL, authFetch } from '../providers/session';

const enc = encodeURIComponent;

async function json<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const res = await httpClient(`${API_URL}${path}`, {
    method: init?.method,
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return res.json as T;
}

/** A PDF (or other binary) body; an error answer becomes the usual HttpError. */
async function blob(path: string, init: RequestInit = {}): Promise<Blob> {
  const res = await authFetch(`${API_URL}${path}`, init);
  if (!res.ok) {
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      body = undefined;
    }
    throw toHttpError(res.status, res.statusText, body);
  }
  return res.blob();
}

export const issuanceApi = {
  forCase: (caseId: string) => json<CaseIssuance>(`/cases/${enc(caseId)}/issuance`),
  draft: (caseId: string) => blob(`/cases/${enc(caseId)}/issuance/draft`),
  content: (documentId: string) => blob(`/issued-documents/${enc(documentId)}/content`),
  revoke: (documentId: string, reason: string) =>
    json<IssuedDocumentView>(`/issued-documents/${enc(documentId)}/revoke`, { method: 'POST', body: { reason } }),
  correct: (
    documentId: string,
    body: { reason: string; passphrase?: string; applicantName?: string; formData?: Record<string, unknown> },
  ) => json<IssuedDocumentView>(`/issued-documents/${enc(documentId)}/correct`, { method: 'POST', body }),
  /** The current template, or null when the service has none yet. */
  template: async (serviceId: string): Promise<DocumentTemplateView | null> => {
    try {
      return await json<DocumentTemplateView>(`/services/${enc(serviceId)}/document-template`);
    } catch (e) {
      if (e instanceof HttpError && e.status === 404) return null;
      throw e;
    }
  },
  saveTemplate: (serviceId: string, body: { title: string; body: string; numberPattern: string | null }) =>
    json<DocumentTemplateView>(`/services/${enc(serviceId)}/document-template`, { method: 'PUT', body }),
  previewTemplate: (serviceId: string, body: { title: string; body: string; numberPattern: string | null }) =>
    blob(`/services/${enc(serviceId)}/document-template/preview`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  letterhead: (opdId: string) => json<LetterheadView>(`/opds/${enc(opdId)}/letterhead`),
  saveLetterhead: (opdId: string, body: Omit<LetterheadView, 'opdId' | 'hasLogo'>) =>
    json<LetterheadView>(`/opds/${enc(opdId)}/letterhead`, { method: 'PUT', body }),
  uploadLogo: async (opdId: string, file: File): Promise<LetterheadView> => {
    const form = new FormData();
    form.append('file', file, file.name);
    const res = await httpClient(`${API_URL}/opds/${enc(opdId)}/letterhead/logo`, { method: 'PUT', body: form });
    return res.json as LetterheadView;
  },
};

const ISSUANCE_CODES = new Set([
  'ISSUANCE_NOT_CONFIGURED',
  'TEMPLATE_INVALID',
  'SIGNER_REJECTED',
  'SIGNER_UNAVAILABLE',
  'SIGNING_UNCERTAIN',
  'DOCUMENT_NOT_VALID',
  'FIELD_REQUIRED',
]);

/** The i18n key and arguments of an issuance error (by its code), or null for others. */
export function issuanceErrorMessage(error: unknown): { key: string; args: Record<string, string> } | null {
  if (!(error instanceof HttpError)) return null;
  const body = error.body as Partial<ErrorBody> | undefined;
  if (!body?.code || !ISSUANCE_CODES.has(body.code)) return null;
  const field = (body.details ?? []).map((d) => d.field).join(', ');
  return { key: `lt.issuance.errors.${body.code}`, args: { field } };
}
