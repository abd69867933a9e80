import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { AvailableAction, CaseDetail, SignerKind } from '@layanan/contracts';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { LayananDataProvider } from '../providers/dataProvider';
import { issuanceApi } from './api';
import { useIssuanceError } from './useIssuanceError';
import { usePdfUrl } from './usePdfUrl';

/**
 * The issuing step: the signer sees the draft PDF (no number, no QR code yet) and, for a personal
 * signature, types their passphrase (BSrE) or password (local signer). The passphrase lives only
 * in this dialog's state and the one request; it is cleared when the dialog closes.
 */
export function SigningDialog({ record, action, onClose }: { record: CaseDetail; action: AvailableAction; onClose: () => void }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<LayananDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [signerKind, setSignerKind] = useState<SignerKind>('local');
  useEffect(() => {
    issuanceApi.forCase(record.id).then(
      (i) => setSignerKind(i.personalSignerKind),
      () => undefined,
    );
  }, [record.id]);
  const onCancel = onClose;
  const onSubmit = async (secret: string | undefined) => {
    setBusy(true);
    setError(null);
    try {
      await dataProvider.caseEvent(record.id, { type: action.type, version: record.version, passphrase: secret });
      setPassphrase('');
      notify('lt.case.done', { type: 'success', messageArgs: { action: translate(`lt.action.${action.type}`, { _: action.type }) } });
      onClose();
      refresh();
    } catch (e) {
      // Stay open: the signer may correct the passphrase, or check and retry after an uncertain outcome.
      setError(e);
      refresh();
    } finally {
      setBusy(false);
    }
  };
  const describe = useIssuanceError();
  const personal = action.issues?.signature === 'personal';
  const [passphrase, setPassphrase] = useState('');
  const draft = usePdfUrl(() => issuanceApi.draft(record.id), [record.id, record.version]);
  const t = (key: string, args?: Record<string, unknown>) => translate(`lt.issuance.signing.${key}`, args);
  return (
    <Dialog open onClose={onCancel} fullWidth maxWidth="lg" data-testid="signing-dialog">
      <DialogTitle>{t(personal ? 'title_personal' : 'title_seal', { code: record.trackingCode })}</DialogTitle>
      <DialogContent dividers>
        <Typography variant="body2" sx={{ mb: 1 }}>
          {t(personal ? 'intro_personal' : 'intro_seal')}
        </Typography>
        <Box sx={{ height: '62vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'grey.100' }}>
          {draft.error ? (
            <Alert severity="error" data-testid="draft-error">
              {describe(draft.error)}
            </Alert>
          ) : draft.url ? (
            <Box
              component="iframe"
              src={draft.url}
              title="draft"
              data-testid="draft-pdf"
              sx={{ width: '100%', height: '100%', border: 0 }}
            />
          ) : (
            <Box sx={{ textAlign: 'center' }}>
              <CircularProgress />
              <Typography variant="body2">{t('draft_loading')}</Typography>
            </Box>
          )}
        </Box>
        {personal && (
          <TextField
            type="password"
            fullWidth
            required
            margin="normal"
            autoComplete="off"
            label={t(signerKind === 'bsre' ? 'passphrase_bsre' : 'passphrase_local')}
            helperText={t('passphrase_hint')}
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'signing-passphrase', maxLength: 200 } }}
          />
        )}
        {error !== null && error !== undefined && (
          <Alert severity="error" sx={{ mt: 1 }} data-testid="signing-error">
            {describe(error)}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          data-testid="signing-confirm"
          disabled={busy || Boolean(draft.error) || (personal && passphrase === '')}
          onClick={() => void onSubmit(personal ? passphrase : undefined)}
        >
          {t(personal ? 'sign' : 'issue')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
