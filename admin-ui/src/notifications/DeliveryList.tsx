import ReplayIcon from '@mui/icons-material/Replay';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import type { DeliveryView } from '@layanan/contracts';
import { useState } from 'react';
import {
  Datagrid,
  FunctionField,
  List,
  SelectField,
  SelectInput,
  TextField,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router';
import { useNotifyError } from '../common/errors';
import { JakartaDateTimeField } from '../common/fields';
import { notificationsApi } from './api';
import { channelChoices } from './choices';

const statusChoices = ['pending', 'failing', 'dead', 'delivered'].map((id) => ({ id, name: `lt.notify.status.${id}` }));

const filters = [
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <SelectInput key="channel" source="channel" choices={channelChoices} alwaysOn />,
];

const STATUS_COLOR = { pending: 'info', delivered: 'success', dead: 'error' } as const;

function StatusChip() {
  const r = useRecordContext<DeliveryView>();
  const translate = useTranslate();
  if (!r) return null;
  const failing = r.status === 'pending' && r.lastError !== null;
  return (
    <Chip
      size="small"
      color={failing ? 'warning' : STATUS_COLOR[r.status]}
      label={translate(`lt.notify.status.${failing ? 'failing' : r.status}`)}
      data-testid="delivery-status"
    />
  );
}

function RetryButton() {
  const r = useRecordContext<DeliveryView>();
  const translate = useTranslate();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!r || r.status === 'delivered') return null;
  const retry = async () => {
    setBusy(true);
    try {
      await notificationsApi.retryDelivery(r.id);
      notify('lt.notify.retried', { type: 'success' });
      refresh();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" startIcon={<ReplayIcon />} onClick={() => void retry()} disabled={busy} data-testid="delivery-retry">
      {translate('lt.notify.retry')}
    </Button>
  );
}

/** Pengiriman: every citizen message and webhook call, failing and dead ones first to look at, with the last error and a retry. */
export default function DeliveryList() {
  return (
    <List resource="deliveries" filters={filters} filterDefaultValues={{ status: 'failing' }} perPage={50} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <JakartaDateTimeField source="createdAt" sortable={false} />
        <SelectField source="channel" choices={channelChoices} sortable={false} />
        <TextField source="event" sortable={false} />
        <TextField source="recipient" sortable={false} />
        <FunctionField
          source="caseId"
          sortable={false}
          render={(r: DeliveryView) =>
            r.caseId ? <Link to={`/cases/${encodeURIComponent(r.caseId)}/show`}>{r.caseId.slice(0, 8)}</Link> : '—'
          }
        />
        <StatusChip />
        <TextField source="attempts" sortable={false} />
        <JakartaDateTimeField source="nextAttemptAt" sortable={false} />
        <FunctionField
          source="lastError"
          sortable={false}
          render={(r: DeliveryView) => (r.lastError ? `${r.lastStatus ? `[${r.lastStatus}] ` : ''}${r.lastError}` : '—')}
        />
        <RetryButton />
      </Datagrid>
    </List>
  );
}
