import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ACTOR_ROLES, decide, type CaseFacts, type WorkflowDefinition } from '@layanan/workflow';
import type { ActorRole } from '@layanan/contracts';
import { useState } from 'react';
import { useLocale, useTranslate } from 'react-admin';
import type { CaseTrail } from './WorkflowDiagram';

export interface SimStep {
  from: string;
  to: string;
  event: string;
  role: ActorRole;
}

export const roleLabel = (role: string, translate: (k: string) => string) =>
  role === 'applicant' || role === 'system' ? translate(`lt.designer.actor.${role}`) : translate(`lt.role.${role}`);

/** Where a simulation stands, as the diagram's trail. */
export function trailOf(initial: string, steps: readonly SimStep[]): CaseTrail {
  const visits: Record<string, number> = { [initial]: 1 };
  const moves = new Set<string>();
  for (const s of steps) {
    visits[s.to] = (visits[s.to] ?? 0) + 1;
    moves.add(`${s.from}>${s.to}`);
  }
  return { current: steps.length ? steps[steps.length - 1].to : initial, visits, moves };
}

/**
 * Plays a draft with the same decide() the API runs: the admin picks a role and a person and
 * sends events; guards see the simulated facts (documents valid or not, who verified and who
 * approved: VERIFY and APPROVE record their sender, as on a real case).
 */
export function Simulator({ def, steps, onSteps }: { def: WorkflowDefinition; steps: SimStep[]; onSteps: (s: SimStep[]) => void }) {
  const translate = useTranslate();
  const lang = useLocale() === 'en' ? 'en' : 'id';
  const [role, setRole] = useState<ActorRole>('verifier');
  const [person, setPerson] = useState<'a' | 'b'>('a');
  const [docsValid, setDocsValid] = useState(true);
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [facts, setFacts] = useState<Pick<CaseFacts, 'verifiedById' | 'approvedById'>>({ verifiedById: null, approvedById: null });
  const current = steps.length ? steps[steps.length - 1].to : def.initial;
  const state = def.states[current];
  const label = (s: string) => def.states[s]?.label[lang] || s;

  const send = (event: string) => {
    const caseFacts: CaseFacts = {
      ...facts,
      assigneeId: null,
      documents: [{ requirementKey: 'berkas', mandatory: true, status: docsValid ? 'valid' : 'pending' }],
    };
    const d = decide(def, current, caseFacts, {
      type: event,
      actor: { id: `person-${person}`, roles: [role], opdId: 'sim' },
      ...(reason.trim() ? { reason, comment: reason, note: reason } : {}),
    });
    if (!d.ok) {
      setRefusal(
        translate(`lt.designer.sim.refused.${d.code}`, { event, guard: d.guard ? translate(`lt.designer.guard.${d.guard}`) : '' }),
      );
      return;
    }
    setRefusal(null);
    if (event === 'VERIFY') setFacts((f) => ({ ...f, verifiedById: `person-${person}` }));
    if (event === 'APPROVE') setFacts((f) => ({ ...f, approvedById: `person-${person}` }));
    onSteps([...steps, { from: d.from, to: d.to, event, role }]);
  };

  return (
    <Box data-testid="simulator">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('lt.designer.sim.intro')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 1 }}>
        <TextField
          select
          size="small"
          label={translate('lt.designer.sim.role')}
          value={role}
          onChange={(e) => setRole(e.target.value as ActorRole)}
          sx={{ minWidth: 180 }}
        >
          {ACTOR_ROLES.map((r) => (
            <MenuItem key={r} value={r}>
              {roleLabel(r, translate)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={translate('lt.designer.sim.person')}
          value={person}
          onChange={(e) => setPerson(e.target.value as 'a' | 'b')}
        >
          <MenuItem value="a">{translate('lt.designer.sim.person_a')}</MenuItem>
          <MenuItem value="b">{translate('lt.designer.sim.person_b')}</MenuItem>
        </TextField>
        <FormControlLabel
          control={<Checkbox checked={docsValid} onChange={(e) => setDocsValid(e.target.checked)} />}
          label={translate('lt.designer.sim.docs_valid')}
        />
      </Box>
      <TextField
        size="small"
        fullWidth
        label={translate('lt.designer.sim.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        sx={{ mb: 1 }}
      />
      <Typography sx={{ fontWeight: 600 }} data-testid="sim-current">
        {translate('lt.designer.sim.current', { state: label(current) })}
      </Typography>
      {state?.final ? (
        <Alert severity="success" sx={{ my: 1 }}>
          {translate('lt.designer.sim.finished')}
        </Alert>
      ) : (
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', my: 1 }}>
          {Object.entries(state?.on ?? {}).map(([event, t]) => (
            <Button
              key={event}
              variant={t.roles.includes(role) ? 'contained' : 'outlined'}
              size="small"
              onClick={() => send(event)}
              data-testid={`sim-send-${event}`}
            >
              {event} → {label(t.target)}
            </Button>
          ))}
        </Box>
      )}
      {refusal && (
        <Alert severity="warning" sx={{ mb: 1 }} data-testid="sim-refusal">
          {refusal}
        </Alert>
      )}
      <Button
        size="small"
        onClick={() => {
          onSteps([]);
          setFacts({ verifiedById: null, approvedById: null });
          setRefusal(null);
        }}
      >
        {translate('lt.designer.sim.reset')}
      </Button>
      {steps.length > 0 && (
        <Box sx={{ mt: 1 }}>
          <Typography variant="subtitle2">{translate('lt.designer.sim.history')}</Typography>
          <Box component="ol" sx={{ m: 0, pl: 3 }}>
            {steps.map((s, i) => (
              <li key={i}>
                <Typography variant="body2">
                  {roleLabel(s.role, translate)}: {s.event} — {label(s.from)} → {label(s.to)}
                </Typography>
              </li>
            ))}
          </Box>
        </Box>
      )}
    </Box>
  );
}
