import type { ActorRole } from '@layanan/contracts';
import { createHash } from 'node:crypto';

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

/** The next link of a case's chain: its hash, sequence number and row values for EVENT_COLUMNS, in that order. */
export interface ChainLink {
  hash: string;
  seq: number;
  values: unknown[];
}

/**
 * The link after `head` (the case row's `last_event_hash` and `event_count`): $1 case id, $2 seq,
 * $13 created_at, $15 hash. The new head is stored back on the case row by the same statement
 * that inserts the link, which applies only if the case's version is unchanged (optimistic: two
 * writers that read the same head cannot both append).
 */
export function chainNext(entry: Omit<LogEntry, 'prevHash' | 'seq'>, head: { lastHash: string | null; count: number }): ChainLink {
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

/** The stored columns of a log entry that its hash covers. */
export interface StoredEntry {
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
export function verifyChain(caseId: string, rows: StoredEntry[]): { valid: boolean; events: number; brokenAt?: number } {
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
