import type { FastifyReply } from 'fastify';
import { AppError } from '../errors/app-error';

/** The ra-data-simple-rest dialect: ?filter={..}&sort=["field","ASC"]&range=[0,24]. */
export interface ListQuery {
  filter: Record<string, unknown>;
  sort: { field: string; order: 'ASC' | 'DESC' } | null;
  offset: number;
  limit: number;
}

const MAX_PAGE = 200;

function parseJson(name: string, raw: unknown): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw AppError.field('FIELD_INVALID', name, 'must be a JSON string');
  try {
    return JSON.parse(raw);
  } catch {
    throw AppError.field('FIELD_INVALID', name, 'must be valid JSON');
  }
}

/**
 * A list's query. `sortable` names the fields a list sorts by besides `id`: every list sorts by
 * its key, the stock react-admin client's default (`["id","ASC"]`).
 */
export function parseListQuery(query: Record<string, unknown>, fields: readonly string[]): ListQuery {
  const sortable = fields.includes('id') ? fields : [...fields, 'id'];
  const filter = parseJson('filter', query.filter) ?? {};
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter))
    throw AppError.field('FIELD_INVALID', 'filter', 'must be a JSON object');
  const sortRaw = parseJson('sort', query.sort);
  let sort: ListQuery['sort'] = null;
  if (sortRaw !== undefined) {
    if (
      !Array.isArray(sortRaw) ||
      sortRaw.length !== 2 ||
      typeof sortRaw[0] !== 'string' ||
      !['ASC', 'DESC'].includes(String(sortRaw[1]).toUpperCase())
    ) {
      throw AppError.field('FIELD_INVALID', 'sort', 'must be ["field","ASC"|"DESC"]');
    }
    if (!sortable.includes(sortRaw[0]))
      throw AppError.field('FIELD_INVALID', 'sort', `cannot sort by "${sortRaw[0]}"; allowed: ${sortable.join(', ')}`);
    sort = { field: sortRaw[0], order: String(sortRaw[1]).toUpperCase() as 'ASC' | 'DESC' };
  }
  const rangeRaw = parseJson('range', query.range) ?? [0, 24];
  if (
    !Array.isArray(rangeRaw) ||
    rangeRaw.length !== 2 ||
    !rangeRaw.every((n) => Number.isInteger(n) && n >= 0) ||
    rangeRaw[1] < rangeRaw[0]
  ) {
    throw AppError.field('FIELD_INVALID', 'range', 'must be [start,end] with 0 <= start <= end');
  }
  const [start, end] = rangeRaw as [number, number];
  return { filter: filter as Record<string, unknown>, sort, offset: start, limit: Math.min(end - start + 1, MAX_PAGE) };
}

/** Content-Range: `cases 0-24/1000`, or `cases 0-24/*` when the total is not known (RFC 9110: unknown complete length). */
export function setContentRange(res: FastifyReply, resource: string, offset: number, count: number, total: number | '*'): void {
  const end = count === 0 ? offset : offset + count - 1;
  res.header('Content-Range', `${resource} ${offset}-${end}/${total}`);
}

export function filterString(filter: Record<string, unknown>, key: string): string | undefined {
  const v = filter[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw AppError.field('FIELD_INVALID', `filter.${key}`, 'must be a string');
  return v;
}

export function filterIds(filter: Record<string, unknown>, key = 'id'): string[] | undefined {
  const v = filter[key];
  if (v === undefined) return undefined;
  const arr = Array.isArray(v) ? v : [v];
  if (!arr.every((x) => typeof x === 'string' && /^[0-9a-f-]{36}$/i.test(x)))
    throw AppError.field('FIELD_INVALID', `filter.${key}`, 'must be a UUID or a list of UUIDs');
  return arr as string[];
}
