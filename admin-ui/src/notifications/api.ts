// The staff inbox (the bell) and the delivery log actions that are not plain react-admin CRUD.
import type { DeliveryView, StaffNotificationSummary, StaffNotificationView } from '@layanan/contracts';
import { httpClient, toHttpError } from '../providers/dataProvider';
import { API_URL, accessToken, authFetch } from '../providers/session';

const enc = encodeURIComponent;

// The last answer, kept for a 304; only reused for the same session (token) that fetched it.
let etag: string | null = null;
let last: StaffNotificationSummary | null = null;
let lastToken: string | null = null;

export const notificationsApi = {
  /**
   * The bell's poll: `If-None-Match` with the last ETag, so an unchanged inbox costs a 304
   * and no body; the last summary is kept for that answer.
   */
  summary: async (): Promise<StaffNotificationSummary> => {
    const headers = new Headers({ Accept: 'application/json' });
    if (etag && last && lastToken === accessToken()) headers.set('If-None-Match', etag);
    const res = await authFetch(`${API_URL}/notifications/summary`, { headers, cache: 'no-store' });
    if (res.status === 304 && last) return last;
    const text = await res.text();
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) throw toHttpError(res.status, res.statusText, body);
    etag = res.headers.get('ETag');
    last = body as StaffNotificationSummary;
    lastToken = accessToken();
    return last;
  },
  list: async (): Promise<StaffNotificationView[]> =>
    (await httpClient(`${API_URL}/notifications?limit=20`)).json as StaffNotificationView[],
  markRead: async (id: string): Promise<void> => {
    await httpClient(`${API_URL}/notifications/${enc(id)}/read`, { method: 'POST' });
  },
  markAllRead: async (): Promise<void> => {
    await httpClient(`${API_URL}/notifications/read-all`, { method: 'POST' });
  },
  retryDelivery: async (id: string): Promise<DeliveryView> =>
    (await httpClient(`${API_URL}/deliveries/${enc(id)}/retry`, { method: 'POST' })).json as DeliveryView,
};
