import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MuiTextField from '@mui/material/TextField';
import { useState } from 'react';
import type { AppointmentView } from '@layanan/contracts';
import { useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useErrorText } from '../common/errors';
import { appointmentsApi } from './api';
import { useAppointmentStatus } from './AppointmentFields';

/** Ends an appointment in force now, or cancels one not yet started (the API checks who may). */
export function RevokeButton() {
  const r = useRecordContext<AppointmentView>();
  const status = useAppointmentStatus(r);
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (!r || (status !== 'active' && status !== 'upcoming')) return null;
  const submit = async () => {
    setBusy(true);
    try {
      await appointmentsApi.revoke(r.id, reason.trim());
      notify('lt.appointments.revoked', { type: 'success' });
      setOpen(false);
      refresh();
    } catch (e) {
      notify(errorText(e), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        color="warning"
        data-testid={`appointment-revoke-${r.id}`}
        onClick={(e) => {
          e.stopPropagation();
          setOpen(true);
        }}
      >
        {translate('lt.appointments.revoke')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} onClick={(e) => e.stopPropagation()} fullWidth maxWidth="sm">
        <DialogTitle>{translate('lt.appointments.revoke_title', { capacity: r.capacity })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('lt.appointments.revoke_content', { name: r.userName })}</DialogContentText>
          <MuiTextField
            autoFocus
            required
            fullWidth
            margin="normal"
            name="reason"
            label={translate('lt.appointments.revoke_reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'appointment-revoke-reason' } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button
            color="warning"
            variant="contained"
            disabled={busy || reason.trim().length < 3}
            onClick={() => void submit()}
            data-testid="appointment-revoke-confirm"
          >
            {translate('lt.appointments.revoke')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
