import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import {
  formatLetterNumber,
  letterNumberPatternProblems,
  TEMPLATE_PLACEHOLDERS,
  documentTemplateProblems,
  type DocumentTemplateView,
  type FormField,
} from '@layanan/contracts';
import { Loading, Title, useGetOne, useLocale, useNotify, useTranslate } from 'react-admin';
import { formatDateTime } from '../common/format';
import { issuanceApi } from './api';
import { useIssuanceError } from './useIssuanceError';

interface ServiceRecord {
  id: string;
  name: string;
  formFields: FormField[];
}

/**
 * The document template of one service: title, body with {{placeholders}} and an optional
 * letter-number pattern, checked as you type with the same rules as the API (libs/contracts),
 * a PDF preview of a sample case, and saving as a new version.
 */
export default function TemplateEditor() {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const describe = useIssuanceError();
  const { data: service } = useGetOne<ServiceRecord>('services', { id });
  const [current, setCurrent] = useState<DocumentTemplateView | null | undefined>(undefined);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [pattern, setPattern] = useState('');
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);
  const t = (key: string, args?: Record<string, unknown>) => translate(`lt.issuance.template.${key}`, args);

  useEffect(() => {
    issuanceApi.template(id).then(
      (tpl) => {
        setCurrent(tpl);
        setTitle(tpl?.title ?? '');
        setBody(tpl?.body ?? '');
        setPattern(tpl?.numberPattern ?? '');
      },
      () => setCurrent(null),
    );
  }, [id]);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const formFields = service?.formFields ?? [];
  const problems = useMemo(() => {
    const list = documentTemplateProblems({ title, body }, formFields).map((p) => `${p.field}: ${p.message}`);
    if (pattern.trim()) list.push(...letterNumberPatternProblems(pattern.trim()).map((m) => `numberPattern: ${m}`));
    return list;
  }, [title, body, pattern, formFields]);
  if (!service || current === undefined) return <Loading />;

  const texts = { title, body, numberPattern: pattern.trim() || null };
  const insert = (name: string) => {
    const el = bodyRef.current;
    const token = `{{${name}}}`;
    const at = el?.selectionStart ?? body.length;
    setBody(body.slice(0, at) + token + body.slice(el?.selectionEnd ?? at));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };
  const showPreview = async () => {
    setBusy(true);
    try {
      const blob = await issuanceApi.previewTemplate(id, texts);
      setPreview(URL.createObjectURL(blob));
    } catch (e) {
      notify(describe(e), { type: 'warning' });
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    setBusy(true);
    try {
      const saved = await issuanceApi.saveTemplate(id, texts);
      setCurrent(saved);
      notify('lt.issuance.template.saved', { type: 'success', messageArgs: { version: saved.version } });
    } catch (e) {
      notify(describe(e), { type: 'warning' });
    } finally {
      setBusy(false);
    }
  };
  const placeholders = [
    ...TEMPLATE_PLACEHOLDERS.map((p) => ({ name: p, label: translate(`lt.issuance.placeholder.${p}`) })),
    ...formFields.map((f) => ({ name: `form.${f.key}`, label: translate('lt.issuance.placeholder.form', { label: f.label }) })),
  ];
  const example =
    pattern.trim() && letterNumberPatternProblems(pattern.trim()).length === 0 ? formatLetterNumber(pattern.trim(), 1, new Date()) : null;

  return (
    <Box sx={{ mt: 1 }} data-testid="template-editor">
      <Title title={t('title', { service: service.name })} />
      <Typography variant="h5" gutterBottom>
        {t('title', { service: service.name })}
      </Typography>
      {current ? (
        <Typography variant="body2" color="text.secondary" data-testid="template-version">
          {t('version', { version: current.version, date: formatDateTime(current.createdAt, locale), by: current.createdByName ?? '—' })}
        </Typography>
      ) : (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {t('none')}
        </Alert>
      )}
      <Alert severity="info" sx={{ my: 1 }}>
        {t('versioned_hint')}
      </Alert>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 6 }}>
          <Card variant="outlined">
            <CardContent>
              <TextField
                label={t('doc_title')}
                fullWidth
                margin="dense"
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                slotProps={{ htmlInput: { 'data-testid': 'template-title' } }}
              />
              <TextField
                label={t('body')}
                fullWidth
                multiline
                minRows={16}
                margin="dense"
                value={body}
                helperText={t('body_help')}
                onChange={(e) => setBody(e.target.value)}
                inputRef={bodyRef}
                slotProps={{ htmlInput: { 'data-testid': 'template-body', style: { fontFamily: 'monospace', fontSize: 13 } } }}
              />
              <Typography variant="subtitle2" sx={{ mt: 1 }}>
                {t('placeholders')}
              </Typography>
              <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', mb: 1 }}>
                {placeholders.map((p) => (
                  <Chip
                    key={p.name}
                    size="small"
                    variant="outlined"
                    label={p.label}
                    title={`{{${p.name}}}`}
                    onClick={() => insert(p.name)}
                  />
                ))}
              </Stack>
              <TextField
                label={t('number_pattern')}
                fullWidth
                margin="dense"
                value={pattern}
                placeholder="474/{seq:3}/35.73.301/{year}"
                helperText={example ? t('example_number', { number: example }) : t('number_pattern_help')}
                onChange={(e) => setPattern(e.target.value)}
                slotProps={{ htmlInput: { 'data-testid': 'template-pattern' } }}
              />
              {problems.length > 0 && (
                <Alert severity="error" sx={{ mt: 1 }} data-testid="template-problems">
                  {t('problems')}
                  <ul style={{ margin: 0 }}>
                    {problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                </Alert>
              )}
              <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
                <Button
                  variant="outlined"
                  disabled={busy || problems.length > 0}
                  onClick={() => void showPreview()}
                  data-testid="template-preview"
                >
                  {t('preview')}
                </Button>
                <Button variant="contained" disabled={busy || problems.length > 0} onClick={() => void save()} data-testid="template-save">
                  {t('save')}
                </Button>
              </Stack>
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          {preview && (
            <Box
              component="iframe"
              src={preview}
              title="preview"
              data-testid="template-preview-pdf"
              sx={{ width: '100%', height: '80vh', border: 0 }}
            />
          )}
        </Grid>
      </Grid>
    </Box>
  );
}
