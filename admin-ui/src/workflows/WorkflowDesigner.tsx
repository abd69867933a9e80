import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  diffWorkflows,
  validateWorkflowDefinition,
  type WorkflowDefinition,
  type WorkflowLayout,
  type WorkflowProblem,
} from '@layanan/workflow';
import { useEffect, useMemo, useState } from 'react';
import { Confirm, Loading, Title, useLocale, useNotify, useTranslate } from 'react-admin';
import { useNavigate, useParams } from 'react-router';
import { DefinitionForm } from './DefinitionForm';
import { DiffList } from './DiffList';
import { Simulator, trailOf, type SimStep } from './Simulator';
import { WorkflowDiagram } from './WorkflowDiagram';
import { STATE_COLOURS } from './colours';
import { versionLabel, workflowsApi } from './api';
import { useWorkflowError } from './useWorkflowError';

function ProblemList({ problems }: { problems: WorkflowProblem[] }) {
  const translate = useTranslate();
  if (problems.length === 0)
    return (
      <Alert severity="success" data-testid="problems-none">
        {translate('lt.designer.problems.none')}
      </Alert>
    );
  return (
    <Alert severity="error" data-testid="problems">
      <Typography variant="subtitle2">{translate('lt.designer.problems.count', { smart_count: problems.length })}</Typography>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {problems.map((p, i) => (
          <li key={i} data-testid={`problem-${p.code}`}>
            {p.state !== undefined &&
              `${translate(p.event !== undefined ? 'lt.designer.problems.where_event' : 'lt.designer.problems.where_state', { state: p.state, event: p.event })}: `}
            {translate(`lt.designer.problems.code.${p.code}`, { path: p.path })}
          </li>
        ))}
      </Box>
    </Alert>
  );
}

function Legend() {
  const translate = useTranslate();
  const swatch = (bg: string, border: string) => (
    <Box
      component="span"
      sx={{ display: 'inline-block', width: 14, height: 14, bgcolor: bg, border: `2px solid ${border}`, mr: 0.5, verticalAlign: 'middle' }}
    />
  );
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mt: 0.5 }}>
      <Typography variant="caption">
        {swatch(STATE_COLOURS.current.bg, STATE_COLOURS.current.border)}
        {translate('lt.designer.legend.current')}
      </Typography>
      <Typography variant="caption">
        {swatch(STATE_COLOURS.visited.bg, STATE_COLOURS.visited.border)}
        {translate('lt.designer.legend.visited')}
      </Typography>
      <Typography variant="caption">
        {swatch('#fff', STATE_COLOURS.problem)}
        {translate('lt.designer.legend.problem')}
      </Typography>
      <Typography variant="caption">{translate('lt.designer.legend.final')}</Typography>
      <Typography variant="caption">{translate('lt.designer.legend.initial')}</Typography>
    </Box>
  );
}

/** The workflow designer: form editing with live checks and diagram, diff against the base version, simulator, publish. */
export default function WorkflowDesigner() {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const lang = useLocale() === 'en' ? 'en' : 'id';
  const notify = useNotify();
  const navigate = useNavigate();
  const fail = useWorkflowError();
  const client = useQueryClient();
  const loaded = useQuery({ queryKey: ['workflows', 'draft', id], queryFn: () => workflowsApi.draft(id) });
  const [def, setDef] = useState<WorkflowDefinition | null>(null);
  const [layout, setLayout] = useState<WorkflowLayout>({ positions: {} });
  const [revision, setRevision] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<'edit' | 'diff' | 'simulate'>('edit');
  const [steps, setSteps] = useState<SimStep[]>([]);
  const [confirm, setConfirm] = useState<'publish' | 'discard' | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!loaded.data || def) return;
    setDef(loaded.data.definition);
    setLayout(loaded.data.layout?.positions ? loaded.data.layout : { positions: {} });
    setRevision(loaded.data.revision);
    setSelected(loaded.data.definition.initial ?? null);
  }, [loaded.data, def]);

  const key = loaded.data?.key;
  const baseVersion = loaded.data?.baseVersion ?? null;
  const base = useQuery({
    queryKey: ['workflows', 'versions', key],
    queryFn: () => workflowsApi.versions(key),
    enabled: Boolean(key && baseVersion),
  });
  const baseDef = base.data?.find((v) => v.version === baseVersion);

  // The same check the API runs on publish, on every edit.
  const problems = useMemo(() => (def ? validateWorkflowDefinition(def) : []), [def]);
  const problemStates = useMemo(() => new Set(problems.flatMap((p) => (p.state ? [p.state] : []))), [problems]);
  const trail = useMemo(() => (tab === 'simulate' && def ? trailOf(def.initial, steps) : undefined), [tab, def, steps]);

  if (loaded.isPending) return <Loading />;
  if (loaded.error || !def || !loaded.data) return <Alert severity="error">{translate('ra.notification.http_error')}</Alert>;

  const change = (next: WorkflowDefinition, nextLayout?: WorkflowLayout) => {
    setDef(next);
    if (nextLayout) setLayout(nextLayout);
    setDirty(true);
    setSteps([]);
  };

  const save = async (): Promise<number | null> => {
    try {
      const saved = await workflowsApi.saveDraft(id, { definition: def, layout, revision });
      setRevision(saved.revision);
      setDirty(false);
      return saved.revision;
    } catch (e) {
      fail(e);
      return null;
    }
  };

  const publish = async () => {
    setBusy(true);
    const rev = dirty ? await save() : revision;
    if (rev !== null) {
      try {
        const v = await workflowsApi.publish(id, rev);
        notify(translate('lt.designer.published', { n: v.version }), { type: 'success' });
        await client.invalidateQueries({ queryKey: ['workflows'] });
        navigate('/workflows');
      } catch (e) {
        fail(e);
      }
    }
    setBusy(false);
  };

  const discard = async () => {
    try {
      await workflowsApi.discard(id);
      await client.invalidateQueries({ queryKey: ['workflows'] });
      navigate('/workflows');
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Box sx={{ mt: 2 }} data-testid="workflow-designer">
      <Title title={translate('lt.designer.draft_of', { name: def.name?.[lang] || loaded.data.key })} />
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h6" sx={{ flex: 1 }}>
          {translate('lt.designer.draft_of', { name: def.name?.[lang] || loaded.data.key })}{' '}
          <Typography component="span" color="text.secondary">
            ({baseVersion ? translate('lt.designer.based_on', { n: baseVersion }) : translate('lt.designer.new_key')})
          </Typography>
        </Typography>
        {dirty && <Chip size="small" label={translate('lt.designer.unsaved')} />}
        <Button
          onClick={() => void save().then((r) => r !== null && notify('lt.designer.saved', { type: 'info' }))}
          disabled={!dirty || busy}
        >
          {translate('lt.designer.save')}
        </Button>
        <Button variant="contained" onClick={() => setConfirm('publish')} disabled={problems.length > 0 || busy} data-testid="publish">
          {translate('lt.designer.publish')}
        </Button>
        <Button color="error" onClick={() => setConfirm('discard')} disabled={busy}>
          {translate('lt.designer.discard')}
        </Button>
      </Box>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <WorkflowDiagram
            definition={def}
            layout={layout}
            selected={tab === 'edit' ? selected : null}
            problemStates={problemStates}
            trail={trail}
            onSelect={(s) => {
              setSelected(s);
              if (tab !== 'simulate') setTab('edit');
            }}
            onMove={(s, p) => {
              setLayout((l) => ({ positions: { ...l.positions, [s]: p } }));
              setDirty(true);
            }}
            height={520}
          />
          <Legend />
          <Box sx={{ mt: 1 }}>
            <ProblemList problems={problems} />
          </Box>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Card>
            <Tabs value={tab} onChange={(_, v: 'edit' | 'diff' | 'simulate') => setTab(v)}>
              <Tab value="edit" label={translate('lt.designer.tabs.edit')} />
              <Tab value="diff" label={translate('lt.designer.tabs.diff')} />
              <Tab value="simulate" label={translate('lt.designer.tabs.simulate')} data-testid="tab-simulate" />
            </Tabs>
            <CardContent>
              {tab === 'edit' && <DefinitionForm def={def} layout={layout} selected={selected} onSelect={setSelected} onChange={change} />}
              {tab === 'diff' &&
                (baseVersion === null ? (
                  <Typography color="text.secondary">{translate('lt.designer.diff.nothing_to_compare')}</Typography>
                ) : baseDef ? (
                  <>
                    <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                      {translate('lt.designer.diff.against')} {versionLabel(baseDef, lang, translate)}
                    </Typography>
                    <DiffList changes={diffWorkflows(baseDef.definition, def)} />
                  </>
                ) : null)}
              {tab === 'simulate' &&
                (problems.length > 0 ? (
                  <Alert severity="warning">{translate('lt.designer.sim.invalid')}</Alert>
                ) : (
                  <Simulator def={def} steps={steps} onSteps={setSteps} />
                ))}
            </CardContent>
          </Card>
        </Grid>
      </Grid>
      <Confirm
        isOpen={confirm === 'publish'}
        title="lt.designer.publish"
        content="lt.designer.publish_confirm"
        onConfirm={() => {
          setConfirm(null);
          void publish();
        }}
        onClose={() => setConfirm(null)}
      />
      <Confirm
        isOpen={confirm === 'discard'}
        title="lt.designer.discard"
        content="lt.designer.discard_confirm"
        onConfirm={() => {
          setConfirm(null);
          void discard();
        }}
        onClose={() => setConfirm(null)}
      />
    </Box>
  );
}
