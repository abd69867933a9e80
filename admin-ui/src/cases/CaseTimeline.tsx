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
  if (event.actorName)
    return `${event.actorName}${event.actorRole !== 'system' && event.actorRole !== 'applicant' ? ` (${translate(`lt.role.${event.actorRole}`)})` : ''}`;
  if (event.actorRole === 'applicant') return translate('lt.case.applicant_actor');
  return translate('lt.case.system');
}

/** The riwayat: who did what, when and why, oldest first. */
export function CaseTimeline({ caseId, workflowKey, workflowVersion }: { caseId: string; workflowKey?: string; workflowVersion?: number }) {
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
              {translate(`lt.action.${event.type}`, { _: event.type })}
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
