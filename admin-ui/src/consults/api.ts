// The consult endpoints that are not plain react-admin reads: ask, answer, withdraw (multipart
// with files), a case's consults, the report, and the files.
import type { ConsultReportRow, ConsultView } from '@layanan/contracts';
import { httpClient } from '../providers/dataProvider';
import { API_URL, authFetch } from '../providers/session';

const form = (fields: Record<string, string | undefined>, files: File[]): FormData => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== '') body.append(k, v);
  for (const f of files) body.append('files', f, f.name);
  return body;
};

export interface AskInput {
  consultedOpdId: string;
  consultedRole?: string;
  question: string;
  workingDays: number;
  sharedDocumentIds: string[];
}

export const consultsApi = {
  ofCase: async (caseId: string) => (await httpClient(`${API_URL}/cases/${caseId}/consults`)).json as ConsultView[],
  ask: async (caseId: string, input: AskInput, files: File[]) =>
    (
      await httpClient(`${API_URL}/cases/${caseId}/consults`, {
        method: 'POST',
        body: form(
          {
            consultedOpdId: input.consultedOpdId,
            consultedRole: input.consultedRole,
            question: input.question,
            workingDays: String(input.workingDays),
            sharedDocumentIds: input.sharedDocumentIds.join(','),
          },
          files,
        ),
      })
    ).json as ConsultView,
  answer: async (id: string, answer: string, files: File[]) =>
    (await httpClient(`${API_URL}/consults/${id}/answer`, { method: 'POST', body: form({ answer }, files) })).json as ConsultView,
  withdraw: async (id: string, reason: string) =>
    (await httpClient(`${API_URL}/consults/${id}/withdraw`, { method: 'POST', body: JSON.stringify({ reason }) })).json as ConsultView,
  report: async (f: { from?: string; to?: string }) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
    return (await httpClient(`${API_URL}/consults/report?${p.toString()}`)).json as ConsultReportRow[];
  },
  /** Opens a file of the consult (or a case document shared with it) in a new tab. */
  open: async (path: string) => {
    const res = await authFetch(`${API_URL}${path}`);
    if (!res.ok) throw new Error(String(res.status));
    window.open(URL.createObjectURL(await res.blob()), '_blank', 'noopener');
  },
};
