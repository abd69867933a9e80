// One consult: who asked whom, the question and its files, the deadline; the answer (immutable)
// or, for the consulted OPD, the answer form; for the lead OPD, withdrawing an open one.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import MuiTextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { CONSULT_ANSWER_MAX, type ConsultView } from '@layanan/contracts';
import { useState } from 'react';
import { useLocale, useNotify, useTranslate } from 'react-admin';
import { formatDateTime } from '../common/format';
import { useBusyAction } from '../common/useBusyAction';
import { consultsApi } from './api';
import { ConsultFollowUpChip, ConsultStatusChip } from './ConsultStatusChip';

export function FilePicker({ files, onChange, testId }: { files: File[]; onChange: (f: File[]) => void; testId: string }) {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {translate('lt.consults.files')} — {translate('lt.consults.files_hint')}
      </Typography>
      <input
        type="file"
        multiple
        accept="application/pdf,image/jpeg,image/png,image/webp"
        data-testid={testId}
        onChange={(e) => onChange(Array.from(e.target.files ?? []).slice(0, 5))}
      />
      {files.length > 0 && <Typography variant="caption">{files.map((f) => f.name).join(', ')}</Typography>}
    </Box>
  );
}

export function ConsultCard({
  consult: k,
  onChanged,
  documentNames = new Map(),
}: {
  consult: ConsultView;
  onChanged: (k: ConsultView) => void;
  /** Case document id -> its label, for the shared documents. */
  documentNames?: Map<string, string>;
}) {
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const { busy, run } = useBusyAction();
  const [answer, setAnswer] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const open = (path: string) => run(() => consultsApi.open(path));
  return (
    <Card variant="outlined" sx={{ mb: 1 }} data-testid={`consult-${k.id}`}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
          <ConsultStatusChip status={k.status} overdue={k.overdue} />
          <ConsultFollowUpChip consult={k} />
          <Typography variant="subtitle2">
            {translate('lt.consults.from_to', { from: k.requesterOpdName, to: k.consultedOpdName })}
            {k.consultedRole ? ` (${translate(`lt.consults.role_name.${k.consultedRole}`)})` : ''}
          </Typography>
        </Stack>
        <Typography variant="caption" color="text.secondary" component="div">
          {translate('lt.consults.requested_by', { name: k.requestedByName, date: formatDateTime(k.requestedAt, locale) })} ·{' '}
          <span data-testid="consult-due">{translate('lt.consults.due', { date: formatDateTime(k.dueAt, locale) })}</span>
        </Typography>
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', my: 1 }} data-testid="consult-question">
          {k.question}
        </Typography>
        {k.sharedDocumentIds.length > 0 && k.status === 'open' && (
          <Box>
            {k.sharedDocumentIds.map((d) => (
              <Link key={d} component="button" variant="body2" sx={{ mr: 1 }} onClick={() => void open(`/consults/${k.id}/documents/${d}`)}>
                {translate('lt.consults.shared_doc')}: {documentNames.get(d) ?? d.slice(0, 8)}
              </Link>
            ))}
          </Box>
        )}
        {k.files
          .filter((f) => f.side === 'question')
          .map((f) => (
            <Link key={f.id} component="button" variant="body2" sx={{ mr: 1 }} onClick={() => void open(`/consults/${k.id}/files/${f.id}`)}>
              {f.fileName}
            </Link>
          ))}
        {k.status === 'answered' && (
          <Box sx={{ mt: 1, p: 1, bgcolor: 'action.hover', borderRadius: 1 }} data-testid="consult-answer">
            <Typography variant="caption" color="text.secondary" component="div">
              {translate('lt.consults.answered_by', { name: k.answeredByName ?? '', date: formatDateTime(k.answeredAt, locale) })} ·{' '}
              {translate(k.answeredOnTime ? 'lt.consults.on_time' : 'lt.consults.late')}
            </Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
              {k.answer}
            </Typography>
            {k.files
              .filter((f) => f.side === 'answer')
              .map((f) => (
                <Link
                  key={f.id}
                  component="button"
                  variant="body2"
                  sx={{ mr: 1 }}
                  data-testid="consult-answer-file"
                  onClick={() => void open(`/consults/${k.id}/files/${f.id}`)}
                >
                  {f.fileName}
                </Link>
              ))}
          </Box>
        )}
        {k.status === 'withdrawn' && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {translate('lt.consults.withdrawn_reason', { reason: k.withdrawReason ?? '' })}
          </Typography>
        )}
        {k.canAnswer && (
          <Stack spacing={1} sx={{ mt: 2 }}>
            <MuiTextField
              label={translate('lt.consults.answer_label')}
              helperText={translate('lt.consults.answer_hint')}
              multiline
              minRows={3}
              value={answer}
              onChange={(e) => setAnswer(e.target.value)}
              slotProps={{ htmlInput: { maxLength: CONSULT_ANSWER_MAX, 'data-testid': 'consult-answer-input' } }}
            />
            <FilePicker files={files} onChange={setFiles} testId="consult-answer-files" />
            <Box>
              <Button
                variant="contained"
                disabled={busy || answer.trim() === ''}
                data-testid="consult-answer-send"
                onClick={() =>
                  void run(async () => {
                    onChanged(await consultsApi.answer(k.id, answer, files));
                    notify('lt.consults.answered', { type: 'success' });
                  })
                }
              >
                {translate('lt.consults.answer_send')}
              </Button>
            </Box>
          </Stack>
        )}
        {k.canWithdraw &&
          (withdrawing ? (
            <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
              <MuiTextField
                size="small"
                label={translate('lt.consults.withdraw_reason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                slotProps={{ htmlInput: { 'data-testid': 'consult-withdraw-reason' } }}
              />
              <Button
                color="warning"
                disabled={busy || reason.trim() === ''}
                data-testid="consult-withdraw-confirm"
                onClick={() =>
                  void run(async () => {
                    onChanged(await consultsApi.withdraw(k.id, reason));
                    notify('lt.consults.withdrawn_done', { type: 'info' });
                  })
                }
              >
                {translate('lt.consults.withdraw')}
              </Button>
            </Stack>
          ) : (
            <Button size="small" color="warning" sx={{ mt: 1 }} onClick={() => setWithdrawing(true)} data-testid="consult-withdraw">
              {translate('lt.consults.withdraw')}
            </Button>
          ))}
      </CardContent>
    </Card>
  );
}
