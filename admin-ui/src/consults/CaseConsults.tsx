// On the case page: "Pertimbangan Teknis" — the case's consults the caller may read, the ask
// button for the lead OPD's staff who can act on the case (an OPD picker without the case's
// own OPD), and each consult's answer form for the consulted OPD.
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import MuiTextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CONSULT_DEFAULT_WORKING_DAYS,
  CONSULT_MAX_WORKING_DAYS,
  CONSULT_QUESTION_MAX,
  CONSULT_ROLES,
  type CaseDetail,
} from '@layanan/contracts';
import { useState } from 'react';
import { useGetList, useNotify, useRefresh, useTranslate } from 'react-admin';
import { useBusyAction } from '../common/useBusyAction';
import { consultsApi } from './api';
import { ConsultCard, FilePicker } from './ConsultCard';

function AskDialog({ record, onClose, onAsked }: { record: CaseDetail; onClose: () => void; onAsked: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const { busy, run } = useBusyAction();
  const { data: opds = [] } = useGetList<{ id: string; name: string; active: boolean }>('opds', {
    filter: { active: true },
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'name', order: 'ASC' },
  });
  const [opd, setOpd] = useState('');
  const [role, setRole] = useState('');
  const [question, setQuestion] = useState('');
  const [days, setDays] = useState(String(CONSULT_DEFAULT_WORKING_DAYS));
  const [shared, setShared] = useState<string[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const labels = new Map(record.requirements.map((r) => [r.key, r.label]));
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid="consult-ask-dialog">
      <DialogTitle>{translate('lt.consults.ask_title')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('lt.consults.ask_hint')}
        </Typography>
        <Stack spacing={2}>
          <MuiTextField
            select
            label={translate('lt.consults.opd')}
            value={opd}
            onChange={(e) => setOpd(e.target.value)}
            slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'consult-opd' }, inputLabel: { shrink: true } }}
          >
            <option value="" />
            {/* The case's own OPD is not offered: a consult is asked of another OPD. */}
            {opds
              .filter((o) => o.id !== record.opdId)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
          </MuiTextField>
          <MuiTextField select label={translate('lt.consults.role')} value={role} onChange={(e) => setRole(e.target.value)}>
            <MenuItem value="">{translate('lt.consults.role_any')}</MenuItem>
            {CONSULT_ROLES.map((r) => (
              <MenuItem key={r} value={r}>
                {translate(`lt.consults.role_name.${r}`)}
              </MenuItem>
            ))}
          </MuiTextField>
          <MuiTextField
            label={translate('lt.consults.question')}
            multiline
            minRows={3}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            slotProps={{ htmlInput: { maxLength: CONSULT_QUESTION_MAX, 'data-testid': 'consult-question-input' } }}
          />
          <MuiTextField
            type="number"
            label={translate('lt.consults.working_days')}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            slotProps={{ htmlInput: { min: 1, max: CONSULT_MAX_WORKING_DAYS, 'data-testid': 'consult-days' } }}
          />
          {record.documents.length > 0 && (
            <div>
              <Typography variant="body2" color="text.secondary">
                {translate('lt.consults.share')}
              </Typography>
              {record.documents.map((d) => (
                <FormControlLabel
                  key={d.id}
                  control={
                    <Checkbox
                      size="small"
                      checked={shared.includes(d.id)}
                      onChange={(e) => setShared(e.target.checked ? [...shared, d.id] : shared.filter((x) => x !== d.id))}
                    />
                  }
                  label={`${labels.get(d.requirementKey) ?? d.requirementKey} (${d.fileName})`}
                />
              ))}
            </div>
          )}
          <FilePicker files={files} onChange={setFiles} testId="consult-ask-files" />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('lt.consults.cancel')}</Button>
        <Button
          variant="contained"
          disabled={busy || opd === '' || question.trim() === ''}
          data-testid="consult-ask-send"
          onClick={() =>
            void run(async () => {
              await consultsApi.ask(
                record.id,
                { consultedOpdId: opd, consultedRole: role || undefined, question, workingDays: Number(days), sharedDocumentIds: shared },
                files,
              );
              notify('lt.consults.asked', { type: 'success' });
              onAsked();
            })
          }
        >
          {translate('lt.consults.send')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function CaseConsults({ record }: { record: CaseDetail }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const key = ['consults', 'case', record.id];
  const list = useQuery({ queryKey: key, queryFn: () => consultsApi.ofCase(record.id) });
  // Asking is for those who can act on the case, the lead OPD's staff: the API offers them COMMENT (the same rules as act).
  const canAsk = record.slaStatus !== 'done' && record.availableActions.some((a) => a.type === 'COMMENT');
  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: ['cases', record.id, 'events'] });
    refresh();
  };
  const names = new Map(record.documents.map((d) => [d.id, d.fileName]));
  const rows = list.data ?? [];
  return (
    <div data-testid="case-consults">
      {rows.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate('lt.consults.none')}
        </Typography>
      )}
      {rows.map((k) => (
        <ConsultCard key={k.id} consult={k} onChanged={changed} documentNames={names} />
      ))}
      {canAsk && (
        <Button sx={{ mt: 1 }} variant="outlined" onClick={() => setAsking(true)} data-testid="consult-ask">
          {translate('lt.consults.ask')}
        </Button>
      )}
      {asking && (
        <AskDialog
          record={record}
          onClose={() => setAsking(false)}
          onAsked={() => {
            setAsking(false);
            changed();
          }}
        />
      )}
    </div>
  );
}
