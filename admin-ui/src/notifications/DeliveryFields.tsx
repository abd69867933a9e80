import ReplayIcon from '@mui/icons-material/Replay';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import type { DeliveryView } from '@layanan/contracts';
import { FunctionField, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { useBusyAction } from '../common/useBusyAction';
import { notificationsApi } from './api';

// A delivery's case link, last error, status chip and retry button: the delivery log and a webhook subscriber's page show them.

const STATUS_COLOR = { pending: 'info', paused: 'warning', delivered: 'success', dead: 'error' } as const;

export function StatusChip() {
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

export function RetryButton() {
  const r = useRecordContext<DeliveryView>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { busy, run } = useBusyAction();
  if (!r || r.status === 'delivered') return null;
  const retry = () =>
    run(async () => {
      await notificationsApi.retryDelivery(r.id);
      notify('lt.notify.retried', { type: 'success' });
      refresh();
    });
  return (
    <Button size="small" startIcon={<ReplayIcon />} onClick={() => void retry()} disabled={busy} data-testid="delivery-retry">
      {translate('lt.notify.retry')}
    </Button>
  );
}

/** The delivery's case, linked (short id). */
export function DeliveryCaseField() {
  return (
    <FunctionField
      source="caseId"
      sortable={false}
      render={(r: DeliveryView) =>
        r.caseId ? <Link to={`/cases/${encodeURIComponent(r.caseId)}/show`}>{r.caseId.slice(0, 8)}</Link> : '—'
      }
    />
  );
}

/** The last failure: the receiver's HTTP status, if any, and the error. */
export function DeliveryErrorField() {
  return (
    <FunctionField
      source="lastError"
      sortable={false}
      render={(r: DeliveryView) => (r.lastError ? `${r.lastStatus ? `[${r.lastStatus}] ` : ''}${r.lastError}` : '—')}
    />
  );
}
