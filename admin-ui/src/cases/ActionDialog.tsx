import Button from '@mui/material/Button';
import DialogContentText from '@mui/material/DialogContentText';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MuiTextField from '@mui/material/TextField';
import { useState } from 'react';
import type { ActionRequirement, AvailableAction, CaseDetail } from '@layanan/contracts';
import { useGetList, useTranslate } from 'react-admin';
import { SuggestedAssigneeSelect } from '../leaves/SuggestedAssigneeSelect';
import type { CaseEventInput } from '../providers/dataProvider';

type Inputs = Partial<Record<ActionRequirement, string>>;

interface Option {
  id: string;
  label: string;
}

function UserSelect({ opdId, value, onChange }: { opdId: string; value: string; onChange: (v: string) => void }) {
  const translate = useTranslate();
  const { data = [] } = useGetList<{ id: string; fullName: string; roles: string[] }>('users', {
    filter: { opdId, active: true },
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'fullName', order: 'ASC' },
  });
  const options: Option[] = data.map((u) => ({
    id: u.id,
    label: `${u.fullName} (${u.roles.map((r) => translate(`lt.role.${r}`)).join(', ')})`,
  }));
  return <NativeSelect name="assigneeId" options={options} value={value} onChange={onChange} />;
}

function OpdSelect({ exclude, value, onChange }: { exclude: string; value: string; onChange: (v: string) => void }) {
  const { data = [] } = useGetList<{ id: string; name: string; active: boolean }>('opds', {
    filter: { active: true },
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'name', order: 'ASC' },
  });
  const options = data.filter((o) => o.id !== exclude).map((o) => ({ id: o.id, label: o.name }));
  return <NativeSelect name="opdId" options={options} value={value} onChange={onChange} />;
}

function NativeSelect({
  name,
  options,
  value,
  onChange,
}: {
  name: ActionRequirement;
  options: Option[];
  value: string;
  onChange: (v: string) => void;
}) {
  const translate = useTranslate();
  return (
    <MuiTextField
      select
      required
      fullWidth
      margin="normal"
      label={translate(`lt.action_field.${name}`)}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      slotProps={{ select: { native: true }, htmlInput: { 'data-testid': `action-input-${name}` }, inputLabel: { shrink: true } }}
    >
      <option value="" />
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.label}
        </option>
      ))}
    </MuiTextField>
  );
}

/** Collects exactly the inputs the API says the action requires, then submits the event. */
export function ActionDialog({
  record,
  action,
  busy,
  onCancel,
  onSubmit,
}: {
  record: CaseDetail;
  action: AvailableAction;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (input: CaseEventInput) => void;
}) {
  const translate = useTranslate();
  const [inputs, setInputs] = useState<Inputs>({});
  const set = (key: ActionRequirement) => (value: string) => setInputs((prev) => ({ ...prev, [key]: value }));
  const complete = action.requires.every((key) => (inputs[key] ?? '').trim() !== '');
  const label = translate(`lt.action.${action.type}`, { _: action.type });
  const submit = () => {
    const input: CaseEventInput = { type: action.type, version: record.version };
    for (const key of action.requires) input[key] = (inputs[key] ?? '').trim();
    onSubmit(input);
  };
  return (
    <Dialog open onClose={onCancel} fullWidth maxWidth="sm" data-testid={`action-dialog-${action.type}`}>
      <DialogTitle>{translate('lt.action_dialog.title', { action: label, code: record.trackingCode })}</DialogTitle>
      <DialogContent>
        <DialogContentText data-testid="action-question">
          {translate('lt.action_dialog.question', { action: label.toLowerCase(), code: record.trackingCode, name: record.applicantName })}
        </DialogContentText>
        {action.requires.map((key) => {
          if (key === 'assigneeId') {
            const plain = <UserSelect opdId={record.opdId} value={inputs.assigneeId ?? ''} onChange={set(key)} />;
            return action.type === 'ASSIGN' ? (
              <SuggestedAssigneeSelect key={key} caseId={record.id} value={inputs.assigneeId ?? ''} onChange={set(key)} fallback={plain} />
            ) : (
              <UserSelect key={key} opdId={record.opdId} value={inputs.assigneeId ?? ''} onChange={set(key)} />
            );
          }
          if (key === 'opdId') {
            return <OpdSelect key={key} exclude={record.opdId} value={inputs.opdId ?? ''} onChange={set(key)} />;
          }
          return (
            <MuiTextField
              key={key}
              required
              fullWidth
              multiline
              minRows={3}
              margin="normal"
              label={translate(`lt.action_field.${key}`)}
              value={inputs[key] ?? ''}
              onChange={(e) => set(key)(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': `action-input-${key}`, maxLength: 2000 } }}
            />
          );
        })}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" disabled={busy || !complete} onClick={submit} data-testid="action-confirm">
          {label}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
