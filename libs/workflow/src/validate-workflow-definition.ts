import { ROLES, type ActionRequirement, type ActorRole, type SignatureMode } from '@layanan/contracts';
import { isGuardName } from './guards';
import type { WorkflowDefinition } from './workflow-types';

export type WorkflowProblemCode =
  | 'INITIAL_MISSING'
  | 'UNKNOWN_TARGET'
  | 'UNKNOWN_GUARD'
  | 'UNKNOWN_ROLE'
  | 'UNKNOWN_REQUIREMENT'
  | 'NO_ROLES'
  | 'FINAL_WITH_TRANSITIONS'
  | 'UNREACHABLE_STATE'
  | 'NO_FINAL_STATE'
  | 'ISSUES_INVALID'
  | 'ISSUES_TWICE';

export interface WorkflowProblem {
  code: WorkflowProblemCode;
  /** e.g. 'states.submitted.on.VERIFY.guards' */
  path: string;
  message: string;
}

const ACTOR_ROLES: readonly string[] = [...ROLES, 'applicant', 'system'] satisfies readonly ActorRole[];
const REQUIREMENTS: readonly string[] = ['reason', 'comment', 'assigneeId', 'opdId', 'note'] satisfies ActionRequirement[];

const SIGNATURES: readonly string[] = ['personal', 'seal'] satisfies SignatureMode[];

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Lists every problem in a definition (empty = valid), so bad admin input can be refused with all reasons at once. */
export function validateWorkflowDefinition(def: WorkflowDefinition): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const add = (code: WorkflowProblemCode, path: string, message: string) => problems.push({ code, path, message });

  if (!has(def.states, def.initial)) add('INITIAL_MISSING', 'initial', `initial state '${def.initial}' is not defined`);

  for (const [name, state] of Object.entries(def.states)) {
    const transitions = Object.entries(state.on ?? {});
    if (state.final && transitions.length > 0) {
      add('FINAL_WITH_TRANSITIONS', `states.${name}.on`, `final state '${name}' has outgoing transitions`);
    }
    for (const [event, t] of transitions) {
      const path = `states.${name}.on.${event}`;
      if (!has(def.states, t.target)) add('UNKNOWN_TARGET', `${path}.target`, `target state '${t.target}' is not defined`);
      if (t.roles.length === 0) add('NO_ROLES', `${path}.roles`, `no role may send ${event}`);
      for (const role of t.roles) {
        if (!ACTOR_ROLES.includes(role)) add('UNKNOWN_ROLE', `${path}.roles`, `unknown role '${role}'`);
      }
      for (const guard of t.guards ?? []) {
        if (!isGuardName(guard)) add('UNKNOWN_GUARD', `${path}.guards`, `unknown guard '${guard}'`);
      }
      for (const field of t.requires ?? []) {
        if (!REQUIREMENTS.includes(field)) add('UNKNOWN_REQUIREMENT', `${path}.requires`, `unknown required field '${field}'`);
      }
      if (t.issues !== undefined) {
        if (!SIGNATURES.includes(t.issues?.signature)) {
          add('ISSUES_INVALID', `${path}.issues.signature`, `must be one of ${SIGNATURES.join(', ')}`);
        } else if (t.issues.signature === 'personal' && t.roles.some((r) => r === 'applicant' || r === 'system')) {
          add('ISSUES_INVALID', `${path}.roles`, 'a personally signed document must be issued by staff roles only');
        }
      }
    }
  }
  problems.push(...issuedTwice(def));

  if (!Object.values(def.states).some((s) => s.final)) add('NO_FINAL_STATE', 'states', 'no final state');

  if (has(def.states, def.initial)) {
    const seen = new Set<string>([def.initial]);
    const queue = [def.initial];
    for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
      for (const t of Object.values(def.states[current]?.on ?? {})) {
        if (has(def.states, t.target) && !seen.has(t.target)) {
          seen.add(t.target);
          queue.push(t.target);
        }
      }
    }
    for (const name of Object.keys(def.states)) {
      if (!seen.has(name)) add('UNREACHABLE_STATE', `states.${name}`, `state '${name}' cannot be reached from '${def.initial}'`);
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
