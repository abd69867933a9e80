// Permintaan pertimbangan teknis (consults between OPDs): the lead OPD of a case asks another
// OPD for a technical opinion with its own deadline. The case stays with the lead OPD and its
// SLA keeps running. Shared by the API and the console.
import type { Role } from './index';

/** open → answered (immutable) or withdrawn by the lead OPD. */
export const CONSULT_STATUSES = ['open', 'answered', 'withdrawn'] as const;
export type ConsultStatus = (typeof CONSULT_STATUSES)[number];

/** The queue's filters: `overdue` is open past its deadline. */
export const CONSULT_QUEUE_STATUSES = ['open', 'overdue', 'answered', 'withdrawn'] as const;
export type ConsultQueueStatus = (typeof CONSULT_QUEUE_STATUSES)[number];

/** incoming: asked of my OPD; outgoing: my OPD asked (or a case my OPD leads). */
export const CONSULT_SIDES = ['incoming', 'outgoing'] as const;
export type ConsultSide = (typeof CONSULT_SIDES)[number];

/** Roles of the consulted OPD a request may be addressed to (the kasi and the kepala dinas answer any). */
export const CONSULT_ROLES = ['officer', 'verifier', 'supervisor', 'head'] as const satisfies readonly Role[];
export type ConsultRole = (typeof CONSULT_ROLES)[number];

/** Working days the consulted OPD has when the request names none; 1..20 may be asked. */
export const CONSULT_DEFAULT_WORKING_DAYS = 3;
export const CONSULT_MAX_WORKING_DAYS = 20;
export const CONSULT_QUESTION_MAX = 4000;
export const CONSULT_ANSWER_MAX = 4000;
/** Files per question or answer. */
export const CONSULT_MAX_FILES = 5;

/** Case log entries a consult writes (internal: not on the citizen's timeline). */
export const CONSULT_EVENTS = ['CONSULT_REQUESTED', 'CONSULT_ANSWERED', 'CONSULT_WITHDRAWN'] as const;
export type ConsultEventType = (typeof CONSULT_EVENTS)[number];

/**
 * Entries the consult follow-up job writes (system actor, internal): the reminder to the
 * consulted OPD on the deadline day, and the escalation to its head one working day after it.
 */
export const CONSULT_FOLLOW_UP_EVENTS = ['CONSULT_REMINDED', 'CONSULT_ESCALATED'] as const;
export type ConsultFollowUpEventType = (typeof CONSULT_FOLLOW_UP_EVENTS)[number];

export interface NewConsultInput {
  consultedOpdId: string;
  consultedRole?: ConsultRole;
  question: string;
  /** Working days to answer (default CONSULT_DEFAULT_WORKING_DAYS). */
  workingDays?: number;
  /** Case documents the consulted OPD may open while the request is open (a list, or comma-separated in a multipart form). */
  sharedDocumentIds?: string[] | string;
}

export interface ConsultAnswerInput {
  answer: string;
}

export interface ConsultWithdrawInput {
  reason: string;
}

export interface ConsultFileView {
  id: string;
  side: 'question' | 'answer';
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface ConsultView {
  id: string;
  caseId: string;
  trackingCode: string;
  requesterOpdId: string;
  requesterOpdName: string;
  consultedOpdId: string;
  consultedOpdName: string;
  consultedRole: ConsultRole | null;
  question: string;
  status: ConsultStatus;
  /** Open past its deadline (at the server's clock). */
  overdue: boolean;
  workingDays: number;
  dueAt: string;
  requestedAt: string;
  requestedById: string;
  requestedByName: string;
  answer: string | null;
  answeredAt: string | null;
  answeredByName: string | null;
  /** Answered by the deadline (null until answered). */
  answeredOnTime: boolean | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  sharedDocumentIds: string[];
  files: ConsultFileView[];
  /** When the consulted OPD was reminded on the deadline day (null: not yet, or not needed). */
  remindedAt: string | null;
  /** When the consult was escalated to the consulted OPD's head, one working day past its deadline. */
  escalatedAt: string | null;
  /** What the caller may do with it now. */
  canAnswer: boolean;
  canWithdraw: boolean;
}

/** One OPD's consult figures: as the consulted OPD (asked) and as the lead (asking). */
export interface ConsultReportRow {
  opdId: string;
  opdName: string;
  /** Asked of this OPD, still open / of those past the deadline / answered / of those by the deadline. */
  incomingOpen: number;
  incomingOverdue: number;
  incomingAnswered: number;
  incomingAnsweredOnTime: number;
  /** Asked by this OPD, still open / of those past the deadline. */
  outgoingOpen: number;
  outgoingOverdue: number;
}
