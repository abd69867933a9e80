import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  ACTOR_ROLES,
  CLOCK_MODES,
  GUARDS,
  type ClockMode,
  type GuardName,
  type WorkflowDefinition,
  type WorkflowLayout,
} from '@layanan/workflow';
import type { ActionRequirement, ActorRole } from '@layanan/contracts';
import { useEffect, useState } from 'react';
import { useLocale, useTranslate } from 'react-admin';
import {
  addState,
  addTransition,
  removeState,
  removeTransition,
  renameState,
  renameTransition,
  updateState,
  updateTransition,
} from './definitionEdits';
import { roleLabel } from './Simulator';

const GUARD_NAMES = Object.keys(GUARDS) as GuardName[];

/** A text field that commits on blur (keys are renamed once, not per keystroke). */
function KeyField({ label, value, onCommit, testId }: { label: string; value: string; onCommit: (v: string) => void; testId: string }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <TextField
      size="small"
      label={label}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => onCommit(draft.trim())}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onCommit(draft.trim());
      }}
      slotProps={{ htmlInput: { 'data-testid': testId } }}
    />
  );
}

export interface DefinitionFormProps {
  def: WorkflowDefinition;
  layout: WorkflowLayout;
  selected: string | null;
  onSelect: (state: string | null) => void;
  onChange: (def: WorkflowDefinition, layout?: WorkflowLayout) => void;
}

/** Form editing of the workflow: its name and initial step, the selected step and its actions. */
export function DefinitionForm({ def, layout, selected, onSelect, onChange }: DefinitionFormProps) {
  const translate = useTranslate();
  const lang = useLocale() === 'en' ? 'en' : 'id';
  const T = (k: string) => translate(`lt.designer.${k}`);
  const state = selected ? def.states[selected] : undefined;
  const stateKeys = Object.keys(def.states);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Box sx={{ display: 'flex', gap: 1 }}>
        <TextField
          size="small"
          label={T('name_id')}
          value={def.name?.id ?? ''}
          onChange={(e) => onChange({ ...def, name: { ...def.name, id: e.target.value } })}
          sx={{ flex: 1 }}
        />
        <TextField
          size="small"
          label={T('name_en')}
          value={def.name?.en ?? ''}
          onChange={(e) => onChange({ ...def, name: { ...def.name, en: e.target.value } })}
          sx={{ flex: 1 }}
        />
      </Box>
      <TextField
        select
        size="small"
        label={T('initial')}
        value={stateKeys.includes(def.initial) ? def.initial : ''}
        onChange={(e) => onChange({ ...def, initial: e.target.value })}
      >
        {stateKeys.map((k) => (
          <MenuItem key={k} value={k}>
            {def.states[k].label?.[lang] || k}
          </MenuItem>
        ))}
      </TextField>
      <Typography variant="subtitle1">{T('state.section')}</Typography>
      <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
        {stateKeys.map((k) => (
          <Button
            key={k}
            size="small"
            variant={k === selected ? 'contained' : 'outlined'}
            color="inherit"
            onClick={() => onSelect(k)}
            data-testid={`state-pick-${k}`}
          >
            {def.states[k].label?.[lang] || k}
          </Button>
        ))}
        <Button
          size="small"
          onClick={() => {
            const { def: next, key } = addState(def);
            onChange(next);
            onSelect(key);
          }}
          data-testid="state-add"
        >
          + {T('state.add')}
        </Button>
      </Box>
      {!state || !selected ? (
        <Typography color="text.secondary">{T('state.select_hint')}</Typography>
      ) : (
        <Paper variant="outlined" sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1.5 }} data-testid="state-editor">
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
            <KeyField
              label={T('state.key')}
              value={selected}
              testId="state-key"
              onCommit={(to) => {
                if (!to || to === selected || to in def.states) return;
                const r = renameState(def, layout, selected, to);
                onChange(r.def, r.layout);
                onSelect(to);
              }}
            />
            <Box sx={{ flex: 1 }} />
            <Button
              color="error"
              size="small"
              onClick={() => {
                onChange(removeState(def, selected));
                onSelect(null);
              }}
            >
              {T('state.remove')}
            </Button>
          </Box>
          {(
            [
              ['label', 'label'],
              ['publicLabel', 'public'],
              ['publicHint', 'hint'],
            ] as const
          ).map(([field, name]) => (
            <Box key={field} sx={{ display: 'flex', gap: 1 }}>
              {(['id', 'en'] as const).map((l) => (
                <TextField
                  key={l}
                  size="small"
                  sx={{ flex: 1 }}
                  label={T(`state.${name}_${l}`)}
                  value={state[field]?.[l] ?? ''}
                  multiline={field === 'publicHint'}
                  onChange={(e) =>
                    onChange(updateState(def, selected, { [field]: { id: '', en: '', ...state[field], [l]: e.target.value } }))
                  }
                />
              ))}
            </Box>
          ))}
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
            <TextField
              select
              size="small"
              label={T('state.clock')}
              value={state.clock}
              onChange={(e) => onChange(updateState(def, selected, { clock: e.target.value as ClockMode }))}
              sx={{ minWidth: 180 }}
            >
              {CLOCK_MODES.map((c) => (
                <MenuItem key={c} value={c}>
                  {T(`clock.${c}`)}
                </MenuItem>
              ))}
            </TextField>
            <FormControlLabel
              control={
                <Switch
                  checked={state.final === true}
                  onChange={(e) =>
                    onChange(updateState(def, selected, e.target.checked ? { final: true, clock: 'stopped' } : { final: false }))
                  }
                />
              }
              label={T('state.final')}
            />
          </Box>
          {!state.final && (
            <>
              <Divider />
              <Typography variant="subtitle2">{T('transition.section')}</Typography>
              {Object.keys(state.on ?? {}).length === 0 && <Typography color="text.secondary">{T('transition.none')}</Typography>}
              {Object.entries(state.on ?? {}).map(([event, t]) => {
                const requires = t.requires ?? [];
                const toggleRequire = (field: ActionRequirement, on: boolean) =>
                  onChange(
                    updateTransition(def, selected, event, { requires: on ? [...requires, field] : requires.filter((r) => r !== field) }),
                  );
                return (
                  <Paper
                    key={event}
                    variant="outlined"
                    sx={{ p: 1, display: 'flex', flexDirection: 'column', gap: 1 }}
                    data-testid={`transition-${event}`}
                  >
                    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
                      <KeyField
                        label={T('transition.event')}
                        value={event}
                        testId={`event-key-${event}`}
                        onCommit={(to) => onChange(renameTransition(def, selected, event, to.toUpperCase()))}
                      />
                      <TextField
                        select
                        size="small"
                        label={T('transition.target')}
                        value={stateKeys.includes(t.target) ? t.target : ''}
                        onChange={(e) => onChange(updateTransition(def, selected, event, { target: e.target.value }))}
                        sx={{ minWidth: 160 }}
                        slotProps={{ htmlInput: { 'data-testid': `event-target-${event}` } }}
                      >
                        {stateKeys.map((k) => (
                          <MenuItem key={k} value={k}>
                            {(def.states[k].label?.[lang] || k) + (k === selected ? ` (${T('transition.self_loop')})` : '')}
                          </MenuItem>
                        ))}
                      </TextField>
                      <Box sx={{ flex: 1 }} />
                      <Button size="small" color="error" onClick={() => onChange(removeTransition(def, selected, event))}>
                        {T('transition.remove')}
                      </Button>
                    </Box>
                    <Typography variant="caption">{T('transition.roles')}</Typography>
                    <FormGroup row>
                      {ACTOR_ROLES.map((r) => (
                        <FormControlLabel
                          key={r}
                          control={
                            <Checkbox
                              size="small"
                              checked={t.roles.includes(r)}
                              onChange={(e) =>
                                onChange(
                                  updateTransition(def, selected, event, {
                                    roles: e.target.checked ? [...t.roles, r] : t.roles.filter((x: ActorRole) => x !== r),
                                  }),
                                )
                              }
                              slotProps={{ input: { 'aria-label': `${event} ${r}` } }}
                            />
                          }
                          label={roleLabel(r, translate)}
                        />
                      ))}
                    </FormGroup>
                    <Typography variant="caption">{T('transition.guards')}</Typography>
                    <FormGroup row>
                      {GUARD_NAMES.map((g) => (
                        <FormControlLabel
                          key={g}
                          control={
                            <Checkbox
                              size="small"
                              checked={(t.guards ?? []).includes(g)}
                              onChange={(e) =>
                                onChange(
                                  updateTransition(def, selected, event, {
                                    guards: e.target.checked ? [...(t.guards ?? []), g] : (t.guards ?? []).filter((x) => x !== g),
                                  }),
                                )
                              }
                            />
                          }
                          label={T(`guard.${g}`)}
                        />
                      ))}
                    </FormGroup>
                    <FormGroup row>
                      <FormControlLabel
                        control={
                          <Checkbox
                            size="small"
                            checked={requires.includes('reason')}
                            onChange={(e) => toggleRequire('reason', e.target.checked)}
                          />
                        }
                        label={T('transition.reason')}
                      />
                      <FormControlLabel
                        control={
                          <Checkbox
                            size="small"
                            checked={requires.includes('comment')}
                            onChange={(e) => toggleRequire('comment', e.target.checked)}
                          />
                        }
                        label={T('transition.comment')}
                      />
                      <FormControlLabel
                        control={
                          <Switch
                            size="small"
                            checked={t.public !== false}
                            onChange={(e) => onChange(updateTransition(def, selected, event, { public: e.target.checked }))}
                          />
                        }
                        label={T('transition.public')}
                      />
                    </FormGroup>
                  </Paper>
                );
              })}
              <Button
                size="small"
                onClick={() => onChange(addTransition(def, selected).def)}
                data-testid="transition-add"
                sx={{ alignSelf: 'flex-start' }}
              >
                + {T('transition.add')}
              </Button>
            </>
          )}
        </Paper>
      )}
    </Box>
  );
}
