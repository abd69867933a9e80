import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useEffect, useState } from 'react';
import type { CaseDocumentView } from '@layanan/contracts';
import { useDataProvider, useTranslate } from 'react-admin';
import { errorCodeOf, errorKey } from '../common/errors';
import type { LayananDataProvider } from '../providers/dataProvider';

/** Fetches the content with the bearer header and keeps it as an object URL while open. */
function useDocumentUrl(caseId: string, doc: CaseDocumentView) {
  const dataProvider = useDataProvider<LayananDataProvider>();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    dataProvider
      .documentContent(caseId, doc.id)
      .then((blob) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(blob.type ? blob : new Blob([blob], { type: doc.contentType }));
        setUrl(objectUrl);
      })
      .catch((e: unknown) => !cancelled && setError(errorKey(errorCodeOf(e))));
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [caseId, doc.id, doc.contentType, dataProvider]);
  return { url, error };
}

export function DocumentViewer({
  caseId,
  doc,
  title,
  onClose,
}: {
  caseId: string;
  doc: CaseDocumentView;
  title: string;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const { url, error } = useDocumentUrl(caseId, doc);
  const isImage = doc.contentType.startsWith('image/');
  const isPdf = doc.contentType === 'application/pdf';
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" data-testid="document-viewer">
      <DialogTitle>
        {title} — {doc.fileName}
      </DialogTitle>
      <DialogContent dividers sx={{ minHeight: '60vh', display: 'flex', justifyContent: 'center' }}>
        {error && <Alert severity="error">{translate(error)}</Alert>}
        {!error && !url && <CircularProgress />}
        {url && isImage && (
          <Box component="img" src={url} alt={doc.fileName} sx={{ maxWidth: '100%', maxHeight: '75vh', objectFit: 'contain' }} />
        )}
        {url && isPdf && <Box component="iframe" src={url} title={doc.fileName} sx={{ width: '100%', height: '75vh', border: 0 }} />}
        {url && !isImage && !isPdf && <Alert severity="info">{translate('lt.case.preview_unavailable')}</Alert>}
      </DialogContent>
      <DialogActions>
        {url && (
          <Button component="a" href={url} download={doc.fileName} data-testid="document-download">
            {translate('lt.case.download')}
          </Button>
        )}
        <Button onClick={onClose}>{translate('ra.action.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
