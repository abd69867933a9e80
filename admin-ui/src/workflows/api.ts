// The workflow endpoints that are not plain react-admin CRUD.
import type { WorkflowDefinition, WorkflowDiffView, WorkflowDraftView, WorkflowLayout, WorkflowVersionView } from '@layanan/workflow';
import { httpClient } from '../providers/dataProvider';
import { API_URL } from '../providers/session';

const enc = encodeURIComponent;

async function json<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const res = await httpClient(`${API_URL}${path}`, {
    method: init?.method,
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return res.json as T;
}

export const workflowsApi = {
  versions: (key?: string) =>
    json<WorkflowVersionView[]>(`/workflows?range=${enc('[0,199]')}${key ? `&filter=${enc(JSON.stringify({ key }))}` : ''}`),
  version: (id: string) => json<WorkflowVersionView>(`/workflows/${enc(id)}`),
  diff: (from: string, to: string) => json<WorkflowDiffView>(`/workflows/diff?from=${enc(from)}&to=${enc(to)}`),
  drafts: () => json<WorkflowDraftView[]>(`/workflow-drafts?range=${enc('[0,199]')}`),
  draft: (id: string) => json<WorkflowDraftView>(`/workflow-drafts/${enc(id)}`),
  createDraft: (body: { fromId: string } | { key: string; name: { id: string; en: string } }) =>
    json<WorkflowDraftView>('/workflow-drafts', { method: 'POST', body }),
  saveDraft: (id: string, body: { definition: WorkflowDefinition; layout: WorkflowLayout; revision: number }) =>
    json<WorkflowDraftView>(`/workflow-drafts/${enc(id)}`, { method: 'PUT', body }),
  publish: (id: string, revision: number) =>
    json<WorkflowVersionView>(`/workflow-drafts/${enc(id)}/publish`, { method: 'POST', body: { revision } }),
  discard: (id: string) => json<WorkflowDraftView>(`/workflow-drafts/${enc(id)}`, { method: 'DELETE' }),
};

/** "Standar · versi 1" instead of "standard v1". */
export function versionLabel(
  w: { key: string; version: number; label?: { id: string; en: string } } | undefined,
  lang: 'id' | 'en',
  translate: (k: string, o?: Record<string, unknown>) => string,
): string {
  if (!w) return '';
  return translate('lt.designer.label_version', { name: w.label?.[lang] ?? w.key, n: w.version });
}
