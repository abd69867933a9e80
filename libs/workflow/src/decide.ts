import type { AvailableAction, ActorRole } from '@layanan/contracts';
import { transition } from 'xstate';
import { createCaseMachine, type CaseMachine } from './create-case-machine';
import { failedGuard, hasAnyRole, missingField } from './guards';
import type {
  CaseFacts,
  Decision,
  Lang,
  WorkflowActor,
  WorkflowDefinition,
  WorkflowEventInput,
  WorkflowStateDef,
  WorkflowTransitionDef,
} from './workflow-types';

// Definitions are immutable once stored (a change makes a new version), so machines are cached per object.
const machines = new WeakMap<WorkflowDefinition, CaseMachine>();

function machineFor(def: WorkflowDefinition): CaseMachine {
  let machine = machines.get(def);
  if (!machine) {
    machine = createCaseMachine(def);
    machines.set(def, machine);
  }
  return machine;
}

function stateDef(def: WorkflowDefinition, state: string): WorkflowStateDef | undefined {
  return Object.prototype.hasOwnProperty.call(def.states, state) ? def.states[state] : undefined;
}

/**
 * Decides whether `event` moves a case from `state`, and where to. Checks, in order:
 * the state accepts the event at all, the actor's role, required fields, then named guards.
 * The target is computed by XState from a snapshot rebuilt from the stored state.
 */
export function decide(def: WorkflowDefinition, state: string, facts: CaseFacts, event: WorkflowEventInput): Decision {
  const from = stateDef(def, state);
  if (!from) return { ok: false, code: 'UNKNOWN_STATE' };
  const t = from.on && Object.prototype.hasOwnProperty.call(from.on, event.type) ? from.on[event.type] : undefined;
  if (!t) return { ok: false, code: 'NOT_ACCEPTED' };
  if (!hasAnyRole(event.actor.roles, t.roles)) return { ok: false, code: 'ROLE_NOT_ALLOWED' };
  const field = missingField(t.requires, event);
  if (field) return { ok: false, code: 'MISSING_FIELD', field };
  const guard = failedGuard(t, facts, event);
  if (guard) return { ok: false, code: 'GUARD_FAILED', guard };

  const machine = machineFor(def);
  const snapshot = machine.resolveState({ value: state, context: facts });
  const [next] = transition(machine, snapshot, event);
  // Unreachable while the checks above mirror the machine's guard; kept so the two can never disagree silently.
  // A self-loop (a note that keeps the state) changes nothing, so XState hands back the same
  // snapshot: there the machine's own can() says whether the guard let it through.
  if (next === snapshot && (t.target !== state || !snapshot.can(event))) return { ok: false, code: 'GUARD_FAILED' };
  const to = String(next.value);
  const target = stateDef(def, to);
  if (!target) return { ok: false, code: 'UNKNOWN_STATE' };
  return { ok: true, from: state, to, clock: { from: from.clock, to: target.clock }, public: t.public ?? true };
}

/**
 * Workflow events `actor` may send now: role allowed and guards passing. Required fields
 * are listed in `requires` rather than checked, since the form supplies them.
 */
export function availableEvents(def: WorkflowDefinition, state: string, facts: CaseFacts, actor: WorkflowActor): AvailableAction[] {
  const from = stateDef(def, state);
  if (!from) return [];
  return Object.entries(from.on ?? {})
    .filter(([type, t]) => hasAnyRole(actor.roles, t.roles) && !failedGuard(t, facts, { type, actor }))
    .map(([type, t]) => ({ type, requires: [...(t.requires ?? [])], ...(t.issues ? { issues: { signature: t.issues.signature } } : {}) }));
}

/**
 * The roles whose work the case waits on in `state`: those that can send one of its events,
 * side exits (withdrawing on the applicant's behalf) aside. The API stores this on the case
 * row for the queues; claiming and assignment follow it too.
 */
export function nextRoles(def: WorkflowDefinition, state: string): ActorRole[] {
  const roles = new Set<ActorRole>();
  for (const t of Object.values(stateDef(def, state)?.on ?? {})) if (!t.sideExit) t.roles.forEach((r) => roles.add(r));
  return [...roles];
}

/** The transition `event` from `state`, if the definition has one. */
export function transitionOf(def: WorkflowDefinition, state: string, event: string): WorkflowTransitionDef | undefined {
  const on = stateDef(def, state)?.on;
  return on && Object.prototype.hasOwnProperty.call(on, event) ? on[event] : undefined;
}

export function isFinalState(def: WorkflowDefinition, state: string): boolean {
  return stateDef(def, state)?.final === true;
}

/**
 * The service is done for the citizen (issued, collected, rejected in the built-in workflows):
 * the SLA clock has stopped and some transition into the state is real work, not a side exit
 * (withdrawing is the applicant's choice, not a service delivered). The survey opens here.
 */
export function isCompletedState(def: WorkflowDefinition, state: string): boolean {
  if (stateDef(def, state)?.clock !== 'stopped') return false;
  return Object.values(def.states).some((s) => Object.values(s.on ?? {}).some((t) => t.target === state && !t.sideExit));
}

/** Staff label; falls back to the raw state key for a state the definition does not know. */
export function stateLabel(def: WorkflowDefinition, state: string, lang: Lang): string {
  return stateDef(def, state)?.label[lang] ?? state;
}

export function publicStatus(def: WorkflowDefinition, state: string, lang: Lang): { label: string; hint: string | null } {
  const s = stateDef(def, state);
  return { label: s?.publicLabel[lang] ?? state, hint: s?.publicHint?.[lang] ?? null };
}
