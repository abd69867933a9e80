import { Injectable } from '@nestjs/common';
import {
  AGE_BUCKET_UPPER,
  OPENS_AT_MINUTE,
  RETURN_EVENT,
  WITHDRAWN_STATE,
  WORKING_DAY_MINUTES,
  type ActorRole,
  type Channel,
  type NotificationChannel,
  type NotificationLocale,
} from '@layanan/contracts';
import type { OperationalActionType } from '@layanan/workflow';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '../common/database/prepared';
import { SqlArgs } from '../common/database/sql-args';
import { PiiCipher } from '../privacy/pii-cipher';
import type { CaseListQuery } from './case-list.query';
import { EVENT_COLUMN_TYPES, EVENT_COLUMNS, type ChainLink } from './hash-chain';

// The one place that writes SQL for a case: the `cases` row, its `case_events` (the hash-chained
// log) and its `case_documents`, plus the notices and access-log rows written with them. One
// placeholder style ($n); every query result is typed here and nowhere else. Hot statements of
// fixed shape run as named prepared statements (`preparedQuery`): each connection plans them once.
// The applicant's NIK and phone are stored encrypted (api/src/privacy/pii-cipher.ts): statements
// read the ciphertext columns under the plain names, and the methods decrypt them before they
// return (`reveal`); `create` encrypts them and writes the NIK's blind index for search.

/** Operational events that change neither a case's state nor its OPD: no dated report rollup moves (touchedReportDays). */
const ROLLUP_NEUTRAL_EVENTS = [
  'CLAIM',
  'ASSIGN',
  'RELEASE',
  'COMMENT',
  'UPLOAD_DOCUMENT',
  'CHECK_DOCUMENT',
] satisfies OperationalActionType[];

/** A connection or the transaction a statement must run in. */
export type Db = DataSource | EntityManager;

/** The `cases` table. */
export interface CaseRow {
  id: string;
  tracking_code: string;
  service_id: string;
  service_version: number;
  workflow_key: string;
  workflow_version: number;
  opd_id: string;
  handled_opd_ids: string[];
  /** OPDs with an open consult (pertimbangan teknis) on the case: they may read it. */
  consult_opd_ids: string[];
  /** The earliest deadline of the case's open consults. */
  consult_due_at: Date | null;
  state: string;
  next_roles: ActorRole[];
  is_open: boolean;
  assignee_id: string | null;
  verified_by_id: string | null;
  approved_by_id: string | null;
  /** Plain as the repository returns it; stored as `applicant_nik_enc` (AES-256-GCM) and `applicant_nik_bidx` (blind index). */
  applicant_nik: string;
  applicant_name: string;
  /** Plain as the repository returns it; stored as `applicant_phone_enc`. */
  applicant_phone: string | null;
  applicant_email: string | null;
  applicant_address: Record<string, string> | null;
  form_data: Record<string, unknown>;
  channel: Channel;
  submitted_at: Date;
  due_at: Date | null;
  paused_at: Date | null;
  completed_at: Date | null;
  escalated_at: Date | null;
  created_by_id: string | null;
  state_entered_at: Date;
  version: number;
  event_count: number;
  last_event_hash: string | null;
  created_at: Date;
  updated_at: Date;
}

/** The `case_events` table (id is a bigint, read as text). */
export interface CaseEventRow {
  id: string;
  case_id: string;
  seq: number;
  type: string;
  from_state: string | null;
  to_state: string | null;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: ActorRole;
  comment: string | null;
  reason: string | null;
  public: boolean;
  payload: Record<string, unknown>;
  created_at: Date;
  prev_hash: string | null;
  hash: string;
}

export type DocumentStatus = 'pending' | 'valid' | 'invalid';

/** The `case_documents` table. */
export interface CaseDocumentRow {
  id: string;
  case_id: string;
  requirement_key: string;
  file_name: string;
  storage_key: string;
  content_type: string;
  size: number;
  sha256: string;
  status: DocumentStatus;
  note: string | null;
  checked_by_id: string | null;
  checked_at: Date | null;
  uploaded_by_id: string | null;
  superseded_at: Date | null;
  created_at: Date;
}

/** A current document as the workflow's guards see it. */
export interface DocumentFact {
  requirementKey: string;
  status: DocumentStatus;
}

/** The columns CASL's Case rules read (libs/authz CaseAuthzFields). */
export type CaseAuthzRow = Pick<CaseRow, 'opd_id' | 'assignee_id' | 'handled_opd_ids' | 'consult_opd_ids' | 'is_open'>;

/** The applicant's choice of notification channels, stored with the case. */
export interface NotificationConsentRow {
  case_id: string;
  channels: string[];
  locale: string;
  source: 'portal' | 'counter' | 'api';
  recorded_by_id: string | null;
}

/** A case as an event needs it: what the workflow decides on, the chain head, its current documents. */
export type CaseForWrite = Pick<
  CaseRow,
  | 'id'
  | 'opd_id'
  | 'handled_opd_ids'
  | 'consult_opd_ids'
  | 'state'
  | 'is_open'
  | 'assignee_id'
  | 'verified_by_id'
  | 'approved_by_id'
  | 'workflow_key'
  | 'workflow_version'
  | 'service_id'
  | 'service_version'
  | 'due_at'
  | 'paused_at'
  | 'state_entered_at'
  | 'version'
  | 'event_count'
  | 'last_event_hash'
  | 'applicant_name'
> & { documents: DocumentFact[] };

/** The chain head and version an appended event builds on. */
export type ChainHead = Pick<CaseRow, 'id' | 'version' | 'event_count' | 'last_event_hash'>;

/** One user's open assigned cases by SLA risk (workload). */
export interface OpenLoadRow {
  assignee_id: string;
  open: number;
  overdue: number;
  due_soon: number;
  paused: number;
}

/** A row of a case list. */
export type CaseListRow = Pick<
  CaseRow,
  | 'id'
  | 'tracking_code'
  | 'service_id'
  | 'service_version'
  | 'opd_id'
  | 'handled_opd_ids'
  | 'consult_opd_ids'
  | 'consult_due_at'
  | 'state'
  | 'workflow_key'
  | 'workflow_version'
  | 'is_open'
  | 'assignee_id'
  | 'applicant_name'
  | 'applicant_nik'
  | 'channel'
  | 'submitted_at'
  | 'due_at'
  | 'paused_at'
  | 'completed_at'
  | 'version'
> & { assignee_name: string | null };

/** A current document in the detail view (json_agg: its timestamp stays ISO text). */
export type DetailDocument = Pick<
  CaseDocumentRow,
  'id' | 'requirement_key' | 'file_name' | 'content_type' | 'size' | 'sha256' | 'status' | 'note'
> & { created_at: string };

/** The staff detail view of a case. */
export type CaseDetailRow = CaseListRow &
  Pick<CaseRow, 'applicant_phone' | 'applicant_email' | 'applicant_address' | 'form_data' | 'verified_by_id' | 'approved_by_id'> & {
    documents: DetailDocument[];
  };

/** Completed cases of one service, OPD, month (YYYY-MM-01) and current state. */
export interface CompletionCountRow {
  service_id: string;
  opd_id: string;
  month: string;
  workflow_key: string;
  workflow_version: number;
  state: string;
  completed: number;
}

/** A case as the citizen's tracking page reads it. */
export type TrackedCaseRow = Pick<
  CaseRow,
  | 'id'
  | 'tracking_code'
  | 'state'
  | 'version'
  | 'opd_id'
  | 'service_id'
  | 'service_version'
  | 'workflow_key'
  | 'workflow_version'
  | 'applicant_nik'
  | 'applicant_phone'
  | 'applicant_name'
  | 'due_at'
  | 'submitted_at'
  | 'verified_by_id'
  | 'approved_by_id'
  | 'assignee_id'
> & { documents: DocumentFact[] };

/** A case as its issued document is made from: applicant, form data and the OPD's names. */
export type CaseForIssueRow = Pick<
  CaseRow,
  | 'id'
  | 'tracking_code'
  | 'opd_id'
  | 'service_id'
  | 'service_version'
  | 'applicant_nik'
  | 'applicant_name'
  | 'applicant_address'
  | 'form_data'
  | 'submitted_at'
> & { opd_name: string; opd_short_name: string };

/** The permission columns with the applicant's contact (which notification channels can reach them). */
export type CaseContactRow = CaseAuthzRow & Pick<CaseRow, 'applicant_email' | 'applicant_phone'>;

/** A case's latest event of some types: its reason and who sent it. */
export type LatestEventRow = Pick<CaseEventRow, 'case_id' | 'reason' | 'actor_id'>;

/** An outbox row with the case, OPD, service and consent facts the notification fan-out uses (case columns null for other aggregates). */
export interface OutboxContextRow {
  id: string;
  topic: string;
  aggregate_id: string | null;
  payload: Record<string, unknown>;
  created_at: Date;
  tracking_code: string | null;
  state: string | null;
  opd_id: string | null;
  opd_name: string | null;
  service_id: string | null;
  service_name: string | null;
  applicant_name: string | null;
  applicant_email: string | null;
  /** Ciphertext (PiiCipher), decrypted only here, for the WhatsApp fan-out. */
  applicant_phone_enc: string | null;
  due_at: Date | null;
  channels: NotificationChannel[] | null;
  locale: NotificationLocale | null;
}

/** A document as the case log names it: its requirement's label in the case's service version. */
export interface EventDocumentRow {
  id: string;
  requirement_key: string;
  file_name: string;
  label: string | null;
}

/** An overdue case the escalation job takes. */
export type OverdueCaseRow = ChainHead & Pick<CaseRow, 'opd_id' | 'state'> & { due_at: Date };

/** The row of a new case, as `create` inserts it. */
export type NewCaseRow = Pick<
  CaseRow,
  | 'id'
  | 'tracking_code'
  | 'service_id'
  | 'service_version'
  | 'workflow_key'
  | 'workflow_version'
  | 'opd_id'
  | 'handled_opd_ids'
  | 'state'
  | 'next_roles'
  | 'is_open'
  | 'assignee_id'
  | 'applicant_nik'
  | 'applicant_name'
  | 'applicant_phone'
  | 'applicant_email'
  | 'applicant_address'
  | 'form_data'
  | 'channel'
  | 'submitted_at'
  | 'due_at'
  | 'created_by_id'
>;

export type NewDocument = Pick<
  CaseDocumentRow,
  'case_id' | 'requirement_key' | 'file_name' | 'storage_key' | 'content_type' | 'size' | 'sha256' | 'uploaded_by_id'
> & { status?: DocumentStatus; created_at?: Date };

/** The outbox notice written with an event. */
export interface Notice {
  topic: string;
  payload: Record<string, unknown>;
}

/** Columns an event may set on the case row besides its chain head and version (internal names). */
export type CaseUpdate = Partial<
  Pick<
    CaseRow,
    | 'state'
    | 'next_roles'
    | 'is_open'
    | 'assignee_id'
    | 'verified_by_id'
    | 'approved_by_id'
    | 'opd_id'
    | 'handled_opd_ids'
    | 'consult_opd_ids'
    | 'consult_due_at'
    | 'due_at'
    | 'paused_at'
    | 'completed_at'
    | 'escalated_at'
    | 'state_entered_at'
  >
>;

/** The state a transition leaves, as written to `case_state_intervals` with the event (docs/REPORTS.md). */
export interface StateInterval {
  state: string;
  enteredAt: Date;
  workingMinutes: number;
  /** The state's clock was paused: the case waited on the applicant. */
  waiting: boolean;
}

export type PersonalDataAction =
  | 'read_case'
  | 'read_document'
  | 'read_issued_document'
  /** The applicant registry: another OPD's application (or verified document) of the same applicant seen from this case. */
  | 'read_applicant_other_opd'
  /** A verified KTP/KK of another application copied to this one with the applicant's consent. */
  | 'reuse_document'
  /** The applicant's NIK and name sent to Dukcapil's match/no-match service. */
  | 'population_check';

export interface ApplicantKeyRow {
  applicant_id: string;
  nik_bidx: string;
  opd_id: string;
  population_check: 'match' | 'no_match' | null;
  population_checked_at: Date | null;
}
export interface ApplicantCaseRow {
  id: string;
  tracking_code: string;
  opd_id: string;
  opd_name: string;
  service_name: string;
  state: string;
  submitted_at: Date;
  is_open: boolean;
}
export interface VerifiedDocumentRow extends Pick<
  CaseDocumentRow,
  'requirement_key' | 'file_name' | 'storage_key' | 'content_type' | 'size' | 'sha256'
> {
  document_id: string;
  case_id: string;
  tracking_code: string;
  opd_id: string;
  opd_name: string;
  verified_by_name: string | null;
  verified_at: Date;
}
export type ReusedDocumentRow = Omit<VerifiedDocumentRow, 'storage_key' | 'content_type' | 'size' | 'sha256'> & {
  reused_as_document_id: string;
  consent_at: Date;
  /** Null when the applicant gave the consent on the portal. */
  recorded_by_name: string | null;
  source: 'staff' | 'portal';
};

// ---- statement texts ----------------------------------------------------------------------

const WIB = 'Asia/Jakarta';

/** `CASE WHEN expr <= u0 THEN 0 WHEN expr <= u1 THEN 1 ... ELSE n END` over ascending upper bounds. */
function bucketCase(expr: string, uppers: readonly number[], op: '<=' | '<' = '<='): string {
  return `CASE ${uppers.map((u, i) => `WHEN ${expr} ${op} ${Number(u)} THEN ${i}`).join(' ')} ELSE ${uppers.length} END`;
}

/**
 * The office-minute position of an instant `col` on the working calendar, given `k`, the
 * `report_calendar` row of its WIB day: office minutes of the working days before it, plus those
 * of its own day up to it.
 */
function officePosition(col: string, k: string): string {
  return `(${k}.cum_minutes_before + CASE WHEN ${k}.working THEN least(greatest(extract(epoch FROM (${col} AT TIME ZONE '${WIB}')::time) / 60 - ${OPENS_AT_MINUTE}, 0), ${WORKING_DAY_MINUTES}) ELSE 0 END)`;
}

/**
 * Each open case's contribution to the backlog snapshot as of $1 (docs/REPORTS.md: age in working
 * days, share of SLA used, overdue, waiting), for the cases `where` admits; with the due date and
 * the office-minute positions of its 50 % and 80 % marks, from which the incremental refresh knows
 * when the time alone moves its SLA bucket. The columns of `report_backlog_cases`.
 */
function backlogCases(where: string): string {
  const pos = officePosition;
  const share = (p: number) => `${pos('c.submitted_at', 's')} + ${p} * (${pos('c.due_at', 'd')} - ${pos('c.submitted_at', 's')})`;
  return `(case_id, opd_id, service_id, assignee_id, age_bucket, sla_bucket, overdue, waiting, due_at, mark50, mark80)
    SELECT c.id, c.opd_id, c.service_id, c.assignee_id,
           ${bucketCase('t.cum_days - s.cum_days', AGE_BUCKET_UPPER)},
           CASE WHEN c.due_at IS NULL THEN 0 WHEN coalesce(c.paused_at, $1) > c.due_at THEN 3
                ELSE ${bucketCase(`(${pos('coalesce(c.paused_at, $1)', 'r')} - ${pos('c.submitted_at', 's')}) / nullif(${pos('c.due_at', 'd')} - ${pos('c.submitted_at', 's')}, 0)`, [0.5, 0.8], '<')} END,
           coalesce(c.paused_at IS NULL AND c.due_at < $1, FALSE), c.paused_at IS NOT NULL, c.due_at, ${share(0.5)}, ${share(0.8)}
      FROM cases c
      JOIN report_calendar s ON s.day = (c.submitted_at AT TIME ZONE '${WIB}')::date
      JOIN report_calendar t ON t.day = ($1::timestamptz AT TIME ZONE '${WIB}')::date
      JOIN report_calendar r ON r.day = (coalesce(c.paused_at, $1) AT TIME ZONE '${WIB}')::date
      LEFT JOIN report_calendar d ON d.day = (c.due_at AT TIME ZONE '${WIB}')::date
     WHERE c.is_open AND c.completed_at IS NULL AND ${where}`;
}

/** The backlog snapshot's rows from the contributions `b`. */
const BACKLOG_SUMS = `(opd_id, service_id, assignee_id, age_bucket, sla_bucket, open, overdue, waiting)
  SELECT b.opd_id, b.service_id, b.assignee_id, b.age_bucket, b.sla_bucket, count(*), count(*) FILTER (WHERE b.overdue), count(*) FILTER (WHERE b.waiting)`;

const LIST_COLUMNS = `c.id, c.tracking_code, c.service_id, c.service_version, c.opd_id, c.handled_opd_ids, c.consult_opd_ids, c.consult_due_at, c.state,
         c.workflow_key, c.workflow_version, c.is_open, c.assignee_id, u.full_name AS assignee_name, c.applicant_name, c.applicant_nik_enc AS applicant_nik,
         c.channel, c.submitted_at, c.due_at, c.paused_at, c.completed_at, c.version`;

/**
 * The case list SELECT (list columns), with `extra` expressions over `c` (by default the cases
 * table). The service's name comes from ServicesService's cache (service versions are
 * immutable), not from a join: each join roughly doubled the statement's planning time, which is
 * most of a keyset page's cost when PostgreSQL keeps re-planning it.
 */
function caseSelect(extra: readonly string[] = [], from = 'cases c'): string {
  return `
  SELECT ${LIST_COLUMNS}${extra.map((e) => `, ${e}`).join('')}
    FROM ${from}
    LEFT JOIN users u ON u.id = c.assignee_id`;
}

const CASE_SELECT = caseSelect();

const CURRENT_DOCUMENT_FACTS = (caseRef: string) =>
  `(SELECT coalesce(json_agg(json_build_object('requirementKey', d.requirement_key, 'status', d.status)), '[]')
            FROM case_documents d WHERE d.case_id = ${caseRef} AND d.superseded_at IS NULL) AS documents`;

/** The detail view's columns beyond the list's: contact and form data, and the current documents. */
const DETAIL_EXTRA = [
  'c.applicant_phone_enc AS applicant_phone',
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
 * A wide single-row SELECT as one json column named `row` (read with `fromJsonRow`). The
 * client's CPU for a row grows with its columns (pg sets up a parser and a property per column on
 * every execution): for the detail row, one json value costs 51 µs of Node CPU against 99 µs for
 * its 27 columns, and Node's one thread is what limits the API's throughput.
 */
function asJsonRow(select: string): string {
  return `SELECT row_to_json(x) AS row FROM (${select}) x`;
}

/** One case ($1 = id) for the detail view. */
export const DETAIL_BY_ID = asJsonRow(`${caseSelect(DETAIL_EXTRA)} WHERE c.id = $1`);
const DETAIL_DATES = ['submitted_at', 'due_at', 'paused_at', 'completed_at', 'consult_due_at'] as const;

const FOR_WRITE_COLUMNS = `id, opd_id, handled_opd_ids, consult_opd_ids, state, is_open, assignee_id, verified_by_id, approved_by_id, workflow_key, workflow_version,
         service_id, service_version, due_at, paused_at, state_entered_at, version, event_count, last_event_hash, applicant_name,
         ${CURRENT_DOCUMENT_FACTS('cases.id')}`;

/** A case ($1 = id) as an event needs it, read without a lock (the write is optimistic). */
export const CASE_FOR_WRITE_SELECT = asJsonRow(`SELECT ${FOR_WRITE_COLUMNS} FROM cases WHERE id = $1`);
/** The same under the row lock, for writes that change more than the case row (documents). */
const CASE_FOR_WRITE_LOCKED = asJsonRow(`SELECT ${FOR_WRITE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`);
const FOR_WRITE_DATES = ['due_at', 'paused_at', 'state_entered_at'] as const;

const TRACKED_BY_CODE = asJsonRow(`
  SELECT id, tracking_code, state, version, opd_id, service_id, service_version, workflow_key, workflow_version, applicant_nik_enc AS applicant_nik, applicant_phone_enc AS applicant_phone,
         applicant_name, due_at, submitted_at, verified_by_id, approved_by_id, assignee_id, ${CURRENT_DOCUMENT_FACTS('cases.id')}
    FROM cases WHERE tracking_code = $1`);
const TRACKED_DATES = ['due_at', 'submitted_at'] as const;

const AUTHZ_BY_ID = `SELECT opd_id, assignee_id, handled_opd_ids, consult_opd_ids, is_open FROM cases WHERE id = $1`;
const STATE_BY_ID = `SELECT state, version FROM cases WHERE id = $1`;
const CONTACT_BY_ID = `SELECT opd_id, assignee_id, handled_opd_ids, consult_opd_ids, is_open, applicant_email, applicant_phone_enc AS applicant_phone FROM cases WHERE id = $1`;
const FOR_ISSUE_BY_ID = `
  SELECT c.id, c.tracking_code, c.opd_id, o.name AS opd_name, o.short_name AS opd_short_name, c.service_id, c.service_version,
         c.applicant_nik_enc AS applicant_nik, c.applicant_name, c.applicant_address, c.form_data, c.submitted_at
    FROM cases c JOIN opds o ON o.id = c.opd_id WHERE c.id = $1`;

/** A staff read of a case's personal data (UU 27/2022): $1 user, $2 case, $3 action. */
export const ACCESS_LOG_INSERT = `INSERT INTO personal_data_access_log (user_id, case_id, action) VALUES ($1, $2, $3)`;

const EVENT_DOCUMENTS = `
  SELECT d.id, d.requirement_key, d.file_name,
         (SELECT r->>'label' FROM jsonb_array_elements(v.requirements) r WHERE r->>'key' = d.requirement_key LIMIT 1) AS label
    FROM case_documents d
    JOIN cases c ON c.id = d.case_id
    JOIN service_versions v ON v.service_id = c.service_id AND v.version = c.service_version
   WHERE d.case_id = $1`;
const EVENT_SELECT = `SELECT id::text, case_id, seq, type, from_state, to_state, actor_id, actor_name, actor_role, comment, reason, public, payload,
       created_at, prev_hash, hash FROM case_events`;

const writeTexts = new Map<string, string>();

/**
 * The one statement that records an event: the case row (new chain head, version + 1,
 * updated_at and the columns set), the log entry and the outbox notice, applied only if the case
 * is still at the expected version; it returns the case's new detail row, or no row if the case
 * changed meanwhile. Its text is built once per set of updated columns (the same string object
 * on every call, so naming and preparing it costs nothing per request). Parameters: $1..$15 the
 * event (EVENT_COLUMNS), $16 the expected version, then one per column, then topic and payload.
 */
export function eventWriteText(columns: readonly string[], withInterval = false): string {
  const key = `${columns.join(',')}${withInterval ? '+interval' : ''}`;
  const known = writeTexts.get(key);
  if (known) return known;
  if (columns.some((col) => !/^[a-z_]+$/.test(col))) throw new Error(`invalid column in case update: ${columns.join(', ')}`);
  const e = EVENT_COLUMN_TYPES.map((type, i) => `$${i + 1}::${type}`);
  const n = e.length;
  const text = `WITH updated AS (
       UPDATE cases SET last_event_hash = ${e[14]}, event_count = ${e[1]}, version = version + 1, updated_at = ${e[12]}${columns.map((col, i) => `, ${col} = $${n + 2 + i}`).join('')}
        WHERE id = ${e[0]} AND version = $${n + 1}::int RETURNING *),
     event AS (INSERT INTO case_events (${EVENT_COLUMNS}) SELECT ${e.join(', ')} FROM updated),
     notice AS (INSERT INTO outbox (topic, aggregate_id, payload) SELECT $${n + 2 + columns.length}::text, id, $${n + 3 + columns.length}::jsonb FROM updated)${withInterval ? intervalInsert(n + 4 + columns.length) : ''}
     ${asJsonRow(caseSelect(DETAIL_EXTRA, 'updated c'))}`;
  writeTexts.set(key, text);
  return text;
}

/**
 * The state interval the transition closes, written by the same statement (so it commits with
 * the event or not at all): the case's OPD and service from the updated row, left at the event's
 * time by the event's actor. Parameters from `first`: state, entered_at, working minutes, waiting.
 */
function intervalInsert(first: number): string {
  return `,
     interval AS (INSERT INTO case_state_intervals (case_id, opd_id, service_id, state, entered_at, left_at, working_minutes, waiting, left_by)
       SELECT u.id, u.opd_id, u.service_id, $${first}::text, $${first + 1}::timestamptz, $13::timestamptz, $${first + 2}::int, $${first + 3}::boolean, $6::uuid
         FROM updated u)`;
}

/** The values of `eventWriteText(Object.keys(set), interval !== undefined)`, in its parameter order. */
export function eventWriteValues(
  expectedVersion: number,
  link: ChainLink,
  notice: Notice,
  set: CaseUpdate,
  interval?: StateInterval,
): unknown[] {
  const columns = Object.keys(set) as (keyof CaseUpdate)[];
  const values = [...link.values, expectedVersion, ...columns.map((col) => set[col]), notice.topic, JSON.stringify(notice.payload)];
  if (interval) values.push(interval.state, interval.enteredAt, interval.workingMinutes, interval.waiting);
  return values;
}

/** Lists count at most ten pages ahead: enough for the pager, never a full count. */
export function listCountCap(offset: number, limit: number): number {
  return Math.min(10_000, offset + limit * 10 + 1);
}

/**
 * `count(*)` of a list's rows, stopping at `cap`. Deliberately unordered: the planner then stops
 * at the first `cap` matches by whatever path is cheapest, where an ORDER BY made it walk the
 * page's sort index through other OPDs' rows (0.3 s at a million cases).
 */
function cappedCountSql(where: string, cap: number): string {
  return `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c WHERE ${where} LIMIT ${cap}) t`;
}

/**
 * The SELECT of one page. Offset pages (react-admin's `range`) also carry the capped count as
 * `list_total`: an uncorrelated subquery, evaluated once, so page and total take one round trip.
 * Cursor pages carry no total.
 */
export function casePageSql(q: CaseListQuery, page: { offset: number; limit: number }): string {
  if (q.keyset) return `${CASE_SELECT} WHERE ${q.where} AND ${q.keyset} ORDER BY ${q.orderBy} LIMIT ${page.limit}`;
  const total = `(${cappedCountSql(q.where, listCountCap(page.offset, page.limit))}) AS list_total`;
  return `${caseSelect([total])} WHERE ${q.where} ORDER BY ${q.orderBy} LIMIT ${page.limit} OFFSET ${page.offset}`;
}

/** The row of an `asJsonRow` statement with its timestamp columns (JSON text) back as Dates. */
function fromJsonRow<T>(result: { row: Record<string, unknown> } | undefined, dates: readonly string[]): T | undefined {
  if (!result) return undefined;
  const row = result.row;
  for (const key of dates) if (typeof row[key] === 'string') row[key] = new Date(row[key]);
  return row as T;
}

async function rows<T>(db: Db, text: string, values: unknown[]): Promise<T[]> {
  return await db.query<T[]>(text, values);
}

@Injectable()
export class CaseRepository {
  constructor(
    private readonly db: DataSource,
    private readonly pii: PiiCipher,
  ) {}

  // ---- cases ----------------------------------------------------------------------------

  /**
   * A new case, its first log entries (SUBMIT, and the system's ASSIGN when the service assigns
   * round-robin) and its outbox notice, in one statement.
   */
  async create(m: EntityManager, row: NewCaseRow, links: ChainLink[], notice: Notice): Promise<void> {
    const last = links[links.length - 1];
    const args = new SqlArgs();
    const { applicant_nik: nik, applicant_phone: phone, ...rest } = row;
    const values = Object.entries({
      ...rest,
      applicant_nik_enc: this.pii.encrypt('nik', nik),
      applicant_nik_bidx: this.pii.nikIndex(nik),
      applicant_phone_enc: this.pii.encryptNullable('phone', phone),
      applicant_address: row.applicant_address ? JSON.stringify(row.applicant_address) : null,
      form_data: JSON.stringify(row.form_data),
      last_event_hash: last.hash,
      event_count: last.seq,
      state_entered_at: row.submitted_at,
    });
    await m.query(
      `WITH created AS (INSERT INTO cases (${values.map(([k]) => k).join(', ')}) VALUES (${values.map(([, v]) => args.add(v)).join(', ')})),
            event AS (INSERT INTO case_events (${EVENT_COLUMNS}) VALUES ${links.map((l) => `(${l.values.map((v) => args.add(v)).join(', ')})`).join(', ')})
       INSERT INTO outbox (topic, aggregate_id, payload) VALUES (${args.add(notice.topic)}, ${args.add(row.id)}, ${args.add(JSON.stringify(notice.payload))})`,
      args.values,
    );
  }

  /** A case as an event needs it. `lock`: under the row lock (inside a transaction). */
  async findForWrite(m: Db, id: string, opts: { lock?: boolean } = {}): Promise<CaseForWrite | undefined> {
    return this.jsonRow<CaseForWrite>(m, opts.lock ? CASE_FOR_WRITE_LOCKED : CASE_FOR_WRITE_SELECT, [id], FOR_WRITE_DATES);
  }

  async detail(id: string, m: Db = this.db): Promise<CaseDetailRow | undefined> {
    return this.reveal(await this.jsonRow<CaseDetailRow>(m, DETAIL_BY_ID, [id], DETAIL_DATES));
  }

  async authzOf(id: string): Promise<CaseAuthzRow | undefined> {
    const [row] = await rows<CaseAuthzRow>(this.db, AUTHZ_BY_ID, [id]);
    return row;
  }

  /** The authz rows of several cases in one statement, by id (ids of no case are absent). */
  async authzOfMany(ids: readonly string[]): Promise<Map<string, CaseAuthzRow>> {
    if (!ids.length) return new Map();
    const found = await rows<CaseAuthzRow & { id: string }>(
      this.db,
      `SELECT id, opd_id, assignee_id, handled_opd_ids, consult_opd_ids, is_open FROM cases WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(found.map(({ id, ...row }) => [id, row]));
  }

  /**
   * Stores (or replaces) the applicant's notification choice with its consent time. `notify`:
   * also write an outbox row, so a receipt that could not go out before (no consent yet) goes
   * out now, once; at intake the case's own `case.submitted` row does that.
   */
  async saveNotificationConsent(m: Db, row: NotificationConsentRow, opts: { notify: boolean }): Promise<void> {
    const upsert = `INSERT INTO case_notification_consents (case_id, channels, locale, source, recorded_by_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (case_id) DO UPDATE SET channels = EXCLUDED.channels, locale = EXCLUDED.locale, source = EXCLUDED.source,
           recorded_by_id = EXCLUDED.recorded_by_id, consented_at = now()
         RETURNING case_id`;
    const values = [row.case_id, row.channels, row.locale, row.source, row.recorded_by_id];
    if (!opts.notify) {
      await m.query(upsert, values);
      return;
    }
    await m.query(
      `WITH saved AS (${upsert})
       INSERT INTO outbox (topic, aggregate_id, payload)
       SELECT 'case.notification_consent', case_id, jsonb_build_object('channels', $2::text[], 'source', $4::text) FROM saved`,
      values,
    );
  }

  /** The permission columns and the applicant's email and phone. */
  async contactOf(id: string): Promise<CaseContactRow | undefined> {
    const [row] = await rows<CaseContactRow>(this.db, CONTACT_BY_ID, [id]);
    return this.reveal(row);
  }

  /** A case as a document is issued from it (inside the issuing transaction). */
  async forIssue(m: Db, id: string): Promise<CaseForIssueRow | undefined> {
    const [row] = await preparedQuery<CaseForIssueRow>(m, FOR_ISSUE_BY_ID, [id]);
    return this.reveal(row);
  }

  async stateOf(m: Db, id: string): Promise<Pick<CaseRow, 'state' | 'version'> | undefined> {
    const [row] = await rows<Pick<CaseRow, 'state' | 'version'>>(m, STATE_BY_ID, [id]);
    return row;
  }

  async byTrackingCode(code: string, m: Db = this.db): Promise<TrackedCaseRow | undefined> {
    return this.reveal(await this.jsonRow<TrackedCaseRow>(m, TRACKED_BY_CODE, [code], TRACKED_DATES));
  }

  /**
   * Appends `link` to the case's chain and applies `set`, with the outbox notice, in one
   * statement that applies only if the case is still at `head.version` (optimistic concurrency:
   * a caller that read the case without a lock loses to any change since). Returns the case's
   * new detail row, or undefined when the version moved.
   */
  async appendEvent(
    m: Db,
    head: ChainHead,
    link: ChainLink,
    notice: Notice,
    set: CaseUpdate = {},
    interval?: StateInterval,
  ): Promise<CaseDetailRow | undefined> {
    return this.reveal(
      await this.jsonRow<CaseDetailRow>(
        m,
        eventWriteText(Object.keys(set), interval !== undefined),
        eventWriteValues(head.version, link, notice, set, interval),
        DETAIL_DATES,
      ),
    );
  }

  /** One page of a list; offset pages carry `list_total` (capped). First and cursor pages run prepared. */
  async page(q: CaseListQuery, page: { offset: number; limit: number }): Promise<(CaseListRow & { list_total?: number })[]> {
    const text = casePageSql(q, page);
    // Page 1 and cursor pages (the hot path) run prepared; each deeper OFFSET would be a new statement.
    const found = await (page.offset === 0
      ? preparedQuery<CaseListRow & { list_total?: number }>(this.db, text, q.values)
      : rows<CaseListRow & { list_total?: number }>(this.db, text, q.values));
    for (const r of found) this.reveal(r);
    return found;
  }

  /**
   * Every row of a list, in its order, streamed through a cursor (pg-query-stream: constant
   * memory at any size) on `db` (the read connection for exports). The connection is held
   * until the iteration ends or is abandoned.
   */
  async *streamList(q: Pick<CaseListQuery, 'where' | 'values' | 'orderBy'>, db: DataSource): AsyncGenerator<CaseListRow> {
    const runner = db.createQueryRunner();
    try {
      const stream = await runner.stream(`${CASE_SELECT} WHERE ${q.where} ORDER BY ${q.orderBy}`, q.values);
      try {
        for await (const row of stream as AsyncIterable<CaseListRow>) yield this.reveal(row) as CaseListRow;
      } finally {
        stream.destroy();
      }
    } finally {
      await runner.release();
    }
  }

  /** The number of a list's rows, counting at most `cap`, on `db` (exports count on the read connection). */
  async countCapped(q: Pick<CaseListQuery, 'where' | 'values'>, cap: number, db: DataSource = this.db): Promise<number> {
    const [{ n }] = await rows<{ n: number }>(db, cappedCountSql(q.where, cap), q.values);
    return n;
  }

  // ---- workload ------------------------------------------------------------------------

  /**
   * Each user's open assigned cases by SLA risk at `now` (cases_open_assignee_idx): overdue and due
   * within 24 hours as libs/sla's slaStatus counts them, paused = waiting on the applicant.
   */
  async openLoads(userIds: string[], now: Date, m: Db = this.db): Promise<OpenLoadRow[]> {
    if (!userIds.length) return [];
    return rows<OpenLoadRow>(
      m,
      `SELECT assignee_id, count(*)::int AS open,
              count(*) FILTER (WHERE paused_at IS NULL AND completed_at IS NULL AND due_at < $2)::int AS overdue,
              count(*) FILTER (WHERE paused_at IS NULL AND completed_at IS NULL AND due_at >= $2 AND due_at <= $2::timestamptz + interval '24 hours')::int AS due_soon,
              count(*) FILTER (WHERE paused_at IS NOT NULL)::int AS paused
         FROM cases WHERE is_open AND assignee_id = ANY($1::uuid[]) GROUP BY assignee_id`,
      [userIds, now],
    );
  }

  /** A user's open cases that `permission` (the caller's rules as SQL over `c`, built with `args`) lets through, soonest due first. */
  async openAssignedTo(userId: string, permission: string, args: SqlArgs, limit: number): Promise<CaseListRow[]> {
    const found = await rows<CaseListRow>(
      this.db,
      `${CASE_SELECT} WHERE c.is_open AND c.assignee_id = ${args.add(userId)} AND ${permission}
        ORDER BY c.due_at NULLS LAST, c.id LIMIT ${Number(limit)}`,
      args.values,
    );
    for (const r of found) this.reveal(r);
    return found;
  }

  /** Open overdue cases not yet escalated, locked (SKIP LOCKED: several instances share the work). */
  async lockOverdue(m: EntityManager, now: Date, limit: number): Promise<OverdueCaseRow[]> {
    return rows<OverdueCaseRow>(
      m,
      `SELECT id, opd_id, state, version, event_count, last_event_hash, due_at FROM cases
        WHERE is_open AND paused_at IS NULL AND completed_at IS NULL AND escalated_at IS NULL AND due_at < $1
        ORDER BY due_at, id LIMIT ${Number(limit)} FOR UPDATE SKIP LOCKED`,
      [now],
    );
  }

  /** Cases completed (first stopped clock) since `since`, per service, OPD, Jakarta month and the state they are in now. */
  async completionsByMonth(since: Date): Promise<CompletionCountRow[]> {
    return rows<CompletionCountRow>(
      this.db,
      `SELECT service_id, opd_id, to_char(date_trunc('month', completed_at AT TIME ZONE 'Asia/Jakarta'), 'YYYY-MM-DD') AS month,
              workflow_key, workflow_version, state, count(*)::int AS completed
         FROM cases WHERE completed_at IS NOT NULL AND completed_at >= $1
        GROUP BY 1, 2, 3, 4, 5, 6`,
      [since],
    );
  }

  // ---- outbox ---------------------------------------------------------------------------

  /**
   * Outbox rows whose ids `source` selects (a query with its own placeholders, `values`), in id
   * order, each with its case, OPD, service and the applicant's notification consent.
   */
  async outboxContext(m: Db, source: string, values: unknown[]): Promise<OutboxContextRow[]> {
    return rows<OutboxContextRow>(
      m,
      `WITH batch AS (${source})
    SELECT o.id::text, o.topic, o.aggregate_id, o.payload, o.created_at,
           c.tracking_code, c.state, c.opd_id, p.name AS opd_name, c.service_id, v.name AS service_name,
           c.applicant_name, c.applicant_email, c.applicant_phone_enc, c.due_at, n.channels, n.locale
      FROM batch JOIN outbox o ON o.id = batch.id
      LEFT JOIN cases c ON c.id = o.aggregate_id
      LEFT JOIN opds p ON p.id = c.opd_id
      LEFT JOIN service_versions v ON v.service_id = c.service_id AND v.version = c.service_version
      LEFT JOIN case_notification_consents n ON n.case_id = o.aggregate_id
     ORDER BY o.id`,
      values,
    );
  }

  // ---- events ---------------------------------------------------------------------------

  /** A case's log in order; `publicOnly`: the citizen's timeline. */
  async events(caseId: string, opts: { publicOnly?: boolean } = {}): Promise<CaseEventRow[]> {
    return rows<CaseEventRow>(this.db, `${EVENT_SELECT} WHERE case_id = $1${opts.publicOnly ? ' AND public' : ''} ORDER BY seq`, [caseId]);
  }

  /** Every document of a case ever uploaded (superseded ones too) with its requirement's label, for the log. */
  async eventDocuments(caseId: string): Promise<EventDocumentRow[]> {
    return rows<EventDocumentRow>(this.db, EVENT_DOCUMENTS, [caseId]);
  }

  /**
   * Per case of `caseIds`, its latest event of one of `types` (cases without one are absent).
   * `byStaff`: only events a staff user sent (actor_id set).
   */
  async latestEvents(
    m: Db,
    caseIds: readonly string[],
    types: readonly string[],
    opts: { byStaff?: boolean } = {},
  ): Promise<LatestEventRow[]> {
    return rows<LatestEventRow>(
      m,
      `SELECT DISTINCT ON (case_id) case_id, reason, actor_id FROM case_events
        WHERE case_id = ANY($1::uuid[]) AND type = ANY($2::text[])${opts.byStaff ? ' AND actor_id IS NOT NULL' : ''} ORDER BY case_id, seq DESC`,
      [caseIds, types],
    );
  }

  // ---- documents ------------------------------------------------------------------------

  async document(m: Db, caseId: string, documentId: string, opts: { lock?: boolean } = {}): Promise<CaseDocumentRow | undefined> {
    const [row] = await rows<CaseDocumentRow>(
      m,
      `SELECT * FROM case_documents WHERE id = $1 AND case_id = $2${opts.lock ? ' FOR UPDATE' : ''}`,
      [documentId, caseId],
    );
    return row;
  }

  async checkDocument(
    m: EntityManager,
    documentId: string,
    check: { status: DocumentStatus; note: string | null; by: string; at: Date },
  ): Promise<void> {
    await m.query(`UPDATE case_documents SET status = $2, note = $3, checked_by_id = $4, checked_at = $5 WHERE id = $1`, [
      documentId,
      check.status,
      check.note,
      check.by,
      check.at,
    ]);
  }

  /** Adds a document; `supersede`: the requirement's current file (if any) stops counting. */
  async addDocument(m: EntityManager, doc: NewDocument, opts: { supersede?: boolean } = {}): Promise<CaseDocumentRow> {
    const at = doc.created_at ?? new Date();
    if (opts.supersede) {
      await m.query(`UPDATE case_documents SET superseded_at = $3 WHERE case_id = $1 AND requirement_key = $2 AND superseded_at IS NULL`, [
        doc.case_id,
        doc.requirement_key,
        at,
      ]);
    }
    const [row] = await rows<CaseDocumentRow>(
      m,
      `INSERT INTO case_documents (case_id, requirement_key, file_name, storage_key, content_type, size, sha256, uploaded_by_id, status, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING *`,
      [
        doc.case_id,
        doc.requirement_key,
        doc.file_name,
        doc.storage_key,
        doc.content_type,
        doc.size,
        doc.sha256,
        doc.uploaded_by_id,
        doc.status ?? 'pending',
        at,
      ],
    );
    return row;
  }

  // ---- report rollups (docs/REPORTS.md) --------------------------------------------------

  /**
   * The WIB days whose rollup rows a change since `since` can have moved: the submission,
   * completion and return days of every case with an event since then that can change a dated
   * figure (a transfer moves them all to another OPD; a return changes the day it was received),
   * and every day from `since` to now. Operational events that change neither the state nor the
   * OPD (comments, claims, assignments, documents: ROLLUP_NEUTRAL_EVENTS) touch no dated rollup
   * (the open-case snapshot, which holds assignees, follows every event: refreshBacklog).
   */
  async touchedReportDays(m: Db, since: Date): Promise<string[]> {
    const found = await rows<{ day: string }>(
      m,
      `WITH touched AS (SELECT DISTINCT case_id FROM case_events WHERE created_at >= $1 AND type <> ALL ($2::text[]))
       SELECT DISTINCT to_char(d, 'YYYY-MM-DD') AS day FROM (
         SELECT (c.submitted_at AT TIME ZONE '${WIB}')::date AS d FROM cases c JOIN touched t ON t.case_id = c.id
         UNION SELECT (c.completed_at AT TIME ZONE '${WIB}')::date FROM cases c JOIN touched t ON t.case_id = c.id WHERE c.completed_at IS NOT NULL
         UNION SELECT (e.created_at AT TIME ZONE '${WIB}')::date FROM case_events e JOIN touched t ON t.case_id = e.case_id WHERE e.type = '${RETURN_EVENT}'
         UNION SELECT generate_series(($1::timestamptz AT TIME ZONE '${WIB}')::date, (now() AT TIME ZONE '${WIB}')::date, interval '1 day')::date
       ) x ORDER BY 1`,
      [since, ROLLUP_NEUTRAL_EVENTS],
    );
    return found.map((r) => r.day);
  }

  /** The first and last WIB day with any case, for a full rebuild (undefined: no cases). */
  async reportSpan(m: Db): Promise<{ first: string; last: string } | undefined> {
    const [r] = await rows<{ first: string | null; last: string }>(
      m,
      `SELECT to_char((min(submitted_at) AT TIME ZONE '${WIB}')::date, 'YYYY-MM-DD') AS first,
              to_char((now() AT TIME ZONE '${WIB}')::date, 'YYYY-MM-DD') AS last FROM cases`,
      [],
    );
    return r?.first ? { first: r.first, last: r.last } : undefined;
  }

  /**
   * Recomputes every dated rollup for the WIB days from `fromDay` to `toDay` inclusive, in the
   * caller's transaction: deletes those days' rows and inserts them again from cases, events and
   * state intervals. Each figure's rule is in docs/REPORTS.md.
   */
  async rebuildReportDays(m: EntityManager, fromDay: string, toDay: string): Promise<void> {
    const span = [fromDay, toDay];
    const from = `($1::date::timestamp AT TIME ZONE '${WIB}')`;
    const to = `(($2::date + 1)::timestamp AT TIME ZONE '${WIB}')`;
    const dayOf = (col: string) => `(${col} AT TIME ZONE '${WIB}')::date`;
    for (const table of ['report_daily', 'report_stage_hours', 'report_case_days', 'report_return_reasons', 'report_officer_daily'])
      await m.query(`DELETE FROM ${table} WHERE day BETWEEN $1::date AND $2::date`, span);
    await m.query(
      `INSERT INTO report_daily (day, opd_id, service_id, channel, received, returned, closed, closed_on_time, withdrawn)
       SELECT day, opd_id, service_id, channel, sum(received), sum(returned), sum(closed), sum(on_time), sum(withdrawn) FROM (
         SELECT ${dayOf('c.submitted_at')} AS day, c.opd_id, c.service_id, c.channel, 1 AS received,
                (EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = '${RETURN_EVENT}'))::int AS returned,
                0 AS closed, 0 AS on_time, 0 AS withdrawn
           FROM cases c WHERE c.submitted_at >= ${from} AND c.submitted_at < ${to}
         UNION ALL
         SELECT ${dayOf('c.completed_at')}, c.opd_id, c.service_id, c.channel, 0, 0, (c.state <> '${WITHDRAWN_STATE}')::int,
                (c.state <> '${WITHDRAWN_STATE}' AND c.due_at IS NOT NULL AND c.completed_at <= c.due_at)::int, (c.state = '${WITHDRAWN_STATE}')::int
           FROM cases c WHERE c.completed_at >= ${from} AND c.completed_at < ${to}
       ) x GROUP BY day, opd_id, service_id, channel`,
      span,
    );
    await m.query(
      `INSERT INTO report_stage_hours (day, opd_id, service_id, state, waiting, hours, n, minutes)
       SELECT ${dayOf('i.left_at')}, i.opd_id, i.service_id, i.state, i.waiting, i.working_minutes / 60, count(*), sum(i.working_minutes)
         FROM case_state_intervals i WHERE i.left_at >= ${from} AND i.left_at < ${to}
        GROUP BY 1, 2, 3, 4, 5, 6`,
      span,
    );
    await m.query(
      `INSERT INTO report_case_days (day, opd_id, service_id, days, n)
       SELECT day, opd_id, service_id, days, count(*) FROM (
         SELECT ${dayOf('c.completed_at')} AS day, c.opd_id, c.service_id,
                ceil(coalesce((SELECT sum(i.working_minutes) FROM case_state_intervals i
                                WHERE i.case_id = c.id AND NOT i.waiting AND i.left_at <= c.completed_at), 0) / ${WORKING_DAY_MINUTES}.0)::int AS days
           FROM cases c WHERE c.completed_at >= ${from} AND c.completed_at < ${to} AND c.state <> '${WITHDRAWN_STATE}'
       ) x GROUP BY 1, 2, 3, 4`,
      span,
    );
    await m.query(
      `INSERT INTO report_return_reasons (day, opd_id, service_id, reason, n)
       SELECT ${dayOf('e.created_at')}, c.opd_id, c.service_id, coalesce(nullif(btrim(e.reason), ''), '-'), count(*)
         FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE e.created_at >= ${from} AND e.created_at < ${to} AND e.type = '${RETURN_EVENT}'
        GROUP BY 1, 2, 3, 4`,
      span,
    );
    await m.query(
      `INSERT INTO report_officer_daily (day, opd_id, user_id, steps)
       SELECT ${dayOf('i.left_at')}, i.opd_id, i.left_by, count(*)
         FROM case_state_intervals i WHERE i.left_at >= ${from} AND i.left_at < ${to} AND i.left_by IS NOT NULL
        GROUP BY 1, 2, 3`,
      span,
    );
  }

  /**
   * The open-case snapshot (backlog ageing, open and overdue, officers' open work) as of `now`,
   * replacing the previous one, in the caller's transaction: each open case's contribution
   * (`report_backlog_cases`, BACKLOG_CASES) and their sums (`report_backlog`). Ages and SLA
   * consumption use `report_calendar` (working days and office minutes), which must cover every
   * date involved.
   */
  async rebuildBacklog(m: EntityManager, now: Date): Promise<void> {
    await m.query(`TRUNCATE report_backlog_cases`);
    await m.query(`INSERT INTO report_backlog_cases ${backlogCases('TRUE')}`, [now]);
    await m.query(`DELETE FROM report_backlog`);
    await m.query(`INSERT INTO report_backlog ${BACKLOG_SUMS} FROM report_backlog_cases b GROUP BY 1, 2, 3, 4, 5`);
  }

  /**
   * The same snapshot as `rebuildBacklog(m, now)`, from the one taken at `prev` (the same WIB day,
   * the same calendar, `prev` <= `now`), recomputing only the cases whose contribution can have
   * changed: those with an event since `since` (any change to a case writes one), and those not
   * waiting whose overdue flag or SLA bucket moved with the time alone: due date in [prev, now],
   * or a 50 % / 80 % mark (office minutes, stored with a minute's slack either side) passed
   * between the two instants. Their age cannot move within a day. Then the sums of every key
   * (OPD, service, assignee, buckets) those cases left or entered are recounted from the
   * contributions. Returns how many cases it recomputed.
   */
  async refreshBacklog(m: EntityManager, since: Date, prev: Date, now: Date): Promise<number> {
    const dayOf = (param: string) => `(${param}::timestamptz AT TIME ZONE '${WIB}')::date`;
    await m.query(
      `CREATE TEMP TABLE report_backlog_touched ON COMMIT DROP AS
       WITH p AS (SELECT ${officePosition('$2::timestamptz', 'a')} - 1 AS lo, ${officePosition('$3::timestamptz', 'z')} + 1 AS hi
                    FROM report_calendar a JOIN report_calendar z ON z.day = ${dayOf('$3')} WHERE a.day = ${dayOf('$2')})
       SELECT case_id FROM case_events WHERE created_at >= $1
       UNION SELECT case_id FROM report_backlog_cases WHERE NOT waiting AND due_at BETWEEN $2 AND $3
       UNION SELECT b.case_id FROM report_backlog_cases b JOIN p ON b.mark50 BETWEEN p.lo AND p.hi WHERE NOT b.waiting
       UNION SELECT b.case_id FROM report_backlog_cases b JOIN p ON b.mark80 BETWEEN p.lo AND p.hi WHERE NOT b.waiting`,
      [since, prev, now],
    );
    const keys = `SELECT b.opd_id, b.service_id, b.assignee_id, b.age_bucket, b.sla_bucket FROM report_backlog_cases b JOIN report_backlog_touched t USING (case_id)`;
    await m.query(`CREATE TEMP TABLE report_backlog_keys ON COMMIT DROP AS ${keys}`);
    await m.query(`DELETE FROM report_backlog_cases b USING report_backlog_touched t WHERE b.case_id = t.case_id`);
    await m.query(`INSERT INTO report_backlog_cases ${backlogCases('c.id IN (SELECT case_id FROM report_backlog_touched)')}`, [now]);
    await m.query(`INSERT INTO report_backlog_keys ${keys}`);
    const sameKey = (a: string, b: string) =>
      `${a}.opd_id = ${b}.opd_id AND ${a}.service_id = ${b}.service_id AND ${a}.assignee_id IS NOT DISTINCT FROM ${b}.assignee_id
       AND ${a}.age_bucket = ${b}.age_bucket AND ${a}.sla_bucket = ${b}.sla_bucket`;
    const distinctKeys = `(SELECT DISTINCT * FROM report_backlog_keys)`;
    await m.query(`DELETE FROM report_backlog r USING ${distinctKeys} k WHERE ${sameKey('r', 'k')}`);
    await m.query(
      `INSERT INTO report_backlog ${BACKLOG_SUMS} FROM report_backlog_cases b JOIN ${distinctKeys} k ON ${sameKey('b', 'k')} GROUP BY 1, 2, 3, 4, 5`,
    );
    const [{ n }] = await rows<{ n: number }>(m, `SELECT count(*)::int AS n FROM report_backlog_touched`, []);
    await m.query(`DROP TABLE report_backlog_touched, report_backlog_keys`);
    return n;
  }

  // ---- key rotation (api/src/privacy/pii-rotation.ts) -------------------------------------

  /**
   * Rewrites with the current key up to `limit` cases after `after` (id order) whose NIK or phone
   * another key wrote; a row changed meanwhile is left for the next run. Returns the last id
   * looked at (null: no more) and how many rows it rewrote.
   */
  async reencryptPii(after: string, limit: number): Promise<{ last: string | null; rewritten: number }> {
    const keyId = this.pii.currentKeyId;
    const found = await rows<{ id: string; nik: string; phone: string | null }>(
      this.db,
      `SELECT id, applicant_nik_enc AS nik, applicant_phone_enc AS phone FROM cases
        WHERE id > $1::uuid AND (split_part(applicant_nik_enc, ':', 1) <> $2 OR split_part(applicant_phone_enc, ':', 1) <> $2)
        ORDER BY id LIMIT ${Number(limit)}`,
      [after, keyId],
    );
    if (!found.length) return { last: null, rewritten: 0 };
    const [, rewritten] = await this.db.query<[unknown, number]>(
      `UPDATE cases c SET applicant_nik_enc = x.nik, applicant_phone_enc = x.phone
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(id, old_nik, old_phone, nik, phone)
        WHERE c.id = x.id AND c.applicant_nik_enc = x.old_nik AND c.applicant_phone_enc IS NOT DISTINCT FROM x.old_phone`,
      [
        found.map((r) => r.id),
        found.map((r) => r.nik),
        found.map((r) => r.phone),
        found.map((r) => this.pii.reencrypt('nik', r.nik)),
        found.map((r) => (r.phone === null ? null : this.pii.reencrypt('phone', r.phone))),
      ],
    );
    return { last: found[found.length - 1].id, rewritten };
  }

  // ---- the applicant registry (once-only: one applicant across all OPDs) --------------------

  /** The registry entry of a case's applicant (keyed by the NIK's blind index), with the case's OPD. */
  async applicantOf(caseId: string): Promise<ApplicantKeyRow | undefined> {
    const [row] = await rows<ApplicantKeyRow>(
      this.db,
      `SELECT a.id AS applicant_id, a.nik_bidx, c.opd_id, a.population_check, a.population_checked_at
         FROM cases c JOIN applicants a ON a.nik_bidx = c.applicant_nik_bidx WHERE c.id = $1`,
      [caseId],
    );
    return row;
  }

  /** The applicant's other applications the caller may read: `perm` is the caller's read filter on `c` (abilityToSql). */
  async applicantCases(nikBidx: string, exceptCaseId: string, perm: { where: string; args: SqlArgs }): Promise<ApplicantCaseRow[]> {
    const { where, args } = perm;
    return rows<ApplicantCaseRow>(
      this.db,
      `SELECT c.id, c.tracking_code, c.opd_id, o.short_name AS opd_name, v.name AS service_name, c.state, c.submitted_at, c.is_open
         FROM cases c JOIN opds o ON o.id = c.opd_id
         JOIN service_versions v ON v.service_id = c.service_id AND v.version = c.service_version
        WHERE c.applicant_nik_bidx = ${args.add(nikBidx)} AND c.id <> ${args.add(exceptCaseId)} AND (${where})
        ORDER BY c.submitted_at DESC LIMIT 50`,
      args.values,
    );
  }

  /**
   * The applicant's KTP/KK that an officer marked valid on another application (current files
   * only), newest check first: where (case, OPD) and by whom. `documentId`: that one only.
   */
  async verifiedIdentityDocuments(
    nikBidx: string,
    exceptCaseId: string,
    keys: readonly string[],
    documentId?: string,
  ): Promise<VerifiedDocumentRow[]> {
    return rows<VerifiedDocumentRow>(
      this.db,
      `SELECT d.id AS document_id, d.requirement_key, d.file_name, d.storage_key, d.content_type, d.size, d.sha256,
              c.id AS case_id, c.tracking_code, c.opd_id, o.short_name AS opd_name, u.full_name AS verified_by_name, d.checked_at AS verified_at
         FROM cases c JOIN case_documents d ON d.case_id = c.id JOIN opds o ON o.id = c.opd_id
         LEFT JOIN users u ON u.id = d.checked_by_id
        WHERE c.applicant_nik_bidx = $1 AND c.id <> $2 AND d.requirement_key = ANY($3::text[])
          AND d.status = 'valid' AND d.superseded_at IS NULL AND ($4::uuid IS NULL OR d.id = $4::uuid)
        ORDER BY d.checked_at DESC LIMIT 50`,
      [nikBidx, exceptCaseId, keys, documentId ?? null],
    );
  }

  /**
   * The applicant's KTP/KK verified on the application with `trackingCode` (current file, same
   * NIK): what a citizen names on the portal to reuse it. Undefined when the code is unknown, is
   * another person's, or has no such verified document (the caller answers the same for all).
   */
  async verifiedIdentityDocumentOf(nik: string, trackingCode: string, key: string): Promise<VerifiedDocumentRow | undefined> {
    const [row] = await rows<VerifiedDocumentRow>(
      this.db,
      `SELECT d.id AS document_id, d.requirement_key, d.file_name, d.storage_key, d.content_type, d.size, d.sha256,
              c.id AS case_id, c.tracking_code, c.opd_id, o.short_name AS opd_name, u.full_name AS verified_by_name, d.checked_at AS verified_at
         FROM cases c JOIN case_documents d ON d.case_id = c.id JOIN opds o ON o.id = c.opd_id
         LEFT JOIN users u ON u.id = d.checked_by_id
        WHERE c.tracking_code = $1 AND c.applicant_nik_bidx = $2 AND d.requirement_key = $3
          AND d.status = 'valid' AND d.superseded_at IS NULL
        ORDER BY d.checked_at DESC LIMIT 1`,
      [trackingCode, this.pii.nikIndex(nik), key],
    );
    return row;
  }

  /** The registry entry of a NIK (the case insert's trigger makes it). */
  async applicantIdByNik(m: EntityManager, nik: string): Promise<string | undefined> {
    const [row] = await rows<{ id: string }>(m, `SELECT id FROM applicants WHERE nik_bidx = $1`, [this.pii.nikIndex(nik)]);
    return row?.id;
  }

  /** Records that `documentId` on the case is a reuse of `sourceDocumentId`, with the consent (an officer's record, or the applicant's own on the portal). */
  async recordDocumentReuse(
    m: EntityManager,
    r: { applicantId: string; caseId: string; documentId: string; sourceDocumentId: string; consentAt: Date; recordedById: string | null },
  ): Promise<void> {
    await m.query(
      `INSERT INTO applicant_document_reuses (applicant_id, case_id, document_id, source_document_id, consent_at, recorded_by_id, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [r.applicantId, r.caseId, r.documentId, r.sourceDocumentId, r.consentAt, r.recordedById, r.recordedById ? 'staff' : 'portal'],
    );
  }

  /** The case's reused documents with their source's verification (where, by whom) and the consent. */
  async reusedDocuments(caseId: string): Promise<ReusedDocumentRow[]> {
    return rows<ReusedDocumentRow>(
      this.db,
      `SELECT r.document_id AS reused_as_document_id, r.consent_at, ru.full_name AS recorded_by_name, r.source,
              d.id AS document_id, d.requirement_key, d.file_name, c.id AS case_id, c.tracking_code, c.opd_id, o.short_name AS opd_name,
              u.full_name AS verified_by_name, d.checked_at AS verified_at
         FROM applicant_document_reuses r JOIN case_documents d ON d.id = r.source_document_id
         JOIN cases c ON c.id = d.case_id JOIN opds o ON o.id = c.opd_id
         LEFT JOIN users ru ON ru.id = r.recorded_by_id LEFT JOIN users u ON u.id = d.checked_by_id
        WHERE r.case_id = $1 ORDER BY r.created_at`,
      [caseId],
    );
  }

  /** The last answer of Dukcapil's NIK check for an applicant. */
  async savePopulationCheck(applicantId: string, result: 'match' | 'no_match', byId: string): Promise<void> {
    await this.db.query(
      `UPDATE applicants SET population_check = $2, population_checked_at = now(), population_checked_by_id = $3 WHERE id = $1`,
      [applicantId, result, byId],
    );
  }

  /** Personal-data reads of several cases at once (the applicant registry's cross-OPD reads). */
  async logPersonalDataAccessMany(userId: string, caseIds: readonly string[], action: PersonalDataAction): Promise<void> {
    if (!caseIds.length) return;
    await this.db.query(`INSERT INTO personal_data_access_log (user_id, case_id, action) SELECT $1, unnest($2::uuid[]), $3`, [
      userId,
      caseIds,
      action,
    ]);
  }

  // ---- access log -----------------------------------------------------------------------

  /** A staff read of personal data (UU 27/2022). */
  async logPersonalDataAccess(userId: string, caseId: string, action: PersonalDataAction): Promise<void> {
    await preparedQuery(this.db, ACCESS_LOG_INSERT, [userId, caseId, action]);
  }

  /** Decrypts, in place, the NIK and phone a statement read as ciphertext under their plain names. */
  private reveal<T extends Partial<Pick<CaseRow, 'applicant_nik' | 'applicant_phone'>>>(row: T | undefined): T | undefined {
    if (!row) return row;
    if (typeof row.applicant_nik === 'string') row.applicant_nik = this.pii.decrypt('nik', row.applicant_nik);
    if (typeof row.applicant_phone === 'string') row.applicant_phone = this.pii.decrypt('phone', row.applicant_phone);
    return row;
  }

  /** The one row of an `asJsonRow` statement, run prepared, with its dates revived. */
  private async jsonRow<T>(m: Db, text: string, values: unknown[], dates: readonly string[]): Promise<T | undefined> {
    const [found] = await preparedQuery<{ row: Record<string, unknown> }>(m, text, values);
    return fromJsonRow<T>(found, dates);
  }
}
