// Shapes of the citizen API (/api/public), shared by the API DTOs and the portal.
import type { NotificationChannel } from './notifications';

/** A requirement (persyaratan): a document to upload or a form field to fill. */
export interface Requirement {
  key: string;
  label: string;
  kind: 'document' | 'field';
  mandatory: boolean;
  /** Human-readable condition for conditional requirements, e.g. "jika di bawah 21 tahun". */
  condition?: string;
  description?: string;
}

export interface FormField {
  key: string;
  label: string;
  type: 'text' | 'date' | 'number' | 'select';
  required: boolean;
  options?: string[];
}

/** A service's public standard (PermenPAN-RB 15/2014 service-delivery components). */
export interface PublicService {
  id: string;
  code: string;
  opdId: string;
  opdName: string;
  name: string;
  description: string;
  requirements: Requirement[];
  formFields: FormField[];
  procedure: string;
  slaAmount: number;
  slaUnit: 'days' | 'hours';
  feeAmount: number;
  feeNote: string | null;
  product: string;
  complaintChannel: string;
  legalBasis: string;
}

/** Bukti pendaftaran. */
export interface Receipt {
  title: string;
  trackingCode: string;
  serviceName: string;
  opdName: string;
  applicantName: string;
  applicantNik: string;
  submittedAt: string;
  expectedCompletion: string | null;
  statusLabel: string;
  documents: { requirementKey: string; label: string; fileName: string }[];
  instructions: string;
  /** Channels on which status messages will be sent; [] = none (the portal says so). */
  notificationChannels: NotificationChannel[];
}

export interface TimelineEntry {
  type: string;
  label: string;
  at: string;
  /** Role only, never a staff name. */
  actorRole: string;
  message: string | null;
}

export interface TrackedDocument {
  requirementKey: string;
  label: string;
  mandatory: boolean;
  status: 'missing' | 'pending' | 'valid' | 'invalid';
}

export interface TrackResult {
  trackingCode: string;
  serviceName: string;
  opdName: string;
  state: string;
  statusLabel: string;
  nextStep: string | null;
  expectedCompletion: string | null;
  submittedAt: string;
  returnReason: string | null;
  timeline: TimelineEntry[];
  canResubmit: boolean;
  canWithdraw: boolean;
  canUploadDocuments: boolean;
  documents: TrackedDocument[];
  /** The signed document, once issued and not revoked: downloadable with the same code and factor. */
  issuedDocument: TrackedIssuedDocument | null;
  /** The step bar: public labels along the expected course, the case's place marked. */
  steps: TrackedStep[];
}

export interface TrackedStep {
  label: { id: string; en: string };
  status: 'done' | 'current' | 'todo';
}

export interface TrackedIssuedDocument {
  number: string;
  title: string;
  issuedAt: string;
  verificationCode: string;
}
