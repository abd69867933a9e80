// The satisfaction index endpoints (reports, not react-admin CRUD).
import type { IkmReport, SurveySuggestionView } from '@layanan/contracts';
import { httpClient } from '../providers/dataProvider';
import { API_URL } from '../providers/session';

export interface IkmFilter {
  from?: string;
  to?: string;
  opdId?: string;
  serviceId?: string;
}

function query(f: IkmFilter & { limit?: number }): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const satisfactionApi = {
  ikm: async (f: IkmFilter) => (await httpClient(`${API_URL}/satisfaction/ikm${query(f)}`)).json as IkmReport,
  suggestions: async (f: IkmFilter) =>
    (await httpClient(`${API_URL}/satisfaction/suggestions${query({ ...f, limit: 50 })}`)).json as SurveySuggestionView[],
};
