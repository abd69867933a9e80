// The complaint endpoints that are not plain react-admin CRUD: the officer's steps, the LAPOR! bridge, the report.
import type { ComplaintActionInput, ComplaintDetail, ComplaintReport, ComplaintSummary } from '@layanan/contracts';
import { httpClient } from '../providers/dataProvider';
import { API_URL } from '../providers/session';

const post = async <T>(path: string, body?: unknown) =>
  (await httpClient(`${API_URL}${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) })).json as T;

export const complaintsApi = {
  act: (id: string, input: ComplaintActionInput) => post<ComplaintDetail>(`/complaints/${id}/actions`, input),
  forward: (id: string) => post<ComplaintDetail>(`/complaints/${id}/lapor`),
  ofCase: async (caseId: string) =>
    (await httpClient(`${API_URL}/complaints?${new URLSearchParams({ filter: JSON.stringify({ caseId }), range: '[0,49]' }).toString()}`))
      .json as ComplaintSummary[],
  report: async (f: { from?: string; to?: string; opdId?: string; serviceId?: string }) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
    return (await httpClient(`${API_URL}/complaints/report?${p.toString()}`)).json as ComplaintReport;
  },
  attachmentUrl: (id: string) => `${API_URL}/complaints/${id}/attachment`,
};
