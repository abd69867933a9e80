// The stock ra-data-simple-rest provider, extended with typed methods for the case
// workflow endpoints that are not plain CRUD.
import simpleRestProvider from 'ra-data-simple-rest';
import { HttpError, type DataProvider, type GetListParams, type GetListResult, type RaRecord, type fetchUtils } from 'react-admin';
import {
  documentFieldName,
  type AuditResult,
  type BulkEventInput,
  type BulkResult,
  type CaseDetail,
  type CaseEventView,
  type CaseDocumentView,
  type CaseSummary,
  type ErrorBody,
  type NewCaseInput,
  type QueueCounts,
  type ReportName,
  type ReportQuery,
} from '@layanan/contracts';
import { errorCodeOf, errorKey, fieldErrorKey } from '../common/errors';
import { API_URL, authFetch } from './session';

export interface CaseEventInput {
  type: string;
  version: number;
  reason?: string;
  comment?: string;
  assigneeId?: string;
  opdId?: string;
  note?: string;
  /** Personally signed issuing events only; never stored. */
  passphrase?: string;
}

export interface BulkAssignInput {
  caseIds: string[];
  assigneeId: string;
  reason: string;
}

export interface DocumentCheckInput {
  status: 'valid' | 'invalid';
  note?: string;
}

export interface LayananDataProvider extends DataProvider {
  caseEvent(id: string, input: CaseEventInput): Promise<CaseDetail>;
  caseEvents(id: string): Promise<CaseEventView[]>;
  caseAudit(id: string): Promise<AuditResult>;
  bulkAssign(input: BulkAssignInput): Promise<BulkResult[]>;
  /** One workflow event to several cases; one result per case, in the order sent. */
  bulkEvents(input: BulkEventInput): Promise<BulkResult[]>;
  queueCounts(): Promise<QueueCounts>;
  checkDocument(caseId: string, docId: string, input: DocumentCheckInput): Promise<CaseDocumentView>;
  uploadDocument(caseId: string, requirementKey: string, file: File): Promise<CaseDocumentView>;
  /** Deactivates (out of the public catalog, no new applications; running cases continue) or reactivates a service. */
  setServiceActive(id: string, active: boolean): Promise<unknown>;
  /** Counter intake: the application and its documents in one multipart request (one transaction in the API). */
  registerCase(data: NewCaseInput, documents: { requirementKey: string; file: File }[]): Promise<CaseDetail>;
  documentContent(caseId: string, docId: string): Promise<Blob>;
  /** A report (docs/REPORTS.md) for a period and scope. */
  report<T>(name: ReportName, query: ReportQuery): Promise<T>;
  /** Downloads an export (CSV/XLSX) as a file named by the API. */
  downloadExport(path: string, query: Record<string, unknown>): Promise<void>;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && 'statusCode' in value;
}

/**
 * ErrorBody -> HttpError whose message is the i18n key of its code (react-admin's own
 * notifications translate it); `details` become `body.errors`, one i18n key per field, so
 * react-admin forms mark the fields the API named.
 */
export function toHttpError(status: number, statusText: string, json: unknown): HttpError {
  const error = new HttpError(statusText || `HTTP ${status}`, status, json);
  const message = errorKey(errorCodeOf(error));
  if (!isErrorBody(json)) return new HttpError(message, status, json);
  let errors: Record<string, string> | undefined;
  if (json.details?.length) {
    errors = {};
    for (const d of json.details) errors[d.field] = fieldErrorKey(json.code);
  }
  return new HttpError(message, status, errors ? { ...json, errors } : json);
}

async function parseBody(res: Response): Promise<{ text: string; json: unknown }> {
  const text = await res.text();
  try {
    return { text, json: text ? (JSON.parse(text) as unknown) : undefined };
  } catch {
    return { text, json: undefined };
  }
}

/** JSON client with bearer auth and one refresh-on-401 (see session.ts). */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const headers = new Headers(options.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  if (options.body !== undefined && !(options.body instanceof FormData) && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  const { user: _user, ...init } = options;
  const res = await authFetch(url, { ...init, headers });
  const { text, json } = await parseBody(res);
  if (res.status < 200 || res.status >= 300) throw toHttpError(res.status, res.statusText, json);
  return { status: res.status, headers: res.headers, body: text, json };
}

// The API refuses sorting by a column it does not index; fall back to each resource's default.
const SORTABLE: Record<string, readonly string[]> = {
  cases: ['dueAt', 'submittedAt'],
  complaints: ['receivedAt', 'dueAt'],
  consults: ['dueAt', 'requestedAt'],
  users: ['username', 'fullName', 'createdAt', 'lastLoginAt'],
  services: ['name', 'code', 'slaAmount'],
  opds: ['name', 'code', 'kind'],
  workflows: ['key'],
  holidays: ['date'],
  appointments: ['validFrom'],
};

function safeSort<P extends Pick<GetListParams, 'sort'>>(resource: string, params: P): P {
  const allowed = SORTABLE[resource];
  if (!allowed || (params.sort && allowed.includes(params.sort.field))) return params;
  return { ...params, sort: { field: allowed[0], order: resource === 'holidays' ? 'DESC' : 'ASC' } };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Date-range filters are Jakarta calendar days; the API takes instants (`to` exclusive). */
function caseFilter(filter: Record<string, unknown>): Record<string, unknown> {
  const out = { ...filter };
  const from = out.submittedFrom;
  const to = out.submittedTo;
  if (typeof from === 'string' && DAY.test(from)) out.submittedFrom = new Date(`${from}T00:00:00+07:00`).toISOString();
  if (typeof to === 'string' && DAY.test(to)) {
    out.submittedTo = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000).toISOString();
  }
  return out;
}

async function json<T>(path: string, init?: fetchUtils.Options): Promise<T> {
  const res = await httpClient(`${API_URL}${path}`, init);
  return res.json as T;
}

const post = <T>(path: string, body: unknown): Promise<T> => json<T>(path, { method: 'POST', body: JSON.stringify(body) });

const base = simpleRestProvider(API_URL, httpClient);

/**
 * The case list, in the simple-rest dialect, read honestly: `Content-Range: cases 0-24/300` is a
 * total; `cases 0-24/*` means the API stopped counting at its cap, so the page has no total,
 * only `meta.atLeast` (X-Total-At-Least) and a next page (react-admin's partial pagination).
 */
async function getCaseList<R extends RaRecord = CaseSummary>(params: GetListParams): Promise<GetListResult<R>> {
  const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
  const { sort } = safeSort('cases', params);
  const query = new URLSearchParams({
    filter: JSON.stringify(caseFilter((params.filter ?? {}) as Record<string, unknown>)),
    range: JSON.stringify([(page - 1) * perPage, page * perPage - 1]),
  });
  if (sort) query.set('sort', JSON.stringify([sort.field, sort.order]));
  const res = await httpClient(`${API_URL}/cases?${query.toString()}`, { signal: params.signal });
  const data = res.json as R[];
  const total = res.headers.get('Content-Range')?.split('/').pop();
  if (total !== undefined && total !== '*') return { data, total: Number(total) };
  return {
    data,
    pageInfo: { hasPreviousPage: page > 1, hasNextPage: data.length === perPage },
    meta: { atLeast: Number(res.headers.get('X-Total-At-Least')) || undefined },
  };
}

export const dataProvider: LayananDataProvider = {
  ...base,
  // react-admin's DataProvider types each call by its caller's record type.
  getList: <R extends RaRecord>(resource: string, params: GetListParams) =>
    resource === 'cases' ? getCaseList<R>(params) : base.getList<R>(resource, safeSort(resource, params)),
  getManyReference: (resource, params) => base.getManyReference(resource, safeSort(resource, params)),
  caseEvent: (id, input) => post<CaseDetail>(`/cases/${encodeURIComponent(id)}/events`, input),
  caseEvents: (id) => json<CaseEventView[]>(`/cases/${encodeURIComponent(id)}/events`),
  caseAudit: (id) => json<AuditResult>(`/cases/${encodeURIComponent(id)}/audit`),
  bulkAssign: (input) => post<BulkResult[]>('/cases/bulk-assign', input),
  bulkEvents: (input) => post<BulkResult[]>('/cases/bulk-events', input),
  queueCounts: () => json<QueueCounts>('/cases/queue-counts'),
  checkDocument: (caseId, docId, input) =>
    post<CaseDocumentView>(`/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(docId)}/check`, input),
  setServiceActive: (id, active) => json(`/services/${encodeURIComponent(id)}`, { method: 'PATCH', body: JSON.stringify({ active }) }),
  registerCase: (data, documents) => {
    const form = new FormData();
    form.append('data', JSON.stringify(data));
    for (const d of documents) form.append(documentFieldName(d.requirementKey), d.file, d.file.name);
    return json<CaseDetail>('/cases', { method: 'POST', body: form });
  },
  uploadDocument: (caseId, requirementKey, file) => {
    const form = new FormData();
    form.append('requirementKey', requirementKey);
    form.append('file', file, file.name);
    return json<CaseDocumentView>(`/cases/${encodeURIComponent(caseId)}/documents`, { method: 'POST', body: form });
  },
  documentContent: async (caseId, docId) => {
    const res = await authFetch(`${API_URL}/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(docId)}/content`);
    if (!res.ok) {
      const { json: body } = await parseBody(res);
      throw toHttpError(res.status, res.statusText, body);
    }
    return res.blob();
  },
  report: <T>(name: ReportName, query: ReportQuery) => json<T>(`/reports/${name}?${searchOf(query)}`),
  downloadExport: async (path, query) => {
    const res = await authFetch(`${API_URL}${path}?${searchOf(query)}`);
    if (!res.ok) {
      const { json: body } = await parseBody(res);
      throw toHttpError(res.status, res.statusText, body);
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'export';
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    URL.revokeObjectURL(url);
  },
};

/** Query string of the defined values (objects as JSON, as the list API reads `filter`). */
function searchOf(query: object): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  return params.toString();
}
