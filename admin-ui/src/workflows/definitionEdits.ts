// Pure edits of a workflow definition in the designer; every one returns a new definition.
import type { WorkflowDefinition, WorkflowLayout, WorkflowStateDef, WorkflowTransitionDef } from '@layanan/workflow';

const unique = (base: string, taken: (k: string) => boolean): string => {
  for (let i = 2; ; i++) if (!taken(`${base}${i}`)) return `${base}${i}`;
};

export function addState(def: WorkflowDefinition): { def: WorkflowDefinition; key: string } {
  const key = unique('step', (k) => k in def.states);
  const state: WorkflowStateDef = { label: { id: '', en: '' }, publicLabel: { id: '', en: '' }, clock: 'running' };
  return { def: { ...def, states: { ...def.states, [key]: state } }, key };
}

export function updateState(def: WorkflowDefinition, key: string, patch: Partial<WorkflowStateDef>): WorkflowDefinition {
  const next: WorkflowStateDef = { ...def.states[key], ...patch };
  if (patch.final === true) delete next.on;
  if (next.publicHint && !next.publicHint.id && !next.publicHint.en) delete next.publicHint;
  return { ...def, states: { ...def.states, [key]: next } };
}

/** Removes a state and every transition into it. */
export function removeState(def: WorkflowDefinition, key: string): WorkflowDefinition {
  const states = Object.fromEntries(
    Object.entries(def.states)
      .filter(([k]) => k !== key)
      .map(([k, s]) => [k, s.on ? { ...s, on: Object.fromEntries(Object.entries(s.on).filter(([, t]) => t.target !== key)) } : s]),
  );
  return { ...def, states, initial: def.initial === key ? (Object.keys(states)[0] ?? '') : def.initial };
}

/** Renames a state's key everywhere: targets, the initial state, and the layout. */
export function renameState(
  def: WorkflowDefinition,
  layout: WorkflowLayout,
  from: string,
  to: string,
): { def: WorkflowDefinition; layout: WorkflowLayout } {
  if (from === to || to in def.states) return { def, layout };
  const states = Object.fromEntries(
    Object.entries(def.states).map(([k, s]) => [
      k === from ? to : k,
      s.on ? { ...s, on: Object.fromEntries(Object.entries(s.on).map(([e, t]) => [e, t.target === from ? { ...t, target: to } : t])) } : s,
    ]),
  );
  const positions = Object.fromEntries(Object.entries(layout.positions).map(([k, p]) => [k === from ? to : k, p]));
  return { def: { ...def, states, initial: def.initial === from ? to : def.initial }, layout: { positions } };
}

export function addTransition(def: WorkflowDefinition, state: string): { def: WorkflowDefinition; event: string } {
  const on = def.states[state].on ?? {};
  const event = unique('ACTION', (e) => e in on);
  const target = Object.keys(def.states).find((k) => k !== state) ?? state;
  const t: WorkflowTransitionDef = { target, roles: [] };
  return { def: updateState(def, state, { on: { ...on, [event]: t } }), event };
}

export function updateTransition(
  def: WorkflowDefinition,
  state: string,
  event: string,
  patch: Partial<WorkflowTransitionDef>,
): WorkflowDefinition {
  const on = def.states[state].on ?? {};
  const next: WorkflowTransitionDef = { ...on[event], ...patch };
  for (const list of ['guards', 'requires'] as const) if (next[list]?.length === 0) delete next[list];
  if (next.public === true) delete next.public;
  return updateState(def, state, { on: { ...on, [event]: next } });
}

/** Renames an event, keeping its place in the state's list. */
export function renameTransition(def: WorkflowDefinition, state: string, from: string, to: string): WorkflowDefinition {
  const on = def.states[state].on ?? {};
  if (from === to || to in on || to === '') return def;
  return updateState(def, state, { on: Object.fromEntries(Object.entries(on).map(([e, t]) => [e === from ? to : e, t])) });
}

export function removeTransition(def: WorkflowDefinition, state: string, event: string): WorkflowDefinition {
  const on = { ...(def.states[state].on ?? {}) };
  delete on[event];
  return updateState(def, state, { on });
}
