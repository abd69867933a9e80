import type { ActorRole } from '@layanan/contracts';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { detailOf } from './case-queries';

/** The hashed content of one log entry; any change to a stored field breaks the chain. */
export interface LogEntry {
  caseId: string;
  seq: number;
  type: string;
  fromState: string | null;
  toState: string | null;
  actorId: string | null;
  actorName: string | null;
  actorRole: ActorRole;
  comment: string | null;
  reason: string | null;
  public: boolean;
  payload: Record<string, unknown>;
  createdAt: Date;
  prevHash: string | null;
}

/** Canonical JSON (sorted keys) so the hash does not depend on jsonb key order. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .filter((k) => o[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

export function hashEntry(e: LogEntry): string {
  return createHash('sha256')
    .update(canonical({ ...e, createdAt: e.createdAt.toISOString() }))
    .digest('hex');
}

export const EVENT_COLUMNS =
  'case_id, seq, type, from_state, to_state, actor_id, actor_name, actor_role, comment, reason, public, payload, created_at, prev_hash, hash';
/** Their types, for parameters in INSERT ... SELECT (where PostgreSQL cannot infer them). */
export const EVENT_COLUMN_TYPES = [
  'uuid',
  'int',
  'text',
  'text',
  'text',
  'uuid',
  'text',
  'text',
  'text',
  'text',
  'boolean',
  'jsonb',
  'timestamptz',
  'text',
  'text',
] as const;

/**
 * The next link of a case's chain: the row values for EVENT_COLUMNS, in that order ($1 case
 * id, $2 seq, $13 created_at, $15 hash). The caller holds the case row lock, passes the current
 * head (`case.last_event_hash`, `case.event_count`) and stores the new head back on the case
 * row in the same transaction.
 */
export function chainNext(
  entry: Omit<LogEntry, 'prevHash' | 'seq'>,
  head: { lastHash: string | null; count: number },
): { hash: string; seq: number; values: unknown[] } {
  const full: LogEntry = { ...entry, seq: head.count + 1, prevHash: head.lastHash };
  const hash = hashEntry(full);
  const values = [
    full.caseId,
    full.seq,
    full.type,
    full.fromState,
    full.toState,
    full.actorId,
    full.actorName,
    full.actorRole,
    full.comment,
    full.reason,
    full.public,
    JSON.stringify(full.payload),
    full.createdAt,
    full.prevHash,
    hash,
  ];
  return { hash, seq: full.seq, values };
}

/** Appends an entry on its own (the demo seed); the API writes event, case and outbox in one statement. */
export async function appendEvent(
  m: EntityManager,
  entry: Omit<LogEntry, 'prevHash' | 'seq'>,
  head: { lastHash: string | null; count: number },
): Promise<{ hash: string; seq: number }> {
  const next = chainNext(entry, head);
  await m.query(`INSERT INTO case_events (${EVENT_COLUMNS}) VALUES (${next.values.map((_, i) => `$${i + 1}`).join(',')})`, next.values);
  return { hash: next.hash, seq: next.seq };
}

/** Positional parameters for hand-built SQL: `add(v)` stores v and returns its placeholder. */
export function sqlArgs(): { values: unknown[]; add: (v: unknown) => string } {
  const values: unknown[] = [];
  return { values, add: (v) => `$${values.push(v)}` };
}

/**
 * The one statement that records an event: case row (new chain head, version + 1, updated_at
 * and the columns in `set`, internal names only), log entry and outbox notice, applied only if
 * the case is still at `version`. Returns the case's new detail row (DETAIL_BY_ID's columns),
 * or no row if the case changed meanwhile.
 */
export function eventWriteSql(
  version: number,
  event: unknown[],
  notice: { topic: string; payload: Record<string, unknown> },
  set: Record<string, unknown> = {},
): { text: string; values: unknown[] } {
  const columns = Object.keys(set);
  return {
    text: eventWriteText(columns),
    values: [...event, version, ...columns.map((col) => set[col]), notice.topic, JSON.stringify(notice.payload)],
  };
}

const writeTexts = new Map<string, string>();

/**
 * The statement text for a given set of updated columns, built once: the same string object on
 * every call, so naming and preparing it costs nothing per request. Parameters: $1..$15 the
 * event (EVENT_COLUMNS), $16 the expected version, then one per column, then topic and payload.
 */
function eventWriteText(columns: string[]): string {
  const key = columns.join(',');
  const known = writeTexts.get(key);
  if (known) return known;
  if (columns.some((col) => !/^[a-z_]+$/.test(col))) throw new Error(`invalid column in case update: ${columns.join(', ')}`);
  const e = EVENT_COLUMN_TYPES.map((type, i) => `$${i + 1}::${type}`);
  const n = e.length;
  const text = `WITH updated AS (
       UPDATE cases SET last_event_hash = ${e[14]}, event_count = ${e[1]}, version = version + 1, updated_at = ${e[12]}${columns.map((col, i) => `, ${col} = $${n + 2 + i}`).join('')}
        WHERE id = ${e[0]} AND version = $${n + 1}::int RETURNING *),
     event AS (INSERT INTO case_events (${EVENT_COLUMNS}) SELECT ${e.join(', ')} FROM updated),
     notice AS (INSERT INTO outbox (topic, aggregate_id, payload) SELECT $${n + 2 + columns.length}::text, id, $${n + 3 + columns.length}::jsonb FROM updated)
     ${detailOf('updated')}`;
  writeTexts.set(key, text);
  return text;
}

export interface StoredEventRow {
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

/** Recomputes the chain; reports the first sequence number where it breaks. */
export function verifyChain(caseId: string, rows: StoredEventRow[]): { valid: boolean; events: number; brokenAt?: number } {
  let prev: string | null = null;
  for (const [i, r] of rows.entries()) {
    const expected = hashEntry({
      caseId,
      seq: r.seq,
      type: r.type,
      fromState: r.from_state,
      toState: r.to_state,
      actorId: r.actor_id,
      actorName: r.actor_name,
      actorRole: r.actor_role,
      comment: r.comment,
      reason: r.reason,
      public: r.public,
      payload: r.payload,
      createdAt: r.created_at,
      prevHash: prev,
    });
    if (r.seq !== i + 1 || r.prev_hash !== prev || r.hash !== expected) return { valid: false, events: rows.length, brokenAt: r.seq };
    prev = r.hash;
  }
  return { valid: true, events: rows.length };
}
