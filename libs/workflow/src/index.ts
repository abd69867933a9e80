export * from './workflow-types';
export { GUARDS, isGuardName } from './guards';
export type { GuardFn } from './guards';
export { createCaseMachine } from './create-case-machine';
export type { CaseMachine } from './create-case-machine';
export { decide, availableEvents, nextRoles, isFinalState, isCompletedState, stateLabel, publicStatus, transitionOf } from './decide';
export {
  validateWorkflowDefinition,
  ACTOR_ROLES,
  REQUIREMENTS,
  CLOCK_MODES,
  RESERVED_EVENTS,
  WORKFLOW_KEY_PATTERN,
  STATE_KEY_PATTERN,
  EVENT_KEY_PATTERN,
} from './validate-workflow-definition';
export { workflowGraphProblems } from './workflow-graph';
export { diffWorkflows } from './workflow-diff';
export type { WorkflowChange, FieldChange } from './workflow-diff';
export { mainPath, publicSteps } from './public-steps';
export type { PublicStep, StepStatus } from './public-steps';
export type { WorkflowProblem, WorkflowProblemCode } from './validate-workflow-definition';
export { OPERATIONAL_ACTIONS, CASEWORK_ROLES, decideOperational, operationalActions, isOperationalAction } from './operational-actions';
export type { OperationalActionType, OperationalActionRule, OperationalCondition, OperationalDecision } from './operational-actions';
export { BUILTIN_WORKFLOWS, STANDARD_WORKFLOW, WITH_HEAD_SIGNATURE_WORKFLOW, WITH_INSPECTION_WORKFLOW } from './builtin-workflows';
export type { WorkflowVersionView, WorkflowDraftView, WorkflowDiffView } from './workflow-api-types';
