import Button from '@mui/material/Button';
import { useState } from 'react';
import type { CaseSummary } from '@layanan/contracts';
import { useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useNotifyError } from '../common/errors';
import type { LayananDataProvider } from '../providers/dataProvider';

/** One-click claim from the list for unassigned open cases; a lost race refreshes the list. */
export function ClaimButton() {
  const record = useRecordContext<CaseSummary>();
  const dataProvider = useDataProvider<LayananDataProvider>();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  if (!record || record.assigneeId !== null || record.slaStatus === 'done') return null;
  const claim = async (e: React.MouseEvent) => {
    e.stopPropagation();
    setBusy(true);
    try {
      await dataProvider.caseEvent(record.id, { type: 'CLAIM', version: record.version });
      notify('lt.case.done', { type: 'success', messageArgs: { action: translate('lt.action.CLAIM') } });
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
      refresh();
    }
  };
  return (
    <Button size="small" variant="outlined" disabled={busy} onClick={(e) => void claim(e)} data-testid={`claim-${record.trackingCode}`}>
      {translate('lt.case.claim')}
    </Button>
  );
}
