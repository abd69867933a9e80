// Request/response shapes shared by the API and the console, plus small pure helpers
// (identity validation) that both sides run. No Node-only or browser-only imports.
export * from './errors';
export * from './identity';
export * from './notifications';
export * from './public';
import type { Requirement } from './public';

export const ROLES = ['officer', 'verifier', 'supervisor', 'head', 'admin', 'leadership'] as const;
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
}

export type ActionRequirement = 'reason' | 'comment' | 'assigneeId' | 'opdId' | 'note';

export interface AvailableAction {
  type: string;
  requires: ActionRequirement[];
}

export type SlaStatus = 'on_time' | 'due_soon' | 'overdue' | 'paused' | 'done';

export type Channel = 'counter' | 'online';

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
  createdAt: string;
  hash: string;
  prevHash: string | null;
}

export interface AuditResult {
  valid: boolean;
  events: number;
  brokenAt?: number;
}
