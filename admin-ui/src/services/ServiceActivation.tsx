import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import { Confirm, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useNotifyError } from '../common/errors';
import type { LayananDataProvider } from '../providers/dataProvider';

interface ServiceRecord {
  id: string;
  name: string;
  active: boolean;
}

/**
 * A service is never deleted (cases, reports and the audit trail refer to it): it is deactivated,
 * which takes it out of the public catalog and refuses new applications while running cases
 * continue, and it can be activated again. Both ask first.
 */
export function ServiceActivation() {
  const record = useRecordContext<ServiceRecord>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<LayananDataProvider>();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const refresh = useRefresh();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const next = !record.active;
  const verb = next ? 'activate' : 'deactivate';
  const confirm = async () => {
    setBusy(true);
    try {
      await dataProvider.setServiceActive(record.id, next);
      notify(`lt.service.${verb}d`, { type: 'success', messageArgs: { name: record.name } });
      refresh();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2, width: '100%' }}>
      <Alert severity={record.active ? 'success' : 'warning'} sx={{ flex: 1 }} data-testid="service-status">
        {translate(record.active ? 'lt.service.status_active' : 'lt.service.status_inactive')}
      </Alert>
      <Button
        variant="outlined"
        color={next ? 'primary' : 'warning'}
        disabled={busy}
        onClick={() => setAsking(true)}
        data-testid={`service-${verb}`}
      >
        {translate(`lt.service.${verb}`)}
      </Button>
      <Confirm
        isOpen={asking}
        loading={busy}
        title={translate(`lt.service.${verb}_title`, { name: record.name })}
        content={translate(`lt.service.${verb}_content`)}
        confirm={translate(`lt.service.${verb}`)}
        onConfirm={() => void confirm()}
        onClose={() => setAsking(false)}
      />
    </Stack>
  );
}
