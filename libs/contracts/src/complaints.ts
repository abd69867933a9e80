// Pengaduan (complaints): a citizen's complaint about a case or a service, with its own
// tracking code, workflow and deadline. Shared by the API, the console and the portal.

/** received → in_handling → answered → closed (PermenPAN-RB 62/2018: terima, tindak lanjut, jawab, selesai). */
export const COMPLAINT_STATES = ['received', 'in_handling', 'answered', 'closed'] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

/** The officer's steps; each is allowed from the listed states only. */
export const COMPLAINT_ACTIONS = ['START', 'ANSWER', 'CLOSE'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

export const COMPLAINT_TRANSITIONS: Record<ComplaintAction, { from: readonly ComplaintState[]; to: ComplaintState }> = {
  START: { from: ['received'], to: 'in_handling' },
  ANSWER: { from: ['in_handling'], to: 'answered' },
  CLOSE: { from: ['answered'], to: 'closed' },
};

/** The actions the complaint's state allows (the console shows exactly these). */
export function complaintActionsFrom(state: ComplaintState): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((a) => COMPLAINT_TRANSITIONS[a].from.includes(state));
}

/**
 * Working days to answer. SP4N-LAPOR! (PermenPAN-RB 62/2018) gives the agency 5 working days to
 * follow a complaint up once it is forwarded; the same deadline applies to complaints filed here.
 */
export const COMPLAINT_ANSWER_WORKING_DAYS = 5;

export const COMPLAINT_MESSAGE_MIN = 20;
export const COMPLAINT_MESSAGE_MAX = 4000;
export const COMPLAINT_ANSWER_MAX = 4000;

/** Complaint codes: "ADU-" and 12 characters of the tracking alphabet (no OPD prefix can be ADU: prefixes are consonants). */
const COMPLAINT_CODE = /^ADU-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

export function isComplaintCode(code: string): boolean {
  return COMPLAINT_CODE.test(code);
}

/** A new complaint: about a case (tracking code + factor) or about a service (serviceId). */
export interface NewComplaintInput {
  /** The case complained about, with the verification factor of tracking. */
  trackingCode?: string;
  factor?: string;
  /** The service complained about when there is no case. */
  serviceId?: string;
  /** Required without a tracking code (a case brings the applicant's name). */
  name?: string;
  phone?: string;
  email?: string;
  message: string;
  /**
   * Consent to be notified (on receipt, with the code, and when answered) on these channels;
   * each needs its contact. A list, or comma-separated in a multipart form.
   */
  notify?: string[] | string;
  locale?: 'id' | 'en';
}

export interface ComplaintAttachmentView {
  fileName: string;
  contentType: string;
  size: number;
}

/** What the citizen sees with the complaint's code. */
export interface PublicComplaintView {
  trackingCode: string;
  state: ComplaintState;
  opdName: string;
  serviceName: string | null;
  caseTrackingCode: string | null;
  message: string;
  receivedAt: string;
  dueAt: string;
  answer: string | null;
  answeredAt: string | null;
  closedAt: string | null;
}

export interface ComplaintSummary {
  id: string;
  trackingCode: string;
  state: ComplaintState;
  opdId: string;
  opdName: string;
  serviceId: string | null;
  serviceName: string | null;
  caseId: string | null;
  caseTrackingCode: string | null;
  complainantName: string;
  receivedAt: string;
  dueAt: string;
  answeredAt: string | null;
  overdue: boolean;
}

export interface ComplaintDetail extends ComplaintSummary {
  complainantPhone: string | null;
  complainantEmail: string | null;
  message: string;
  answer: string | null;
  answeredByName: string | null;
  closedAt: string | null;
  attachment: ComplaintAttachmentView | null;
  /** SP4N-LAPOR! tracking id once forwarded, and the status last mirrored from it. */
  laporTrackingId: string | null;
  laporStatus: string | null;
  laporSyncedAt: string | null;
  availableActions: ComplaintAction[];
  /** Whether this installation forwards to SP4N-LAPOR! (LAPOR_URL set) and this complaint is not forwarded yet. */
  canForward: boolean;
  version: number;
}

export interface ComplaintActionInput {
  type: ComplaintAction;
  version: number;
  /** ANSWER: the answer the citizen reads. */
  answer?: string;
}

/** Complaint counts and response times per month, OPD and service (reports). */
export interface ComplaintReportRow {
  month: string;
  opdId: string;
  opdName: string;
  serviceId: string | null;
  serviceName: string | null;
  received: number;
  answered: number;
  answeredOnTime: number;
  open: number;
  overdue: number;
  /** Hours from receipt to answer over the answered complaints (null when none). */
  meanResponseHours: number | null;
  medianResponseHours: number | null;
}

export interface ComplaintReport {
  from: string;
  to: string;
  rows: ComplaintReportRow[];
}
