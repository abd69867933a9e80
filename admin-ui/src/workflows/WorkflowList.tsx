import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { WORKFLOW_KEY_PATTERN, type WorkflowDiffView, type WorkflowVersionView } from '@layanan/workflow';
import { useState } from 'react';
import { Title, useLocale, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router';
import { useAbility } from '../common/useAbility';
import { formatDateTime } from '../common/format';
import { DiffList } from './DiffList';
import { versionLabel, workflowsApi } from './api';
import { useWorkflowError } from './useWorkflowError';

function NewWorkflowDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const fail = useWorkflowError();
  const [key, setKey] = useState('');
  const [nameId, setNameId] = useState('');
  const [nameEn, setNameEn] = useState('');
  const keyOk = WORKFLOW_KEY_PATTERN.test(key);
  const ok = keyOk && nameId.trim().length >= 2 && nameEn.trim().length >= 2;
  const create = () =>
    workflowsApi
      .createDraft({ key, name: { id: nameId.trim(), en: nameEn.trim() } })
      .then((d) => navigate(`/workflow-drafts/${d.id}`))
      .catch(fail);
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{translate('lt.designer.new_workflow')}</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: '8px !important' }}>
        <TextField label={translate('lt.designer.key')} value={key} onChange={(e) => setKey(e.target.value)} error={key !== '' && !keyOk} />
        <TextField label={translate('lt.designer.name_id')} value={nameId} onChange={(e) => setNameId(e.target.value)} />
        <TextField label={translate('lt.designer.name_en')} value={nameEn} onChange={(e) => setNameEn(e.target.value)} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" disabled={!ok} onClick={create}>
          {translate('lt.designer.create')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function Compare({ versions }: { versions: WorkflowVersionView[] }) {
  const translate = useTranslate();
  const lang = useLocale() === 'en' ? 'en' : 'id';
  const [from, setFrom] = useState(versions[0]?.id ?? '');
  const [to, setTo] = useState(versions[versions.length - 1]?.id ?? '');
  const [diff, setDiff] = useState<WorkflowDiffView | null>(null);
  const fail = useWorkflowError();
  return (
    <Box sx={{ mt: 1 }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        {(
          [
            ['from', from, setFrom],
            ['to', to, setTo],
          ] as const
        ).map(([name, value, set]) => (
          <TextField
            key={name}
            select
            size="small"
            label={translate(`lt.designer.diff.${name}`)}
            value={value}
            onChange={(e) => set(e.target.value)}
          >
            {versions.map((v) => (
              <MenuItem key={v.id} value={v.id}>
                {versionLabel(v, lang, translate)}
              </MenuItem>
            ))}
          </TextField>
        ))}
        <Button size="small" onClick={() => workflowsApi.diff(from, to).then(setDiff).catch(fail)}>
          {translate('lt.designer.diff.compare')}
        </Button>
      </Box>
      {diff && (
        <Box sx={{ mt: 1 }}>
          <DiffList changes={diff.changes} />
        </Box>
      )}
    </Box>
  );
}

/** Workflows by key with their versions, drafts in progress, and the way into the designer. */
export default function WorkflowList() {
  const translate = useTranslate();
  const locale = useLocale();
  const lang = locale === 'en' ? 'en' : 'id';
  const navigate = useNavigate();
  const fail = useWorkflowError();
  const ability = useAbility();
  const canEdit = ability?.can('create', 'Workflow') ?? false;
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const versions = useQuery({ queryKey: ['workflows', 'versions'], queryFn: () => workflowsApi.versions() });
  const drafts = useQuery({ queryKey: ['workflows', 'drafts'], queryFn: () => workflowsApi.drafts(), enabled: canEdit });
  const byKey = new Map<string, WorkflowVersionView[]>();
  for (const v of versions.data ?? []) byKey.set(v.key, [...(byKey.get(v.key) ?? []), v]);

  const editFrom = (v: WorkflowVersionView) => {
    const open = drafts.data?.find((d) => d.key === v.key);
    if (open) return navigate(`/workflow-drafts/${open.id}`);
    workflowsApi
      .createDraft({ fromId: v.id })
      .then((d) => {
        void client.invalidateQueries({ queryKey: ['workflows'] });
        navigate(`/workflow-drafts/${d.id}`);
      })
      .catch(fail);
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('lt.designer.title')} />
      {canEdit && (
        <Card sx={{ mb: 2 }}>
          <CardContent>
            <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
              <Typography variant="h6">{translate('lt.designer.drafts')}</Typography>
              <Button variant="contained" onClick={() => setCreating(true)}>
                {translate('lt.designer.new_workflow')}
              </Button>
            </Box>
            {(drafts.data ?? []).length === 0 && <Typography color="text.secondary">{translate('lt.designer.no_drafts')}</Typography>}
            {(drafts.data ?? []).map((d) => (
              <Box key={d.id} sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 1 }} data-testid={`draft-${d.key}`}>
                <Typography sx={{ flex: 1 }}>
                  {translate('lt.designer.draft_of', { name: d.definition.name?.[lang] ?? d.key })} (
                  {d.baseVersion ? translate('lt.designer.based_on', { n: d.baseVersion }) : translate('lt.designer.new_key')})
                </Typography>
                {d.problems.length > 0 && (
                  <Chip size="small" color="error" label={translate('lt.designer.problems.count', { smart_count: d.problems.length })} />
                )}
                <Button onClick={() => navigate(`/workflow-drafts/${d.id}`)}>{translate('lt.designer.open_draft')}</Button>
              </Box>
            ))}
          </CardContent>
        </Card>
      )}
      {[...byKey].map(([key, vs]) => {
        const latest = vs[vs.length - 1];
        return (
          <Card key={key} sx={{ mb: 2 }} data-testid={`workflow-${key}`}>
            <CardContent>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                <Typography variant="h6" sx={{ flex: 1 }}>
                  {latest.label[lang]}
                </Typography>
                {canEdit && <Button onClick={() => editFrom(latest)}>{translate('lt.designer.edit_version')}</Button>}
              </Box>
              {vs.map((v) => (
                <Typography key={v.id} variant="body2" color="text.secondary">
                  {translate('lt.designer.version_n', { n: v.version })} · {translate('lt.designer.published_at')}{' '}
                  {formatDateTime(v.publishedAt, locale)} · {translate('lt.designer.states_count')}:{' '}
                  {Object.keys(v.definition.states).length}
                </Typography>
              ))}
              {vs.length > 1 && <Compare versions={vs} />}
            </CardContent>
          </Card>
        );
      })}
      <NewWorkflowDialog open={creating} onClose={() => setCreating(false)} />
    </Box>
  );
}
