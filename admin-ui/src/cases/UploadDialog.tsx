import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MuiTextField from '@mui/material/TextField';
import { useState } from 'react';
import type { CaseDetail } from '@layanan/contracts';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { useNotifyError } from '../common/errors';
import type { LayananDataProvider } from '../providers/dataProvider';

export function UploadDialog({ record, initialKey, onClose }: { record: CaseDetail; initialKey: string; onClose: () => void }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<LayananDataProvider>();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const refresh = useRefresh();
  const docs = record.requirements.filter((r) => r.kind === 'document');
  const [key, setKey] = useState(initialKey || docs[0]?.key || '');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!file) return;
    setBusy(true);
    try {
      await dataProvider.uploadDocument(record.id, key, file);
      notify('lt.case.uploaded', { type: 'success' });
      refresh();
      onClose();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid="upload-dialog">
      <DialogTitle>{translate('lt.case.upload')}</DialogTitle>
      <DialogContent>
        <MuiTextField
          select
          fullWidth
          margin="normal"
          label={translate('lt.case.upload_requirement')}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'upload-requirement' }, inputLabel: { shrink: true } }}
        >
          {docs.map((r) => (
            <option key={r.key} value={r.key}>
              {r.label}
            </option>
          ))}
        </MuiTextField>
        <input
          type="file"
          accept="application/pdf,image/jpeg,image/png"
          data-testid="upload-file"
          aria-label={translate('lt.case.upload_file')}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          style={{ marginTop: 16 }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" disabled={busy || !file || !key} onClick={() => void submit()} data-testid="upload-submit">
          {translate('lt.case.upload')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
