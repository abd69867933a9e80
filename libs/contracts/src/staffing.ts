// Acting officials (Plh./Plt., UU 30/2014 Art. 14), leave and workload, shared by API and console.
import type { Role } from './index';

/** Plh. stands in for an official who is temporarily absent; Plt. fills a vacant position. */
export const APPOINTMENT_KINDS = ['plh', 'plt'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

/** The positions that can be held by an acting official: the OPD head and a section head. */
export const APPOINTABLE_ROLES = ['head', 'supervisor'] as const satisfies readonly Role[];
export type AppointableRole = (typeof APPOINTABLE_ROLES)[number];

/** The time zone every appointment and leave date is read in (WIB). */
export const OFFICE_TIME_ZONE = 'Asia/Jakarta';

/**
 * A position held for a while: during [startsAt, endsAt) the user holds `role` in `opdId`.
 * The dates an admin enters are whole WIB days (from 00:00 WIB of the first to 24:00 WIB of the last).
 */
export interface ActingGrant {
  appointmentId: string;
  opdId: string;
  role: AppointableRole;
  kind: AppointmentKind;
  /** e.g. "Kepala Dinas Kependudukan dan Pencatatan Sipil" */
  positionTitle: string;
}

/** A grant with its window, as the session loads it (ISO instants). */
export interface ActingWindow extends ActingGrant {
  startsAt: string;
  endsAt: string;
}

/** "Plh. Kepala Dinas …": how the acting capacity reads in the log and on letters. */
export function actingCapacity(grant: Pick<ActingGrant, 'kind' | 'positionTitle'>): string {
  return `${grant.kind === 'plh' ? 'Plh.' : 'Plt.'} ${grant.positionTitle}`;
}

export interface AppointmentInput {
  userId: string;
  opdId: string;
  role: AppointableRole;
  kind: AppointmentKind;
  /** Defaults to "Kepala <OPD name>" (or "Camat …") for the head. */
  positionTitle?: string;
  /** Surat Perintah number. */
  legalBasis?: string;
  /** YYYY-MM-DD, WIB, inclusive. */
  validFrom: string;
  /** YYYY-MM-DD, WIB, inclusive. */
  validUntil: string;
}

export type AppointmentStatus = 'upcoming' | 'active' | 'ended' | 'revoked';

export interface AppointmentView {
  id: string;
  userId: string;
  userName: string;
  opdId: string;
  opdName: string;
  role: AppointableRole;
  kind: AppointmentKind;
  positionTitle: string;
  capacity: string;
  legalBasis: string | null;
  validFrom: string;
  validUntil: string;
  startsAt: string;
  endsAt: string;
  status: AppointmentStatus;
  createdById: string | null;
  createdByName: string | null;
  createdAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
}

type AppointmentTimes = Pick<AppointmentView, 'startsAt' | 'endsAt' | 'revokedAt'>;

/** An appointment's status at `at` (ms since the epoch): in force during [startsAt, endsAt). */
export function appointmentStatusAt(a: AppointmentTimes, at: number): AppointmentStatus {
  if (a.revokedAt) return 'revoked';
  if (at < Date.parse(a.startsAt)) return 'upcoming';
  return at < Date.parse(a.endsAt) ? 'active' : 'ended';
}

/** The first instant after `at` at which one of `list` starts or ends (ms), null when none does. */
export function nextAppointmentChange(list: readonly AppointmentTimes[], at: number): number | null {
  let next: number | null = null;
  for (const a of list) {
    if (a.revokedAt) continue;
    for (const t of [Date.parse(a.startsAt), Date.parse(a.endsAt)]) if (t > at && (next === null || t < next)) next = t;
  }
  return next;
}

export interface AppointmentLogEntry {
  id: string;
  appointmentId: string;
  action: 'created' | 'revoked';
  actorId: string | null;
  actorName: string | null;
  reason: string | null;
  at: string;
}

/** The WIB calendar day of an instant, YYYY-MM-DD (WIB is UTC+7 all year). */
export function jakartaDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The head's title of an OPD: "Camat Klojen" for a kecamatan, else "Kepala <OPD name>". */
export function headTitle(opd: { name: string; kind: string }): string {
  if (opd.kind === 'kecamatan') return `Camat ${opd.name.replace(/^Kecamatan\s+/i, '')}`;
  return `Kepala ${opd.name}`;
}

export const LEAVE_KINDS = ['cuti', 'sakit', 'dinas_luar', 'lainnya'] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];

export interface LeaveInput {
  kind: LeaveKind;
  /** YYYY-MM-DD, WIB, inclusive. */
  validFrom: string;
  /** YYYY-MM-DD, WIB, inclusive. */
  validUntil: string;
  note?: string;
}

export interface LeaveView {
  id: string;
  userId: string;
  userName: string;
  kind: LeaveKind;
  note: string | null;
  validFrom: string;
  validUntil: string;
  startsAt: string;
  endsAt: string;
  status: 'upcoming' | 'active' | 'ended' | 'cancelled';
  createdByName: string | null;
  createdAt: string;
  cancelledAt: string | null;
}

/**
 * How much an open case weighs in a user's workload by its SLA risk: an overdue case counts three
 * times, one due within a day (24 hours, as libs/sla's slaStatus) twice, any other open case once,
 * one waiting on the applicant (clock paused) half. So a user holding 2 overdue files (load 6) is
 * busier than one holding 5 fresh ones (load 5).
 */
export const SLA_RISK_WEIGHTS = { overdue: 3, due_soon: 2, on_time: 1, paused: 0.5 } as const;

/** A user's open assigned cases by SLA risk. */
export interface OpenLoad {
  open: number;
  overdue: number;
  dueSoon: number;
  paused: number;
}

/** Σ SLA_RISK_WEIGHTS over the open cases (those neither overdue, due soon nor paused count as on time). */
export function workloadOf(l: OpenLoad): number {
  const onTime = Math.max(0, l.open - l.overdue - l.dueSoon - l.paused);
  return (
    l.overdue * SLA_RISK_WEIGHTS.overdue +
    l.dueSoon * SLA_RISK_WEIGHTS.due_soon +
    onTime * SLA_RISK_WEIGHTS.on_time +
    l.paused * SLA_RISK_WEIGHTS.paused
  );
}

/** The order of suggestion: lowest load, then fewest open cases, then by name (stable, so everyone sees the same). */
export function compareWorkload(
  a: Pick<AssigneeSuggestion, 'load' | 'openCases' | 'fullName' | 'userId'>,
  b: Pick<AssigneeSuggestion, 'load' | 'openCases' | 'fullName' | 'userId'>,
): number {
  return a.load - b.load || a.openCases - b.openCases || a.fullName.localeCompare(b.fullName) || (a.userId < b.userId ? -1 : 1);
}

/** A user who could take a case, with their open work. */
export interface AssigneeSuggestion {
  userId: string;
  fullName: string;
  roles: Role[];
  openCases: number;
  overdueCases: number;
  dueSoonCases: number;
  /** Σ SLA_RISK_WEIGHTS over the user's open assigned cases. */
  load: number;
  /** true for the one the API suggests (lowest load, then fewest open cases, then by name). */
  suggested: boolean;
}

/** One case of a reassignment preview: where it would go, or why it cannot. */
export interface ReassignPreviewItem {
  caseId: string;
  trackingCode: string;
  serviceName: string;
  state: string;
  stateLabel: string;
  dueAt: string | null;
  slaStatus: string;
  version: number;
  assigneeId: string | null;
  assigneeName: string | null;
  /** Set when nobody eligible is present (everyone on leave or without the role). */
  problem: string | null;
}

export interface ReassignPreview {
  fromUserId: string;
  fromUserName: string;
  items: ReassignPreviewItem[];
}

/** One case of a reassignment as the preview proposed it (at the version previewed). */
export interface ReassignItemInput {
  caseId: string;
  version: number;
  assigneeId: string;
}

export interface ReassignInput {
  items: ReassignItemInput[];
  reason: string;
}
