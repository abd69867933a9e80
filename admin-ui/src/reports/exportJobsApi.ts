// Background case-list exports (docs/REPORTS.md, "Background exports"): not react-admin CRUD.
import type { ExportJobView, ExportSizeView } from '@layanan/contracts';
import { httpClient } from '../providers/dataProvider';
import { API_URL } from '../providers/session';

/** A case list as the export endpoints take it: filter and sort as JSON text. */
export interface CaseListSpec {
  filter: Record<string, unknown>;
  sort: [string, string];
}

const params = (spec: CaseListSpec) => ({ filter: JSON.stringify(spec.filter), sort: JSON.stringify(spec.sort) });

export const exportJobsApi = {
  size: async (spec: CaseListSpec): Promise<ExportSizeView> =>
    (await httpClient(`${API_URL}/exports/cases/size?${new URLSearchParams({ filter: params(spec).filter }).toString()}`))
      .json as ExportSizeView,
  start: async (spec: CaseListSpec): Promise<ExportJobView> =>
    (await httpClient(`${API_URL}/exports/case-jobs`, { method: 'POST', body: JSON.stringify(params(spec)) })).json as ExportJobView,
  list: async (): Promise<ExportJobView[]> => (await httpClient(`${API_URL}/exports/case-jobs`)).json as ExportJobView[],
};
