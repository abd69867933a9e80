import type { WorkflowDefinition, WorkflowStateDef, WorkflowTransitionDef } from './workflow-types';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export type WorkflowChange =
  | { kind: 'workflow-changed'; changes: FieldChange[] }
  | { kind: 'state-added' | 'state-removed'; state: string }
  | { kind: 'state-changed'; state: string; changes: FieldChange[] }
  | { kind: 'transition-added' | 'transition-removed'; state: string; event: string }
  | { kind: 'transition-changed'; state: string; event: string; changes: FieldChange[] };

const STATE_FIELDS = ['label', 'publicLabel', 'publicHint', 'clock', 'final'] as const satisfies readonly (keyof WorkflowStateDef)[];
const TRANSITION_FIELDS = [
  'target',
  'roles',
  'guards',
  'requires',
  'public',
  'sideExit',
  'issues',
] as const satisfies readonly (keyof WorkflowTransitionDef)[];

// Absent and default values compare equal, so a round trip through the editor is not a change.
const DEFAULTS: Record<string, unknown> = { final: false, public: true, sideExit: false, guards: [], requires: [] };
const norm = (field: string, v: unknown): unknown => (v === undefined ? DEFAULTS[field] : v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function fieldChanges<T extends object>(fields: readonly (keyof T & string)[], a: T, b: T): FieldChange[] {
  return fields.map((field) => ({ field, from: norm(field, a[field]), to: norm(field, b[field]) })).filter((c) => !same(c.from, c.to));
}

const keysOf = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])];

/** What changed from `a` to `b`, state by state and transition by transition, in `b`'s order. */
export function diffWorkflows(a: WorkflowDefinition, b: WorkflowDefinition): WorkflowChange[] {
  const out: WorkflowChange[] = [];
  const top = fieldChanges<WorkflowDefinition>(['name', 'initial'], a, b);
  if (top.length) out.push({ kind: 'workflow-changed', changes: top });
  for (const state of keysOf(b.states, a.states)) {
    const sa = a.states[state];
    const sb = b.states[state];
    if (!sa) {
      out.push({ kind: 'state-added', state });
      for (const event of Object.keys(sb.on ?? {})) out.push({ kind: 'transition-added', state, event });
      continue;
    }
    if (!sb) {
      out.push({ kind: 'state-removed', state });
      continue;
    }
    const changes = fieldChanges(STATE_FIELDS, sa, sb);
    if (changes.length) out.push({ kind: 'state-changed', state, changes });
    const ona = sa.on ?? {};
    const onb = sb.on ?? {};
    for (const event of keysOf(onb, ona)) {
      const ta = ona[event];
      const tb = onb[event];
      if (!ta) out.push({ kind: 'transition-added', state, event });
      else if (!tb) out.push({ kind: 'transition-removed', state, event });
      else {
        const tc = fieldChanges(TRANSITION_FIELDS, ta, tb);
        if (tc.length) out.push({ kind: 'transition-changed', state, event, changes: tc });
      }
    }
  }
  return out;
}
