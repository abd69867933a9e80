export * from './workflow-types';
export { GUARDS, isGuardName } from './guards';
export type { GuardFn } from './guards';
export { createCaseMachine } from './create-case-machine';
export type { CaseMachine } from './create-case-machine';
export { decide, availableEvents, nextRoles, isFinalState, stateLabel, publicStatus } from './decide';
export { validateWorkflowDefinition } from './validate-workflow-definition';
export type { WorkflowProblem, WorkflowProblemCode } from './validate-workflow-definition';
export {
  OPERATIONAL_ACTIONS,
  CASEWORK_ROLES,
  decideOperational,
  operationalActions,
  isOperationalAction,
} from './operational-actions';
export type {
  OperationalActionType,
  OperationalActionRule,
  OperationalCondition,
  OperationalDecision,
} from './operational-actions';
export {
  BUILTIN_WORKFLOWS,
  STANDARD_WORKFLOW,
  WITH_HEAD_SIGNATURE_WORKFLOW,
  WITH_INSPECTION_WORKFLOW,
} from './builtin-workflows';
