import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { formatLetterNumber, letterNumberPatternProblems, type LetterheadView } from '@layanan/contracts';
import { Loading, Title, useGetOne, useNotify, useTranslate } from 'react-admin';
import { issuanceApi } from './api';
import { useIssuanceError } from './useIssuanceError';

/** An OPD's kop surat (lines, address, contact, logo), the city its letters are dated in, and its letter-number pattern. */
export default function LetterheadEdit() {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const notify = useNotify();
  const describe = useIssuanceError();
  const { data: opd } = useGetOne<{ id: string; name: string }>('opds', { id });
  const [form, setForm] = useState<LetterheadView | null>(null);
  const [busy, setBusy] = useState(false);
  const t = (key: string, args?: Record<string, unknown>) => translate(`lt.issuance.letterhead.${key}`, args);
  useEffect(() => {
    issuanceApi.letterhead(id).then(setForm, (e: unknown) => notify(describe(e), { type: 'warning' }));
    // describe/notify are stable enough for a one-time load per OPD.
  }, [id]);
  if (!form || !opd) return <Loading />;
  const lines = [...form.lines, '', '', '', ''].slice(0, 4);
  const pattern = form.numberPattern ?? '';
  const problems = pattern ? letterNumberPatternProblems(pattern) : [];
  const set = (patch: Partial<LetterheadView>) => setForm({ ...form, ...patch });
  const save = async () => {
    setBusy(true);
    try {
      setForm(
        await issuanceApi.saveLetterhead(id, {
          lines: form.lines.filter((l) => l.trim() !== ''),
          address: form.address,
          contact: form.contact,
          city: form.city,
          numberPattern: pattern.trim() || null,
        }),
      );
      notify('lt.issuance.letterhead.saved', { type: 'success' });
    } catch (e) {
      notify(describe(e), { type: 'warning' });
    } finally {
      setBusy(false);
    }
  };
  const upload = async (file: File | undefined) => {
    if (!file) return;
    try {
      setForm(await issuanceApi.uploadLogo(id, file));
      notify('lt.issuance.letterhead.logo_saved', { type: 'success' });
    } catch (e) {
      notify(describe(e), { type: 'warning' });
    }
  };
  return (
    <Box sx={{ mt: 1, maxWidth: 900 }} data-testid="letterhead-edit">
      <Title title={t('title', { opd: opd.name })} />
      <Typography variant="h5" gutterBottom>
        {t('title', { opd: opd.name })}
      </Typography>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="subtitle2">{t('lines')}</Typography>
          {lines.map((line, i) => (
            <TextField
              key={i}
              label={t('line', { n: i + 1 })}
              fullWidth
              margin="dense"
              value={line}
              onChange={(e) => {
                const next = [...lines];
                next[i] = e.target.value;
                set({ lines: next });
              }}
            />
          ))}
          <TextField
            label={t('address')}
            fullWidth
            margin="dense"
            value={form.address}
            onChange={(e) => set({ address: e.target.value })}
          />
          <TextField
            label={t('contact')}
            fullWidth
            margin="dense"
            value={form.contact}
            onChange={(e) => set({ contact: e.target.value })}
          />
          <TextField label={t('city')} margin="dense" value={form.city} onChange={(e) => set({ city: e.target.value })} />
          <TextField
            label={t('number_pattern')}
            fullWidth
            margin="dense"
            value={pattern}
            error={problems.length > 0}
            helperText={
              problems.length ? problems.join('; ') : pattern ? formatLetterNumber(pattern, 1, new Date()) : t('number_pattern_help')
            }
            onChange={(e) => set({ numberPattern: e.target.value })}
            slotProps={{ htmlInput: { 'data-testid': 'letterhead-pattern' } }}
          />
          <Alert severity="info" sx={{ my: 1 }}>
            {t('number_pattern_help')}
          </Alert>
          <Typography variant="subtitle2" sx={{ mt: 1 }}>
            {t('logo')}
          </Typography>
          <Button variant="outlined" component="label" sx={{ mt: 0.5 }}>
            {t('logo_upload')}
            <input hidden type="file" accept="image/png,image/jpeg" onChange={(e) => void upload(e.target.files?.[0])} />
          </Button>
          {form.hasLogo && <Typography variant="body2">✓</Typography>}
          <Box sx={{ mt: 2 }}>
            <Button variant="contained" disabled={busy || problems.length > 0} onClick={() => void save()} data-testid="letterhead-save">
              {translate('ra.action.save')}
            </Button>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
}
