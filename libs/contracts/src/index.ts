// Request/response shapes shared by the API and the console, plus small pure helpers
// (identity validation) that both sides run. No Node-only or browser-only imports.
export * from './case-rules';
export * from './errors';
export * from './identity';
export * from './notifications';
export * from './public';
export * from './issuance';
export * from './staffing';
export * from './reports';
export * from './exports';
export * from './applicants';
import type { SignatureMode } from './issuance';
import type { ActingGrant } from './staffing';
import type { NotificationChoice } from './notifications';
import type { ErrorCode } from './errors';
import type { Requirement } from './public';

export const ROLES = ['officer', 'verifier', 'supervisor', 'head', 'admin', 'leadership', 'complaint_officer'] as const;
export type Role = (typeof ROLES)[number];
/** The citizen acting through the public API; never a staff role. */
export type ActorRole = Role | 'applicant' | 'system';

export interface AuthUser {
  id: string;
  username: string;
  fullName: string;
  roles: Role[];
  /** null for admin and leadership accounts that span every OPD. */
  opdId: string | null;
  /** Positions held right now as Plh./Plt. (each in its own OPD); absent when none. */
  acting?: ActingGrant[];
}

export interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: AuthUser;
}

export interface MeResponse extends AuthUser {
  /** CASL rules, packed with `packRules`, for the console's `canAccess`. */
  rules: unknown[];
  /**
   * The next instant (ISO) at which the Plh./Plt. positions in force change (one of the user's
   * appointments starts or ends), null when none is scheduled: the console asks again then.
   */
  actingChangesAt: string | null;
}

export type ActionRequirement = 'reason' | 'comment' | 'assigneeId' | 'opdId' | 'note';

export interface AvailableAction {
  type: string;
  requires: ActionRequirement[];
  /** Set when the event produces the case's document; 'personal' asks the actor for a passphrase. */
  issues?: { signature: SignatureMode };
}

export type SlaStatus = 'on_time' | 'due_soon' | 'overdue' | 'paused' | 'done';

export const CHANNELS = ['counter', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface CaseSummary {
  id: string;
  trackingCode: string;
  serviceId: string;
  serviceName: string;
  serviceVersion: number;
  opdId: string;
  state: string;
  stateLabel: string;
  assigneeId: string | null;
  assigneeName: string | null;
  applicantName: string;
  applicantNik: string;
  channel: Channel;
  submittedAt: string;
  dueAt: string | null;
  slaStatus: SlaStatus;
  version: number;
  /** The earliest deadline of the case's open consults (pertimbangan teknis), if any. */
  consultDueAt: string | null;
  /** An open consult of the case is past its deadline. */
  consultOverdue: boolean;
}

export interface CaseDocumentView {
  id: string;
  requirementKey: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  status: 'pending' | 'valid' | 'invalid';
  note: string | null;
  uploadedAt: string;
}

export interface CaseDetail extends CaseSummary {
  applicantPhone: string | null;
  applicantEmail: string | null;
  applicantAddress: Record<string, string> | null;
  formData: Record<string, unknown>;
  documents: CaseDocumentView[];
  availableActions: AvailableAction[];
  workflowKey: string;
  workflowVersion: number;
  verifiedById: string | null;
  pausedAt: string | null;
  requirements: RequirementView[];
}

export type RequirementView = Requirement;

/** The document an UPLOAD_DOCUMENT or CHECK_DOCUMENT event is about, as the log shows it. */
export interface EventDocumentView {
  id: string;
  requirementKey: string;
  /** The requirement's label in the case's service version (the key when the service no longer has it). */
  label: string;
  fileName: string | null;
  /** CHECK_DOCUMENT: Sesuai (`valid`) or Tidak Sesuai (`invalid`); null for an upload. */
  verdict: 'valid' | 'invalid' | null;
}

export interface CaseEventView {
  id: string;
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
  /** Which document and, for a check, the verdict (UPLOAD_DOCUMENT, CHECK_DOCUMENT; null otherwise). */
  document: EventDocumentView | null;
  createdAt: string;
  hash: string;
  prevHash: string | null;
}

export interface AuditResult {
  valid: boolean;
  events: number;
  brokenAt?: number;
}

/** Case lists by queue: what waits on me (my roles, unassigned or mine), my inbox, the claimable pool, the OPD's cases, SLA views. */
export const QUEUES = ['waiting', 'mine', 'unassigned', 'opd', 'overdue', 'due-soon', 'all'] as const;
export type Queue = (typeof QUEUES)[number];

export interface QueueCount {
  queue: Queue;
  /** Exact unless `capped`: then there are at least this many. */
  count: number;
  capped: boolean;
}

/** The queues this user works, in the order the console shows them, and where they land. */
export interface QueueCounts {
  queues: QueueCount[];
  defaultQueue: Queue;
}

export interface AddressInput {
  street?: string;
  kelurahan?: string;
  kecamatan?: string;
  /** Kemendagri village code, e.g. 35.73.05.1001. */
  kelurahanCode?: string;
}

export interface ApplicantInput {
  nik: string;
  name: string;
  phone: string;
  email?: string;
  address?: AddressInput;
}

/** A new application (portal: the `data` part; counter: the JSON body or the `data` part next to `doc_<key>` files). */
export interface NewCaseInput {
  serviceId: string;
  applicant: ApplicantInput;
  formData?: Record<string, unknown>;
  /** The channels the applicant agreed to be told on (consent recorded with the case); absent or [] = no messages. */
  notifications?: NotificationChoice;
}

/** One event on one case (POST /api/cases/:id/events). */
export interface CaseEventInput {
  type: string;
  /** The case version the caller saw (optimistic locking). */
  version: number;
  reason?: string;
  comment?: string;
  note?: string;
  assigneeId?: string;
  opdId?: string;
  /** COMMENT only: true = message to the applicant. */
  public?: boolean;
  /** Events that sign the case's document personally: the signer's passphrase (or password). Never stored. */
  passphrase?: string;
}

export interface BulkAssignInput {
  caseIds: string[];
  assigneeId: string;
  reason: string;
}

/** The same workflow event on several cases, each at the version the caller saw (e.g. bulk APPROVE). */
export interface BulkEventInput {
  type: string;
  items: { id: string; version: number }[];
  reason?: string;
  comment?: string;
}

/** One case's outcome in a bulk action: never a silent partial failure. */
export interface BulkResult {
  id: string;
  ok: boolean;
  statusCode: number;
  /** null when ok. */
  code: ErrorCode | null;
  message: string;
  /** The case's version after the action (ok), or now (409). */
  version: number | null;
}
export * from './satisfaction';
export * from './complaints';
export * from './consults';
