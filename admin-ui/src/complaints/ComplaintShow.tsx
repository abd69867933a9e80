// One complaint: what the citizen wrote (and attached), the steps the officer may take
// (START, ANSWER with the answer the citizen reads, CLOSE), and the SP4N-LAPOR! bridge.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import MuiTextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { COMPLAINT_ANSWER_MAX, type ComplaintAction, type ComplaintDetail } from '@layanan/contracts';
import { useState, type ReactNode } from 'react';
import { Loading, ShowBase, Title, useLocale, useNotify, useRefresh, useShowContext, useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { useNotifyError } from '../common/errors';
import { authFetch } from '../providers/session';
import { complaintsApi } from './api';
import { ComplaintStateChip } from './ComplaintStateChip';

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Box sx={{ display: 'flex', gap: 2, py: 0.5 }}>
      <Typography variant="body2" color="text.secondary" sx={{ minWidth: 180 }}>
        {label}
      </Typography>
      <Typography variant="body2" component="div" data-testid={testId} sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </Box>
  );
}

function useDateTime(): (iso: string | null) => string {
  const locale = useLocale();
  return (iso) =>
    iso
      ? new Date(iso).toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB', {
          timeZone: 'Asia/Jakarta',
          dateStyle: 'medium',
          timeStyle: 'short',
        })
      : '—';
}

function Actions({ record }: { record: ComplaintDetail }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      notify(done, { type: 'success' });
      setAnswer('');
      refresh();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const act = (type: ComplaintAction) =>
    run(
      () => complaintsApi.act(record.id, { type, version: record.version, ...(type === 'ANSWER' ? { answer } : {}) }),
      `lt.complaints.done.${type}`,
    );
  if (!record.availableActions.length && !record.canForward) return null;
  return (
    <Stack spacing={2} sx={{ mt: 2 }} data-testid="complaint-actions">
      {record.availableActions.includes('ANSWER') && (
        <MuiTextField
          label={translate('lt.complaints.answer_label')}
          helperText={translate('lt.complaints.answer_hint')}
          multiline
          minRows={4}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
          slotProps={{ htmlInput: { maxLength: COMPLAINT_ANSWER_MAX, 'data-testid': 'complaint-answer-input' } }}
        />
      )}
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
        {record.availableActions.map((type) => (
          <Button
            key={type}
            variant={type === 'CLOSE' ? 'outlined' : 'contained'}
            disabled={busy || (type === 'ANSWER' && !answer.trim())}
            onClick={() => void act(type)}
            data-testid={`complaint-action-${type}`}
          >
            {translate(`lt.complaints.action.${type}`)}
          </Button>
        ))}
        {record.canForward && (
          <Button
            variant="outlined"
            disabled={busy}
            onClick={() => void run(() => complaintsApi.forward(record.id), 'lt.complaints.done.FORWARD')}
            data-testid="complaint-forward"
          >
            {translate('lt.complaints.forward')}
          </Button>
        )}
      </Stack>
    </Stack>
  );
}

function Attachment({ record }: { record: ComplaintDetail }) {
  const notifyError = useNotifyError();
  if (!record.attachment) return <>—</>;
  const open = async () => {
    try {
      const res = await authFetch(complaintsApi.attachmentUrl(record.id));
      if (!res.ok) throw new Error(String(res.status));
      window.open(URL.createObjectURL(await res.blob()), '_blank', 'noopener');
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Button size="small" onClick={() => void open()} data-testid="complaint-attachment">
      {record.attachment.fileName}
    </Button>
  );
}

function ComplaintShowContent() {
  const translate = useTranslate();
  const dateTime = useDateTime();
  const { record, isPending } = useShowContext<ComplaintDetail>();
  if (isPending || !record) return <Loading />;
  const f = (field: string) => translate(`resources.complaints.fields.${field}`);
  return (
    <Box sx={{ p: 2 }}>
      <Title title={`${translate('resources.complaints.name', { smart_count: 1 })} ${record.trackingCode}`} />
      <Card>
        <CardContent>
          <Stack direction="row" spacing={2} sx={{ mb: 1, alignItems: 'center' }}>
            <Typography variant="h6" className="mono" data-testid="complaint-code">
              {record.trackingCode}
            </Typography>
            <ComplaintStateChip state={record.state} overdue={record.overdue} />
          </Stack>
          <Row label={f('opdName')}>{record.opdName}</Row>
          <Row label={f('serviceName')}>{record.serviceName ?? '—'}</Row>
          <Row label={f('caseTrackingCode')}>
            {record.caseId ? <Link to={`/cases/${record.caseId}/show`}>{record.caseTrackingCode}</Link> : '—'}
          </Row>
          <Row label={f('complainantName')}>{record.complainantName}</Row>
          <Row label={f('complainantPhone')}>{record.complainantPhone ?? '—'}</Row>
          <Row label={f('complainantEmail')}>{record.complainantEmail ?? '—'}</Row>
          <Row label={f('receivedAt')}>{dateTime(record.receivedAt)}</Row>
          <Row label={f('dueAt')}>{dateTime(record.dueAt)}</Row>
          <Row label={f('message')} testId="complaint-message">
            {record.message}
          </Row>
          <Row label={f('attachment')}>
            <Attachment record={record} />
          </Row>
          <Row label={f('answer')} testId="complaint-answer">
            {record.answer ?? '—'}
          </Row>
          {record.answeredAt && <Row label={f('answeredAt')}>{`${dateTime(record.answeredAt)} · ${record.answeredByName ?? ''}`}</Row>}
          {record.laporTrackingId && (
            <Row label={translate('lt.complaints.lapor')} testId="complaint-lapor">
              {`${record.laporTrackingId} · ${record.laporStatus ?? '—'} (${dateTime(record.laporSyncedAt)})`}
            </Row>
          )}
          <Actions record={record} />
        </CardContent>
      </Card>
    </Box>
  );
}

export default function ComplaintShow() {
  return (
    <ShowBase resource="complaints">
      <ComplaintShowContent />
    </ShowBase>
  );
}
