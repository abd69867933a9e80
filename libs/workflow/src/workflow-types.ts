import type { ActionRequirement, ActorRole, SignatureMode } from '@layanan/contracts';

export type Lang = 'id' | 'en';
export interface LocalizedText {
  id: string;
  en: string;
}

export type ClockMode = 'running' | 'paused' | 'stopped';

export type GuardName = 'allMandatoryDocumentsValid' | 'notVerifierOfCase' | 'notApproverOfCase';

export interface WorkflowDefinition {
  key: string;
  version: number;
  name: LocalizedText;
  initial: string;
  states: Record<string, WorkflowStateDef>;
}

export interface WorkflowStateDef {
  /** Staff label, e.g. 'Menunggu Verifikasi'. */
  label: LocalizedText;
  /** What the citizen sees on the tracking page. */
  publicLabel: LocalizedText;
  /** "What you need to do next" for the citizen. */
  publicHint?: LocalizedText;
  /** SLA clock while the case is in this state. */
  clock: ClockMode;
  final?: boolean;
  on?: Record<string, WorkflowTransitionDef>;
}

export interface WorkflowTransitionDef {
  target: string;
  /** Who may send it. */
  roles: ActorRole[];
  /** Named pure guards; all must pass. */
  guards?: GuardName[];
  /** Fields the event must carry as non-blank strings. */
  requires?: ActionRequirement[];
  /** Shown on the citizen timeline; defaults to true. */
  public?: boolean;
  /**
   * A way out that these roles may take (e.g. withdrawing on the applicant's behalf) but that is
   * not their work: it puts the case in none of their queues, and does not let them claim it.
   */
  sideExit?: boolean;
  /** This transition produces the case's numbered, signed document inside its transaction. */
  issues?: DocumentIssuanceDef;
}

/**
 * How the issued document is signed: 'personal' by the acting user (BSrE passphrase, or their
 * password with the local signer), typed at signing time; 'seal' by the institution's key,
 * naming the OPD's default signatory.
 */
export interface DocumentIssuanceDef {
  signature: SignatureMode;
}

export interface CaseDocumentFact {
  requirementKey: string;
  mandatory: boolean;
  status: 'pending' | 'valid' | 'invalid';
}

/** Facts about the case that guards need; supplied by the API. */
export interface CaseFacts {
  verifiedById: string | null;
  approvedById: string | null;
  assigneeId: string | null;
  documents: CaseDocumentFact[];
}

export interface WorkflowActor {
  id: string;
  roles: ActorRole[];
  opdId: string | null;
}

export interface WorkflowEventInput {
  type: string;
  actor: WorkflowActor;
  reason?: string;
  comment?: string;
  assigneeId?: string;
  opdId?: string;
  note?: string;
}

export type DecisionErrorCode = 'UNKNOWN_STATE' | 'NOT_ACCEPTED' | 'ROLE_NOT_ALLOWED' | 'MISSING_FIELD' | 'GUARD_FAILED';

export type Decision =
  | { ok: true; from: string; to: string; clock: { from: ClockMode; to: ClockMode }; public: boolean }
  | { ok: false; code: DecisionErrorCode; field?: ActionRequirement; guard?: GuardName };

/** Where the designer drew each state; kept beside the definition, never inside it. */
export interface WorkflowLayout {
  positions: Record<string, { x: number; y: number }>;
}
