import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import MuiTextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { CaseDetail, CaseDocumentView, RequirementView } from '@layanan/contracts';
import { useDataProvider, useLocale, useNotify, useRefresh, useTranslate } from 'react-admin';
import { useNotifyError } from '../common/errors';
import { formatBytes, formatDateTime } from '../common/format';
import type { LayananDataProvider } from '../providers/dataProvider';
import { DocumentViewer } from './DocumentViewer';

const STATUS_COLOR = { pending: 'default', valid: 'success', invalid: 'error' } as const;

/** The newest upload per requirement (a re-upload replaces the earlier one). */
function latestByRequirement(documents: CaseDocumentView[]): Map<string, CaseDocumentView> {
  const out = new Map<string, CaseDocumentView>();
  for (const doc of documents) {
    const prev = out.get(doc.requirementKey);
    if (!prev || prev.uploadedAt < doc.uploadedAt) out.set(doc.requirementKey, doc);
  }
  return out;
}

export function RequirementsPanel({ record, onUpload }: { record: CaseDetail; onUpload: (key: string) => void }) {
  const translate = useTranslate();
  const locale = useLocale();
  const dataProvider = useDataProvider<LayananDataProvider>();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const refresh = useRefresh();
  const [viewing, setViewing] = useState<{ doc: CaseDocumentView; label: string } | null>(null);
  const [rejecting, setRejecting] = useState<{ doc: CaseDocumentView; req: RequirementView } | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const types = new Set(record.availableActions.map((a) => a.type));
  const canCheck = types.has('CHECK_DOCUMENT');
  const canUpload = types.has('UPLOAD_DOCUMENT');
  const docs = latestByRequirement(record.documents);

  const check = async (doc: CaseDocumentView, status: 'valid' | 'invalid', checkNote?: string) => {
    setBusy(true);
    try {
      await dataProvider.checkDocument(record.id, doc.id, { status, note: checkNote || undefined });
      notify('lt.case.doc_checked', { type: 'success' });
      setRejecting(null);
      setNote('');
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
      refresh();
    }
  };

  return (
    <>
      <Table size="small" data-testid="requirements">
        <TableHead>
          <TableRow>
            <TableCell>{translate('lt.case.requirements')}</TableCell>
            <TableCell>{translate('lt.case.upload_file')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {record.requirements.map((req) => {
            const doc = docs.get(req.key);
            return (
              <TableRow key={req.key} data-testid={`requirement-${req.key}`}>
                <TableCell sx={{ verticalAlign: 'top', maxWidth: 320 }}>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {req.label}
                  </Typography>
                  <Stack direction="row" spacing={0.5} useFlexGap sx={{ mt: 0.5, flexWrap: 'wrap' }}>
                    <Chip size="small" variant="outlined" label={translate(req.mandatory ? 'lt.case.mandatory' : 'lt.case.optional')} />
                    {req.condition && (
                      <Chip size="small" variant="outlined" label={translate('lt.case.conditional', { condition: req.condition })} />
                    )}
                  </Stack>
                  {req.description && (
                    <Typography variant="caption" color="text.secondary">
                      {req.description}
                    </Typography>
                  )}
                </TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>
                  {req.kind === 'field' ? (
                    <Typography variant="body2" color="text.secondary">
                      {translate('lt.case.field_requirement')}
                    </Typography>
                  ) : doc ? (
                    <>
                      <Typography variant="body2">{doc.fileName}</Typography>
                      <Typography variant="caption" color="text.secondary" component="div">
                        {formatBytes(doc.size)} · {formatDateTime(doc.uploadedAt, locale)}
                      </Typography>
                      <Chip
                        size="small"
                        color={STATUS_COLOR[doc.status]}
                        label={translate(`lt.case.doc_status.${doc.status}`)}
                        data-testid={`doc-status-${req.key}`}
                        sx={{ mt: 0.5 }}
                      />
                      {doc.note && (
                        <Typography variant="caption" component="div" sx={{ mt: 0.5 }}>
                          {doc.note}
                        </Typography>
                      )}
                    </>
                  ) : (
                    <Typography variant="body2" color="text.secondary" data-testid={`doc-missing-${req.key}`}>
                      {translate('lt.case.no_document')}
                    </Typography>
                  )}
                </TableCell>
                <TableCell sx={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                  <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', justifyContent: 'flex-end' }}>
                    {doc && (
                      <Button size="small" onClick={() => setViewing({ doc, label: req.label })} data-testid={`doc-view-${req.key}`}>
                        {translate('lt.case.preview')}
                      </Button>
                    )}
                    {doc && canCheck && (
                      <>
                        <Button
                          size="small"
                          color="success"
                          variant={doc.status === 'valid' ? 'contained' : 'outlined'}
                          disabled={busy}
                          onClick={() => void check(doc, 'valid')}
                          data-testid={`doc-valid-${req.key}`}
                        >
                          {translate('lt.case.doc_valid')}
                        </Button>
                        <Button
                          size="small"
                          color="error"
                          variant={doc.status === 'invalid' ? 'contained' : 'outlined'}
                          disabled={busy}
                          onClick={() => {
                            setNote(doc.note ?? '');
                            setRejecting({ doc, req });
                          }}
                          data-testid={`doc-invalid-${req.key}`}
                        >
                          {translate('lt.case.doc_invalid')}
                        </Button>
                      </>
                    )}
                    {req.kind === 'document' && canUpload && (
                      <Button size="small" onClick={() => onUpload(req.key)} data-testid={`doc-upload-${req.key}`}>
                        {translate('lt.case.upload')}
                      </Button>
                    )}
                  </Stack>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {viewing && <DocumentViewer caseId={record.id} doc={viewing.doc} title={viewing.label} onClose={() => setViewing(null)} />}
      {rejecting && (
        <Dialog open onClose={() => setRejecting(null)} fullWidth maxWidth="sm" data-testid="doc-invalid-dialog">
          <DialogTitle>{translate('lt.case.doc_invalid_title', { label: rejecting.req.label })}</DialogTitle>
          <DialogContent>
            <MuiTextField
              autoFocus
              required
              fullWidth
              multiline
              minRows={2}
              margin="normal"
              label={translate('lt.case.doc_note')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': `doc-note-${rejecting.req.key}` } }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setRejecting(null)}>{translate('ra.action.cancel')}</Button>
            <Button
              variant="contained"
              color="error"
              disabled={busy || !note.trim()}
              onClick={() => void check(rejecting.doc, 'invalid', note.trim())}
              data-testid="doc-invalid-confirm"
            >
              {translate('lt.case.doc_invalid')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
}
