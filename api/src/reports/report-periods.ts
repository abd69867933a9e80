import { addDays } from '@layanan/sla';

// Calendar units of the coarse rollups (docs/REPORTS.md): a month (`day` = its first day) and an
// ISO week (`day` = its Monday). Dates are WIB days as `YYYY-MM-DD`.

export type RollupUnit = 'month' | 'week';

/** The first day of the unit holding `day`. */
export function unitStart(day: string, unit: RollupUnit): string {
  if (unit === 'month') return `${day.slice(0, 7)}-01`;
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((dow + 6) % 7));
}

/** The last day of the unit holding `day`. */
export function unitEnd(day: string, unit: RollupUnit): string {
  if (unit === 'week') return addDays(unitStart(day, 'week'), 6);
  const [y, m] = day.split('-').map(Number);
  return addDays(new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10), -1);
}

/**
 * The whole units inside `from`..`to` (inclusive) as `[first day, day after the last)`; when
 * none fits, `first >= end`. The period's other days are its edges, read day by day.
 */
export function wholeUnits(from: string, to: string, unit: RollupUnit): { first: string; end: string } {
  const first = unitStart(from, unit) === from ? from : addDays(unitEnd(from, unit), 1);
  const end = unitEnd(to, unit) === to ? addDays(to, 1) : unitStart(to, unit);
  return { first, end };
}

/** Day ranges widened to whole units, merged where they touch: the coarse rows to recompute. */
export function unitSpans(ranges: readonly [string, string][], unit: RollupUnit): [string, string][] {
  const wide = ranges.map(([f, t]): [string, string] => [unitStart(f, unit), unitEnd(t, unit)]).sort((a, b) => a[0].localeCompare(b[0]));
  const out: [string, string][] = [];
  for (const [f, t] of wide) {
    const last = out[out.length - 1];
    if (last && f <= addDays(last[1], 1)) {
      if (t > last[1]) last[1] = t;
    } else out.push([f, t]);
  }
  return out;
}
