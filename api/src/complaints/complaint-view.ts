import type { ComplaintDetail, ComplaintSummary, PublicComplaintView } from '@layanan/contracts';
import { complaintActionsFrom } from '@layanan/contracts';
import { maskPhone } from '@layanan/contracts';
import type { ComplaintRow } from './complaints.repository';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Past its deadline and not answered (an answer after the deadline stays late in reports). */
export function isOverdue(r: ComplaintRow, now: Date): boolean {
  return r.answered_at === null && r.state !== 'closed' && r.due_at.getTime() < now.getTime();
}

export function toSummary(r: ComplaintRow, now: Date): ComplaintSummary {
  return {
    id: r.id,
    trackingCode: r.tracking_code,
    state: r.state,
    opdId: r.opd_id,
    opdName: r.opd_name,
    serviceId: r.service_id,
    serviceName: r.service_name,
    caseId: r.case_id,
    caseTrackingCode: r.case_tracking_code,
    complainantName: r.complainant_name,
    receivedAt: r.received_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    answeredAt: iso(r.answered_at),
    overdue: isOverdue(r, now),
  };
}

/** The officer's view; `canAct` false (a supervisor, leadership) shows no actions. */
export function toDetail(r: ComplaintRow, now: Date, opts: { canAct: boolean; bridgeEnabled: boolean }): ComplaintDetail {
  return {
    ...toSummary(r, now),
    complainantPhone: opts.canAct ? r.complainant_phone : maskPhone(r.complainant_phone),
    complainantEmail: opts.canAct ? r.complainant_email : null,
    message: r.message,
    answer: r.answer,
    answeredByName: r.answered_by_name,
    closedAt: iso(r.closed_at),
    attachment:
      r.attachment_storage_key && r.attachment_file_name && r.attachment_content_type && r.attachment_size !== null
        ? { fileName: r.attachment_file_name, contentType: r.attachment_content_type, size: r.attachment_size }
        : null,
    laporTrackingId: r.lapor_tracking_id,
    laporStatus: r.lapor_status,
    laporSyncedAt: iso(r.lapor_synced_at),
    availableActions: opts.canAct ? complaintActionsFrom(r.state) : [],
    canForward: opts.canAct && opts.bridgeEnabled && r.lapor_tracking_id === null && r.state !== 'closed',
    version: r.version,
  };
}

/** The citizen's view: no officer names, no contact data. */
export function toPublic(r: ComplaintRow): PublicComplaintView {
  return {
    trackingCode: r.tracking_code,
    state: r.state,
    opdName: r.opd_name,
    serviceName: r.service_name,
    caseTrackingCode: r.case_tracking_code,
    message: r.message,
    receivedAt: r.received_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    answer: r.answer,
    answeredAt: iso(r.answered_at),
    closedAt: iso(r.closed_at),
  };
}
