import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useRef, useState, type ReactNode } from 'react';
import type { CaseDetail } from '@layanan/contracts';
import { formValueText } from '@layanan/contracts';
import { Loading, ShowBase, Title, useGetOne, useLocale, useShowContext, useTranslate } from 'react-admin';
import { SlaBadge } from '../common/fields';
import { formatDateTime } from '../common/format';
import { CaseIssuancePanel } from '../issuance/CaseIssuancePanel';
import { ActingBadge } from '../appointments';
import { CaseActions } from './CaseActions';
import { CaseComplaints } from '../complaints';
import { CaseConsults } from '../consults';
import { CaseTimeline } from './CaseTimeline';
import { RequirementsPanel } from './RequirementsPanel';
import { UploadDialog } from './UploadDialog';
import { useWorkflowVersions } from '../workflows/useWorkflowVersions';

// The diagram (React Flow, ELK) loads in its own chunk, after the case itself.
const CaseDiagram = lazy(() => import('../workflows/CaseDiagram'));

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid={testId}>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

function Row({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <Box sx={{ display: 'flex', gap: 1, py: 0.25, flexWrap: 'wrap' }}>
      <Typography variant="body2" color="text.secondary" sx={{ minWidth: 130 }}>
        {label}
      </Typography>
      <Typography variant="body2" data-testid={testId} sx={{ wordBreak: 'break-word' }}>
        {value ?? '—'}
      </Typography>
    </Box>
  );
}

function formatAddress(address: Record<string, string> | null): string {
  if (!address) return '—';
  return ['street', 'kelurahan', 'kecamatan']
    .map((k) => address[k])
    .filter(Boolean)
    .join(', ');
}

function FormData({ record }: { record: CaseDetail }) {
  const translate = useTranslate();
  const { data: service } = useGetOne<{ id: string; formFields?: { key: string; label: string }[] }>('services', {
    id: record.serviceId,
  });
  const labels = new Map((service?.formFields ?? []).map((f) => [f.key, f.label]));
  const entries = Object.entries(record.formData ?? {});
  if (entries.length === 0) return <Typography color="text.secondary">{translate('lt.case.empty_form')}</Typography>;
  return (
    <>
      {entries.map(([key, value]) => (
        <Row key={key} label={labels.get(key) ?? key} value={formValueText(value)} testId={`form-${key}`} />
      ))}
    </>
  );
}

function CaseShowContent() {
  const { record, isPending } = useShowContext<CaseDetail>();
  const translate = useTranslate();
  const locale = useLocale();
  const [upload, setUpload] = useState<string | null>(null);
  const requirementsRef = useRef<HTMLDivElement>(null);
  const { label: workflowLabel } = useWorkflowVersions();
  // react-admin may first hand over the list row (a CaseSummary) as placeholder data;
  // wait for the detail, which carries the actions, requirements and documents.
  if (isPending || !record || !Array.isArray(record.availableActions)) return <Loading />;
  const f = (field: string) => translate(`resources.cases.fields.${field}`);
  return (
    <Box sx={{ mt: 1 }}>
      <Title title={record.trackingCode} />
      <Card variant="outlined" sx={{ mb: 2 }}>
        <CardContent>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ justifyContent: 'space-between' }}>
            <Box>
              <Typography variant="h5" data-testid="case-tracking-code" sx={{ fontFamily: 'monospace' }}>
                {record.trackingCode}
              </Typography>
              <Typography variant="subtitle1">{record.serviceName}</Typography>
              <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1, flexWrap: 'wrap' }}>
                <Chip label={record.stateLabel} color="primary" variant="outlined" data-testid="case-state" />
                <SlaBadge status={record.slaStatus} />
                <Chip size="small" variant="outlined" label={translate(`lt.channel.${record.channel}`)} />
              </Stack>
            </Box>
            <Box>
              <Row label={f('submittedAt')} value={formatDateTime(record.submittedAt, locale)} />
              <Row label={f('dueAt')} value={formatDateTime(record.dueAt, locale)} testId="case-due" />
              {record.pausedAt && (
                <Row label="" value={translate('lt.case.paused_since', { date: formatDateTime(record.pausedAt, locale) })} />
              )}
              <Row label={f('assigneeName')} value={record.assigneeName ?? '—'} testId="case-assignee" />
              <Row label={translate('lt.case.workflow')} value={workflowLabel(record.workflowKey, record.workflowVersion)} />
            </Box>
          </Stack>
          <Box sx={{ mt: 2 }}>
            <ActingBadge opdId={record.opdId} />
            <CaseActions
              record={record}
              onUpload={() => setUpload('')}
              onCheckDocuments={() => requirementsRef.current?.scrollIntoView({ behavior: 'smooth' })}
            />
          </Box>
        </CardContent>
      </Card>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 7 }}>
          <Section title={translate('lt.case.applicant')} testId="applicant">
            <Row label={f('applicantName')} value={record.applicantName} testId="applicant-name" />
            <Row label={f('applicantNik')} value={record.applicantNik} testId="applicant-nik" />
            <Row label={f('applicantPhone')} value={record.applicantPhone} />
            <Row label={f('applicantEmail')} value={record.applicantEmail} />
            <Row label={f('applicantAddress')} value={formatAddress(record.applicantAddress)} />
          </Section>
          <div ref={requirementsRef}>
            <Section title={translate('lt.case.requirements')}>
              <RequirementsPanel record={record} onUpload={(key) => setUpload(key)} />
            </Section>
          </div>
          <Section title={translate('lt.case.form_data')}>
            <FormData record={record} />
          </Section>
          <Suspense fallback={null}>
            <CaseDiagram
              caseId={record.id}
              workflowKey={record.workflowKey}
              workflowVersion={record.workflowVersion}
              state={record.state}
            />
          </Suspense>
        </Grid>
        <Grid size={{ xs: 12, lg: 5 }}>
          <Section title={translate('lt.issuance.section')} testId="issuance">
            <CaseIssuancePanel record={record} />
          </Section>
          <Section title={translate('lt.consults.section')} testId="consults">
            <CaseConsults record={record} />
          </Section>
          <Section title={translate('lt.case.timeline')}>
            <CaseTimeline
              caseId={record.id}
              workflowKey={record.workflowKey}
              workflowVersion={record.workflowVersion}
              documentLabels={new Map(record.requirements.map((r) => [r.key, r.label]))}
            />
          </Section>
          <CaseComplaints caseId={record.id} />
        </Grid>
      </Grid>
      {upload !== null && <UploadDialog record={record} initialKey={upload} onClose={() => setUpload(null)} />}
    </Box>
  );
}

export default function CaseShow() {
  return (
    <ShowBase resource="cases">
      <CaseShowContent />
    </ShowBase>
  );
}
