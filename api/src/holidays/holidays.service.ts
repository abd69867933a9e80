import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { filterString, ListQuery } from '../common/http/list-query';
import { CreateHolidayDto, HolidayView, UpdateHolidayDto } from './dto/holiday.dto';
import { WorkingCalendarService } from './working-calendar.service';

const COLUMNS = `id, to_char(date, 'YYYY-MM-DD') AS date, name, kind, source`;

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
    if (year) {
      if (!/^\d{4}$/.test(year)) throw AppError.field('FIELD_INVALID', 'filter.year', 'must be a year YYYY');
      where.push(`extract(year FROM date) = $${params.push(Number(year))}`);
    }
    const kind = filterString(q.filter, 'kind');
    if (kind) where.push(`kind = $${params.push(kind)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = q.sort?.order ?? 'ASC';
    const by =
      q.sort?.field === 'id' ? `id ${order}` : `date ${order}, array_position(ARRAY['national', 'cuti_bersama', 'local'], kind), name`;
    const rows = await this.db.query<HolidayView[]>(
      `SELECT ${COLUMNS} FROM holidays ${w} ORDER BY ${by} LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    );
    const [{ n }] = await this.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM holidays ${w}`, params);
    return { rows, total: n };
  }

  async get(id: string): Promise<HolidayView> {
    const [row] = await this.db.query<HolidayView[]>(`SELECT ${COLUMNS} FROM holidays WHERE id = $1`, [id]);
    if (!row) throw AppError.notFound('Holiday');
    return row;
  }

  async create(dto: CreateHolidayDto): Promise<HolidayView> {
    const [row] = await this.db.query<{ id: string }[]>(
      `INSERT INTO holidays (date, name, kind, source) VALUES ($1, $2, $3, $4) ON CONFLICT (date, name) DO NOTHING RETURNING id`,
      [dto.date, dto.name, dto.kind, dto.source ?? null],
    );
    if (!row) throw AppError.field('DUPLICATE', 'name', 'this day already has a holiday of that name');
    this.calendar.invalidate();
    return this.get(row.id);
  }

  async update(id: string, dto: UpdateHolidayDto): Promise<HolidayView> {
    const current = await this.get(id);
    const [clash] = await this.db.query<{ id: string }[]>(`SELECT id FROM holidays WHERE date = $1::date AND name = $2 AND id <> $3`, [
      current.date,
      dto.name ?? current.name,
      id,
    ]);
    if (clash) throw AppError.field('DUPLICATE', 'name', 'this day already has a holiday of that name');
    await this.db.query(`UPDATE holidays SET name = $2, kind = $3, source = $4, updated_at = now() WHERE id = $1`, [
      id,
      dto.name ?? current.name,
      dto.kind ?? current.kind,
      dto.source === undefined ? current.source : dto.source,
    ]);
    this.calendar.invalidate();
    return this.get(id);
  }

  async remove(id: string): Promise<HolidayView> {
    const existing = await this.get(id);
    await this.db.query(`DELETE FROM holidays WHERE id = $1`, [id]);
    this.calendar.invalidate();
    return existing;
  }
}
