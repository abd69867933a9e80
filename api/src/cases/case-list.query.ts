import { rolesIn, type AppAbility } from '@layanan/authz';
import {
  CASE_SORT_FIELDS,
  CHANNELS,
  QUEUES,
  WITHDRAWN_STATE,
  type AuthUser,
  type CaseSortField,
  type Channel,
  type Queue,
  type Role,
} from '@layanan/contracts';
import { abilityToSql } from '../common/authz/ability-to-sql';
import { SqlArgs } from '../common/database/sql-args';
import { AppError } from '../common/errors/app-error';
import { filterIds, filterString } from '../common/http/list-query';

/** The Case fields of libs/authz rules, mapped to columns of `cases c`. */
export const CASE_SQL_FIELDS = {
  opdId: { column: 'c.opd_id', kind: 'scalar' },
  assigneeId: { column: 'c.assignee_id', kind: 'scalar' },
  handledOpdIds: { column: 'c.handled_opd_ids', kind: 'array' },
  consultOpdIds: { column: 'c.consult_opd_ids', kind: 'array' },
  isOpen: { column: 'c.is_open', kind: 'scalar' },
} as const;

export interface CaseListSpec {
  filter: Record<string, unknown>;
  sort: { field: string; order: 'ASC' | 'DESC' } | null;
  offset: number;
  limit: number;
  cursor?: string;
}

/** The WHERE clause, order and keyset condition of a case list, its values bound positionally. */
export interface CaseListQuery {
  where: string;
  values: unknown[];
  orderBy: string;
  sortField: CaseSortField;
  keyset: string | null;
}

const DUE_SOON_HOURS = 24;

const SORT_COLUMNS: Record<CaseSortField, string> = { dueAt: 'c.due_at', submittedAt: 'c.submitted_at', id: 'c.id' };

/** The keyset cursor after a row: its sort value and id. */
export function encodeCursor(row: { due_at: Date | null; submitted_at: Date; id: string }, sortField: CaseSortField): string {
  const v =
    sortField === 'id' ? row.id : sortField === 'submittedAt' ? row.submitted_at.toISOString() : (row.due_at?.toISOString() ?? null);
  return Buffer.from(JSON.stringify([v, row.id])).toString('base64url');
}

const UUID = /^[0-9a-f-]{36}$/;

function decodeCursor(cursor: string, sortField: CaseSortField): [string, string] {
  try {
    const [v, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const valueOk = typeof v === 'string' && (sortField === 'id' ? UUID.test(v) : !Number.isNaN(Date.parse(v)));
    if (valueOk && typeof id === 'string' && UUID.test(id)) return [v, id];
  } catch {
    // fall through
  }
  throw AppError.field('FIELD_INVALID', 'cursor', 'is not a cursor returned by this API for this sort');
}

/**
 * The WHERE clause of a case list: the caller's permissions compiled to SQL, the queue, and the
 * filters. Every queue is a range of one partial index (see the migrations). `nikIndex`: the
 * blind index of a NIK (PiiCipher.nikIndex), for search by exact NIK.
 */
export function buildCaseListQuery(
  user: AuthUser,
  ability: AppAbility,
  spec: CaseListSpec,
  nikIndex: (nik: string) => string,
): CaseListQuery {
  const args = new SqlArgs();
  const clauses: string[] = [];
  const queue = (filterString(spec.filter, 'queue') ?? 'all') as Queue;
  if (!QUEUES.includes(queue)) throw AppError.field('FIELD_INVALID', 'filter.queue', `must be one of ${QUEUES.join(', ')}`);
  const ownOpd = user.opdId;
  let ownOpdParam: string | null = null;
  const own = () => (ownOpdParam ??= args.add(ownOpd));
  // Where the caller works: their own OPD with their roles, and each OPD where they act as
  // Plh./Plt. right now (user.acting holds only the grants in force) with that position's role.
  const scopes = workScopes(user);
  const actingElsewhere = scopes.some((s) => s.opdId !== ownOpd);
  // "Of my OPD" for the OPD-wide queues: the own OPD (its parameter keeps the index plan) plus the acting OPDs.
  const inMyOpds = (): string =>
    actingElsewhere
      ? `c.opd_id = ANY(${args.add([...new Set([...(ownOpd ? [ownOpd] : []), ...scopes.map((s) => s.opdId)])])}::uuid[])`
      : `c.opd_id = ${own()}`;
  const waitingOnMe = (): string =>
    actingElsewhere
      ? `(${scopes.map((s) => `(c.opd_id = ${args.add(s.opdId)} AND ${waitingOn(s.roles, args)})`).join(' OR ')})`
      : `c.opd_id = ${own()} AND ${waitingOn(scopes[0].roles, args)}`;
  switch (queue) {
    case 'waiting':
      if (scopes.length === 0) return emptyQuery();
      clauses.push(`${waitingOnMe()} AND c.is_open AND (c.assignee_id IS NULL OR c.assignee_id = ${args.add(user.id)})`);
      break;
    case 'mine':
      clauses.push(`c.assignee_id = ${args.add(user.id)} AND c.is_open`);
      break;
    case 'unassigned':
      if (scopes.length === 0) return emptyQuery();
      clauses.push(`${waitingOnMe()} AND c.assignee_id IS NULL AND c.is_open`);
      break;
    case 'opd':
      if (!ownOpd && !actingElsewhere) return emptyQuery();
      clauses.push(inMyOpds());
      break;
    case 'overdue':
      clauses.push(
        `c.is_open AND c.paused_at IS NULL AND c.completed_at IS NULL AND c.due_at < now()${ownOpd ? ` AND ${inMyOpds()}` : ''}`,
      );
      break;
    case 'due-soon':
      clauses.push(
        `c.is_open AND c.paused_at IS NULL AND c.completed_at IS NULL AND c.due_at >= now() AND c.due_at < now() + interval '${DUE_SOON_HOURS} hours'${ownOpd ? ` AND ${inMyOpds()}` : ''}`,
      );
      break;
    case 'all':
      break;
  }
  // The permission filter. When the queue already keeps to the caller's OPD and the caller
  // may read every case of it, `c.opd_id = <own OPD>` is that filter: repeating the rules' OR
  // (own OPD or once handled) there makes the planner expect ~20x too few rows and read a
  // whole queue through a bitmap scan instead of walking its index in order.
  if (!(ownOpdParam && ownOpd && readsWholeOpd(ability, ownOpd)))
    clauses.unshift(abilityToSql(ability, 'read', 'Case', CASE_SQL_FIELDS, args));
  const inFilters: [string, string][] = [
    ['id', 'c.id'],
    ['serviceId', 'c.service_id'],
    ['opdId', 'c.opd_id'],
    ['assigneeId', 'c.assignee_id'],
  ];
  for (const [key, column] of inFilters) {
    const values = filterIds(spec.filter, key);
    // One array parameter, whatever the number of ids: the statement text stays the same.
    if (values) clauses.push(`${column} = ANY(${args.add(values)})`);
  }
  const state = filterString(spec.filter, 'state');
  if (state) clauses.push(`c.state = ${args.add(state)}`);
  for (const [key, op] of [
    ['submittedFrom', '>='],
    ['submittedTo', '<'],
  ] as const) {
    const v = filterString(spec.filter, key);
    if (!v) continue;
    if (Number.isNaN(Date.parse(v))) throw AppError.field('FIELD_INVALID', `filter.${key}`, 'must be a date');
    clauses.push(`c.submitted_at ${op} ${args.add(new Date(v))}`);
  }
  for (const [key, op] of [
    ['completedFrom', '>='],
    ['completedTo', '<'],
  ] as const) {
    const v = filterString(spec.filter, key);
    if (!v) continue;
    if (Number.isNaN(Date.parse(v))) throw AppError.field('FIELD_INVALID', `filter.${key}`, 'must be a date');
    clauses.push(`c.completed_at ${op} ${args.add(new Date(v))}`);
  }
  const channel = filterString(spec.filter, 'channel');
  if (channel) {
    if (!CHANNELS.includes(channel as Channel))
      throw AppError.field('FIELD_INVALID', 'filter.channel', `must be one of ${CHANNELS.join(', ')}`);
    clauses.push(`c.channel = ${args.add(channel)}`);
  }
  // The reports' drill-downs (docs/REPORTS.md): the backlog (open, clock not stopped), closed cases
  // (withdrawn apart) and whether they closed by their due date.
  if (filterFlag(spec.filter, 'backlog')) clauses.push(`c.is_open AND c.completed_at IS NULL`);
  if (filterFlag(spec.filter, 'closed')) clauses.push(`c.completed_at IS NOT NULL AND c.state <> '${WITHDRAWN_STATE}'`);
  const onTime = filterFlag(spec.filter, 'onTime');
  if (onTime !== undefined) clauses.push(onTime ? `c.completed_at <= c.due_at` : `c.completed_at > c.due_at`);
  const q = filterString(spec.filter, 'q')?.trim();
  if (q) {
    // Exact NIK (by its blind index: NIKs are stored encrypted) or tracking code use their btree
    // indexes; names use the trigram index.
    if (/^\d{16}$/.test(q)) {
      clauses.push(`c.applicant_nik_bidx = ${args.add(nikIndex(q))}`);
    } else if (/^[A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{4}$/i.test(q)) {
      clauses.push(`c.tracking_code = ${args.add(q.toUpperCase())}`);
    } else {
      if (q.length < 3)
        throw AppError.field('FIELD_INVALID', 'filter.q', 'must be at least 3 characters, a 16-digit NIK or a tracking code');
      clauses.push(`lower(c.applicant_name) LIKE ${args.add(`%${q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`)}`);
    }
  }
  const sortField = sortFieldOf(spec, queue);
  const sortColumn = SORT_COLUMNS[sortField];
  const order = spec.sort?.order ?? (sortField === 'submittedAt' ? 'DESC' : 'ASC');
  let keyset: string | null = null;
  if (spec.cursor) {
    const [v, id] = decodeCursor(spec.cursor, sortField);
    const cmp = order === 'ASC' ? '>' : '<';
    keyset =
      sortField === 'id' ? `c.id ${cmp} ${args.add(id)}` : `(${sortColumn}, c.id) ${cmp} (${args.add(new Date(v))}, ${args.add(id)})`;
  }
  const orderBy = sortField === 'id' ? `c.id ${order}` : `${sortColumn} ${order}, c.id ${order}`;
  return { where: clauses.map((c) => `(${c})`).join(' AND ') || 'true', values: args.values, orderBy, sortField, keyset };
}

/** A boolean filter: true/false or 'true'/'false'; undefined when absent. */
function filterFlag(filter: Record<string, unknown>, key: string): boolean | undefined {
  const v = filter[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw AppError.field('FIELD_INVALID', `filter.${key}`, 'must be true or false');
}

function sortFieldOf(spec: CaseListSpec, queue: Queue): CaseSortField {
  const field = spec.sort?.field;
  if (field === undefined) return queue === 'opd' || queue === 'all' ? 'submittedAt' : 'dueAt';
  if (!(CASE_SORT_FIELDS as readonly string[]).includes(field)) {
    throw AppError.field('FIELD_INVALID', 'sort', `cannot sort by "${field}"; allowed: ${CASE_SORT_FIELDS.join(', ')}`);
  }
  return field as CaseSortField;
}

/** Roles with their own partial indexes for the unassigned and waiting queues (migrations). */
const ROLE_QUEUE_INDEXED: readonly string[] = ['officer', 'verifier', 'supervisor', 'head'];

/**
 * "The case waits on one of my roles". A user with one such role gets the literal form that
 * matches that role's partial index (the planner only uses it for the same constant); users
 * with several roles share the general index.
 */
function waitingOn(roles: readonly string[], args: SqlArgs): string {
  return roles.length === 1 && ROLE_QUEUE_INDEXED.includes(roles[0])
    ? `c.next_roles @> '{${roles[0]}}'::text[]`
    : `c.next_roles && ${args.add(roles)}::text[]`;
}

/**
 * The OPDs a user works cases in and their roles there: the own OPD with the own roles (if they
 * have any), then each OPD of an acting grant in force with the roles held there (rolesIn).
 */
export function workScopes(user: AuthUser): { opdId: string; roles: Role[] }[] {
  const opds = [...new Set([...(user.opdId && user.roles.length ? [user.opdId] : []), ...(user.acting ?? []).map((g) => g.opdId)])];
  return opds.map((opdId) => ({ opdId, roles: rolesIn(user, opdId) })).filter((s) => s.roles.length > 0);
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

function emptyQuery(): CaseListQuery {
  return { where: '1 = 0', values: [], orderBy: 'c.id', sortField: 'id', keyset: null };
}
