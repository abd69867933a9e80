import type { AppAbility } from '@layanan/authz';
import type { AuthUser } from '@layanan/contracts';
import { abilityToSql } from '../common/authz/ability-to-sql';
import { AppError } from '../common/errors/app-error';
import { filterIds, filterString } from '../common/http/list-query';

export const CASE_SORTABLE = ['dueAt', 'submittedAt'] as const;
export const QUEUES = ['mine', 'unassigned', 'opd', 'overdue', 'due-soon', 'all'] as const;
export type Queue = (typeof QUEUES)[number];

/** The Case fields of libs/authz rules, mapped to columns of `cases c`. */
export const CASE_SQL_FIELDS = {
  opdId: { column: 'c.opd_id', kind: 'scalar' },
  assigneeId: { column: 'c.assignee_id', kind: 'scalar' },
  handledOpdIds: { column: 'c.handled_opd_ids', kind: 'array' },
  isOpen: { column: 'c.is_open', kind: 'scalar' },
} as const;

const CASE_COLUMNS = `c.id, c.tracking_code, c.service_id, c.service_version, c.opd_id, c.handled_opd_ids, c.state,
         c.workflow_key, c.workflow_version, c.is_open, c.assignee_id, u.full_name AS assignee_name, c.applicant_name, c.applicant_nik,
         c.channel, c.submitted_at, c.due_at, c.paused_at, c.completed_at, c.version`;

/**
 * The case list SELECT (summary columns), with `extra` expressions over `c` (by default the
 * cases table). The service's name comes from ServicesService's cache (service versions are
 * immutable), not from a join: each join roughly doubled the statement's planning time, which
 * is most of a keyset page's cost when PostgreSQL keeps re-planning it.
 */
export function caseSelect(extra: readonly string[] = [], from = 'cases c'): string {
  return `
  SELECT ${CASE_COLUMNS}${extra.map((e) => `, ${e}`).join('')}
    FROM ${from}
    LEFT JOIN users u ON u.id = c.assignee_id`;
}

export const CASE_SELECT = caseSelect();

/** The detail view's columns beyond the list's: contact and form data, and the current documents. */
const DETAIL_EXTRA = [
  'c.applicant_phone',
  'c.applicant_email',
  'c.applicant_address',
  'c.form_data',
  'c.verified_by_id',
  'c.approved_by_id',
  `(SELECT coalesce(json_agg(json_build_object('id', d.id, 'requirement_key', d.requirement_key, 'file_name', d.file_name, 'content_type', d.content_type,
      'size', d.size, 'sha256', d.sha256, 'status', d.status, 'note', d.note, 'created_at', d.created_at) ORDER BY d.created_at), '[]')
      FROM case_documents d WHERE d.case_id = c.id AND d.superseded_at IS NULL) AS documents`,
];

/**
 * A wide single-row SELECT as one json column named `row` (read it with `fromJsonRow`). The
 * client's CPU for a row grows with its columns (pg sets up a parser and a property per column
 * on every execution): for the detail row, one json value costs 51 µs of Node CPU against 99 µs
 * for its 27 columns, and Node's one thread is what limits the API's throughput.
 */
function asJsonRow(select: string): string {
  return `SELECT row_to_json(x) AS row FROM (${select}) x`;
}

/** The row of an `asJsonRow` statement with its timestamp columns (JSON text) back as Dates. */
export function fromJsonRow<T>(result: { row: Record<string, unknown> } | undefined, dates: readonly (keyof T & string)[]): T | undefined {
  if (!result) return undefined;
  const row = result.row;
  for (const key of dates) if (typeof row[key] === 'string') row[key] = new Date(row[key] as string);
  return row as T;
}

export const DETAIL_DATES = ['submitted_at', 'due_at', 'paused_at', 'completed_at'] as const;
export const FOR_WRITE_DATES = ['due_at', 'paused_at'] as const;

/** One case ($1 = id) for the detail view (`fromJsonRow(r, DETAIL_DATES)`). */
export const DETAIL_BY_ID = asJsonRow(`${caseSelect(DETAIL_EXTRA)} WHERE c.id = $1`);

/** The detail view of rows an UPDATE ... RETURNING * named `source` just wrote (their new values), as DETAIL_BY_ID returns it. */
export function detailOf(source: string): string {
  return asJsonRow(caseSelect(DETAIL_EXTRA, `${source} c`));
}

/**
 * A case as an event needs it (`fromJsonRow(r, FOR_WRITE_DATES)`): the columns the workflow
 * decides on and the chain head, with its current documents' facts.
 */
export const CASE_FOR_WRITE_SELECT = asJsonRow(`
  SELECT id, opd_id, handled_opd_ids, state, is_open, assignee_id, verified_by_id, approved_by_id, workflow_key, workflow_version, service_id, service_version,
         due_at, paused_at, version, event_count, last_event_hash,
         (SELECT coalesce(json_agg(json_build_object('requirementKey', d.requirement_key, 'status', d.status)), '[]')
            FROM case_documents d WHERE d.case_id = cases.id AND d.superseded_at IS NULL) AS documents
    FROM cases WHERE id = $1`);

/** A staff read of a case's personal data (UU 27/2022): $1 user, $2 case. */
export const ACCESS_LOG_INSERT = `INSERT INTO personal_data_access_log (user_id, case_id, action) VALUES ($1, $2, 'read_case')`;

export interface DetailDocumentRow {
  id: string;
  requirement_key: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  status: 'pending' | 'valid' | 'invalid';
  note: string | null;
  /** ISO text: json_agg does not go through pg's date parser. */
  created_at: string;
}

export interface CaseDetailRow extends CaseListRow {
  applicant_phone: string | null;
  applicant_email: string | null;
  applicant_address: Record<string, string> | null;
  form_data: Record<string, unknown>;
  verified_by_id: string | null;
  approved_by_id: string | null;
  documents: DetailDocumentRow[];
}

export interface CaseListRow {
  id: string;
  tracking_code: string;
  service_id: string;
  service_version: number;
  opd_id: string;
  handled_opd_ids: string[];
  state: string;
  workflow_key: string;
  workflow_version: number;
  is_open: boolean;
  assignee_id: string | null;
  assignee_name: string | null;
  applicant_name: string;
  applicant_nik: string;
  channel: 'counter' | 'online';
  submitted_at: Date;
  due_at: Date | null;
  paused_at: Date | null;
  completed_at: Date | null;
  version: number;
}

export interface CaseListSpec {
  filter: Record<string, unknown>;
  sort: { field: string; order: 'ASC' | 'DESC' } | null;
  offset: number;
  limit: number;
  cursor?: string;
}

export interface BuiltQuery {
  where: string;
  params: Record<string, unknown>;
  orderBy: string;
  sortColumn: string;
  order: 'ASC' | 'DESC';
  keyset: string | null;
}

const DUE_SOON_HOURS = 24;

export function encodeCursor(row: { due_at: Date | null; submitted_at: Date; id: string }, sortField: string): string {
  const v = sortField === 'submittedAt' ? row.submitted_at : row.due_at;
  return Buffer.from(JSON.stringify([v ? v.toISOString() : null, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const [v, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof v === 'string' && !Number.isNaN(Date.parse(v)) && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) return [v, id];
  } catch {
    // fall through
  }
  throw AppError.field('FIELD_INVALID', 'cursor', 'is not a cursor returned by this API');
}

/**
 * The WHERE clause of a case list: the caller's permissions compiled to SQL, the queue, and
 * the filters. Every queue is a range of one partial index (see the initial migration).
 */
export function buildCaseListQuery(user: AuthUser, ability: AppAbility, spec: CaseListSpec): BuiltQuery {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  const queue = (filterString(spec.filter, 'queue') ?? 'all') as Queue;
  if (!QUEUES.includes(queue)) throw AppError.field('FIELD_INVALID', 'filter.queue', `must be one of ${QUEUES.join(', ')}`);
  const ownOpd = user.opdId;
  switch (queue) {
    case 'mine':
      clauses.push('c.assignee_id = :me AND c.is_open');
      params.me = user.id;
      break;
    case 'unassigned':
      if (!ownOpd) return emptyQuery();
      clauses.push(`c.opd_id = :ownOpd AND c.assignee_id IS NULL AND c.is_open AND ${waitingOn(user.roles)}`);
      Object.assign(params, { ownOpd, myRoles: user.roles });
      break;
    case 'opd':
      if (!ownOpd) return emptyQuery();
      clauses.push('c.opd_id = :ownOpd');
      params.ownOpd = ownOpd;
      break;
    case 'overdue':
      clauses.push(
        `c.is_open AND c.paused_at IS NULL AND c.completed_at IS NULL AND c.due_at < now()${ownOpd ? ' AND c.opd_id = :ownOpd' : ''}`,
      );
      if (ownOpd) params.ownOpd = ownOpd;
      break;
    case 'due-soon':
      clauses.push(
        `c.is_open AND c.paused_at IS NULL AND c.completed_at IS NULL AND c.due_at >= now() AND c.due_at < now() + interval '${DUE_SOON_HOURS} hours'${ownOpd ? ' AND c.opd_id = :ownOpd' : ''}`,
      );
      if (ownOpd) params.ownOpd = ownOpd;
      break;
    case 'all':
      break;
  }
  // The permission filter. When the queue already keeps to the caller's OPD and the caller
  // may read every case of it, `c.opd_id = :ownOpd` is that filter: repeating the rules' OR
  // (own OPD or once handled) there makes the planner expect ~20x too few rows and read a
  // whole queue through a bitmap scan instead of walking its index in order.
  if (!(params.ownOpd && readsWholeOpd(ability, params.ownOpd as string))) {
    const perm = abilityToSql(ability, 'read', 'Case', CASE_SQL_FIELDS);
    clauses.unshift(perm.sql);
    Object.assign(params, perm.params);
  }
  const inFilters: [string, string | undefined, string][] = [
    ['ids', 'id', 'c.id'],
    ['serviceIds', 'serviceId', 'c.service_id'],
    ['opdIds', 'opdId', 'c.opd_id'],
    ['assigneeIds', 'assigneeId', 'c.assignee_id'],
  ];
  for (const [param, key, column] of inFilters) {
    const values = filterIds(spec.filter, key);
    if (!values) continue;
    params[param] = values;
    // One array parameter, whatever the number of ids: the statement text stays the same.
    clauses.push(`${column} = ANY(:${param})`);
  }
  const state = filterString(spec.filter, 'state');
  if (state) {
    params.state = state;
    clauses.push('c.state = :state');
  }
  for (const [key, op] of [
    ['submittedFrom', '>='],
    ['submittedTo', '<'],
  ] as const) {
    const v = filterString(spec.filter, key);
    if (!v) continue;
    if (Number.isNaN(Date.parse(v))) throw AppError.field('FIELD_INVALID', `filter.${key}`, 'must be a date');
    clauses.push(`c.submitted_at ${op} :${key}`);
    params[key] = new Date(v);
  }
  const q = filterString(spec.filter, 'q')?.trim();
  if (q) {
    // Exact NIK or tracking code use their btree indexes; names use the trigram index.
    if (/^\d{16}$/.test(q)) {
      clauses.push('c.applicant_nik = :q');
      params.q = q;
    } else if (/^[A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{4}$/i.test(q)) {
      clauses.push('c.tracking_code = :q');
      params.q = q.toUpperCase();
    } else {
      if (q.length < 3)
        throw AppError.field('FIELD_INVALID', 'filter.q', 'must be at least 3 characters, a 16-digit NIK or a tracking code');
      clauses.push(`lower(c.applicant_name) LIKE :qLike`);
      params.qLike = `%${q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`;
    }
  }
  const sortField = spec.sort?.field ?? (queue === 'opd' || queue === 'all' ? 'submittedAt' : 'dueAt');
  const sortColumn = sortField === 'submittedAt' ? 'c.submitted_at' : 'c.due_at';
  const order = spec.sort?.order ?? (sortField === 'submittedAt' ? 'DESC' : 'ASC');
  let keyset: string | null = null;
  if (spec.cursor) {
    const [v, id] = decodeCursor(spec.cursor);
    keyset = `(${sortColumn}, c.id) ${order === 'ASC' ? '>' : '<'} (:cursorValue, :cursorId)`;
    Object.assign(params, { cursorValue: new Date(v), cursorId: id });
  }
  return {
    where: clauses.map((c) => `(${c})`).join(' AND '),
    params,
    orderBy: `${sortColumn} ${order}, c.id ${order}`,
    sortColumn,
    order,
    keyset,
  };
}

/** Roles with their own partial index for the unassigned queue (migration RoleQueueIndexes). */
const ROLE_QUEUE_INDEXED: readonly string[] = ['officer', 'verifier', 'supervisor', 'head'];

/**
 * "The case waits on one of my roles". A user with one such role gets the literal form that
 * matches that role's partial index (the planner only uses it for the same constant); users
 * with several roles share the general unassigned index.
 */
function waitingOn(roles: readonly string[]): string {
  return roles.length === 1 && ROLE_QUEUE_INDEXED.includes(roles[0])
    ? `c.next_roles @> '{${roles[0]}}'::text[]`
    : 'c.next_roles && :myRoles::text[]';
}

/** The caller may read every case whose opd_id is `opdId`: a grant on exactly that, and no exceptions. */
export function readsWholeOpd(ability: AppAbility, opdId: string): boolean {
  const rules = ability.rulesFor('read', 'Case');
  if (rules.some((r) => r.inverted)) return false;
  return rules.some(
    (r) =>
      !r.fields && (!r.conditions || (Object.keys(r.conditions).length === 1 && (r.conditions as Record<string, unknown>).opdId === opdId)),
  );
}

function emptyQuery(): BuiltQuery {
  return { where: '1 = 0', params: {}, orderBy: 'c.id', sortColumn: 'c.id', order: 'ASC', keyset: null };
}

/**
 * The SELECT of one page. Offset pages (react-admin's `range`) also carry the capped count as
 * `list_total`: an uncorrelated subquery, evaluated once, so page and total take one round trip.
 * Cursor pages carry no total.
 */
export function caseListSql(built: BuiltQuery, page: { offset: number; limit: number }): string {
  if (built.keyset) return `${CASE_SELECT} WHERE ${built.where} AND ${built.keyset} ORDER BY ${built.orderBy} LIMIT ${page.limit}`;
  const total = `(${cappedCountSql(built, listCountCap(page.offset, page.limit))}) AS list_total`;
  return `${caseSelect([total])} WHERE ${built.where} ORDER BY ${built.orderBy} LIMIT ${page.limit} OFFSET ${page.offset}`;
}

/** Lists count at most ten pages ahead: enough for the pager, never a full count. */
export function listCountCap(offset: number, limit: number): number {
  return Math.min(10_000, offset + limit * 10 + 1);
}

/**
 * `count(*)` of a built list query, stopping at `cap` rows. Deliberately unordered: the
 * planner then stops at the first `cap` matches by whatever path is cheapest, where an ORDER BY
 * made it walk the page's sort index through other OPDs' rows (0.3 s at a million cases).
 */
export function cappedCountSql(built: Pick<BuiltQuery, 'where'>, cap: number): string {
  return `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c WHERE ${built.where} LIMIT ${cap}) t`;
}
