import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { AvailableAction, CaseDetail } from '@layanan/contracts';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { isConflict, useNotifyError } from '../common/errors';
import type { CaseEventInput, LayananDataProvider } from '../providers/dataProvider';
import { SigningDialog } from '../issuance/SigningDialog';
import { ActionDialog } from './ActionDialog';

const PRIMARY = new Set(['VERIFY', 'APPROVE', 'ISSUE', 'SIGN', 'COLLECT', 'RESUBMIT', 'CLAIM', 'INSPECT']);
const DANGER = new Set(['REJECT', 'WITHDRAW']);
const CAUTION = new Set(['RETURN', 'SEND_BACK', 'RELEASE']);
/** Decisions that are not undone by a click: asked before they are sent, even when they need no input. */
export const CONFIRMED = new Set(['APPROVE', 'REJECT', 'ISSUE']);

/** Sends a case event; a 409 says who won the race and reloads the record. */
export function useCaseEvent(record: CaseDetail) {
  const dataProvider = useDataProvider<LayananDataProvider>();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const send = async (input: CaseEventInput): Promise<boolean> => {
    setBusy(true);
    try {
      await dataProvider.caseEvent(record.id, input);
      notify('lt.case.done', {
        type: 'success',
        messageArgs: { action: translate(`lt.action.${input.type}`, { _: input.type }) },
      });
      return true;
    } catch (error) {
      notifyError(error);
      return isConflict(error);
    } finally {
      setBusy(false);
      refresh();
    }
  };
  return { send, busy };
}

/**
 * One button per `availableActions` entry, nothing else: the API decides what this user
 * may do now. Document upload/check entries open their own tools in the requirements panel.
 */
export function CaseActions({
  record,
  onUpload,
  onCheckDocuments,
}: {
  record: CaseDetail;
  onUpload: () => void;
  onCheckDocuments: () => void;
}) {
  const translate = useTranslate();
  const { send, busy } = useCaseEvent(record);
  const [dialog, setDialog] = useState<AvailableAction | null>(null);
  const [issuing, setIssuing] = useState<AvailableAction | null>(null);
  const click = (action: AvailableAction) => {
    if (action.issues) return setIssuing(action);
    if (action.type === 'UPLOAD_DOCUMENT') return onUpload();
    if (action.type === 'CHECK_DOCUMENT') return onCheckDocuments();
    if (action.requires.length > 0 || CONFIRMED.has(action.type)) return setDialog(action);
    void send({ type: action.type, version: record.version });
  };
  if (record.availableActions.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="no-actions">
        {translate('lt.case.no_actions')}
      </Typography>
    );
  }
  return (
    <>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="case-actions">
        {record.availableActions.map((action) => (
          <Button
            key={action.type}
            data-testid={`action-${action.type}`}
            disabled={busy}
            onClick={() => click(action)}
            variant={PRIMARY.has(action.type) ? 'contained' : 'outlined'}
            color={DANGER.has(action.type) ? 'error' : CAUTION.has(action.type) ? 'warning' : 'primary'}
          >
            {translate(`lt.action.${action.type}`, { _: action.type })}
          </Button>
        ))}
      </Stack>
      {issuing && <SigningDialog record={record} action={issuing} onClose={() => setIssuing(null)} />}
      {dialog && (
        <ActionDialog
          record={record}
          action={dialog}
          busy={busy}
          onCancel={() => setDialog(null)}
          onSubmit={(input) => {
            // Close on success and on conflict (the record has been reloaded); keep the
            // typed text on other errors so the user can correct and retry.
            void send(input).then((closes) => {
              if (closes) setDialog(null);
            });
          }}
        />
      )}
    </>
  );
}
