import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import type { BulkResult, CaseSummary } from '@layanan/contracts';
import { useDataProvider, useListContext, useRefresh, useTranslate, useUnselectAll } from 'react-admin';
import { useNotifyError } from '../common/errors';
import type { LayananDataProvider } from '../providers/dataProvider';
import { BulkResults } from './BulkResults';

/**
 * Approves the selected cases after a confirmation, each at the version the list showed: the
 * API checks four eyes and staleness per case, and the dialog lists every case's outcome.
 */
export function BulkApproveButton() {
  const translate = useTranslate();
  const { selectedIds, data } = useListContext<CaseSummary>();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" variant="contained" color="success" onClick={() => setOpen(true)} data-testid="bulk-approve">
        {translate('lt.bulk_approve.button')}
      </Button>
      {open && <BulkApproveDialog rows={(data ?? []).filter((r) => selectedIds.includes(r.id))} onClose={() => setOpen(false)} />}
    </>
  );
}

function BulkApproveDialog({ rows, onClose }: { rows: CaseSummary[]; onClose: () => void }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<LayananDataProvider>();
  const notifyError = useNotifyError();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('cases');
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const codes = new Map(rows.map((r) => [r.id, r.trackingCode]));

  const submit = async () => {
    setBusy(true);
    try {
      setResults(await dataProvider.bulkEvents({ type: 'APPROVE', items: rows.map((r) => ({ id: r.id, version: r.version })) }));
      unselectAll();
      refresh();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid="bulk-approve-dialog">
      <DialogTitle>{translate('lt.bulk_approve.title', { smart_count: rows.length })}</DialogTitle>
      <DialogContent>
        {results ? (
          <BulkResults results={results} codes={codes} testId="bulk-approve-results" />
        ) : (
          <DialogContentText data-testid="bulk-approve-question">
            {translate('lt.bulk_approve.question', { smart_count: rows.length, codes: rows.map((r) => r.trackingCode).join(', ') })}
          </DialogContentText>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} data-testid="bulk-approve-close">
          {translate(results ? 'ra.action.close' : 'ra.action.cancel')}
        </Button>
        {!results && (
          <Button
            variant="contained"
            color="success"
            disabled={busy || rows.length === 0}
            onClick={() => void submit()}
            data-testid="bulk-approve-submit"
          >
            {translate('lt.bulk_approve.submit')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
