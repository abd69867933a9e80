import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { filterString, ListQuery } from '../common/http/list-query';
import { CreateHolidayDto, HolidayView } from './dto/holiday.dto';
import { WorkingCalendarService } from './working-calendar.service';

@Injectable()
export class HolidaysService {
  constructor(
    private readonly db: DataSource,
    private readonly calendar: WorkingCalendarService,
  ) {}

  async list(q: ListQuery): Promise<{ rows: HolidayView[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const year = filterString(q.filter, 'year');
    if (year) where.push(`extract(year FROM date) = $${params.push(Number(year))}`);
    const kind = filterString(q.filter, 'kind');
    if (kind) where.push(`kind = $${params.push(kind)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await this.db.query<{ date: string; name: string; kind: string }[]>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, name, kind FROM holidays ${w} ORDER BY date ${q.sort?.order ?? 'ASC'} LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    );
    const [{ n }] = await this.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM holidays ${w}`, params);
    return { rows: rows.map((r) => ({ id: r.date, ...r })), total: n };
  }

  async get(date: string): Promise<HolidayView> {
    const [row] = await this.db.query<HolidayView[]>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, name, kind FROM holidays WHERE date = $1::date`,
      [date],
    );
    if (!row) throw AppError.notFound('Holiday');
    return { ...row, id: row.date };
  }

  async create(dto: CreateHolidayDto): Promise<HolidayView> {
    const res = await this.db.query<unknown[]>(
      `INSERT INTO holidays (date, name, kind) VALUES ($1, $2, $3) ON CONFLICT (date) DO NOTHING RETURNING date`,
      [dto.date, dto.name, dto.kind],
    );
    if (!res.length) throw AppError.field('DUPLICATE', 'date', 'already has a holiday');
    this.calendar.invalidate();
    return this.get(dto.date);
  }

  async remove(date: string): Promise<HolidayView> {
    const existing = await this.get(date);
    await this.db.query(`DELETE FROM holidays WHERE date = $1::date`, [date]);
    this.calendar.invalidate();
    return existing;
  }
}
