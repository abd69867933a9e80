// Webhook subscriber and integration API key actions that are not plain react-admin CRUD.
import type { ApiKeyScope, ApiKeyView, WebhookSubscriberView } from '@layanan/contracts';
import { httpClient } from '../providers/dataProvider';
import { API_URL } from '../providers/session';

const enc = encodeURIComponent;

async function post<T>(path: string, body?: unknown): Promise<T> {
  const res = await httpClient(`${API_URL}${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json as T;
}

export interface NewApiKey {
  subscriberId: string;
  name: string;
  scopes: ApiKeyScope[];
  opdId: string;
}

export const integrationsApi = {
  /** The answer carries the new secret, shown once. */
  rotateSecret: (id: string) => post<WebhookSubscriberView>(`/webhook-subscribers/${enc(id)}/rotate-secret`),
  resume: (id: string) => post<WebhookSubscriberView>(`/webhook-subscribers/${enc(id)}/resume`),
  replay: (id: string, from: string, to: string) => post<{ queued: number }>(`/webhook-subscribers/${enc(id)}/replay`, { from, to }),
  apiKeys: async (subscriberId: string): Promise<ApiKeyView[]> =>
    (await httpClient(`${API_URL}/api-keys?subscriberId=${enc(subscriberId)}`)).json as ApiKeyView[],
  /** The answer carries the key, shown once. */
  createApiKey: (input: NewApiKey) => post<ApiKeyView>('/api-keys', input),
  revokeApiKey: (id: string) => post<ApiKeyView>(`/api-keys/${enc(id)}/revoke`),
};
