import { setup } from 'xstate';
import { transitionAllowed } from './guards';
import { validateWorkflowDefinition } from './validate-workflow-definition';
import type { CaseFacts, WorkflowDefinition, WorkflowEventInput, WorkflowTransitionDef } from './workflow-types';

const caseMachineSetup = setup({
  types: {
    context: {} as CaseFacts,
    events: {} as WorkflowEventInput,
    input: {} as CaseFacts,
  },
  guards: {
    // One parameterised guard per transition, so `snapshot.can(event)` checks everything.
    transitionAllowed: ({ context, event }, params: WorkflowTransitionDef) => transitionAllowed(params, context, event),
  },
});

export type CaseMachine = ReturnType<typeof createCaseMachine>;

/** Builds the XState machine for a workflow definition (context = CaseFacts); throws if the definition is invalid. */
export function createCaseMachine(def: WorkflowDefinition) {
  const problems = validateWorkflowDefinition(def);
  if (problems.length > 0) {
    throw new Error(`invalid workflow ${def.key}@v${def.version}: ${problems.map((p) => p.message).join('; ')}`);
  }
  const states = Object.fromEntries(
    Object.entries(def.states).map(([name, state]) => [
      name,
      {
        ...(state.final ? { type: 'final' as const } : {}),
        meta: { label: state.label, publicLabel: state.publicLabel, clock: state.clock },
        on: Object.fromEntries(
          Object.entries(state.on ?? {}).map(([eventType, t]) => [
            eventType,
            { target: t.target, guard: { type: 'transitionAllowed' as const, params: t } },
          ]),
        ),
      },
    ]),
  );
  return caseMachineSetup.createMachine({
    id: `${def.key}@v${def.version}`,
    initial: def.initial,
    context: ({ input }) => input,
    states,
  });
}
