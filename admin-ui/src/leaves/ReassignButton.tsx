import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import MuiTextField from '@mui/material/TextField';
import { useState } from 'react';
import type { BulkResult, ReassignPreview } from '@layanan/contracts';
import { useNotify, useTranslate } from 'react-admin';
import { errorKey, useErrorText } from '../common/errors';
import { leavesApi } from './api';

/** Moves a user's open cases to others: first the preview (who gets which case), then each case through ASSIGN. */
export function ReassignButton({ userId, fullName }: { userId: string; fullName: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const errorText = useErrorText();
  const [preview, setPreview] = useState<ReassignPreview | null>(null);
  const [results, setResults] = useState<Map<string, BulkResult> | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const open = async () => {
    try {
      setResults(null);
      setPreview(await leavesApi.reassignPreview(userId));
    } catch (e) {
      notify(errorText(e), { type: 'error' });
    }
  };
  const runnable = (preview?.items ?? []).filter((i) => i.assigneeId && !i.problem);
  const run = async () => {
    setBusy(true);
    try {
      const out = await leavesApi.reassign(
        userId,
        runnable.map((i) => ({ caseId: i.caseId, version: i.version, assigneeId: i.assigneeId as string })),
        reason.trim(),
      );
      setResults(new Map(out.map((r) => [r.id, r])));
      notify(translate('lt.leaves.reassign_done', { ok: out.filter((r) => r.ok).length, total: out.length }), { type: 'info' });
    } catch (e) {
      notify(errorText(e), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="outlined" onClick={() => void open()} data-testid="reassign-open">
        {translate('lt.leaves.reassign')}
      </Button>
      <Dialog open={preview !== null} onClose={() => setPreview(null)} fullWidth maxWidth="md" data-testid="reassign-dialog">
        <DialogTitle>{translate('lt.leaves.reassign_title', { name: fullName })}</DialogTitle>
        <DialogContent>
          <Alert severity="info" sx={{ mb: 1 }}>
            {translate('lt.leaves.reassign_hint')}
          </Alert>
          {preview && preview.items.length === 0 ? (
            <Alert severity="success">{translate('lt.leaves.reassign_none')}</Alert>
          ) : (
            <Table size="small">
              <TableHead>
                <TableRow>
                  {(['case', 'service', 'state', 'due', 'to', 'result'] as const).map((c) => (
                    <TableCell key={c}>{translate(`lt.leaves.col.${c}`)}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {(preview?.items ?? []).map((i) => {
                  const r = results?.get(i.caseId);
                  return (
                    <TableRow key={i.caseId} data-testid={`reassign-row-${i.trackingCode}`}>
                      <TableCell>{i.trackingCode}</TableCell>
                      <TableCell>{i.serviceName}</TableCell>
                      <TableCell>{i.stateLabel}</TableCell>
                      <TableCell>
                        {i.dueAt ? new Date(i.dueAt).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta' }) : '—'} ·{' '}
                        {translate(`lt.sla.${i.slaStatus}`, { _: i.slaStatus })}
                      </TableCell>
                      <TableCell data-testid="reassign-to">
                        {i.problem ? translate(`lt.leaves.problem.${i.problem}`, { _: i.problem }) : i.assigneeName}
                      </TableCell>
                      <TableCell data-testid="reassign-result">
                        {r ? (r.ok ? '✓' : translate(errorKey(r.code ?? 'UNKNOWN'))) : ''}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
          {runnable.length > 0 && !results && (
            <MuiTextField
              required
              fullWidth
              margin="normal"
              label={translate('lt.leaves.reassign_reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': 'reassign-reason' } }}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setPreview(null)}>{translate('ra.action.close')}</Button>
          {!results && (
            <Button
              variant="contained"
              disabled={busy || runnable.length === 0 || !reason.trim()}
              onClick={() => void run()}
              data-testid="reassign-run"
            >
              {translate('lt.leaves.reassign_run', { smart_count: runnable.length })}
            </Button>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
}
