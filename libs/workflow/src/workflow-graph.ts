import { getShortestPaths } from '@xstate/graph';
import { createMachine } from 'xstate';
import type { WorkflowDefinition } from './workflow-types';
import type { WorkflowProblem } from './validate-workflow-definition';

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

interface ShapeEvent {
  type: string;
}

/**
 * The definition's shape as a plain XState machine: the same states and targets as the case
 * machine, without guards, so @xstate/graph can walk every transition any role could take.
 * Transitions to unknown states are left out (validateWorkflowDefinition reports them).
 */
function shapeMachine(def: WorkflowDefinition) {
  const states = Object.fromEntries(
    Object.entries(def.states).map(([name, state]) => [
      name,
      {
        ...(state.final ? { type: 'final' as const } : {}),
        on: Object.fromEntries(
          Object.entries(state.on ?? {})
            .filter(([, t]) => typeof t?.target === 'string' && has(def.states, t.target))
            .map(([event, t]) => [event, { target: t.target }]),
        ),
      },
    ]),
  );
  return createMachine({ id: 'shape', initial: def.initial, states, types: { events: {} as ShapeEvent } });
}

/** States reached from `from` (itself included), walking every transition with @xstate/graph. */
function reachedFrom(def: WorkflowDefinition, machine: ReturnType<typeof shapeMachine>, from: string): Set<string> {
  const events = (snapshot: { value: unknown }): ShapeEvent[] =>
    Object.keys(def.states[String(snapshot.value)]?.on ?? {}).map((type) => ({ type }));
  const paths = getShortestPaths(machine, { events, fromState: machine.resolveState({ value: from, context: undefined }) });
  return new Set(paths.map((p) => String(p.state.value)));
}

/**
 * The graph checks: every state can be reached from the initial state, and from every state
 * some terminal state can still be reached (no case can get stuck). Expects the definition's
 * initial state to exist; each problem names its state.
 */
export function workflowGraphProblems(def: WorkflowDefinition): WorkflowProblem[] {
  if (!has(def.states, def.initial)) return [];
  const machine = shapeMachine(def);
  const problems: WorkflowProblem[] = [];
  const reachable = reachedFrom(def, machine, def.initial);
  for (const state of Object.keys(def.states)) {
    if (!reachable.has(state)) {
      problems.push({
        code: 'UNREACHABLE_STATE',
        path: `states.${state}`,
        state,
        message: `state '${state}' cannot be reached from '${def.initial}'`,
      });
    }
  }
  const finals = Object.keys(def.states).filter((s) => def.states[s].final);
  if (finals.length === 0) return problems;
  for (const state of Object.keys(def.states)) {
    if (def.states[state].final) continue;
    const reached = reachedFrom(def, machine, state);
    if (!finals.some((f) => reached.has(f))) {
      problems.push({
        code: 'NO_WAY_TO_END',
        path: `states.${state}`,
        state,
        message: `no final state can be reached from '${state}'`,
      });
    }
  }
  return problems;
}
