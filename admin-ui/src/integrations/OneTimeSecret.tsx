import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';

/**
 * A signing secret or API key the API returns exactly once: shown in a dialog with a copy
 * button and the warning that it cannot be shown again (only its hash or ciphertext is kept).
 */
export function OneTimeSecret({ title, value, onClose }: { title: string; value: string | null; onClose: () => void }) {
  const translate = useTranslate();
  return (
    <Dialog open={value !== null} onClose={onClose} maxWidth="sm" fullWidth data-testid="one-time-secret">
      <DialogTitle>{translate(title)}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('lt.integrations.shown_once')}
        </Alert>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography
            component="code"
            sx={{ fontFamily: 'monospace', wordBreak: 'break-all', flex: 1 }}
            data-testid="one-time-secret-value"
          >
            {value}
          </Typography>
          <Tooltip title={translate('lt.integrations.copy')}>
            <IconButton
              aria-label={translate('lt.integrations.copy')}
              onClick={() => void navigator.clipboard?.writeText(value ?? '').catch(() => undefined)}
            >
              <ContentCopyIcon />
            </IconButton>
          </Tooltip>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} variant="contained" data-testid="one-time-secret-close">
          {translate('lt.integrations.secret_saved')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
