import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { FieldChange, WorkflowChange } from '@layanan/workflow';
import { useTranslate } from 'react-admin';

const show = (v: unknown): string => {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'object' && v !== null && 'id' in v && 'en' in v)
    return `${String((v as { id: unknown }).id)} / ${String((v as { en: unknown }).en)}`;
  if (Array.isArray(v)) return v.length ? v.join(', ') : '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
};

function Changes({ changes }: { changes: FieldChange[] }) {
  return (
    <Box component="ul" sx={{ m: 0, pl: 3 }}>
      {changes.map((c) => (
        <li key={c.field}>
          <Typography variant="body2">
            <b>{c.field}</b>: <s>{show(c.from)}</s> → {show(c.to)}
          </Typography>
        </li>
      ))}
    </Box>
  );
}

const COLOURS: Record<WorkflowChange['kind'], string> = {
  'workflow-changed': 'text.primary',
  'state-added': 'success.dark',
  'transition-added': 'success.dark',
  'state-removed': 'error.dark',
  'transition-removed': 'error.dark',
  'state-changed': 'text.primary',
  'transition-changed': 'text.primary',
};

/** The changes between two workflow definitions, as diffWorkflows lists them. */
export function DiffList({ changes }: { changes: WorkflowChange[] }) {
  const translate = useTranslate();
  if (changes.length === 0) return <Typography data-testid="diff-none">{translate('lt.designer.diff.none')}</Typography>;
  return (
    <Box data-testid="diff-list">
      {changes.map((c, i) => (
        <Box key={i} sx={{ mb: 1 }}>
          <Typography variant="body2" sx={{ color: COLOURS[c.kind], fontWeight: 600 }}>
            {translate(`lt.designer.diff.${c.kind}`)}
            {'state' in c ? `: ${c.state}` : ''}
            {'event' in c ? ` → ${c.event}` : ''}
          </Typography>
          {'changes' in c && <Changes changes={c.changes} />}
        </Box>
      ))}
    </Box>
  );
}
