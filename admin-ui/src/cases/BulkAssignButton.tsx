import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MuiTextField from '@mui/material/TextField';
import { useMemo, useState } from 'react';
import type { BulkResult, CaseSummary } from '@layanan/contracts';
import { useDataProvider, useGetList, useListContext, useRefresh, useTranslate, useUnselectAll } from 'react-admin';
import { useNotifyError } from '../common/errors';
import type { LayananDataProvider } from '../providers/dataProvider';
import { BulkResults } from './BulkResults';

interface UserOption {
  id: string;
  fullName: string;
  username: string;
  roles: string[];
}

export function BulkAssignButton() {
  const translate = useTranslate();
  const { selectedIds, data } = useListContext<CaseSummary>();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" variant="contained" onClick={() => setOpen(true)} data-testid="bulk-assign">
        {translate('lt.bulk.button')}
      </Button>
      {open && (
        <BulkAssignDialog
          ids={selectedIds.map(String)}
          rows={(data ?? []).filter((r) => selectedIds.includes(r.id))}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

function BulkAssignDialog({ ids, rows, onClose }: { ids: string[]; rows: CaseSummary[]; onClose: () => void }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<LayananDataProvider>();
  const notifyError = useNotifyError();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('cases');
  const opdIds = useMemo(() => [...new Set(rows.map((r) => r.opdId))], [rows]);
  const opdId = opdIds.length === 1 ? opdIds[0] : undefined;
  const { data: users = [] } = useGetList<UserOption>(
    'users',
    { filter: { opdId, active: true }, pagination: { page: 1, perPage: 200 }, sort: { field: 'fullName', order: 'ASC' } },
    { enabled: Boolean(opdId) },
  );
  const [assigneeId, setAssigneeId] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const codes = new Map(rows.map((r) => [r.id, r.trackingCode]));

  const submit = async () => {
    setBusy(true);
    try {
      setResults(await dataProvider.bulkAssign({ caseIds: ids, assigneeId, reason: reason.trim() }));
      unselectAll();
      refresh();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid="bulk-assign-dialog">
      <DialogTitle>{translate('lt.bulk.title', { smart_count: ids.length })}</DialogTitle>
      <DialogContent>
        {!opdId && <Alert severity="warning">{translate('lt.bulk.mixed_opd')}</Alert>}
        {results ? (
          <BulkResults results={results} codes={codes} testId="bulk-assign-results" />
        ) : (
          opdId && (
            <>
              <MuiTextField
                select
                fullWidth
                margin="normal"
                label={translate('lt.bulk.assignee')}
                value={assigneeId}
                onChange={(e) => setAssigneeId(e.target.value)}
                slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'bulk-assignee' }, inputLabel: { shrink: true } }}
              >
                <option value="" />
                {users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.fullName} ({u.roles.map((role) => translate(`lt.role.${role}`)).join(', ')})
                  </option>
                ))}
              </MuiTextField>
              <MuiTextField
                fullWidth
                multiline
                minRows={2}
                margin="normal"
                label={translate('lt.bulk.reason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                slotProps={{ htmlInput: { 'data-testid': 'bulk-reason' } }}
              />
            </>
          )
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate(results ? 'ra.action.close' : 'ra.action.cancel')}</Button>
        {!results && (
          <Button
            variant="contained"
            disabled={busy || !opdId || !assigneeId || !reason.trim()}
            onClick={() => void submit()}
            data-testid="bulk-assign-submit"
          >
            {translate('lt.bulk.submit')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
