import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import type { CaseDetail, CaseIssuance, IssuedDocumentView } from '@layanan/contracts';
import { formValueText } from '@layanan/contracts';
import { useLocale, useNotify, useRefresh, useTranslate } from 'react-admin';
import { formatDateTime } from '../common/format';
import { issuanceApi } from './api';
import { useIssuanceError } from './useIssuanceError';
import { saveBlob } from './usePdfUrl';

const STATUS_COLOR = { valid: 'success', revoked: 'error', superseded: 'warning' } as const;

/** The case's issued documents: download, verification link, and the head's revoke / correct. */
export function CaseIssuancePanel({ record }: { record: CaseDetail }) {
  const translate = useTranslate();
  const locale = useLocale();
  const describe = useIssuanceError();
  const notify = useNotify();
  const [info, setInfo] = useState<CaseIssuance | null>(null);
  const [dialog, setDialog] = useState<{ kind: 'revoke' | 'correct'; doc: IssuedDocumentView } | null>(null);
  const load = useCallback(() => {
    issuanceApi.forCase(record.id).then(setInfo, () => setInfo(null));
  }, [record.id]);
  // The record's version changes with every event (ISSUE, SIGN, revoke, correct): reload then.
  useEffect(load, [load, record.version]);
  const t = (key: string, args?: Record<string, unknown>) => translate(`lt.issuance.${key}`, args);
  if (!info) return null;
  const download = async (doc: IssuedDocumentView) => {
    try {
      saveBlob(await issuanceApi.content(doc.id), `${doc.number.replace(/[^A-Za-z0-9.-]+/g, '_')}.pdf`);
    } catch (e) {
      notify(describe(e), { type: 'warning' });
    }
  };
  return (
    <Box data-testid="issuance-panel">
      {info.signingUncertain && (
        <Alert severity="warning" sx={{ mb: 1 }} data-testid="signing-uncertain">
          <AlertTitle>{t('uncertain_title')}</AlertTitle>
          {t('uncertain_body', {
            signer: info.signingUncertain.signerKind === 'bsre' ? 'BSrE' : 'Layanan Terpadu',
            at: formatDateTime(info.signingUncertain.at, locale),
          })}
        </Alert>
      )}
      {info.documents.length === 0 ? (
        <Typography color="text.secondary">{t('none')}</Typography>
      ) : (
        <Stack spacing={1.5}>
          {[...info.documents].reverse().map((doc) => (
            <Box
              key={doc.id}
              data-testid={`issued-${doc.status}`}
              sx={{ borderLeft: 3, borderColor: `${STATUS_COLOR[doc.status]}.main`, pl: 1.5 }}
            >
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
                <Typography variant="subtitle2">{doc.title}</Typography>
                <Chip size="small" color={STATUS_COLOR[doc.status]} label={t(`status.${doc.status}`)} data-testid="issued-status" />
              </Stack>
              <Typography variant="body2" data-testid="issued-number" sx={{ fontFamily: 'monospace' }}>
                {t('number')}: {doc.number}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {t('issued_at')}: {formatDateTime(doc.issuedAt, locale)} · {t('signer')}: {doc.signerName} ({t(`mode.${doc.signatureMode}`)}
                , {t(`kind.${doc.signerKind}`)})
              </Typography>
              {doc.revocationReason && (
                <Typography variant="body2" color="error">
                  {doc.status === 'superseded' ? t('replaced_by') : t('revoked_because', { reason: doc.revocationReason })}
                </Typography>
              )}
              <Stack direction="row" spacing={1} sx={{ mt: 0.5, flexWrap: 'wrap' }} useFlexGap>
                <Button size="small" onClick={() => void download(doc)} data-testid="issued-download">
                  {t('download')}
                </Button>
                <Button size="small" component={Link} href={doc.verificationUrl} target="_blank" rel="noopener">
                  {t('verify_link')}
                </Button>
                {info.canRevoke && doc.status === 'valid' && (
                  <>
                    <Button size="small" color="warning" onClick={() => setDialog({ kind: 'correct', doc })} data-testid="issued-correct">
                      {t('correct')}
                    </Button>
                    <Button size="small" color="error" onClick={() => setDialog({ kind: 'revoke', doc })} data-testid="issued-revoke">
                      {t('revoke')}
                    </Button>
                  </>
                )}
              </Stack>
            </Box>
          ))}
        </Stack>
      )}
      {dialog && (
        <RevokeOrCorrectDialog
          kind={dialog.kind}
          doc={dialog.doc}
          record={record}
          personal={info.correctionSignature === 'personal'}
          signerKind={info.personalSignerKind}
          onClose={() => setDialog(null)}
        />
      )}
    </Box>
  );
}

function RevokeOrCorrectDialog({
  kind,
  doc,
  record,
  personal,
  signerKind,
  onClose,
}: {
  kind: 'revoke' | 'correct';
  doc: IssuedDocumentView;
  record: CaseDetail;
  personal: boolean;
  signerKind: 'local' | 'bsre';
  onClose: () => void;
}) {
  const translate = useTranslate();
  const describe = useIssuanceError();
  const notify = useNotify();
  const refresh = useRefresh();
  const t = (key: string, args?: Record<string, unknown>) => translate(`lt.issuance.${key}`, args);
  const [reason, setReason] = useState('');
  const [name, setName] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (kind === 'revoke') {
        await issuanceApi.revoke(doc.id, reason.trim());
        notify('lt.issuance.revoked', { type: 'success' });
      } else {
        const formData = Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim() !== ''));
        const created = await issuanceApi.correct(doc.id, {
          reason: reason.trim(),
          passphrase: personal ? passphrase : undefined,
          applicantName: name.trim() || undefined,
          formData: Object.keys(formData).length ? formData : undefined,
        });
        notify('lt.issuance.corrected', { type: 'success', messageArgs: { number: created.number } });
      }
      onClose();
      refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const keys = Object.keys(record.formData ?? {});
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid={`issued-${kind}-dialog`}>
      <DialogTitle>{t(kind === 'revoke' ? 'revoke_title' : 'correct_title', { number: doc.number })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 1 }}>
          {t(kind === 'revoke' ? 'revoke_hint' : 'correct_hint')}
        </Typography>
        <TextField
          label={t('reason')}
          required
          fullWidth
          multiline
          minRows={2}
          margin="dense"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'issued-reason', maxLength: 2000 } }}
        />
        {kind === 'correct' && (
          <>
            <TextField
              label={t('applicant_name')}
              fullWidth
              margin="dense"
              value={name}
              placeholder={record.applicantName}
              onChange={(e) => setName(e.target.value)}
            />
            {keys.map((key) => (
              <TextField
                key={key}
                label={key}
                fullWidth
                margin="dense"
                placeholder={formValueText(record.formData[key] ?? '')}
                value={fields[key] ?? ''}
                onChange={(e) => setFields((f) => ({ ...f, [key]: e.target.value }))}
              />
            ))}
            {personal && (
              <TextField
                type="password"
                required
                fullWidth
                margin="dense"
                autoComplete="off"
                label={t(`signing.${signerKind === 'bsre' ? 'passphrase_bsre' : 'passphrase_local'}`)}
                helperText={t('signing.passphrase_hint')}
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
              />
            )}
          </>
        )}
        {error !== null && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {describe(error)}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          color={kind === 'revoke' ? 'error' : 'warning'}
          disabled={busy || reason.trim().length < 3 || (kind === 'correct' && personal && passphrase === '')}
          onClick={() => void submit()}
          data-testid="issued-confirm"
        >
          {t(kind === 'revoke' ? 'revoke' : 'correct')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
