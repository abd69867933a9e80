// Leave, workload suggestions and reassignment: the API's custom routes (not react-admin CRUD).
import type { AssigneeSuggestion, BulkResult, LeaveInput, LeaveView, ReassignItemInput, ReassignPreview } from '@layanan/contracts';
import { httpClient } from '../providers/dataProvider';
import { API_URL } from '../providers/session';

const enc = encodeURIComponent;

export const leavesApi = {
  ofUser: async (userId: string): Promise<LeaveView[]> =>
    (await httpClient(`${API_URL}/leaves?filter=${enc(JSON.stringify({ userId }))}&range=${enc('[0,99]')}`)).json as LeaveView[],
  create: async (input: LeaveInput & { userId?: string }): Promise<LeaveView> =>
    (await httpClient(`${API_URL}/leaves`, { method: 'POST', body: JSON.stringify(input) })).json as LeaveView,
  cancel: async (id: string): Promise<LeaveView> =>
    (await httpClient(`${API_URL}/leaves/${enc(id)}/cancel`, { method: 'POST', body: '{}' })).json as LeaveView,
  suggestions: async (caseId: string): Promise<AssigneeSuggestion[]> =>
    (await httpClient(`${API_URL}/cases/${enc(caseId)}/assignee-suggestions`)).json as AssigneeSuggestion[],
  reassignPreview: async (userId: string): Promise<ReassignPreview> =>
    (await httpClient(`${API_URL}/users/${enc(userId)}/reassign-preview`)).json as ReassignPreview,
  reassign: async (userId: string, items: ReassignItemInput[], reason: string): Promise<BulkResult[]> =>
    (await httpClient(`${API_URL}/users/${enc(userId)}/reassign`, { method: 'POST', body: JSON.stringify({ items, reason }) }))
      .json as BulkResult[],
};
