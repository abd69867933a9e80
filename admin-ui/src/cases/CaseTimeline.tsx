import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import type { CaseEventView } from '@layanan/contracts';
import { useDataProvider, useLocale, useTranslate } from 'react-admin';
import { formatDateTime } from '../common/format';
import { stateChoices } from './caseStates';
import type { LayananDataProvider } from '../providers/dataProvider';
import { useWorkflowVersions } from '../workflows/useWorkflowVersions';

function actorName(event: CaseEventView, translate: (key: string) => string): string {
  // An action taken as Plh./Plt. names the capacity the log recorded ("Plh. Kepala Dinas …"), not the bare role.
  const actingAs = typeof event.payload?.actingAs === 'string' ? event.payload.actingAs : null;
  if (event.actorName && actingAs) return `${event.actorName} (${actingAs})`;
  if (event.actorName)
    return `${event.actorName}${event.actorRole !== 'system' && event.actorRole !== 'applicant' ? ` (${translate(`lt.role.${event.actorRole}`)})` : ''}`;
  if (event.actorRole === 'applicant') return translate('lt.case.applicant_actor');
  return translate('lt.case.system');
}

/** The log's name for an event: past tense from i18n; a custom workflow's own event by its button label, else named as a step. */
export function eventLabel(type: string, translate: (key: string, options?: Record<string, unknown>) => string): string {
  return translate(`lt.event.${type}`, { _: translate(`lt.action.${type}`, { _: translate('lt.event.other', { type }) }) });
}

/** Which document an upload or check concerns, and a check's verdict. */
function documentLine(
  event: CaseEventView,
  labels: Map<string, string>,
  translate: (key: string, options?: Record<string, unknown>) => string,
) {
  const key = event.payload.requirementKey;
  if (typeof key !== 'string') return null;
  const status = event.payload.status;
  const label = labels.get(key) ?? key;
  if (event.type === 'UPLOAD_DOCUMENT') return label;
  if (event.type !== 'CHECK_DOCUMENT' || (status !== 'valid' && status !== 'invalid')) return null;
  return translate('lt.event.document', { label, verdict: translate(`lt.case.doc_status.${status}`) });
}

/** A consult entry's other party: the OPD asked (request, withdrawal) or the answering OPD and its files (answer). */
function consultLine(event: CaseEventView, translate: (key: string, options?: Record<string, unknown>) => string): string | null {
  if (!event.type.startsWith('CONSULT_')) return null;
  const asked = typeof event.payload.consultedOpdName === 'string' ? event.payload.consultedOpdName : '';
  const files = Array.isArray(event.payload.files)
    ? (event.payload.files as { fileName?: unknown }[]).map((f) => (typeof f.fileName === 'string' ? f.fileName : '')).filter(Boolean)
    : [];
  const who = translate(event.type === 'CONSULT_ANSWERED' ? 'lt.consults.timeline_by' : 'lt.consults.timeline_to', { opd: asked });
  return files.length ? `${who} · ${files.join(', ')}` : who;
}

/** The riwayat: who did what, when and why, oldest first; document entries say which document and the verdict. */
export function CaseTimeline({
  caseId,
  workflowKey,
  workflowVersion,
  documentLabels = new Map(),
}: {
  caseId: string;
  workflowKey?: string;
  workflowVersion?: number;
  /** Requirement key -> label, for document entries. */
  documentLabels?: Map<string, string>;
}) {
  const translate = useTranslate();
  const locale = useLocale();
  const dataProvider = useDataProvider<LayananDataProvider>();
  const events = useQuery({ queryKey: ['cases', caseId, 'events'], queryFn: () => dataProvider.caseEvents(caseId) });
  const audit = useQuery({ queryKey: ['cases', caseId, 'audit'], queryFn: () => dataProvider.caseAudit(caseId), retry: false });
  const { byId } = useWorkflowVersions();
  // The case's own workflow names its states; the built-ins' labels are the fallback.
  const definition = byId.get(`${workflowKey}@${workflowVersion}`)?.definition;
  const lang = locale === 'en' ? 'en' : 'id';
  const stateLabels = new Map(stateChoices(locale).map((c) => [c.id, c.name]));
  const stateName = (state: string | null) => (state ? (definition?.states[state]?.label[lang] ?? stateLabels.get(state) ?? state) : '∅');
  if (events.isPending) return null;
  if (events.error) return <Alert severity="error">{translate(events.error.message)}</Alert>;
  return (
    <Box data-testid="timeline">
      {audit.data && (
        <Chip
          size="small"
          sx={{ mb: 1 }}
          color={audit.data.valid ? 'success' : 'error'}
          data-testid="audit-status"
          label={translate(audit.data.valid ? 'lt.case.audit_valid' : 'lt.case.audit_broken', {
            events: audit.data.events,
            brokenAt: audit.data.brokenAt ?? '?',
          })}
        />
      )}
      {events.data.length === 0 && <Typography color="text.secondary">{translate('lt.case.no_events')}</Typography>}
      <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {events.data.map((event) => (
          <Box
            component="li"
            key={event.id}
            data-testid={`event-${event.seq}`}
            sx={{ borderLeft: 3, borderColor: 'primary.light', pl: 1.5, pb: 1.5, position: 'relative' }}
          >
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {eventLabel(event.type, translate)}
              {event.toState && event.fromState !== event.toState && (
                <Typography component="span" variant="body2" color="text.secondary">
                  {' '}
                  · {stateName(event.fromState)} → {stateName(event.toState)}
                </Typography>
              )}
            </Typography>
            <Typography variant="caption" color="text.secondary" component="div">
              {formatDateTime(event.createdAt, locale)} · {translate('lt.case.by', { name: actorName(event, translate) })}
            </Typography>
            {documentLine(event, documentLabels, translate) && (
              <Typography variant="body2" data-testid={`event-document-${event.seq}`}>
                {documentLine(event, documentLabels, translate)}
              </Typography>
            )}
            {consultLine(event, translate) && (
              <Typography variant="body2" data-testid={`event-consult-${event.seq}`}>
                {consultLine(event, translate)}
              </Typography>
            )}
            {event.reason && (
              <Typography variant="body2">
                <strong>{translate('lt.case.reason')}:</strong> {event.reason}
              </Typography>
            )}
            {event.comment && (
              <Typography variant="body2">
                <strong>{translate('lt.case.comment')}:</strong> {event.comment}
              </Typography>
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
