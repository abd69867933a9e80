// Complaint report rows (per month, OPD and service) summed over the period, per OPD and service,
// and in total. The mean response time is weighted by answered complaints; a median cannot be
// combined from medians, so it is kept only where one month's row is the whole group.
import type { ComplaintReportRow } from '@layanan/contracts';

export interface ComplaintSummaryRow {
  key: string;
  opdName: string;
  serviceName: string | null;
  received: number;
  answered: number;
  answeredOnTime: number;
  /** answered on time ÷ answered; null when none answered. */
  onTimeRate: number | null;
  open: number;
  overdue: number;
  meanResponseHours: number | null;
  medianResponseHours: number | null;
}

interface Acc extends Omit<ComplaintSummaryRow, 'onTimeRate' | 'meanResponseHours'> {
  hoursSum: number;
  rows: number;
}

function finish(a: Acc): ComplaintSummaryRow {
  const { hoursSum, rows, ...rest } = a;
  return {
    ...rest,
    medianResponseHours: rows === 1 ? a.medianResponseHours : null,
    onTimeRate: a.answered ? a.answeredOnTime / a.answered : null,
    meanResponseHours: a.answered ? Math.round((hoursSum / a.answered) * 10) / 10 : null,
  };
}

function add(acc: Acc, r: ComplaintReportRow): void {
  acc.received += r.received;
  acc.answered += r.answered;
  acc.answeredOnTime += r.answeredOnTime;
  acc.open += r.open;
  acc.overdue += r.overdue;
  acc.hoursSum += (r.meanResponseHours ?? 0) * r.answered;
  acc.medianResponseHours = r.medianResponseHours;
  acc.rows += 1;
}

function empty(key: string, opdName: string, serviceName: string | null): Acc {
  return {
    key,
    opdName,
    serviceName,
    received: 0,
    answered: 0,
    answeredOnTime: 0,
    open: 0,
    overdue: 0,
    hoursSum: 0,
    rows: 0,
    medianResponseHours: null,
  };
}

export function summariseComplaints(rows: ComplaintReportRow[]): { total: ComplaintSummaryRow; groups: ComplaintSummaryRow[] } {
  const total = empty('total', '', null);
  const groups = new Map<string, Acc>();
  for (const r of rows) {
    const key = `${r.opdId}-${r.serviceId ?? ''}`;
    const g = groups.get(key) ?? empty(key, r.opdName, r.serviceName);
    add(g, r);
    add(total, r);
    groups.set(key, g);
  }
  return { total: finish(total), groups: [...groups.values()].map(finish) };
}
