import { documentsRequiredAtIntake, type ActorRole, type Requirement, type Role } from '@layanan/contracts';
import { computeDueAt, resumeDueAt, type WorkingCalendar } from '@layanan/sla';
import { decide, isFinalState, nextRoles, type CaseFacts, type WorkflowDefinition } from '@layanan/workflow';
import { randomInt, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CaseRepository, type CaseUpdate, type ChainHead } from '../cases/case.repository';
import { chainNext, type LogEntry } from '../cases/hash-chain';
import { newTrackingCode } from '../cases/tracking-code';
import { PiiCipher } from '../privacy/pii-cipher';

interface ServiceRow {
  id: string;
  version: number;
  opd_id: string;
  opd_code: string;
  sla_amount: number;
  sla_unit: 'days' | 'hours';
  workflow_key: string;
  workflow_version: number;
  definition: WorkflowDefinition;
  requirements: Requirement[];
  form_fields: { key: string; type: string; options?: string[] }[];
}
interface StaffRow {
  id: string;
  full_name: string;
  roles: Role[];
  opd_id: string;
}

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
];
const KECAMATAN = [
  ['05', 'Lowokwaru', 'Tunggulwulung'],
  ['01', 'Blimbing', 'Purwantoro'],
  ['02', 'Klojen', 'Kauman'],
  ['03', 'Kedungkandang', 'Sawojajar'],
  ['04', 'Sukun', 'Bandungrejosari'],
];

/** Where each demo case ends up: a path of events from `submitted`, with who sends each. */
const SCENARIOS: { weight: number; path: string[]; claimAtEnd?: boolean }[] = [
  { weight: 24, path: [] },
  { weight: 10, path: [], claimAtEnd: true },
  { weight: 8, path: ['CLAIM', 'RETURN'] },
  { weight: 5, path: ['CLAIM', 'RETURN', 'RESUBMIT'] },
  { weight: 12, path: ['CLAIM', 'VERIFY'] },
  { weight: 8, path: ['CLAIM', 'VERIFY', 'APPROVE'] },
  { weight: 12, path: ['CLAIM', 'VERIFY', 'APPROVE', 'ISSUE'] },
  { weight: 12, path: ['CLAIM', 'VERIFY', 'APPROVE', 'ISSUE', 'COLLECT'] },
  { weight: 5, path: ['CLAIM', 'REJECT'] },
  { weight: 4, path: ['WITHDRAW'] },
];

const pick = <T>(xs: readonly T[]): T => xs[randomInt(xs.length)];

function demoFormData(fields: ServiceRow['form_fields'], applicant: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.type === 'select') out[f.key] = pick(f.options ?? ['-']);
    else if (f.type === 'number') out[f.key] = randomInt(1, 10);
    else if (f.type === 'date') out[f.key] = new Date(Date.now() + randomInt(-300, 60) * 86400_000).toISOString().slice(0, 10);
    else
      out[f.key] = f.key.toLowerCase().includes('nama')
        ? `${applicant.split(' ')[0]} ${pick(LAST)}`
        : pick(['Bank Syariah Indonesia', 'MI Al-Ikhlas Malang', 'Pondok Pesantren Al-Hikmah', 'UD Sumber Rejeki', 'Kantor KUA Lowokwaru']);
  }
  return out;
}

function demoNik(kec: string): string {
  const female = randomInt(2) === 1;
  const day = 1 + randomInt(28) + (female ? 40 : 0);
  const month = 1 + randomInt(12);
  const year = 60 + randomInt(40);
  return `3573${kec}${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year % 100).padStart(2, '0')}${String(1 + randomInt(9998)).padStart(4, '0')}`;
}

/**
 * A few hundred cases across the seeded services, in every state and assignment situation,
 * with event histories produced by the real workflow decisions and a valid hash chain.
 * Documents of cases past verification are recorded as checked; open cases waiting for
 * verification get their documents from `attachDocuments` (local files).
 */
export async function seedDemoCases(
  m: EntityManager,
  opts: {
    count: number;
    calendar: WorkingCalendar;
    attachDocuments?: (caseId: string, requirementKeys: string[], status: 'pending' | 'valid') => Promise<void>;
  },
): Promise<void> {
  if (opts.count <= 0) return;
  const repo = new CaseRepository(m.connection, PiiCipher.fromEnv());
  const services = await m.query<ServiceRow[]>(`
    SELECT s.id, v.version, s.opd_id, o.code AS opd_code, v.sla_amount, v.sla_unit, v.workflow_key, v.workflow_version, w.definition, v.requirements, v.form_fields
      FROM services s JOIN opds o ON o.id = s.opd_id
      JOIN service_versions v ON v.service_id = s.id AND v.version = s.current_version
      JOIN workflow_definitions w ON w.key = v.workflow_key AND w.version = v.workflow_version`);
  const staff = await m.query<StaffRow[]>(`SELECT id, full_name, roles, opd_id FROM users WHERE opd_id IS NOT NULL AND active`);
  const totalWeight = SCENARIOS.reduce((a, s) => a + s.weight, 0);
  const now = Date.now();
  for (let i = 0; i < opts.count; i++) {
    const svc = services[i % services.length];
    const def = svc.definition;
    let roll = randomInt(totalWeight);
    const scenario = SCENARIOS.find((s) => (roll -= s.weight) < 0) ?? SCENARIOS[0];
    const staffOf = (role: Role) => staff.filter((u) => u.opd_id === svc.opd_id && u.roles.includes(role));
    const [kec, kecName, kel] = pick(KECAMATAN);
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    // Most files arrived in the last two weeks; closed ones reach back six weeks.
    const ageHours = scenario.path.length >= 3 ? randomInt(24, 42 * 24) : randomInt(1, 14 * 24);
    let at = new Date(now - ageHours * 3600_000);
    const submittedAt = at;
    let dueAt = computeDueAt(at, { amount: svc.sla_amount, unit: svc.sla_unit }, opts.calendar);
    const channel = randomInt(3) === 0 ? 'counter' : 'online';
    const id = randomUUID();
    const trackingCode = newTrackingCode(svc.opd_code);
    const first = chainNext(
      {
        caseId: id,
        type: 'SUBMIT',
        fromState: null,
        toState: def.initial,
        actorId: null,
        actorName: name,
        actorRole: channel === 'online' ? 'applicant' : 'officer',
        comment: null,
        reason: null,
        public: true,
        payload: { channel },
        createdAt: at,
      },
      { lastHash: null, count: 0 },
    );
    await repo.create(
      m,
      {
        id,
        tracking_code: trackingCode,
        service_id: svc.id,
        service_version: svc.version,
        workflow_key: svc.workflow_key,
        workflow_version: svc.workflow_version,
        opd_id: svc.opd_id,
        handled_opd_ids: [svc.opd_id],
        state: def.initial,
        next_roles: nextRoles(def, def.initial),
        is_open: true,
        assignee_id: null,
        applicant_nik: demoNik(kec),
        applicant_name: name,
        applicant_phone: `+628${randomInt(11, 99)}${randomInt(1000000, 9999999)}`,
        applicant_email: null,
        applicant_address: { street: `Jl. Soekarno Hatta No. ${randomInt(1, 200)}`, kelurahan: kel, kecamatan: kecName },
        form_data: demoFormData(svc.form_fields, name),
        channel,
        submitted_at: submittedAt,
        due_at: dueAt,
        created_by_id: null,
      },
      [first],
      { topic: 'case.submitted', payload: { trackingCode, opdId: svc.opd_id, serviceId: svc.id, channel } },
    );
    // Each step is written by the API's own event statement (chain link, case row, notice).
    let head: ChainHead = { id, version: 1, event_count: first.seq, last_event_hash: first.hash };
    const append = async (entry: Omit<LogEntry, 'caseId' | 'seq' | 'prevHash'>, set: CaseUpdate) => {
      const link = chainNext({ caseId: id, ...entry }, { lastHash: head.last_event_hash, count: head.event_count });
      const written = await repo.appendEvent(
        m,
        head,
        link,
        { topic: `case.${entry.type.toLowerCase()}`, payload: { opdId: svc.opd_id } },
        set,
      );
      if (!written) throw new Error(`demo seed: lost the write of ${entry.type}`);
      head = { id, version: written.version, event_count: link.seq, last_event_hash: link.hash };
    };
    let state = def.initial;
    let assignee: StaffRow | null = null;
    let verifiedBy: string | null = null;
    let approvedBy: string | null = null;
    let pausedAt: Date | null = null;
    const docKeys = documentsRequiredAtIntake(svc.requirements).map((r) => r.key);
    const facts = (): CaseFacts => ({
      verifiedById: verifiedBy,
      approvedById: approvedBy,
      assigneeId: assignee?.id ?? null,
      documents: docKeys.map((k) => ({ requirementKey: k, mandatory: true, status: 'valid' as const })),
    });
    const steps = [...scenario.path, ...(scenario.claimAtEnd ? ['CLAIM'] : [])];
    for (const type of steps) {
      at = new Date(Math.min(now - 60_000, at.getTime() + randomInt(1, 30) * 3600_000));
      if (type === 'CLAIM') {
        assignee = pick(staffOf('verifier'));
        await append(
          {
            type,
            fromState: state,
            toState: state,
            actorId: assignee.id,
            actorName: assignee.full_name,
            actorRole: 'verifier',
            comment: null,
            reason: null,
            public: false,
            payload: { assigneeId: assignee.id },
            createdAt: at,
          },
          { assignee_id: assignee.id },
        );
        continue;
      }
      const role: ActorRole = (
        {
          VERIFY: 'verifier',
          RETURN: 'verifier',
          REJECT: 'verifier',
          APPROVE: 'supervisor',
          ISSUE: 'officer',
          COLLECT: 'officer',
          RESUBMIT: 'applicant',
          WITHDRAW: 'applicant',
        } as Record<string, ActorRole>
      )[type];
      const actor = role === 'applicant' ? null : role === 'verifier' && assignee ? assignee : pick(staffOf(role as Role));
      const reason =
        type === 'RETURN'
          ? 'Foto KK buram, mohon unggah ulang'
          : type === 'REJECT'
            ? 'Persyaratan tidak memenuhi ketentuan'
            : type === 'WITHDRAW'
              ? 'Tidak jadi mengajukan'
              : undefined;
      const d = decide(def, state, facts(), { type, actor: { id: actor?.id ?? 'applicant', roles: [role], opdId: svc.opd_id }, reason });
      // Longer workflows (head signature, inspection) stop where the standard path diverges.
      if (!d.ok && d.code === 'NOT_ACCEPTED') break;
      if (!d.ok) throw new Error(`demo seed: ${type} refused in ${state}: ${d.code}`);
      if (d.clock.to === 'paused') pausedAt = at;
      if (d.clock.from === 'paused' && d.clock.to === 'running' && pausedAt) {
        dueAt = resumeDueAt(dueAt, pausedAt, at, opts.calendar);
        pausedAt = null;
      }
      if (type === 'VERIFY') verifiedBy = actor?.id ?? null;
      if (type === 'APPROVE') approvedBy = actor?.id ?? null;
      state = d.to;
      if (!(assignee && nextRoles(def, state).some((r) => assignee?.roles.includes(r as Role)))) assignee = null;
      const final = isFinalState(def, state);
      await append(
        {
          type,
          fromState: d.from,
          toState: d.to,
          actorId: actor?.id ?? null,
          actorName: actor?.full_name ?? name,
          actorRole: role,
          comment: null,
          reason: reason ?? null,
          public: d.public,
          payload: {},
          createdAt: at,
        },
        {
          state,
          next_roles: nextRoles(def, state),
          is_open: !final,
          assignee_id: final ? null : (assignee?.id ?? null),
          verified_by_id: verifiedBy,
          approved_by_id: approvedBy,
          due_at: dueAt,
          paused_at: final ? null : pausedAt,
          ...(final || def.states[state].clock === 'stopped' ? { completed_at: at } : {}),
        },
      );
    }
    if (opts.attachDocuments && docKeys.length) await opts.attachDocuments(id, docKeys, verifiedBy ? 'valid' : 'pending');
  }
  // Demo history is not news: its notices count as delivered, so nobody is told of it.
  await m.query(`UPDATE outbox SET processed_at = now() WHERE processed_at IS NULL`);
}
