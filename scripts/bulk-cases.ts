// Bulk data for load tests: extra OPDs with services and staff, and N generated cases with
// consistent workflow state and a valid hash-chained event log. Shared by `npm run seed:bulk`
// (scripts/seed-bulk.ts) and `npm run bench` (bench/run.ts).
//
// Speed: rows are generated in Node (ids, hash chain via the API's own hashEntry) and sent as
// multi-row `INSERT ... SELECT FROM unnest($1::uuid[], ...)` in batches of 5,000 cases, two
// batches in flight. For big loads the secondary indexes of cases/case_events are dropped
// first and rebuilt afterwards (definitions read from pg_indexes, restored even on failure),
// and foreign-key triggers are skipped (session_replication_role = replica) when the role is
// allowed to: every generated reference points at a row that exists.
import type { ActorRole, Role } from '@layanan/contracts';
import { decide, isFinalState, nextRoles, type CaseFacts, type WorkflowDefinition } from '@layanan/workflow';
import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { hashEntry, type LogEntry } from '../api/src/cases/hash-chain';
import { trackingPrefix } from '../api/src/cases/tracking-code';
import { PiiCipher } from '../api/src/privacy/pii-cipher';

/** Extra Kota Malang OPDs so that a bulk database has ~20 OPDs. */
const EXTRA_OPDS: { code: string; name: string; shortName: string; kind: string }[] = [
  { code: 'dishub', name: 'Dinas Perhubungan', shortName: 'Dishub', kind: 'dinas' },
  {
    code: 'dinsos',
    name: 'Dinas Sosial, Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana',
    shortName: 'Dinsos-P3AP2KB',
    kind: 'dinas',
  },
  { code: 'disdikbud', name: 'Dinas Pendidikan dan Kebudayaan', shortName: 'Disdikbud', kind: 'dinas' },
  { code: 'dlh', name: 'Dinas Lingkungan Hidup', shortName: 'DLH', kind: 'dinas' },
  { code: 'dpupr', name: 'Dinas Pekerjaan Umum, Penataan Ruang, Perumahan dan Kawasan Permukiman', shortName: 'DPUPRPKP', kind: 'dinas' },
  { code: 'diskopindag', name: 'Dinas Koperasi, Perindustrian dan Perdagangan', shortName: 'Diskopindag', kind: 'dinas' },
  { code: 'disporapar', name: 'Dinas Kepemudaan, Olahraga dan Pariwisata', shortName: 'Disporapar', kind: 'dinas' },
  { code: 'satpolpp', name: 'Satuan Polisi Pamong Praja', shortName: 'Satpol PP', kind: 'badan' },
  { code: 'bkpsdm', name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', shortName: 'BKPSDM', kind: 'badan' },
  { code: 'dispangtan', name: 'Dinas Ketahanan Pangan dan Pertanian', shortName: 'Dispangtan', kind: 'dinas' },
];
const BULK_ROLES: Role[] = ['verifier', 'officer', 'supervisor'];
const FIRST = [
  'Sari',
  'Budi',
  'Siti',
  'Agus',
  'Dewi',
  'Eko',
  'Rina',
  'Hadi',
  'Nur',
  'Yuni',
  'Ahmad',
  'Lestari',
  'Joko',
  'Wulan',
  'Rizky',
  'Fitri',
  'Bayu',
  'Indah',
  'Dimas',
  'Putri',
  'Slamet',
  'Wahyu',
  'Ratna',
  'Teguh',
];
const LAST = [
  'Wulandari',
  'Santoso',
  'Rahayu',
  'Prasetyo',
  'Hidayat',
  'Kusuma',
  'Saputra',
  'Lestari',
  'Nugroho',
  'Permata',
  'Setiawan',
  'Handayani',
  'Purnomo',
  'Susanto',
];
const KECAMATAN = [
  ['05', 'Lowokwaru', 'Tunggulwulung'],
  ['01', 'Blimbing', 'Purwantoro'],
  ['02', 'Klojen', 'Kauman'],
  ['03', 'Kedungkandang', 'Sawojajar'],
  ['04', 'Sukun', 'Bandungrejosari'],
];
const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Where a generated case ends up: events after SUBMIT; `claim` = claimed by a next-role user at the end. */
const SCENARIOS: { weight: number; path: string[]; claim?: boolean }[] = [
  { weight: 30, path: [] },
  { weight: 10, path: [], claim: true },
  { weight: 6, path: ['CLAIM', 'RETURN'] },
  { weight: 4, path: ['CLAIM', 'RETURN', 'RESUBMIT'] },
  { weight: 8, path: ['CLAIM', 'VERIFY'] },
  { weight: 3, path: ['CLAIM', 'VERIFY'], claim: true },
  { weight: 6, path: ['CLAIM', 'VERIFY', 'APPROVE'] },
  { weight: 10, path: ['CLAIM', 'VERIFY', 'APPROVE', 'ISSUE'] },
  { weight: 15, path: ['CLAIM', 'VERIFY', 'APPROVE', 'ISSUE', 'COLLECT'] },
  { weight: 5, path: ['CLAIM', 'REJECT'] },
  { weight: 3, path: ['WITHDRAW'] },
];
const ROLE_OF_EVENT: Record<string, ActorRole> = {
  VERIFY: 'verifier',
  RETURN: 'verifier',
  REJECT: 'verifier',
  APPROVE: 'supervisor',
  ISSUE: 'officer',
  COLLECT: 'officer',
  RESUBMIT: 'applicant',
  WITHDRAW: 'applicant',
};
const REASONS: Record<string, string> = {
  RETURN: 'Foto KK buram, mohon unggah ulang',
  REJECT: 'Persyaratan tidak memenuhi ketentuan',
  WITHDRAW: 'Tidak jadi mengajukan',
};

interface Step {
  type: string;
  from: string;
  to: string;
  role: ActorRole;
  public: boolean;
  clockTo: string;
}
interface Template {
  weight: number;
  steps: Step[];
  final: string;
  claimRole: Role | null;
}
interface BulkService {
  id: string;
  version: number;
  opdId: string;
  opdCode: string;
  slaDays: number;
  def: WorkflowDefinition;
  templates: Template[];
}
interface StaffUser {
  id: string;
  name: string;
}
interface OpdInfo {
  id: string;
  code: string;
  services: BulkService[];
  staff: Map<Role, StaffUser[]>;
}

export interface BulkReference {
  opds: OpdInfo[];
}

export interface LoadOptions {
  /** Called after each batch with the number of cases written so far. */
  onProgress?: (done: number) => void;
  /** Drop/rebuild secondary indexes around the load; default: when loading >= 100,000 cases. */
  rebuildIndexes?: boolean;
  log?: (msg: string) => void;
}

export interface LoadResult {
  cases: number;
  events: number;
  seconds: number;
  indexSeconds: number;
}

const rnd = (n: number) => Math.floor(Math.random() * n);
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];

/**
 * Ensures ~20 OPDs, at least two services on every OPD without any, and a verifier, an
 * officer and a supervisor per OPD (`bulk.<role>.<opd code>`, password `passwordHash`).
 * Idempotent. Expects the demo reference data (seedDemo with cases: 0) to be loaded.
 */
export async function ensureBulkReference(pool: Pool, passwordHash: string): Promise<BulkReference> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock(7317)');
    for (const o of EXTRA_OPDS) {
      await c.query(
        `INSERT INTO opds (code, name, short_name, kind, address) VALUES ($1, $2, $3, $4, 'Kota Malang') ON CONFLICT (code) DO NOTHING`,
        [o.code, o.name, o.shortName, o.kind],
      );
    }
    const opds = (
      await c.query<{ id: string; code: string; short_name: string; n: number }>(
        `SELECT o.id, o.code, o.short_name, (SELECT count(*)::int FROM services s WHERE s.opd_id = o.id) AS n FROM opds o WHERE o.active ORDER BY o.code`,
      )
    ).rows;
    for (const o of opds) {
      if (o.n === 0) {
        for (const [i, sla] of [
          [1, 3],
          [2, 7],
        ] as const) {
          const code = `bulk-${o.code}-${i}`;
          const { rows } = await c.query<{ id: string }>(
            `INSERT INTO services (code, opd_id) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING RETURNING id`,
            [code, o.id],
          );
          if (!rows[0]) continue;
          await c.query(
            `INSERT INTO service_versions (service_id, version, name, description, requirements, procedure, sla_amount, sla_unit, product, workflow_key, workflow_version)
             VALUES ($1, 1, $2, 'Layanan contoh untuk uji beban.', '[]', 'Loket, verifikasi, persetujuan, penerbitan.', $3, 'days', 'Surat keterangan', 'standard', 1)`,
            [rows[0].id, `Surat Keterangan ${o.short_name} ${i}`, sla],
          );
        }
      }
      for (const role of BULK_ROLES) {
        await c.query(
          `INSERT INTO users (username, full_name, password_hash, roles, opd_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING`,
          [`bulk.${role}.${o.code}`, `${pick(FIRST)} ${pick(LAST)} (${role} ${o.short_name})`, passwordHash, [role], o.id],
        );
      }
    }
    await c.query('COMMIT');
    return await readReference(c);
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

async function readReference(c: PoolClient): Promise<BulkReference> {
  const services = (
    await c.query<{
      id: string;
      version: number;
      opd_id: string;
      opd_code: string;
      sla_amount: number;
      sla_unit: 'days' | 'hours';
      definition: WorkflowDefinition;
    }>(`
    SELECT s.id, v.version, s.opd_id, o.code AS opd_code, v.sla_amount, v.sla_unit, w.definition
      FROM services s JOIN opds o ON o.id = s.opd_id
      JOIN service_versions v ON v.service_id = s.id AND v.version = s.current_version
      JOIN workflow_definitions w ON w.key = v.workflow_key AND w.version = v.workflow_version
     WHERE s.active AND o.active ORDER BY s.code`)
  ).rows;
  const staff = (
    await c.query<{ id: string; full_name: string; roles: Role[]; opd_id: string }>(
      `SELECT id, full_name, roles, opd_id FROM users WHERE opd_id IS NOT NULL AND active ORDER BY username`,
    )
  ).rows;
  const templatesByWf = new Map<string, Template[]>();
  const byOpd = new Map<string, OpdInfo>();
  for (const s of services) {
    const wfKey = `${s.definition.key}@${s.definition.version}`;
    if (!templatesByWf.has(wfKey)) templatesByWf.set(wfKey, buildTemplates(s.definition));
    const info = byOpd.get(s.opd_id) ?? { id: s.opd_id, code: s.opd_code, services: [], staff: new Map<Role, StaffUser[]>() };
    info.services.push({
      id: s.id,
      version: s.version,
      opdId: s.opd_id,
      opdCode: s.opd_code,
      slaDays: s.sla_unit === 'hours' ? Math.max(1, Math.ceil(s.sla_amount / 8)) : s.sla_amount,
      def: s.definition,
      templates: templatesByWf.get(wfKey) as Template[],
    });
    byOpd.set(s.opd_id, info);
  }
  for (const u of staff) {
    const info = byOpd.get(u.opd_id);
    if (!info) continue;
    for (const r of u.roles) info.staff.set(r, [...(info.staff.get(r) ?? []), { id: u.id, name: u.full_name }]);
  }
  const opds = [...byOpd.values()].filter((o) => BULK_ROLES.every((r) => (o.staff.get(r) ?? []).length > 0));
  if (!opds.length) throw new Error('bulk: no OPD has services and staff; run ensureBulkReference first');
  return { opds };
}

/** Each scenario run once through the real workflow decisions, per workflow definition. */
function buildTemplates(def: WorkflowDefinition): Template[] {
  return SCENARIOS.map((sc) => {
    let state = def.initial;
    const steps: Step[] = [];
    let verifiedBy: string | null = null;
    let approvedBy: string | null = null;
    for (const type of sc.path) {
      if (type === 'CLAIM') {
        steps.push({ type, from: state, to: state, role: 'verifier', public: false, clockTo: def.states[state].clock });
        continue;
      }
      const role = ROLE_OF_EVENT[type];
      const facts: CaseFacts = { verifiedById: verifiedBy, approvedById: approvedBy, assigneeId: null, documents: [] };
      const d = decide(def, state, facts, { type, actor: { id: `actor-${role}`, roles: [role], opdId: 'opd' }, reason: REASONS[type] });
      if (!d.ok && d.code === 'NOT_ACCEPTED') break;
      if (!d.ok) throw new Error(`bulk: ${type} refused in ${state} of ${def.key}: ${d.code}`);
      if (type === 'VERIFY') verifiedBy = `actor-${role}`;
      if (type === 'APPROVE') approvedBy = `actor-${role}`;
      steps.push({ type, from: d.from, to: d.to, role, public: d.public, clockTo: d.clock.to });
      state = d.to;
    }
    let claimRole: Role | null = null;
    if (sc.claim && !isFinalState(def, state)) {
      claimRole =
        (nextRoles(def, state).find((r) => r === 'verifier' || r === 'supervisor' || r === 'officer') as Role | undefined) ?? null;
    }
    return { weight: sc.weight, steps, final: state, claimRole };
  });
}

function nik(): string {
  const [kec] = pick(KECAMATAN);
  const day = 1 + rnd(28) + (rnd(2) ? 40 : 0);
  return `3573${kec}${String(day).padStart(2, '0')}${String(1 + rnd(12)).padStart(2, '0')}${String(60 + rnd(40)).padStart(2, '0')}${String(1 + rnd(9998)).padStart(4, '0')}`;
}

function trackingCode(prefix: string, n: number): string {
  let s = '';
  for (let i = 0; i < 8; i++) {
    s = TRACKING_ALPHABET[n % 30] + s;
    n = Math.floor(n / 30);
  }
  return `${prefix}-${s.slice(0, 4)}-${s.slice(4)}`;
}

class Columns {
  readonly cols: Record<string, unknown[]>;
  constructor(names: string[]) {
    this.cols = Object.fromEntries(names.map((n) => [n, []]));
  }
  push(row: Record<string, unknown>): void {
    for (const k of Object.keys(this.cols)) this.cols[k].push(row[k] ?? null);
  }
}

let cipher: PiiCipher | undefined;
/** The keyring of the environment, read at the first generated case. */
const pii = () => (cipher ??= PiiCipher.fromEnv());

const CASE_COLUMNS: [string, string][] = [
  ['id', 'uuid'],
  ['tracking_code', 'text'],
  ['service_id', 'uuid'],
  ['service_version', 'int'],
  ['workflow_key', 'text'],
  ['workflow_version', 'int'],
  ['opd_id', 'uuid'],
  ['state', 'text'],
  ['next_roles', 'text'],
  ['is_open', 'boolean'],
  ['assignee_id', 'uuid'],
  ['verified_by_id', 'uuid'],
  ['approved_by_id', 'uuid'],
  ['applicant_nik_enc', 'text'],
  ['applicant_nik_bidx', 'text'],
  ['applicant_name', 'text'],
  ['applicant_phone_enc', 'text'],
  ['applicant_address', 'text'],
  ['channel', 'text'],
  ['submitted_at', 'timestamptz'],
  ['due_at', 'timestamptz'],
  ['paused_at', 'timestamptz'],
  ['completed_at', 'timestamptz'],
  ['created_by_id', 'uuid'],
  ['version', 'int'],
  ['last_event_hash', 'text'],
  ['updated_at', 'timestamptz'],
];
const EVENT_COLUMNS: [string, string][] = [
  ['case_id', 'uuid'],
  ['seq', 'int'],
  ['type', 'text'],
  ['from_state', 'text'],
  ['to_state', 'text'],
  ['actor_id', 'uuid'],
  ['actor_name', 'text'],
  ['actor_role', 'text'],
  ['comment', 'text'],
  ['reason', 'text'],
  ['public', 'boolean'],
  ['payload', 'text'],
  ['created_at', 'timestamptz'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
];
const unnestArgs = (cols: [string, string][]) => cols.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
const CASE_INSERT = `
  INSERT INTO cases (id, tracking_code, service_id, service_version, workflow_key, workflow_version, opd_id, handled_opd_ids, state, next_roles, is_open,
     assignee_id, verified_by_id, approved_by_id, applicant_nik_enc, applicant_nik_bidx, applicant_name, applicant_phone_enc, applicant_address, form_data, channel, submitted_at, due_at,
     paused_at, completed_at, created_by_id, version, event_count, last_event_hash, created_at, updated_at)
  SELECT id, tracking_code, service_id, service_version, workflow_key, workflow_version, opd_id, ARRAY[opd_id], state, next_roles::text[], is_open,
     assignee_id, verified_by_id, approved_by_id, applicant_nik_enc, applicant_nik_bidx, applicant_name, applicant_phone_enc, applicant_address::jsonb, '{}'::jsonb, channel, submitted_at, due_at,
     paused_at, completed_at, created_by_id, version, version, last_event_hash, submitted_at, updated_at
    FROM unnest(${unnestArgs(CASE_COLUMNS)}) AS t(${CASE_COLUMNS.map(([n]) => n).join(', ')})`;
const EVENT_INSERT = `
  INSERT INTO case_events (case_id, seq, type, from_state, to_state, actor_id, actor_name, actor_role, comment, reason, public, payload, created_at, prev_hash, hash)
  SELECT case_id, seq, type, from_state, to_state, actor_id, actor_name, actor_role, comment, reason, public, payload::jsonb, created_at, prev_hash, hash
    FROM unnest(${unnestArgs(EVENT_COLUMNS)}) AS t(${EVENT_COLUMNS.map(([n]) => n).join(', ')})`;

/** Generates one batch of cases and their events (pure, no I/O). */
function generateBatch(
  ref: BulkReference,
  opdWeights: number[],
  count: number,
  codeBase: number,
  now: number,
): { cases: Columns; events: Columns; eventCount: number } {
  const cases = new Columns(CASE_COLUMNS.map(([n]) => n));
  const events = new Columns(EVENT_COLUMNS.map(([n]) => n));
  const totalOpdWeight = opdWeights.reduce((a, b) => a + b, 0);
  let eventCount = 0;
  for (let i = 0; i < count; i++) {
    let r = Math.random() * totalOpdWeight;
    let oi = 0;
    while (oi < opdWeights.length - 1 && (r -= opdWeights[oi]) >= 0) oi++;
    const opd = ref.opds[oi];
    const svc = pick(opd.services);
    const total = svc.templates.reduce((a, t) => a + t.weight, 0);
    let roll = rnd(total);
    const tpl = svc.templates.find((t) => (roll -= t.weight) < 0) ?? svc.templates[0];
    const open = !isFinalState(svc.def, tpl.final);
    const staffOf = (role: ActorRole): StaffUser => pick(opd.staff.get(role as Role) ?? opd.staff.get('officer') ?? []);
    const id = randomUUID();
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    const channel = rnd(3) === 0 ? 'counter' : 'online';
    const officer = channel === 'counter' ? staffOf('officer') : null;
    // Open cases: due from a week ago to three weeks ahead (some overdue); closed ones over the last year.
    let submitted: number;
    let dueAt: number;
    if (open) {
      dueAt = now - 7 * DAY + rnd(28 * DAY);
      submitted = Math.min(now - HOUR, dueAt - svc.slaDays * 1.4 * DAY - rnd(2 * DAY));
    } else {
      submitted = now - 30 * DAY - rnd(335 * DAY);
      dueAt = submitted + svc.slaDays * 1.4 * DAY;
    }
    submitted -= submitted % 1000;
    let at = submitted;
    let prev: string | null = null;
    let seq = 0;
    const append = (e: Omit<LogEntry, 'caseId' | 'seq' | 'prevHash' | 'createdAt'>) => {
      seq++;
      const entry: LogEntry = { ...e, caseId: id, seq, prevHash: prev, createdAt: new Date(at) };
      const hash = hashEntry(entry);
      events.push({
        case_id: id,
        seq,
        type: e.type,
        from_state: e.fromState,
        to_state: e.toState,
        actor_id: e.actorId,
        actor_name: e.actorName,
        actor_role: e.actorRole,
        comment: e.comment,
        reason: e.reason,
        public: e.public,
        payload: JSON.stringify(e.payload),
        created_at: entry.createdAt.toISOString(),
        prev_hash: prev,
        hash,
      });
      prev = hash;
    };
    append({
      type: 'SUBMIT',
      fromState: null,
      toState: svc.def.initial,
      actorId: officer?.id ?? null,
      actorName: officer?.name ?? name,
      actorRole: officer ? 'officer' : 'applicant',
      comment: null,
      reason: null,
      public: true,
      payload: { channel, serviceVersion: svc.version },
    });
    let assignee: StaffUser | null = null;
    let assigneeRole: ActorRole | null = null;
    let verifiedBy: string | null = null;
    let approvedBy: string | null = null;
    let pausedAt: number | null = null;
    const nextAt = () => {
      at = Math.min(now - 60_000 - rnd(HOUR), at + (1 + rnd(20)) * HOUR);
      at -= at % 1000;
    };
    for (const s of tpl.steps) {
      nextAt();
      if (s.type === 'CLAIM') {
        assignee = staffOf('verifier');
        assigneeRole = 'verifier';
        append({
          type: 'CLAIM',
          fromState: s.from,
          toState: s.to,
          actorId: assignee.id,
          actorName: assignee.name,
          actorRole: 'verifier',
          comment: null,
          reason: null,
          public: false,
          payload: { assigneeId: assignee.id },
        });
        continue;
      }
      const actor = s.role === 'applicant' ? null : s.role === assigneeRole && assignee ? assignee : staffOf(s.role);
      if (s.type === 'VERIFY') verifiedBy = actor?.id ?? null;
      if (s.type === 'APPROVE') approvedBy = actor?.id ?? null;
      append({
        type: s.type,
        fromState: s.from,
        toState: s.to,
        actorId: actor?.id ?? null,
        actorName: actor?.name ?? name,
        actorRole: s.role,
        comment: null,
        reason: REASONS[s.type] ?? null,
        public: s.public,
        payload: {},
      });
      pausedAt = s.clockTo === 'paused' ? at : null;
      if (assigneeRole && !nextRoles(svc.def, s.to).includes(assigneeRole)) {
        assignee = null;
        assigneeRole = null;
      }
    }
    if (tpl.claimRole) {
      nextAt();
      assignee = staffOf(tpl.claimRole);
      assigneeRole = tpl.claimRole;
      append({
        type: 'CLAIM',
        fromState: tpl.final,
        toState: tpl.final,
        actorId: assignee.id,
        actorName: assignee.name,
        actorRole: tpl.claimRole,
        comment: null,
        reason: null,
        public: false,
        payload: { assigneeId: assignee.id },
      });
    }
    const stopped = svc.def.states[tpl.final].clock === 'stopped';
    const roles = nextRoles(svc.def, tpl.final);
    const applicantNik = nik();
    cases.push({
      id,
      tracking_code: trackingCode(trackingPrefix(opd.code), codeBase + i),
      service_id: svc.id,
      service_version: svc.version,
      workflow_key: svc.def.key,
      workflow_version: svc.def.version,
      opd_id: opd.id,
      state: tpl.final,
      next_roles: `{${roles.join(',')}}`,
      is_open: open,
      assignee_id: open ? (assignee?.id ?? null) : null,
      verified_by_id: verifiedBy,
      approved_by_id: approvedBy,
      // Encrypted with the configured keyring, as the API writes them (PII_KEYS, PII_INDEX_KEY).
      applicant_nik_enc: pii().encrypt('nik', applicantNik),
      applicant_nik_bidx: pii().nikIndex(applicantNik),
      applicant_name: name,
      applicant_phone_enc: pii().encrypt('phone', `+628${11 + rnd(89)}${1000000 + rnd(8999999)}`),
      applicant_address: JSON.stringify({ street: `Jl. Soekarno Hatta No. ${1 + rnd(200)}`, kecamatan: pick(KECAMATAN)[1] }),
      channel,
      submitted_at: new Date(submitted).toISOString(),
      due_at: new Date(dueAt).toISOString(),
      paused_at: open && pausedAt !== null ? new Date(pausedAt).toISOString() : null,
      completed_at: !open || stopped ? new Date(at).toISOString() : null,
      created_by_id: officer?.id ?? null,
      version: seq,
      last_event_hash: prev,
      updated_at: new Date(at).toISOString(),
    });
    eventCount += seq;
  }
  return { cases, events, eventCount };
}

const BULK_TABLES = ['cases', 'case_events'];

/** Secondary (non-constraint) indexes of the bulk tables, to drop and rebuild around a big load. */
async function secondaryIndexes(c: PoolClient): Promise<{ name: string; def: string }[]> {
  const { rows } = await c.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
    [BULK_TABLES],
  );
  return rows;
}

async function rebuild(pool: Pool, defs: { name: string; def: string }[]): Promise<void> {
  const queue = [...defs].sort((a, b) => (b.def.includes('gin') ? 1 : 0) - (a.def.includes('gin') ? 1 : 0));
  const worker = async () => {
    const c = await pool.connect();
    try {
      await c.query(`SET maintenance_work_mem = '512MB'`);
      for (let d = queue.shift(); d; d = queue.shift())
        await c.query(d.def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
    } finally {
      c.release();
    }
  };
  await Promise.all([worker(), worker()]);
}

/** Loads `count` generated cases (with events) into the database of `pool` (>= 2 connections). */
export async function loadBulkCases(pool: Pool, ref: BulkReference, count: number, opts: LoadOptions = {}): Promise<LoadResult> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const rebuildIndexes = opts.rebuildIndexes ?? count >= 100_000;
  // Dukcapil-like first OPD carries a third of the load, as population services do.
  const opdWeights = ref.opds.map((o) => (o.code === 'dukcapil' ? Math.max(1, ref.opds.length / 2) : 1));
  const batch = 5000;
  const codeBase = rnd(30 ** 8 - count - 1);
  const now = Date.now();
  let dropped: { name: string; def: string }[] = [];
  const admin = await pool.connect();
  let events = 0;
  let indexSeconds = 0;
  try {
    if (rebuildIndexes) {
      dropped = await secondaryIndexes(admin);
      log(`dropping ${dropped.length} secondary indexes for the load (rebuilt afterwards)`);
      for (const d of dropped) await admin.query(`DROP INDEX IF EXISTS "${d.name}"`);
    }
    let done = 0;
    let next = 0;
    const worker = async () => {
      const c = await pool.connect();
      try {
        await c.query(`SET synchronous_commit = off`);
        await c.query(`SET session_replication_role = replica`).catch(() => undefined);
        while (next < count) {
          const start = next;
          const n = Math.min(batch, count - start);
          next += n;
          const b = generateBatch(ref, opdWeights, n, codeBase + start, now);
          await c.query('BEGIN');
          await c.query(
            CASE_INSERT,
            CASE_COLUMNS.map(([name]) => b.cases.cols[name]),
          );
          await c.query(
            EVENT_INSERT,
            EVENT_COLUMNS.map(([name]) => b.events.cols[name]),
          );
          await c.query('COMMIT');
          done += n;
          events += b.eventCount;
          opts.onProgress?.(done);
        }
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        await c.query(`RESET session_replication_role`).catch(() => undefined);
        c.release();
      }
    };
    await Promise.all([worker(), worker()]);
  } finally {
    if (dropped.length) {
      const t = Date.now();
      log(`rebuilding ${dropped.length} indexes ...`);
      await rebuild(pool, dropped);
      indexSeconds = (Date.now() - t) / 1000;
    }
    admin.release();
  }
  const c = await pool.connect();
  try {
    await c.query('VACUUM (ANALYZE) cases');
    await c.query('VACUUM (ANALYZE) case_events');
  } finally {
    c.release();
  }
  return { cases: count, events, seconds: (Date.now() - started) / 1000, indexSeconds };
}
