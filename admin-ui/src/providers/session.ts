// Token storage and the authenticated fetch shared by the data and auth providers.
// Tokens live in localStorage (brief); a 401 triggers exactly one refresh, then a retry.
import type { LoginResponse, MeResponse } from '@layanan/contracts';

const ACCESS = 'lt.accessToken';
const REFRESH = 'lt.refreshToken';

export const API_URL = '/api';

export function accessToken(): string | null {
  return localStorage.getItem(ACCESS);
}

export function storeTokens(res: Pick<LoginResponse, 'accessToken' | 'refreshToken'>): void {
  localStorage.setItem(ACCESS, res.accessToken);
  localStorage.setItem(REFRESH, res.refreshToken);
}

export function clearSession(): void {
  localStorage.removeItem(ACCESS);
  localStorage.removeItem(REFRESH);
  cachedMe = null;
}

let refreshing: Promise<boolean> | null = null;

/** Rotates the token pair once; concurrent 401s share the same refresh call. */
export function refreshTokens(): Promise<boolean> {
  const refreshToken = localStorage.getItem(REFRESH);
  if (!refreshToken) return Promise.resolve(false);
  refreshing ??= fetch(`${API_URL}/auth/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ refreshToken }),
  })
    .then(async (res) => {
      if (!res.ok) {
        clearSession();
        return false;
      }
      storeTokens((await res.json()) as LoginResponse);
      return true;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

function withBearer(init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  const token = accessToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return { ...init, headers };
}

/** fetch() with the bearer header; on 401 refreshes once and retries. */
export async function authFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, withBearer(init));
  if (res.status !== 401 || !localStorage.getItem(REFRESH)) return res;
  if (!(await refreshTokens())) return res;
  return fetch(url, withBearer(init));
}

let cachedMe: MeResponse | null = null;
let pendingMe: Promise<MeResponse> | null = null;

/**
 * Drops the cached identity, so the next loadMe() asks the API again: when the user's Plh./Plt.
 * powers change (MeResponse.actingChangesAt) while the page is open.
 */
export function forgetMe(): void {
  cachedMe = null;
}

/** GET /api/auth/me, cached for the page's life (cleared at login/logout and by forgetMe). */
export function loadMe(): Promise<MeResponse> {
  if (cachedMe) return Promise.resolve(cachedMe);
  pendingMe ??= authFetch(`${API_URL}/auth/me`, { headers: { Accept: 'application/json' } })
    .then(async (res) => {
      if (!res.ok) throw Object.assign(new Error('Unauthorized'), { status: res.status });
      cachedMe = (await res.json()) as MeResponse;
      return cachedMe;
    })
    .finally(() => {
      pendingMe = null;
    });
  return pendingMe;
}
