import { ROLES, type ActionRequirement, type ActorRole, type SignatureMode } from '@layanan/contracts';
import { isGuardName } from './guards';
import type { OperationalActionType } from './operational-actions';
import { workflowGraphProblems } from './workflow-graph';
import type { ClockMode, WorkflowDefinition } from './workflow-types';

export type WorkflowProblemCode =
  | 'SHAPE_INVALID'
  | 'KEY_INVALID'
  | 'NAME_MISSING'
  | 'STATE_KEY_INVALID'
  | 'EVENT_KEY_INVALID'
  | 'EVENT_RESERVED'
  | 'LABEL_MISSING'
  | 'PUBLIC_LABEL_MISSING'
  | 'CLOCK_INVALID'
  | 'FINAL_CLOCK_RUNNING'
  | 'INITIAL_MISSING'
  | 'UNKNOWN_TARGET'
  | 'UNKNOWN_GUARD'
  | 'UNKNOWN_ROLE'
  | 'UNKNOWN_REQUIREMENT'
  | 'NO_ROLES'
  | 'FINAL_WITH_TRANSITIONS'
  | 'UNREACHABLE_STATE'
  | 'NO_WAY_TO_END'
  | 'NO_FINAL_STATE'
  | 'ISSUES_INVALID'
  | 'ISSUES_TWICE';

export interface WorkflowProblem {
  code: WorkflowProblemCode;
  /** e.g. 'states.submitted.on.VERIFY.guards' */
  path: string;
  /** The state the problem concerns (the source state for a transition's problem). */
  state?: string;
  /** The event the problem concerns. */
  event?: string;
  message: string;
}

export const ACTOR_ROLES: readonly ActorRole[] = [...ROLES, 'applicant', 'system'];
export const REQUIREMENTS: readonly ActionRequirement[] = ['reason', 'comment', 'assigneeId', 'opdId', 'note'];
export const CLOCK_MODES: readonly ClockMode[] = ['running', 'paused', 'stopped'];
const SIGNATURES: readonly string[] = ['personal', 'seal'] satisfies SignatureMode[];

/** Event names the case log already uses for intake and for actions outside the workflow. */
export const RESERVED_EVENTS: readonly string[] = [
  'SUBMIT',
  'ESCALATE',
  'REVOKE_DOCUMENT',
  'CORRECT_DOCUMENT',
  // Consults between OPDs (pertimbangan teknis) write these to the case log.
  'CONSULT_REQUESTED',
  'CONSULT_ANSWERED',
  'CONSULT_WITHDRAWN',
  'CONSULT_REMINDED',
  'CONSULT_ESCALATED',
  ...(['CLAIM', 'ASSIGN', 'RELEASE', 'TRANSFER', 'COMMENT', 'UPLOAD_DOCUMENT', 'CHECK_DOCUMENT'] satisfies OperationalActionType[]),
];

export const WORKFLOW_KEY_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;
export const STATE_KEY_PATTERN = /^[a-z][a-zA-Z0-9_]{0,39}$/;
export const EVENT_KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,39}$/;

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';
const isLocalized = (v: unknown): boolean => isObject(v) && isText(v.id) && isText(v.en);
const isStringArray = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Lists every problem in a definition (empty = valid), so bad admin input can be refused with
 * all reasons at once, each naming its state and event. Takes any JSON: a draft being edited
 * may be incomplete. Shape problems come first; the graph checks (@xstate/graph) run once the
 * definition has the shape of a WorkflowDefinition.
 */
export function validateWorkflowDefinition(raw: unknown): WorkflowProblem[] {
  const problems = shapeProblems(raw);
  if (problems.length > 0 || !isWorkflowShape(raw)) return problems;
  const def = raw;
  const add = (code: WorkflowProblemCode, path: string, message: string, at: { state?: string; event?: string } = {}) =>
    problems.push({ code, path, ...at, message });

  if (!WORKFLOW_KEY_PATTERN.test(def.key)) add('KEY_INVALID', 'key', 'must be 2-40 lowercase letters, digits or dashes');
  if (!isLocalized(def.name)) add('NAME_MISSING', 'name', 'needs an Indonesian and an English name');
  if (!has(def.states, def.initial)) add('INITIAL_MISSING', 'initial', `initial state '${def.initial}' is not defined`);

  for (const [name, state] of Object.entries(def.states)) {
    const at = { state: name };
    if (!STATE_KEY_PATTERN.test(name))
      add('STATE_KEY_INVALID', `states.${name}`, `state key '${name}' must be camelCase letters and digits`, at);
    if (!isLocalized(state.label))
      add('LABEL_MISSING', `states.${name}.label`, `state '${name}' needs an Indonesian and an English label`, at);
    if (!isLocalized(state.publicLabel)) {
      add('PUBLIC_LABEL_MISSING', `states.${name}.publicLabel`, `state '${name}' needs the label citizens see, in both languages`, at);
    }
    if (!CLOCK_MODES.includes(state.clock)) add('CLOCK_INVALID', `states.${name}.clock`, `must be one of ${CLOCK_MODES.join(', ')}`, at);
    else if (state.final && state.clock !== 'stopped') {
      add('FINAL_CLOCK_RUNNING', `states.${name}.clock`, `final state '${name}' must stop the SLA clock`, at);
    }
    const transitions = Object.entries(state.on ?? {});
    if (state.final && transitions.length > 0) {
      add('FINAL_WITH_TRANSITIONS', `states.${name}.on`, `final state '${name}' has outgoing transitions`, at);
    }
    for (const [event, t] of transitions) {
      const path = `states.${name}.on.${event}`;
      const here = { state: name, event };
      if (!EVENT_KEY_PATTERN.test(event)) add('EVENT_KEY_INVALID', path, `event '${event}' must be UPPER_CASE letters and digits`, here);
      else if (RESERVED_EVENTS.includes(event))
        add('EVENT_RESERVED', path, `event '${event}' is reserved for actions outside the workflow`, here);
      if (!has(def.states, t.target)) add('UNKNOWN_TARGET', `${path}.target`, `target state '${t.target}' is not defined`, here);
      if (t.roles.length === 0) add('NO_ROLES', `${path}.roles`, `no role may send ${event}`, here);
      for (const role of t.roles) {
        if (!ACTOR_ROLES.includes(role)) add('UNKNOWN_ROLE', `${path}.roles`, `unknown role '${role}'`, here);
      }
      for (const guard of t.guards ?? []) {
        if (!isGuardName(guard)) add('UNKNOWN_GUARD', `${path}.guards`, `unknown guard '${String(guard)}'`, here);
      }
      for (const field of t.requires ?? []) {
        if (!REQUIREMENTS.includes(field)) add('UNKNOWN_REQUIREMENT', `${path}.requires`, `unknown required field '${field}'`, here);
      }
      if (t.issues !== undefined) {
        if (!SIGNATURES.includes(t.issues?.signature)) {
          add('ISSUES_INVALID', `${path}.issues.signature`, `must be one of ${SIGNATURES.join(', ')}`, here);
        } else if (t.issues.signature === 'personal' && t.roles.some((r) => r === 'applicant' || r === 'system')) {
          add('ISSUES_INVALID', `${path}.roles`, 'a personally signed document must be issued by staff roles only', here);
        }
      }
    }
  }
  problems.push(...issuedTwice(def));

  if (!Object.values(def.states).some((s) => s.final)) add('NO_FINAL_STATE', 'states', 'no final state');
  problems.push(...workflowGraphProblems(def));
  return problems;
}

function isWorkflowShape(raw: unknown): raw is WorkflowDefinition {
  return isObject(raw) && isObject(raw.states) && typeof raw.initial === 'string' && typeof raw.key === 'string';
}

/** What JSON must look like before the rules can be read: types of every field, nothing else. */
function shapeProblems(raw: unknown): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const bad = (path: string, message: string, at: { state?: string; event?: string } = {}) =>
    problems.push({ code: 'SHAPE_INVALID', path, ...at, message });
  if (!isObject(raw)) {
    bad('', 'must be an object with key, name, initial and states');
    return problems;
  }
  if (typeof raw.key !== 'string') bad('key', 'must be a string');
  if (raw.version !== undefined && !(Number.isInteger(raw.version) && Number(raw.version) >= 1))
    bad('version', 'must be a positive integer');
  if (!isObject(raw.name)) bad('name', 'must be an object {id, en}');
  if (typeof raw.initial !== 'string') bad('initial', 'must be a state key');
  if (!isObject(raw.states) || Object.keys(raw.states).length === 0) {
    bad('states', 'must be an object with at least one state');
    return problems;
  }
  for (const [name, state] of Object.entries(raw.states)) {
    const at = { state: name };
    const p = `states.${name}`;
    if (!isObject(state)) {
      bad(p, 'must be an object', at);
      continue;
    }
    if (!isObject(state.label)) bad(`${p}.label`, 'must be an object {id, en}', at);
    if (!isObject(state.publicLabel)) bad(`${p}.publicLabel`, 'must be an object {id, en}', at);
    if (state.publicHint !== undefined && !isObject(state.publicHint)) bad(`${p}.publicHint`, 'must be an object {id, en}', at);
    if (typeof state.clock !== 'string') bad(`${p}.clock`, `must be one of ${CLOCK_MODES.join(', ')}`, at);
    if (state.final !== undefined && typeof state.final !== 'boolean') bad(`${p}.final`, 'must be true or false', at);
    if (state.on === undefined) continue;
    if (!isObject(state.on)) {
      bad(`${p}.on`, 'must be an object of transitions by event', at);
      continue;
    }
    for (const [event, t] of Object.entries(state.on)) {
      const tp = `${p}.on.${event}`;
      const here = { state: name, event };
      if (!isObject(t)) {
        bad(tp, 'must be an object', here);
        continue;
      }
      if (typeof t.target !== 'string') bad(`${tp}.target`, 'must be a state key', here);
      if (!isStringArray(t.roles)) bad(`${tp}.roles`, 'must be a list of roles', here);
      for (const list of ['guards', 'requires'] as const) {
        if (t[list] !== undefined && !isStringArray(t[list])) bad(`${tp}.${list}`, 'must be a list of names', here);
      }
      for (const flag of ['public', 'sideExit'] as const) {
        if (t[flag] !== undefined && typeof t[flag] !== 'boolean') bad(`${tp}.${flag}`, 'must be true or false', here);
      }
      if (t.issues !== undefined && !isObject(t.issues)) bad(`${tp}.issues`, 'must be an object {signature}', here);
    }
  }
  return problems;
}

/** A case gets one document from its workflow: no issuing transition may be reachable after another one. */
function issuedTwice(def: WorkflowDefinition): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  for (const [name, state] of Object.entries(def.states)) {
    for (const [event, t] of Object.entries(state.on ?? {})) {
      if (!t.issues || !has(def.states, t.target)) continue;
      const seen = new Set<string>([t.target]);
      const queue = [t.target];
      for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
        for (const [nextEvent, next] of Object.entries(def.states[current]?.on ?? {})) {
          if (next.issues) {
            problems.push({
              code: 'ISSUES_TWICE',
              path: `states.${current}.on.${nextEvent}.issues`,
              state: current,
              event: nextEvent,
              message: `issues a second document after states.${name}.on.${event} already issued one`,
            });
          }
          if (has(def.states, next.target) && !seen.has(next.target)) {
            seen.add(next.target);
            queue.push(next.target);
          }
        }
      }
    }
  }
  return problems.filter((p, i) => problems.findIndex((q) => q.path === p.path) === i);
}
