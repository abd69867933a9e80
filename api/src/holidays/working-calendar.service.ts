import { Injectable } from '@nestjs/common';
import type { WorkingCalendar } from '@layanan/sla';
import { DataSource, EntityManager } from 'typeorm';

const TTL_MS = 60_000;

/** The calendar as stored: national holidays and cuti bersama; a day with two holidays is one day off. */
export async function loadWorkingCalendar(m: EntityManager): Promise<WorkingCalendar> {
  const rows = await m.query<{ d: string }[]>(`SELECT DISTINCT to_char(date, 'YYYY-MM-DD') AS d FROM holidays`);
  return { holidays: new Set(rows.map((r) => r.d)) };
}

/** The holiday calendar the SLA clock uses, read from the holidays table (cached a minute). */
@Injectable()
export class WorkingCalendarService {
  private cached: { at: number; cal: WorkingCalendar } | null = null;

  constructor(private readonly db: DataSource) {}

  async get(m: EntityManager = this.db.manager): Promise<WorkingCalendar> {
    if (this.cached && Date.now() - this.cached.at < TTL_MS) return this.cached.cal;
    const cal = await loadWorkingCalendar(m);
    this.cached = { at: Date.now(), cal };
    return cal;
  }

  invalidate(): void {
    this.cached = null;
  }
}
