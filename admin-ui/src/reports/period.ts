// The reports' period (Jakarta calendar days, `to` inclusive) and the case-list URLs that
// every figure drills into.

export type Preset = 'this_month' | 'last_month' | 'custom';

export interface Period {
  from: string;
  to: string;
}

/** Today in Asia/Jakarta as YYYY-MM-DD. */
export function jakartaToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export function presetPeriod(preset: Exclude<Preset, 'custom'>, now = new Date()): Period {
  const today = jakartaToday(now);
  const [y, m] = today.split('-').map(Number);
  if (preset === 'this_month') return { from: `${today.slice(0, 7)}-01`, to: today };
  const first = new Date(Date.UTC(y, m - 2, 1));
  const last = new Date(Date.UTC(y, m - 1, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

/** The instant a Jakarta day starts; `next`: the day after it (exclusive bound). */
export function dayStart(day: string, next = false): string {
  return new Date(new Date(`${day}T00:00:00+07:00`).getTime() + (next ? 86_400_000 : 0)).toISOString();
}

/** react-admin's case list with these filters. */
export function caseListUrl(filter: Record<string, unknown>): string {
  return `/cases?filter=${encodeURIComponent(JSON.stringify(filter))}&order=DESC&sort=submittedAt`;
}

export interface Scope {
  opdId?: string;
  serviceId?: string;
}

export function scopeFilter(s: Scope): Record<string, unknown> {
  return { ...(s.opdId ? { opdId: [s.opdId] } : {}), ...(s.serviceId ? { serviceId: [s.serviceId] } : {}) };
}

/** The drill-down of each figure (docs/REPORTS.md lists the same filters). */
export const drill = {
  received: (p: Period, s: Scope, extra: Record<string, unknown> = {}) =>
    caseListUrl({ ...scopeFilter(s), submittedFrom: dayStart(p.from), submittedTo: dayStart(p.to, true), ...extra }),
  closed: (p: Period, s: Scope, extra: Record<string, unknown> = {}) =>
    caseListUrl({ ...scopeFilter(s), closed: true, completedFrom: dayStart(p.from), completedTo: dayStart(p.to, true), ...extra }),
  open: (s: Scope, extra: Record<string, unknown> = {}) => caseListUrl({ ...scopeFilter(s), backlog: true, ...extra }),
  overdue: (s: Scope, extra: Record<string, unknown> = {}) => caseListUrl({ ...scopeFilter(s), queue: 'overdue', ...extra }),
};

/**
 * The days of one throughput bar: its week (ISO, from Monday) or month starting at `start`,
 * cut to the report's period (the first and last bars are partial), so the bar's drill-down
 * lists exactly the cases it counts.
 */
export function bucketPeriod(start: string, grain: 'week' | 'month', p: Period): Period {
  const d = new Date(`${start}T00:00:00Z`);
  const end = grain === 'week' ? new Date(d.getTime() + 6 * 86_400_000) : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  const last = end.toISOString().slice(0, 10);
  return { from: start < p.from ? p.from : start, to: last > p.to ? p.to : last };
}
