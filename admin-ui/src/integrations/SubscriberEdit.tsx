import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import MuiTextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { WebhookSubscriberView } from '@layanan/contracts';
import { useState } from 'react';
import {
  BooleanInput,
  Confirm,
  Datagrid,
  Edit,
  Pagination,
  ReferenceManyField,
  SaveButton,
  SimpleForm,
  TextField,
  Toolbar,
  useLocale,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useNotifyError } from '../common/errors';
import { JakartaDateTimeField } from '../common/fields';
import { formatDateTime } from '../common/format';
import { DeliveryCaseField, DeliveryErrorField, RetryButton, StatusChip } from '../notifications';
import { useBusyAction } from '../common/useBusyAction';
import { ApiKeysPanel } from './ApiKeysPanel';
import { integrationsApi } from './api';
import { OneTimeSecret } from './OneTimeSecret';
import { Section } from './Section';
import { SubscriberInputs, subscriberPayload } from './SubscriberInputs';

function SecretPanel() {
  const r = useRecordContext<WebhookSubscriberView>();
  const translate = useTranslate();
  const locale = useLocale();
  const notifyError = useNotifyError();
  const refresh = useRefresh();
  const [confirming, setConfirming] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  if (!r) return null;
  const rotate = async () => {
    setConfirming(false);
    try {
      setSecret((await integrationsApi.rotateSecret(r.id)).secret ?? '');
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Section title="lt.integrations.secret" testId="subscriber-secret">
      <Typography variant="body2" sx={{ mb: 1 }}>
        {translate('lt.integrations.secret_hint')}
      </Typography>
      {r.previousSecretUntil && (
        <Alert severity="info" sx={{ mb: 1 }} data-testid="previous-secret-until">
          {translate('lt.integrations.previous_secret_until', { until: formatDateTime(r.previousSecretUntil, locale) })}
        </Alert>
      )}
      <Button variant="outlined" onClick={() => setConfirming(true)} data-testid="rotate-secret">
        {translate('lt.integrations.rotate')}
      </Button>
      <Confirm
        isOpen={confirming}
        title="lt.integrations.rotate"
        content="lt.integrations.rotate_confirm"
        onConfirm={() => void rotate()}
        onClose={() => setConfirming(false)}
      />
      <OneTimeSecret
        title="lt.integrations.secret_title"
        value={secret}
        onClose={() => {
          setSecret(null);
          refresh();
        }}
      />
    </Section>
  );
}

/** `datetime-local` is a wall-clock time: the console's is Asia/Jakarta (WIB). */
const jakarta = (local: string): string => `${local}:00+07:00`;

function ReplayPanel() {
  const r = useRecordContext<WebhookSubscriberView>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const { busy, run } = useBusyAction();
  if (!r) return null;
  const replay = () =>
    run(async () => {
      const { queued } = await integrationsApi.replay(r.id, jakarta(from), jakarta(to));
      notify('lt.integrations.replayed', { type: 'success', messageArgs: { smart_count: queued } });
      refresh();
    });
  return (
    <Section title="lt.integrations.replay" testId="subscriber-replay">
      <Typography variant="body2" sx={{ mb: 2 }}>
        {translate('lt.integrations.replay_hint')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <MuiTextField
          type="datetime-local"
          size="small"
          label={translate('lt.integrations.replay_from')}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'replay-from' } }}
        />
        <MuiTextField
          type="datetime-local"
          size="small"
          label={translate('lt.integrations.replay_to')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'replay-to' } }}
        />
        <Button variant="outlined" disabled={busy || !from || !to} onClick={() => void replay()} data-testid="replay-submit">
          {translate('lt.integrations.replay_submit')}
        </Button>
      </Stack>
    </Section>
  );
}

function DeliveriesPanel() {
  return (
    <Section title="lt.integrations.deliveries" testId="subscriber-deliveries">
      <ReferenceManyField
        reference="deliveries"
        target="subscriberId"
        perPage={20}
        sort={{ field: 'id', order: 'DESC' }}
        pagination={<Pagination rowsPerPageOptions={[20, 50]} />}
      >
        <Datagrid bulkActionButtons={false} rowClick={false} empty={<EmptyDeliveries />}>
          <JakartaDateTimeField source="createdAt" sortable={false} />
          <TextField source="event" sortable={false} />
          <DeliveryCaseField />
          <StatusChip />
          <TextField source="attempts" sortable={false} />
          <JakartaDateTimeField source="deliveredAt" sortable={false} />
          <DeliveryErrorField />
          <RetryButton />
        </Datagrid>
      </ReferenceManyField>
    </Section>
  );
}

function EmptyDeliveries() {
  const translate = useTranslate();
  return <Typography variant="body2">{translate('lt.integrations.no_deliveries')}</Typography>;
}

function DisabledReason() {
  const r = useRecordContext<WebhookSubscriberView>();
  const translate = useTranslate();
  if (!r?.disabledReason) return null;
  return (
    <Alert severity="error" sx={{ mb: 2 }}>
      {translate('lt.integrations.disabled_reason', { reason: r.disabledReason })}
    </Alert>
  );
}

function Suspended() {
  const r = useRecordContext<WebhookSubscriberView>();
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const refresh = useRefresh();
  const { busy, run } = useBusyAction();
  if (!r?.suspendedAt) return null;
  const resume = () =>
    run(async () => {
      await integrationsApi.resume(r.id);
      notify('lt.integrations.resumed', { type: 'success' });
      refresh();
    });
  return (
    <Alert
      severity="warning"
      sx={{ mb: 2 }}
      data-testid="subscriber-suspended"
      action={
        <Button color="inherit" size="small" disabled={busy} onClick={() => void resume()} data-testid="subscriber-resume">
          {translate('lt.integrations.resume')}
        </Button>
      }
    >
      {translate(r.suspendedReason === 'throttled' ? 'lt.integrations.suspended_throttled_alert' : 'lt.integrations.suspended_alert', {
        since: formatDateTime(r.suspendedAt, locale),
        streak: r.failureStreak,
        paused: r.pausedDeliveries,
        probe: r.nextProbeAt ? formatDateTime(r.nextProbeAt, locale) : '—',
      })}
    </Alert>
  );
}

/** A throttling receiver (429/503 with Retry-After): when the next delivery to it may go out. */
function Throttled() {
  const r = useRecordContext<WebhookSubscriberView>();
  const translate = useTranslate();
  const locale = useLocale();
  if (!r?.throttledUntil || r.suspendedAt) return null;
  return (
    <Alert severity="info" sx={{ mb: 2 }} data-testid="subscriber-throttled">
      {translate('lt.integrations.throttled_alert', { until: formatDateTime(r.throttledUntil, locale) })}
    </Alert>
  );
}

/** A partner's page: its settings, signing secret (rotate), replay of a range, API keys and the deliveries it got. */
export default function SubscriberEdit() {
  return (
    <Edit resource="webhook-subscribers" mutationMode="pessimistic" transform={subscriberPayload} redirect={false}>
      {/* No delete: a partner is switched off (active), so its delivery log stays. */}
      <SimpleForm
        toolbar={
          <Toolbar>
            <SaveButton />
          </Toolbar>
        }
      >
        <DisabledReason />
        <Suspended />
        <Throttled />
        <SubscriberInputs />
        <BooleanInput source="active" />
      </SimpleForm>
      <Stack sx={{ p: 2 }}>
        <SecretPanel />
        <ApiKeysPanel />
        <ReplayPanel />
        <DeliveriesPanel />
      </Stack>
    </Edit>
  );
}
