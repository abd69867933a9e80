import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MuiTextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import { LEAVE_KINDS, type LeaveKind, type LeaveView } from '@layanan/contracts';
import { useNotify, useTranslate } from 'react-admin';
import { useErrorText } from '../common/errors';
import { leavesApi } from './api';

const STATUS_COLOR = { upcoming: 'info', active: 'warning', ended: 'default', cancelled: 'default' } as const;

/** A user's leave (cuti): the list, cancelling what has not ended, and recording new leave (the API checks who may). */
export function LeavePanel({ userId, own = false }: { userId: string; own?: boolean }) {
  const translate = useTranslate();
  const notify = useNotify();
  const errorText = useErrorText();
  const [leaves, setLeaves] = useState<LeaveView[] | null>(null);
  const [kind, setKind] = useState<LeaveKind>('cuti');
  const [validFrom, setFrom] = useState('');
  const [validUntil, setUntil] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    leavesApi.ofUser(userId).then(setLeaves, (e: unknown) => notify(errorText(e), { type: 'error' }));
  }, [userId, notify, errorText]);
  useEffect(load, [load]);
  const add = async () => {
    setBusy(true);
    try {
      await leavesApi.create({
        ...(own ? {} : { userId }),
        kind,
        validFrom,
        validUntil: validUntil || validFrom,
        note: note.trim() || undefined,
      });
      notify('lt.leaves.added', { type: 'success' });
      setFrom('');
      setUntil('');
      setNote('');
      load();
    } catch (e) {
      notify(errorText(e), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const cancel = async (id: string) => {
    try {
      await leavesApi.cancel(id);
      notify('lt.leaves.cancelled', { type: 'success' });
      load();
    } catch (e) {
      notify(errorText(e), { type: 'error' });
    }
  };
  return (
    <Card variant="outlined" sx={{ mt: 2, width: '100%' }} data-testid="leave-panel">
      <CardContent>
        <Typography variant="h6">{translate(own ? 'lt.leaves.my_title' : 'lt.leaves.title')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('lt.leaves.period_hint')}
        </Typography>
        {leaves && leaves.length === 0 && <Alert severity="info">{translate('lt.leaves.none')}</Alert>}
        <List dense>
          {(leaves ?? []).map((l) => (
            <ListItem
              key={l.id}
              data-testid={`leave-${l.validFrom}`}
              secondaryAction={
                l.status === 'upcoming' || l.status === 'active' ? (
                  <Button size="small" color="warning" onClick={() => void cancel(l.id)} data-testid={`leave-cancel-${l.validFrom}`}>
                    {translate('lt.leaves.cancel')}
                  </Button>
                ) : undefined
              }
            >
              <ListItemText
                primary={
                  <>
                    {translate(`lt.leaves.kind.${l.kind}`)} · {translate('lt.leaves.period', { from: l.validFrom, until: l.validUntil })}{' '}
                    <Chip size="small" color={STATUS_COLOR[l.status]} label={translate(`lt.leaves.status.${l.status}`)} />
                  </>
                }
                secondary={[l.note, l.createdByName ? translate('lt.leaves.recorded_by', { name: l.createdByName }) : null]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </ListItem>
          ))}
        </List>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
          <MuiTextField
            select
            size="small"
            label={translate('lt.leaves.field.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as LeaveKind)}
            slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'leave-kind' }, inputLabel: { shrink: true } }}
          >
            {LEAVE_KINDS.map((k) => (
              <option key={k} value={k}>
                {translate(`lt.leaves.kind.${k}`)}
              </option>
            ))}
          </MuiTextField>
          <MuiTextField
            type="date"
            size="small"
            label={translate('lt.leaves.field.validFrom')}
            value={validFrom}
            onChange={(e) => setFrom(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'leave-from' }, inputLabel: { shrink: true } }}
          />
          <MuiTextField
            type="date"
            size="small"
            label={translate('lt.leaves.field.validUntil')}
            value={validUntil}
            onChange={(e) => setUntil(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'leave-until' }, inputLabel: { shrink: true } }}
          />
          <MuiTextField
            size="small"
            label={translate('lt.leaves.field.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'leave-note' } }}
          />
          <Button variant="contained" disabled={busy || !validFrom} onClick={() => void add()} data-testid="leave-add">
            {translate('lt.leaves.add')}
          </Button>
        </Box>
      </CardContent>
    </Card>
  );
}
