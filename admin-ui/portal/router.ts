// A tiny history-API router for the portal, mounted under /portal/.
import { createElement, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

export const BASE = '/portal';

export type Route =
  | { page: 'catalog' }
  | { page: 'service'; id: string }
  | { page: 'apply'; id: string }
  | { page: 'receipt'; code: string }
  | { page: 'track' }
  | { page: 'survey' }
  | { page: 'complaint' }
  | { page: 'complaintStatus'; code: string }
  | { page: 'verify'; code: string | null }
  | { page: 'transparency' }
  | { page: 'notFound' };

export const paths = {
  catalog: (): string => `${BASE}/`,
  service: (id: string): string => `${BASE}/layanan/${encodeURIComponent(id)}`,
  apply: (id: string): string => `${BASE}/ajukan/${encodeURIComponent(id)}`,
  receipt: (code: string): string => `${BASE}/bukti/${encodeURIComponent(code)}`,
  track: (code?: string): string => `${BASE}/lacak${code ? `?kode=${encodeURIComponent(code)}` : ''}`,
  survey: (code?: string): string => `${BASE}/survei${code ? `?kode=${encodeURIComponent(code)}` : ''}`,
  complaint: (caseCode?: string): string => `${BASE}/pengaduan${caseCode ? `?kode=${encodeURIComponent(caseCode)}` : ''}`,
  complaintStatus: (code: string): string => `${BASE}/pengaduan/${encodeURIComponent(code)}`,
  verify: (code?: string): string => `${BASE}/verifikasi${code ? `/${encodeURIComponent(code)}` : ''}`,
  transparency: (): string => `${BASE}/transparansi`,
};

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = rest
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  if (parts.length === 0) return { page: 'catalog' };
  const [head, arg] = parts;
  if (parts.length === 2 && head === 'layanan' && arg) return { page: 'service', id: arg };
  if (parts.length === 2 && head === 'ajukan' && arg) return { page: 'apply', id: arg };
  if (parts.length === 2 && head === 'bukti' && arg) return { page: 'receipt', code: arg };
  if (parts.length === 1 && head === 'lacak') return { page: 'track' };
  if (parts.length === 1 && head === 'survei') return { page: 'survey' };
  if (parts.length === 1 && head === 'pengaduan') return { page: 'complaint' };
  if (parts.length === 2 && head === 'pengaduan' && arg) return { page: 'complaintStatus', code: arg };
  if (parts.length === 1 && head === 'transparansi') return { page: 'transparency' };
  if (head === 'verifikasi' && parts.length <= 2) return { page: 'verify', code: arg ?? null };
  return { page: 'notFound' };
}

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

/** Re-renders on navigation; returns pathname + search. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

export function navigate(to: string, options: { replace?: boolean; state?: unknown } = {}): void {
  if (options.replace) window.history.replaceState(options.state ?? null, '', to);
  else window.history.pushState(options.state ?? null, '', to);
  notify();
  if (!options.replace) window.scrollTo(0, 0);
}

export function queryParam(name: string): string | null {
  return new URLSearchParams(window.location.search).get(name);
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children?: ReactNode };

/** An <a> that navigates without reloading, but still works with ctrl-click / new tab. */
export function Link({ href, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return createElement('a', { ...rest, href, onClick: handle });
}
